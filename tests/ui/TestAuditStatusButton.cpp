// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The console's "Verify audit trail" button shows the verdict of the keyed chain.
#include "app/ops/LocalOperationsService.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"
#include "ui/common/AuditStatusButton.h"

#include <QSignalSpy>
#include <QTest>

using namespace Interlock;

class TestAuditStatusButton : public QObject
{
    Q_OBJECT
private slots:
    void showsIntactThenBroken()
    {
        Test::TempJournal tmp;
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        for (int i = 0; i < 3; ++i) {
            AuditEntry a;
            a.at = 1000 + i;
            a.actor = QStringLiteral("ann");
            a.role = QStringLiteral("admin");
            a.action = QStringLiteral("mapping.put");
            QVERIFY(store.appendAudit(a).has_value());
        }
        Config::EngineConfig cfg;
        cfg.journalPath = tmp.path();
        Ops::LocalOperationsService service(cfg);
        QVERIFY(service.open().has_value());
        Ui::AuditStatusButton button(&service);
        QSignalSpy status(&button, &Ui::AuditStatusButton::statusMessage);
        QTest::mouseClick(&button, Qt::LeftButton);
        QCOMPARE(button.text(), QStringLiteral("Audit trail intact (3)"));
        QCOMPARE(status.size(), 1);
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("UPDATE audit SET actor = 'eve' WHERE id = 2")));
        QCOMPARE(button.verify(), QStringLiteral("Audit trail broken at entry 2"));
        QVERIFY(button.toolTip().contains(QStringLiteral("HMAC")));
    }
};

QTEST_MAIN(TestAuditStatusButton)
#include "TestAuditStatusButton.moc"

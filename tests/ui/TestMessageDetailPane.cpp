// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The detail pane shows a message's edits (edit-and-resubmit) as line diffs from the audit trail.
#include "ui/transactions/MessageDetailPane.h"

#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

using namespace Interlock;

class TestMessageDetailPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsEachEditAsADiff()
    {
        Ui::MessageDetailPane pane;
        Ops::MessageDetail d;
        d.message.id = 42;
        d.message.state = MessageState::Ready;
        d.message.flow = Flow::PartsConsumption;
        d.message.targetPayload = R"({"Material":"MAT-200","Quantity":"3"})";
        AuditEntry replay;
        replay.at = 1000;
        replay.actor = QStringLiteral("ana");
        replay.role = QStringLiteral("supervisor");
        replay.action = QStringLiteral("message.replay");
        replay.before = QStringLiteral("stuck");
        replay.after = QStringLiteral("ready");
        AuditEntry edit;
        edit.at = 2000;
        edit.actor = QStringLiteral("ben <script>");
        edit.role = QStringLiteral("integration");
        edit.action = QStringLiteral("message.resubmit");
        edit.before = QStringLiteral(R"({"Material":"MAT-100","Quantity":"3"})");
        edit.after = QStringLiteral(R"({"Material":"MAT-200","Quantity":"3"})");
        edit.note = QStringLiteral("material was superseded & renamed");
        d.audit = { replay, edit };
        pane.showDetail(d);

        auto* tabs = pane.findChild<QTabWidget*>(QStringLiteral("historyTabs"));
        auto* audit = pane.findChild<QTableWidget*>(QStringLiteral("auditTable"));
        auto* edits = pane.findChild<QTextBrowser*>(QStringLiteral("editsView"));
        QVERIFY(tabs && audit && edits);
        QCOMPARE(tabs->tabText(2), QStringLiteral("Edits (1)"));
        QCOMPARE(audit->item(0, 4)->text(), QStringLiteral("stuck → ready"));
        QCOMPARE(audit->item(1, 4)->text(), QStringLiteral("payload edited: +1 −1 lines (see Edits)"));
        const QString text = edits->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("−     \"Material\": \"MAT-100\",")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("+     \"Material\": \"MAT-200\",")));
        QVERIFY(text.contains(QStringLiteral("\"Quantity\": \"3\"")));
        QVERIFY(text.contains(QStringLiteral("ben <script> (integration)"))); // escaped, shown as text
        QVERIFY(text.contains(QStringLiteral("material was superseded & renamed")));
    }

    void saysWhenThereAreNoEdits()
    {
        Ui::MessageDetailPane pane;
        Ops::MessageDetail d;
        d.message.id = 7;
        pane.showDetail(d);
        auto* tabs = pane.findChild<QTabWidget*>(QStringLiteral("historyTabs"));
        QCOMPARE(tabs->tabText(2), QStringLiteral("Edits (0)"));
        QVERIFY(pane.findChild<QTextBrowser*>(QStringLiteral("editsView"))
                    ->toPlainText()
                    .startsWith(QStringLiteral("No edits")));
    }
};

QTEST_MAIN(TestMessageDetailPane)
#include "TestMessageDetailPane.moc"

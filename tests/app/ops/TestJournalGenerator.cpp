// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/EngineCommands.h"
#include "app/ops/JournalGenerator.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"

#include <QSqlQuery>
#include <QTest>

using namespace Interlock;
using namespace Interlock::Ops;

class TestJournalGenerator : public QObject
{
    Q_OBJECT

    static qint64 scalar(Journal::JournalStore& store, const QString& sql)
    {
        QSqlQuery q(store.database());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

private Q_SLOTS:
    void writesARealisticJournal()
    {
        Test::TempJournal tmp;
        GeneratorOptions o;
        o.rows = 6000;
        o.seed = 42;
        o.endAt = 1'780'000'000'000;
        o.days = 3;
        o.rowsPerTransaction = 1000;
        qint64 lastProgress = 0;
        o.progress = [&lastProgress](qint64 done, qint64) { lastProgress = done; };
        auto report = JournalGenerator::generate(tmp.path(), o);
        QVERIFY2(report.has_value(), report ? "" : qPrintable(report.error().summary()));
        QCOMPARE(report->messages, 6000);
        QCOMPARE(lastProgress, 6000);
        QCOMPARE(report->firstId, 1);
        QCOMPARE(report->lastId, 6000);

        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        QCOMPARE(*store.count({}), 6000);
        // the state mix: mostly posted, some stuck, blocked, resolved, cancelled
        const qint64 posted = report->states.value(QStringLiteral("posted"));
        QVERIFY2(posted > 5400 && posted < 5900, qPrintable(QString::number(posted)));
        for (const char* s : { "stuck", "blocked", "resolved", "cancelled", "superseded" })
            QVERIFY2(report->states.value(QString::fromLatin1(s)) > 0, s);
        QCOMPARE(scalar(store, QStringLiteral("SELECT COUNT(*) FROM message WHERE state = 'posted'")), posted);
        // three plants, both flows
        QCOMPARE(scalar(store, QStringLiteral("SELECT COUNT(DISTINCT plant) FROM message")), 3);
        QCOMPARE(scalar(store, QStringLiteral("SELECT COUNT(DISTINCT flow) FROM message")), 2);
        // posted messages have a document and at least one attempt; blocked ones a mapping to wait for
        QCOMPARE(scalar(store,
                     QStringLiteral("SELECT COUNT(*) FROM message m WHERE state = 'posted' AND (target_ref IS NULL OR "
                                    "posted_at IS NULL OR NOT EXISTS (SELECT 1 FROM attempt a WHERE a.message_id = "
                                    "m.id AND a.http_status IN (201, 204)))")),
            0);
        QCOMPARE(scalar(store,
                     QStringLiteral("SELECT COUNT(*) FROM message WHERE state = 'blocked' AND (blocked_domain IS "
                                    "NULL OR blocked_value IS NULL OR error_class <> 'MissingMapping')")),
            0);
        QVERIFY(scalar(store,
                    QStringLiteral("SELECT COUNT(*) FROM message WHERE state = 'stuck' AND error_text LIKE "
                                   "'%is being processed by user%'"))
                + scalar(store, QStringLiteral("SELECT COUNT(*) FROM message WHERE error_code = 'M7/021'"))
            > 0);
        QCOMPARE(scalar(store, QStringLiteral("SELECT COUNT(*) FROM attempt")), report->attempts);
        QVERIFY(report->attempts >= posted);
        // event times over the days asked for, ending at endAt
        QVERIFY(scalar(store, QStringLiteral("SELECT MIN(event_at) FROM message")) >= o.endAt - 3LL * 86'400'000);
        QVERIFY(scalar(store, QStringLiteral("SELECT MAX(event_at) FROM message")) <= o.endAt);
        QVERIFY(scalar(store, QStringLiteral("SELECT MAX(event_at) - MIN(event_at) FROM message")) > 2LL * 86'400'000);
        // order per business key: seq 1..n without gaps
        QCOMPARE(scalar(store,
                     QStringLiteral("SELECT COUNT(*) FROM (SELECT business_key FROM message GROUP BY business_key "
                                    "HAVING MAX(seq) <> COUNT(*))")),
            0);
        // people's actions are in the audit trail, and the chain verifies
        QVERIFY(report->auditEntries > 0);
        QCOMPARE(scalar(store, QStringLiteral("SELECT COUNT(*) FROM audit")), report->auditEntries);
        QCOMPARE(scalar(store,
                     QStringLiteral("SELECT COUNT(*) FROM message m WHERE state = 'resolved' AND NOT "
                                    "EXISTS (SELECT 1 FROM audit a WHERE a.message_ids = CAST(m.id AS "
                                    "TEXT) AND a.action = 'message.resolve')")),
            0);
        QCOMPARE(*store.verifyAudit(), 0);
        // the store reads the rows back
        auto page = store.page({}, 0, 10);
        QVERIFY(page.has_value());
        QCOMPARE(page->size(), 10);
        QCOMPARE(page->first().id, 6000);
        QVERIFY(!page->first().sourcePayload.isEmpty());
    }

    void sameSeedSameJournal()
    {
        Test::TempJournal a;
        Test::TempJournal b;
        GeneratorOptions o;
        o.rows = 500;
        o.endAt = 1'780'000'000'000;
        QVERIFY(JournalGenerator::generate(a.path(), o).has_value());
        QVERIFY(JournalGenerator::generate(b.path(), o).has_value());
        Journal::JournalStore sa;
        Journal::JournalStore sb;
        QVERIFY(sa.openSqlite(a.path()).has_value());
        QVERIFY(sb.openSqlite(b.path()).has_value());
        const auto pa = *sa.page({}, 0, 500);
        const auto pb = *sb.page({}, 0, 500);
        QCOMPARE(pa.size(), pb.size());
        for (qsizetype i = 0; i < pa.size(); ++i) {
            QCOMPARE(pa.at(i).sourcePayload, pb.at(i).sourcePayload);
            QCOMPARE(pa.at(i).state, pb.at(i).state);
        }
    }

    void refusesANonEmptyJournalUnlessAppending()
    {
        Test::TempJournal tmp;
        GeneratorOptions o;
        o.rows = 300;
        QVERIFY(JournalGenerator::generate(tmp.path(), o).has_value());
        auto again = JournalGenerator::generate(tmp.path(), o);
        QVERIFY(!again.has_value());
        QCOMPARE(again.error().code, QStringLiteral("JOURNAL_NOT_EMPTY"));
        o.append = true;
        o.seed = 7;
        auto more = JournalGenerator::generate(tmp.path(), o);
        QVERIFY2(more.has_value(), more ? "" : qPrintable(more.error().summary()));
        QCOMPARE(more->firstId, 301);
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        QCOMPARE(*store.count({}), 600);
        QCOMPARE(*store.verifyAudit(), 0); // the appended entries continue the chain
    }

    void engineCommand()
    {
        Test::TempJournal tmp;
        const QString exe = QStringLiteral("interlock-engine");
        QCOMPARE(EngineCommands::main({ exe, QStringLiteral("generate"), QStringLiteral("--journal"), tmp.path(),
                     QStringLiteral("--rows"), QStringLiteral("400"), QStringLiteral("--plants"),
                     QStringLiteral("ALPHA,beta"), QStringLiteral("--days"), QStringLiteral("2"),
                     QStringLiteral("--seed"), QStringLiteral("9") }),
            0);
        // a second run without --append refuses and leaves the journal as it was
        QCOMPARE(EngineCommands::main({ exe, QStringLiteral("generate"), QStringLiteral("--journal"), tmp.path(),
                     QStringLiteral("--rows"), QStringLiteral("10") }),
            1);
        QCOMPARE(EngineCommands::main({ exe, QStringLiteral("generate"), QStringLiteral("--journal"), tmp.path(),
                     QStringLiteral("--rows"), QStringLiteral("0") }),
            3);
        QCOMPARE(EngineCommands::main({ exe, QStringLiteral("audit"), QStringLiteral("verify"),
                     QStringLiteral("--journal"), tmp.path() }),
            0);
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        QCOMPARE(*store.count({}), 400);
        QCOMPARE(scalar(store, QStringLiteral("SELECT COUNT(*) FROM message WHERE plant NOT IN ('ALPHA', 'BETA')")), 0);
    }
};

QTEST_GUILESS_MAIN(TestJournalGenerator)
#include "TestJournalGenerator.moc"

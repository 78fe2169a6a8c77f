// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/BulkAction.h"

#include <QSignalSpy>
#include <QTest>

using namespace Interlock;
using Interlock::Ops::BulkAction;

namespace {
QList<qint64> range(qint64 n)
{
    QList<qint64> ids;
    for (qint64 i = 1; i <= n; ++i)
        ids << i;
    return ids;
}
} // namespace

/// BulkAction without a journal: chunking, progress, cancel between chunks, errors.
class TestBulkAction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsEveryChunkInOrder()
    {
        QList<QList<qint64>> chunks;
        BulkAction bulk(
            range(1000),
            [&chunks](const QList<qint64>& c) -> Result<int> {
                chunks << c;
                return static_cast<int>(c.size()) - 1; // one per chunk "in a state that does not allow it"
            },
            250);
        QSignalSpy progress(&bulk, &BulkAction::progress);
        QSignalSpy finished(&bulk, &BulkAction::finished);
        bulk.start();
        // the first chunk runs inside start(); the rest after returning to the event loop
        QCOMPARE(chunks.size(), 1);
        QVERIFY(bulk.isRunning());
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(chunks.size(), 4);
        QList<qint64> all;
        for (const auto& c : std::as_const(chunks)) {
            QCOMPARE(c.size(), 250);
            all << c;
        }
        QCOMPARE(all, range(1000));
        QCOMPARE(progress.size(), 4);
        QCOMPARE(progress.at(1).at(0).toInt(), 500);
        QCOMPARE(progress.at(1).at(1).toInt(), 1000);
        QCOMPARE(progress.last().at(2).toInt(), 996);
        QCOMPARE(bulk.applied(), 996);
        QCOMPARE(bulk.processed(), 1000);
        QCOMPARE(bulk.chunksApplied(), 4);
        QVERIFY(!bulk.wasCancelled());
        QVERIFY(!bulk.error());
        QVERIFY(!bulk.isRunning());
    }

    void smallRunFinishesInsideStart()
    {
        int calls = 0;
        BulkAction bulk(range(7), [&calls](const QList<qint64>& c) -> Result<int> {
            ++calls;
            return static_cast<int>(c.size());
        });
        QSignalSpy finished(&bulk, &BulkAction::finished);
        bulk.start();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(calls, 1);
        QCOMPARE(bulk.applied(), 7);
        bulk.cancel(); // after the end: no effect
        QVERIFY(!bulk.wasCancelled());
        QCOMPARE(finished.size(), 1);
    }

    void cancelStopsAfterTheCurrentChunk()
    {
        QList<QList<qint64>> chunks;
        BulkAction bulk(
            range(1000),
            [&chunks](const QList<qint64>& c) -> Result<int> {
                chunks << c;
                return static_cast<int>(c.size());
            },
            100);
        // cancel as the second chunk reports: it stays applied, no third chunk starts
        connect(&bulk, &BulkAction::progress, &bulk, [&bulk](int done, int, int) {
            if (done == 200)
                bulk.cancel();
        });
        QSignalSpy finished(&bulk, &BulkAction::finished);
        bulk.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(chunks.size(), 2);
        QCOMPARE(bulk.applied(), 200);
        QCOMPARE(bulk.processed(), 200);
        QVERIFY(bulk.wasCancelled());
        QCOMPARE(finished.size(), 1);
        QTest::qWait(20);
        QCOMPARE(chunks.size(), 2);
    }

    void cancelBeforeStartRunsNothing()
    {
        int calls = 0;
        BulkAction bulk(range(10), [&calls](const QList<qint64>&) -> Result<int> {
            ++calls;
            return 0;
        });
        QSignalSpy finished(&bulk, &BulkAction::finished);
        bulk.cancel();
        bulk.start();
        QCOMPARE(calls, 0);
        QCOMPARE(finished.size(), 1);
        QVERIFY(bulk.wasCancelled());
    }

    void failedChunkStopsAndKeepsEarlierChunks()
    {
        int calls = 0;
        BulkAction bulk(
            range(50),
            [&calls](const QList<qint64>& c) -> Result<int> {
                if (++calls == 3)
                    return fail(ErrorClass::Transient, QStringLiteral("SQL"), QStringLiteral("database is locked"));
                return static_cast<int>(c.size());
            },
            10);
        QSignalSpy finished(&bulk, &BulkAction::finished);
        bulk.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(calls, 3);
        QCOMPARE(bulk.applied(), 20);
        QCOMPARE(bulk.processed(), 20);
        QVERIFY(bulk.error().has_value());
        QCOMPARE(bulk.error()->code, QStringLiteral("SQL"));
        QVERIFY(!bulk.wasCancelled());
    }
};

QTEST_GUILESS_MAIN(TestBulkAction)
#include "TestBulkAction.moc"

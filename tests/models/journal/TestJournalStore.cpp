// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"

#include <QSqlQuery>
#include <QTest>

using namespace Interlock;
using namespace Interlock::Journal;

namespace {
SourceChange change(const QString& key, const QString& businessKey, qint64 eventAt = 1000,
    const QString& flow = Flow::WorkOrder, const QString& plant = QStringLiteral("BEDFORD"))
{
    SourceChange c;
    c.flow = flow;
    c.operation = QStringLiteral("upsert");
    c.plant = plant;
    c.sourceSystem = QStringLiteral("maximo");
    c.targetSystem = QStringLiteral("sap");
    c.businessKey = businessKey;
    c.idempotencyKey = key;
    c.payload = R"({"wonum":"1"})";
    c.eventAtMs = eventAt;
    return c;
}

TransitionRequest move(qint64 id, MessageState from, MessageState to)
{
    TransitionRequest t;
    t.messageId = id;
    t.from = from;
    t.to = to;
    return t;
}
} // namespace

class TestJournalStore : public QObject
{
    Q_OBJECT
    std::unique_ptr<Test::TempJournal> m_tmp;
    std::unique_ptr<JournalStore> m_store;

    QList<qint64> idsInState(MessageState s)
    {
        QList<qint64> out;
        for (const auto& m : m_store->messagesInState(s, 1000).value())
            out << m.id;
        return out;
    }

    void readyAll()
    {
        QList<TransitionRequest> t;
        for (qint64 id : idsInState(MessageState::Received))
            t << move(id, MessageState::Received, MessageState::Ready);
        QVERIFY(m_store->apply(t, 2000).has_value());
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<Test::TempJournal>();
        m_store = std::make_unique<JournalStore>();
        QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
    }
    void cleanup()
    {
        m_store.reset();
        m_tmp.reset();
    }

    void opensInWalModeAtCurrentVersion()
    {
        QCOMPARE(m_store->schemaVersion(), 6);
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        // reopening does not migrate twice
        JournalStore again;
        QVERIFY(again.openSqlite(m_tmp->path()).has_value());
        QCOMPARE(again.schemaVersion(), 6);
    }

    void ingestIsIdempotentAndMovesWatermarkInTheSameTransaction()
    {
        auto r = m_store->ingest({ change(QStringLiteral("k1"), QStringLiteral("S/1")),
                                     change(QStringLiteral("k2"), QStringLiteral("S/1")) },
            QStringLiteral("maximo"), QStringLiteral("BEDFORD"), QStringLiteral("2026-01-01T00:00:00+00:00"), 1500);
        QVERIFY(r.has_value());
        QCOMPARE(r->inserted, 2);
        // the same source change read again is the same message
        r = m_store->ingest({ change(QStringLiteral("k2"), QStringLiteral("S/1")),
                                change(QStringLiteral("k3"), QStringLiteral("S/1")) },
            QStringLiteral("maximo"), QStringLiteral("BEDFORD"), QStringLiteral("2026-01-01T00:00:05+00:00"), 1600);
        QCOMPARE(r->inserted, 1);
        QCOMPARE(r->duplicates, 1);
        QCOMPARE(m_store->count({}).value(), 3);
        QCOMPARE(m_store->watermark(QStringLiteral("maximo"), QStringLiteral("BEDFORD")).value(),
            QStringLiteral("2026-01-01T00:00:05+00:00"));
        // sequence numbers per business key, in ingest order
        const auto msgs = m_store->messagesInState(MessageState::Received, 10).value();
        QCOMPARE(msgs.size(), 3);
        QCOMPARE(msgs.at(0).seq, 1);
        QCOMPARE(msgs.at(2).seq, 3);
    }

    void failedIngestLeavesWatermarkAlone()
    {
        QVERIFY(m_store
                    ->ingest({ change(QStringLiteral("k1"), QStringLiteral("S/1")) }, QStringLiteral("maximo"),
                        QStringLiteral("BEDFORD"), QStringLiteral("W1"), 1)
                    .has_value());
        // a reader holding the write lock makes the next ingest fail: nothing of it may stick
        JournalStore other;
        QVERIFY(other.openSqlite(m_tmp->path()).has_value());
        QSqlQuery lock(other.database());
        QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        QSqlQuery shortWait(m_store->database());
        QVERIFY(shortWait.exec(QStringLiteral("PRAGMA busy_timeout = 50")));
        auto r = m_store->ingest({ change(QStringLiteral("k2"), QStringLiteral("S/2")) }, QStringLiteral("maximo"),
            QStringLiteral("BEDFORD"), QStringLiteral("W2"), 2);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().errorClass, ErrorClass::Transient);
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(m_store->watermark(QStringLiteral("maximo"), QStringLiteral("BEDFORD")).value(), QStringLiteral("W1"));
        QCOMPARE(m_store->count({}).value(), 1);
    }

    void claimKeepsBusinessKeyOrder()
    {
        QVERIFY(m_store
                    ->ingest({ change(QStringLiteral("a1"), QStringLiteral("S/A")),
                                 change(QStringLiteral("a2"), QStringLiteral("S/A")),
                                 change(QStringLiteral("b1"), QStringLiteral("S/B")) },
                        {}, {}, {}, 1)
                    .has_value());
        readyAll();
        auto first = m_store->claim(QStringLiteral("e1"), QStringLiteral("BEDFORD"), 10, 30'000, 3000).value();
        // a2 waits for a1; b1 runs beside a1
        QCOMPARE(first.size(), 2);
        QStringList keys;
        for (const auto& m : first) {
            keys << m.idempotencyKey;
            QCOMPARE(m.state, MessageState::InFlight);
            QCOMPARE(m.attempts, 1);
            QCOMPARE(m.leaseOwner, QStringLiteral("e1"));
        }
        keys.sort();
        QCOMPARE(keys, (QStringList { QStringLiteral("a1"), QStringLiteral("b1") }));
        QVERIFY(m_store->claim(QStringLiteral("e1"), QStringLiteral("BEDFORD"), 10, 30'000, 3000).value().isEmpty());
        // a1 fails transiently: a2 still waits
        const qint64 a1 = first.at(0).idempotencyKey == QLatin1String("a1") ? first.at(0).id : first.at(1).id;
        auto t = move(a1, MessageState::InFlight, MessageState::Retrying);
        t.nextAttemptAt = 5000;
        t.error = Error { ErrorClass::Transient, QStringLiteral("HTTP503"), QStringLiteral("down"), 503, {} };
        Attempt at;
        at.startedAt = 3000;
        at.httpStatus = 503;
        at.errorClass = ErrorClass::Transient;
        t.attempt = at;
        QCOMPARE(m_store->apply({ t }, 3100).value(), QList<qint64> { a1 });
        QVERIFY(m_store->claim(QStringLiteral("e1"), QStringLiteral("BEDFORD"), 10, 30'000, 4000).value().isEmpty());
        // due again: a1 comes back, still alone for its key
        auto again = m_store->claim(QStringLiteral("e1"), QStringLiteral("BEDFORD"), 10, 30'000, 5000).value();
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.at(0).id, a1);
        QCOMPARE(again.at(0).attempts, 2);
        auto posted = move(a1, MessageState::InFlight, MessageState::Posted);
        posted.targetRef = QStringLiteral("4000001");
        QVERIFY(m_store->apply({ posted }, 5100).has_value());
        auto next = m_store->claim(QStringLiteral("e1"), QStringLiteral("BEDFORD"), 10, 30'000, 5200).value();
        QCOMPARE(next.size(), 1);
        QCOMPARE(next.at(0).idempotencyKey, QStringLiteral("a2"));
        QCOMPARE(m_store->postedRef(QStringLiteral("S/A"), Flow::WorkOrder).value(), QStringLiteral("4000001"));
        const auto attempts = m_store->attempts(a1).value();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.at(0).httpStatus, 503);
        const auto m = m_store->message(a1).value();
        QCOMPARE(m.state, MessageState::Posted);
        QCOMPARE(m.postedAt, 5100);
        QVERIFY(m.errorCode.isEmpty() || m.errorClass == ErrorClass::Transient); // error kept unless cleared
    }

    void illegalAndStaleTransitionsAreRefused()
    {
        QVERIFY(m_store->ingest({ change(QStringLiteral("k"), QStringLiteral("S/1")) }, {}, {}, {}, 1).has_value());
        const qint64 id = idsInState(MessageState::Received).value(0);
        // received -> posted is illegal
        QVERIFY(m_store->apply({ move(id, MessageState::Received, MessageState::Posted) }, 2).value().isEmpty());
        // ready -> in_flight claimed as from "ready" while it is "received": stale, skipped
        QVERIFY(m_store->apply({ move(id, MessageState::Ready, MessageState::InFlight) }, 2).value().isEmpty());
        QCOMPARE(m_store->message(id).value().state, MessageState::Received);
        QCOMPARE(m_store->apply({ move(id, MessageState::Received, MessageState::Ready) }, 3).value().size(), 1);
    }

    void transitionAttemptAndAuditCommitTogether()
    {
        QVERIFY(m_store->ingest({ change(QStringLiteral("k"), QStringLiteral("S/1")) }, {}, {}, {}, 1).has_value());
        const qint64 id = idsInState(MessageState::Received).value(0);
        auto t = move(id, MessageState::Received, MessageState::Stuck);
        t.error = Error { ErrorClass::Validation, QStringLiteral("FIELD_QUANTITY"), QStringLiteral("bad"), 0, {} };
        AuditEntry a;
        a.at = 5;
        a.actor = QStringLiteral("alice");
        a.role = QStringLiteral("supervisor");
        a.action = QStringLiteral("message.park");
        a.messageIds = QString::number(id);
        t.audit = a;
        Attempt at;
        at.startedAt = 5;
        t.attempt = at;
        // the audit insert fails (table renamed away): the state change must roll back with it
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE audit RENAME TO audit_gone")));
        QVERIFY(!m_store->apply({ t }, 6).has_value());
        QCOMPARE(m_store->message(id).value().state, MessageState::Received);
        QVERIFY(m_store->attempts(id).value().isEmpty());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE audit_gone RENAME TO audit")));
        QCOMPARE(m_store->apply({ t }, 6).value().size(), 1);
        QCOMPARE(m_store->message(id).value().state, MessageState::Stuck);
        QCOMPARE(m_store->attempts(id).value().size(), 1);
        QCOMPARE(m_store->audit(id).value().size(), 1);
    }

    void writesInOneTransactionCommitTogetherOrNotAtAll()
    {
        QVERIFY(m_store->ingest({ change(QStringLiteral("k1"), QStringLiteral("WO-1")) }, {}, {}, {}, 1000));
        const qint64 id = idsInState(MessageState::Received).first();
        AuditEntry a;
        a.at = 1;
        a.actor = QStringLiteral("t");
        a.role = QStringLiteral("admin");
        a.action = QStringLiteral("test");
        // a later step fails: the transition and the audit entry before it are rolled back too
        auto s = m_store->inTransaction([&]() -> Status {
            if (m_store->apply({ move(id, MessageState::Received, MessageState::Ready) }, 2000).value().size() != 1)
                return fail(ErrorClass::Permanent, QStringLiteral("T"), QStringLiteral("apply"));
            if (auto w = m_store->appendAudit(a); !w)
                return w;
            return fail(ErrorClass::Validation, QStringLiteral("LATER"), QStringLiteral("a later step failed"));
        });
        QCOMPARE(s.error().code, QStringLiteral("LATER"));
        QCOMPARE(m_store->message(id)->state, MessageState::Received);
        QVERIFY(m_store->audit(0, 10)->isEmpty());
        // a nested write that fails dooms the whole transaction, even if the caller goes on
        s = m_store->inTransaction([&]() -> Status {
            (void)m_store->appendAudit(a);
            (void)m_store->inTransaction(
                [] { return Status(fail(ErrorClass::Permanent, QStringLiteral("INNER"), QStringLiteral("inner"))); });
            return {};
        });
        QCOMPARE(s.error().code, QStringLiteral("TX_ABORTED"));
        QVERIFY(m_store->audit(0, 10)->isEmpty());
        // all steps succeed: all of it is there, and the store works normally afterwards
        QVERIFY(m_store->inTransaction([&]() -> Status {
            if (!m_store->apply({ move(id, MessageState::Received, MessageState::Ready) }, 2000))
                return fail(ErrorClass::Permanent, QStringLiteral("T"), QStringLiteral("apply"));
            return m_store->appendAudit(a);
        }));
        QCOMPARE(m_store->message(id)->state, MessageState::Ready);
        QCOMPARE(m_store->audit(0, 10)->size(), 1);
        QVERIFY(m_store->appendAudit(a));
        QCOMPARE(m_store->audit(0, 10)->size(), 2);
        QCOMPARE(m_store->verifyAudit().value(), 0);
    }

    void auditChainDetectsTampering()
    {
        for (int i = 0; i < 5; ++i) {
            AuditEntry a;
            a.at = 100 + i;
            a.actor = QStringLiteral("bob");
            a.role = QStringLiteral("admin");
            a.action = QStringLiteral("mapping.put");
            a.note = QStringLiteral("entry %1").arg(i);
            QVERIFY(m_store->appendAudit(a).has_value());
        }
        QCOMPARE(m_store->verifyAudit().value(), 0);
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("UPDATE audit SET note = 'edited' WHERE id = 3")));
        QCOMPARE(m_store->verifyAudit().value(), 3);
        QVERIFY(q.exec(QStringLiteral("UPDATE audit SET note = 'entry 2' WHERE id = 3")));
        QCOMPARE(m_store->verifyAudit().value(), 0);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM audit WHERE id = 2")));
        QCOMPARE(m_store->verifyAudit().value(), 2); // the keyed chain names the missing entry
    }

    void leaseRecoveryReturnsExpiredWork()
    {
        QVERIFY(m_store
                    ->ingest({ change(QStringLiteral("k1"), QStringLiteral("S/1")),
                                 change(QStringLiteral("k2"), QStringLiteral("S/2")) },
                        {}, {}, {}, 1)
                    .has_value());
        readyAll();
        QCOMPARE(m_store->claim(QStringLiteral("dead"), QStringLiteral("BEDFORD"), 10, 1000, 10'000).value().size(), 2);
        QCOMPARE(m_store->recoverLeases(10'500, false, QStringLiteral("e2")).value(), 0); // not yet expired
        QCOMPARE(m_store->recoverLeases(11'001, false, QStringLiteral("e2")).value(), 2);
        const auto ready = m_store->messagesInState(MessageState::Ready, 10).value();
        QCOMPARE(ready.size(), 2);
        QCOMPARE(ready.at(0).errorClass, ErrorClass::Ambiguous);
        QCOMPARE(ready.at(0).attempts, 1); // the next claim makes it 2, which forces a lookup first
        QCOMPARE(m_store->attempts(ready.at(0).id).value().at(0).errorCode, QStringLiteral("LEASE_EXPIRED"));
    }

    void blockedMessagesHealWhenTheirMappingAppears()
    {
        QVERIFY(m_store
                    ->ingest({ change(QStringLiteral("k1"), QStringLiteral("S/1")),
                                 change(QStringLiteral("k2"), QStringLiteral("S/2")) },
                        {}, {}, {}, 1)
                    .has_value());
        const auto ids = idsInState(MessageState::Received);
        QList<TransitionRequest> t;
        for (qint64 id : ids) {
            auto b = move(id, MessageState::Received, MessageState::Blocked);
            b.blockedDomain = Domain::Material;
            b.blockedValue = QStringLiteral("9-9001");
            t << b;
        }
        QCOMPARE(m_store->apply(t, 2).value().size(), 2);
        QCOMPARE(m_store->countBlockedBy(Domain::Material, QString(), QStringLiteral("9-9001")).value(), 2);
        QVERIFY(m_store->healableBlocked(10).value().isEmpty());
        const QString v0 = m_store->mappingVersion();
        Mapping m { 0, Domain::Material, QStringLiteral("BEDFORD"), QStringLiteral("maximo"), QStringLiteral("9-9001"),
            QStringLiteral("sap"), QStringLiteral("SP-9001"), QStringLiteral("alice"), 3 };
        AuditEntry a;
        a.at = 3;
        a.actor = QStringLiteral("alice");
        a.role = QStringLiteral("integration");
        a.action = QStringLiteral("mapping.put");
        QVERIFY(m_store->putMapping(m, a).has_value());
        QVERIFY(m_store->mappingVersion() != v0);
        QCOMPARE(m_store->healableBlocked(10).value().size(), 2);
        QCOMPARE(m_store->verifyAudit().value(), 0);
    }

    void statsComputeLagAndBacklog()
    {
        QList<SourceChange> cs;
        for (int i = 0; i < 10; ++i)
            cs << change(QStringLiteral("k%1").arg(i), QStringLiteral("S/%1").arg(i), 1000);
        QVERIFY(m_store->ingest(cs, {}, {}, {}, 1000).has_value());
        readyAll();
        auto claimed = m_store->claim(QStringLiteral("e"), QStringLiteral("BEDFORD"), 10, 60'000, 1000).value();
        QList<TransitionRequest> t;
        for (int i = 0; i < 8; ++i) {
            auto p = move(claimed.at(i).id, MessageState::InFlight, MessageState::Posted);
            p.targetRef = QString::number(i);
            t << p;
        }
        QVERIFY(m_store->apply(t, 1000 + 500).has_value());
        const auto stats = m_store->cellStats(2000, 60'000).value();
        QCOMPARE(stats.size(), 1);
        const CellStats& c = stats.at(0);
        QCOMPARE(c.count(MessageState::Posted), 8);
        QCOMPARE(c.count(MessageState::InFlight), 2);
        QCOMPARE(c.lagP50Ms, 500);
        QCOMPARE(c.lagP95Ms, 500);
        QCOMPARE(c.backlog, 2);
        QCOMPARE(c.oldestBacklogAgeMs, 1000);
    }

    void filtersAreBoundNotConcatenated()
    {
        QVERIFY(m_store
                    ->ingest({ change(QStringLiteral("k1"), QStringLiteral("S/1'; DROP TABLE message; --")),
                                 change(QStringLiteral("k2"), QStringLiteral("S/100%")) },
                        {}, {}, {}, 1)
                    .has_value());
        MessageFilter f;
        f.text = QStringLiteral("'; DROP TABLE message; --");
        QCOMPARE(m_store->count(f).value(), 1);
        f.text = QStringLiteral("100%");
        QCOMPARE(m_store->count(f).value(), 1);
        f.text = QStringLiteral("%");
        QCOMPARE(m_store->count(f).value(), 1); // a literal percent, not a wildcard
        QCOMPARE(m_store->count({}).value(), 2);
        // keyset paging, newest first
        const auto p1 = m_store->page({}, 0, 1).value();
        QCOMPARE(p1.size(), 1);
        const auto p2 = m_store->page({}, p1.at(0).id, 1).value();
        QCOMPARE(p2.size(), 1);
        QVERIFY(p2.at(0).id < p1.at(0).id);
    }
};

QTEST_GUILESS_MAIN(TestJournalStore)
#include "TestJournalStore.moc"

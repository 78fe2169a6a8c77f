// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine/SyncEngine.h"
#include "app/ops/LocalOperationsService.h"
#include "connectors/sap/SapErpTarget.h"
#include "connectors/sim/Simulator.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <optional>

using namespace Interlock;

/// Replay and edit-and-resubmit against the real simulators (loopback HTTP) with the real engine:
/// a replayed message whose first attempt reached SAP is found, not created again; a goods issue
/// replayed before its work order (child first in the id list) still posts after it; an edited
/// payload is what SAP receives.
class TestExceptionReplay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void groupReplayPostsParentFirstAndNothingTwice();

private:
    qint64 add(const QString& key, const QString& flow, int n);
    void apply(qint64 id, MessageState from, MessageState to, const QByteArray& payload = {},
        std::optional<Error> error = std::nullopt);

    std::unique_ptr<Sim::Simulator> m_sim;
    std::unique_ptr<Test::TempJournal> m_tmp;
    std::unique_ptr<Journal::JournalStore> m_store;
    Config::EngineConfig m_config;
    QString m_site;
    QString m_plant;
};

qint64 TestExceptionReplay::add(const QString& key, const QString& flow, int n)
{
    SourceChange c;
    c.flow = flow;
    c.operation = flow == Flow::WorkOrder ? QStringLiteral("upsert") : QStringLiteral("goods_issue");
    c.plant = m_site;
    c.sourceSystem = QStringLiteral("maximo");
    c.targetSystem = QStringLiteral("sap");
    c.businessKey = key;
    c.idempotencyKey = QStringLiteral("maximo:%1:%2").arg(key).arg(n);
    c.payload = "{}";
    c.eventAtMs = 1000 + n;
    if (!m_store->ingest({ c }, {}, {}, {}, 1000 + n))
        qFatal("ingest failed");
    return m_store->messagesInState(MessageState::Received, 1000).value().last().id;
}

void TestExceptionReplay::apply(
    qint64 id, MessageState from, MessageState to, const QByteArray& payload, std::optional<Error> error)
{
    Journal::TransitionRequest t;
    t.messageId = id;
    t.from = from;
    t.to = to;
    if (!payload.isEmpty())
        t.targetPayload = payload;
    t.error = error;
    const auto r = m_store->apply({ t }, 2000);
    if (!r || r->size() != 1)
        qFatal("transition failed");
}

void TestExceptionReplay::initTestCase()
{
    Sim::SimOptions o;
    o.plants = 1;
    o.generate = false;
    m_sim = std::make_unique<Sim::Simulator>(o);
    QVERIFY(m_sim->start().has_value());
    m_sim->setFaults(QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("errorRate"), 0 } } } });
    m_site = m_sim->plants().first().first;
    m_plant = m_sim->plants().first().second;
    m_tmp = std::make_unique<Test::TempJournal>();
    m_store = std::make_unique<Journal::JournalStore>();
    QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
    m_config.journalPath = m_tmp->path();
    m_config.requestTimeoutMs = 5000;
    m_config.pollIntervalMs = 200;
    Config::PlantConfig pc;
    pc.site = m_site;
    pc.cmmsUrl = m_sim->cmmsUrl();
    pc.cmmsApiKey = QStringLiteral("sim-apikey");
    pc.erpUrl = QUrl(m_sim->erpUrl().toString() + QStringLiteral("/sap/opu/odata/sap"));
    pc.erpUser = QStringLiteral("INTERLOCK");
    pc.erpPassword = QStringLiteral("sim-password");
    m_config.plants << pc;
}

void TestExceptionReplay::cleanupTestCase()
{
    m_store.reset();
    m_tmp.reset();
    m_sim.reset();
}

void TestExceptionReplay::groupReplayPostsParentFirstAndNothingTwice()
{
    const QString key = m_site + QStringLiteral("/7001");
    const QByteArray order = QJsonDocument(
        QJsonObject { { QStringLiteral("MaintenanceOrderType"), QStringLiteral("PM01") },
            { QStringLiteral("MaintenanceOrderDesc"), QStringLiteral("Replace seal P-7") },
            { QStringLiteral("MaintenancePlanningPlant"),
                m_plant } }).toJson(QJsonDocument::Compact);
    auto issue = [this](const QString& material, const QString& quantity) {
        return QJsonDocument(
            QJsonObject { { QStringLiteral("Material"), material }, { QStringLiteral("Plant"), m_plant },
                { QStringLiteral("StorageLocation"), QString(m_plant.left(3) + QLatin1Char('A')) },
                { QStringLiteral("QuantityInEntryUnit"), quantity },
                { QStringLiteral("EntryUnit"), QStringLiteral("EA") },
                { QStringLiteral("GoodsMovementType"), QStringLiteral("261") } })
            .toJson(QJsonDocument::Compact);
    };
    const qint64 parent = add(key, Flow::WorkOrder, 1);
    const qint64 child = add(key, Flow::PartsConsumption, 2);
    const qint64 edited = add(key, Flow::PartsConsumption, 3);

    // the parent's first attempt reached SAP (the order exists) but its answer was lost
    Connectors::Sap::SapConfig sc { m_config.plants.first().erpUrl, QStringLiteral("INTERLOCK"),
        QStringLiteral("sim-password"), QString(), 5000 };
    {
        Connectors::Sap::SapErpTarget target(sc);
        Message m;
        m.id = parent;
        m.flow = Flow::WorkOrder;
        m.businessKey = key;
        m.idempotencyKey = QStringLiteral("maximo:%1:1").arg(key);
        m.seq = 1;
        m.targetPayload = order;
        std::optional<Connectors::PostOutcome> out;
        target.post(Connectors::OutboundDocument::forMessage(m, {}, 1), [&](Connectors::PostOutcome o) { out = o; });
        QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 10'000);
        QVERIFY(out->ref.has_value());
    }
    apply(parent, MessageState::Received, MessageState::Ready, order);
    QCOMPARE(m_store->claim(QStringLiteral("dead-engine"), m_site, 10, 60'000, 3000)->size(), 1);
    apply(parent, MessageState::InFlight, MessageState::Stuck, {},
        Error { ErrorClass::Ambiguous, QStringLiteral("TIMEOUT"), QStringLiteral("no answer within 5 s"), 0, {} });
    // the goods issues never went out: one refused for want of its order, one with a bad material
    apply(child, MessageState::Received, MessageState::Stuck, issue(QStringLiteral("SP-0031"), QStringLiteral("2")),
        Error { ErrorClass::Permanent, QStringLiteral("ORDER_MISSING"), QStringLiteral("order not yet in the ERP"), 0,
            {} });
    apply(edited, MessageState::Received, MessageState::Stuck, issue(QStringLiteral("SP-BAD"), QStringLiteral("1")),
        Error { ErrorClass::Permanent, QStringLiteral("M7/021"), QStringLiteral("Material SP-BAD is not maintained"),
            400, {} });

    Ops::LocalOperationsService ops(m_config);
    QVERIFY(ops.open().has_value());
    // integration support: replays, and edits and resubmits (a supervisor may not edit payloads)
    const Ops::Actor actor { QStringLiteral("tester"), QStringLiteral("integration") };
    // the dry run of the parent looks first; nothing is sent by it
    const auto plan = ops.dryRun(actor, parent, {}).value();
    QVERIFY(plan.lookupFirst);
    QCOMPARE(plan.calls.first().method, QByteArray("GET"));
    QCOMPARE(m_sim->ledger().value(QLatin1String("orders")).toArray().size(), 1);

    // the engine runs; the console replays the child before the parent and resubmits an edit
    Engine::SyncEngine engine(m_config);
    QVERIFY(engine.start().has_value());
    QCOMPARE(ops.replay(actor, { child, parent }, QStringLiteral("group replay")).value(), 2);
    QVERIFY(ops.resubmit(actor, edited, issue(QStringLiteral("SP-0031"), QStringLiteral("5")),
                   QStringLiteral("SP-BAD is SP-0031, 5 used"))
                .has_value());
    QTRY_VERIFY_WITH_TIMEOUT(m_store->message(parent)->state == MessageState::Posted
            && m_store->message(child)->state == MessageState::Posted
            && m_store->message(edited)->state == MessageState::Posted,
        30'000);
    QSignalSpy stopped(&engine, &Engine::SyncEngine::stopped);
    engine.stop(2000);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10'000);

    const QJsonObject ledger = m_sim->ledger();
    // nothing twice: one order for the key, found by the look-up on the replay
    QString sapOrder;
    int orders = 0;
    for (const auto& v : ledger.value(QLatin1String("orders")).toArray())
        if (v.toObject().value(QLatin1String("externalRef")).toString() == key) {
            ++orders;
            sapOrder = v.toObject().value(QLatin1String("order")).toString();
        }
    QCOMPARE(orders, 1);
    QCOMPARE(m_store->message(parent)->targetRef, sapOrder);
    const auto parentAttempts = m_store->attempts(parent).value();
    QVERIFY(parentAttempts.last().excerpt.contains(QLatin1String("not posted again")));
    // the parent went first: both goods issues are against its order, in the journal's order,
    // and the child took one attempt (no ORDER_MISSING on the way)
    QStringList texts;
    QList<QJsonObject> docs;
    for (const auto& v : ledger.value(QLatin1String("materialDocuments")).toArray()) {
        docs << v.toObject();
        texts << v.toObject().value(QLatin1String("headerText")).toString();
    }
    QCOMPARE(docs.size(), 2);
    QCOMPARE(texts.first(),
        Connectors::Sap::SapErpTarget::materialDocumentHeaderText(m_store->message(child)->idempotencyKey));
    QCOMPARE(texts.last(),
        Connectors::Sap::SapErpTarget::materialDocumentHeaderText(m_store->message(edited)->idempotencyKey));
    for (const auto& d : docs)
        QCOMPARE(d.value(QLatin1String("order")).toString(), sapOrder);
    QCOMPARE(m_store->attempts(child)->size(), 1);
    QVERIFY(m_store->message(parent)->postedAt <= m_store->message(child)->postedAt);
    QVERIFY(parentAttempts.last().startedAt <= m_store->attempts(child)->first().startedAt);
    // the edited payload is what SAP got
    QCOMPARE(docs.last().value(QLatin1String("material")).toString(), QStringLiteral("SP-0031"));
    QCOMPARE(docs.last().value(QLatin1String("quantity")).toVariant().toString().toDouble(), 5.0);
    QCOMPARE(QJsonDocument::fromJson(m_store->message(edited)->targetPayload)
                 .object()
                 .value(QLatin1String("QuantityInEntryUnit"))
                 .toString(),
        QStringLiteral("5"));
    // audit: who replayed and who edited what, chain intact
    QCOMPARE(m_store->audit(parent, 10)->first().action, QStringLiteral("message.replay"));
    QCOMPARE(m_store->audit(child, 10)->first().action, QStringLiteral("message.replay"));
    const auto resubmit = m_store->audit(edited, 10).value();
    QCOMPARE(resubmit.size(), 1);
    QCOMPARE(resubmit.first().action, QStringLiteral("message.resubmit"));
    QVERIFY(resubmit.first().before.contains(QLatin1String("SP-BAD")));
    QVERIFY(resubmit.first().after.contains(QLatin1String("\"QuantityInEntryUnit\":\"5\"")));
    QCOMPARE(m_store->verifyAudit().value(), 0);
}

QTEST_GUILESS_MAIN(TestExceptionReplay)
#include "TestExceptionReplay.moc"

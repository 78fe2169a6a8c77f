// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/LocalOperationsService.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <memory>

using namespace Interlock;

/// Edit-and-resubmit and dry run of the local operations service, over a journal built by hand.
class TestExceptionActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void resubmitReplacesPayloadWithAudit();
    void resubmitRefusesBadInputAndChangesNothing_data();
    void resubmitRefusesBadInputAndChangesNothing();
    void resubmitRefusesStatesThatCannotBeEdited();
    void resubmitOfRetryingMessage();
    void dryRunOfFirstAttemptCreates();
    void dryRunAfterAnAttemptLooksUpFirst();
    void dryRunOfGoodsIssue();
    void dryRunOfEditedPayloadAndProblems();

private:
    qint64 add(const QString& key, const QString& flow, const QByteArray& targetPayload);
    void to(qint64 id, MessageState from, MessageState state, const QByteArray& payload = {}, const QString& ref = {});
    /// received -> ready -> (claim) in_flight -> `end`: one attempt that may have reached the ERP
    void attempt(qint64 id, MessageState end, const QString& ref = {});
    void expectUntouched(qint64 id, MessageState state, const QByteArray& payload);

    std::unique_ptr<Test::TempJournal> m_tmp;
    std::unique_ptr<Journal::JournalStore> m_store;
    std::unique_ptr<Ops::LocalOperationsService> m_service;
    const Ops::Actor m_actor { QStringLiteral("tester"), QStringLiteral("integration") };
    int m_seq = 0;
    QHash<qint64, QByteArray> m_payloads;
};

namespace {
const QByteArray kOrder = R"({"MaintenanceOrderDesc":"Replace seal P-101","MaintenanceOrderType":"PM01",)"
                          R"("MaintenancePlanningPlant":"1710","Equipment":"10000003"})";
const QByteArray kIssue = R"({"Material":"SP-0004","Plant":"1710","StorageLocation":"171A",)"
                          R"("QuantityInEntryUnit":"2","EntryUnit":"EA","GoodsMovementType":"261"})";
} // namespace

qint64 TestExceptionActions::add(const QString& key, const QString& flow, const QByteArray& targetPayload)
{
    SourceChange c;
    c.flow = flow;
    c.operation = flow == Flow::WorkOrder ? QStringLiteral("upsert") : QStringLiteral("goods_issue");
    c.plant = QStringLiteral("BEDFORD");
    c.sourceSystem = QStringLiteral("maximo");
    c.targetSystem = QStringLiteral("sap");
    c.businessKey = key;
    c.idempotencyKey = QStringLiteral("maximo:%1:%2").arg(key).arg(++m_seq);
    c.payload = "{}";
    c.eventAtMs = 1000 + m_seq;
    if (!m_store->ingest({ c }, {}, {}, {}, 1000 + m_seq))
        qFatal("ingest failed");
    const qint64 id = m_store->messagesInState(MessageState::Received, 1000).value().last().id;
    m_payloads.insert(id, targetPayload);
    return id;
}

void TestExceptionActions::to(
    qint64 id, MessageState from, MessageState state, const QByteArray& payload, const QString& ref)
{
    Journal::TransitionRequest t;
    t.messageId = id;
    t.from = from;
    t.to = state;
    if (!payload.isEmpty())
        t.targetPayload = payload;
    if (!ref.isEmpty())
        t.targetRef = ref;
    if (state == MessageState::Stuck || state == MessageState::Retrying)
        t.error
            = Error { ErrorClass::Ambiguous, QStringLiteral("TIMEOUT"), QStringLiteral("no answer in 30 s"), 0, {} };
    if (state == MessageState::Blocked) {
        t.blockedDomain = Domain::Material;
        t.blockedValue = QStringLiteral("0-0099");
    }
    const auto r = m_store->apply({ t }, 5000);
    if (!r || r->size() != 1)
        qFatal("transition failed");
}

void TestExceptionActions::attempt(qint64 id, MessageState end, const QString& ref)
{
    to(id, MessageState::Received, MessageState::Ready, m_payloads.value(id));
    const auto claimed = m_store->claim(QStringLiteral("test-engine"), QStringLiteral("BEDFORD"), 100, 60'000, 6000);
    if (!claimed || claimed->size() != 1 || claimed->first().id != id)
        qFatal("claim failed");
    to(id, MessageState::InFlight, end, {}, ref);
}

void TestExceptionActions::expectUntouched(qint64 id, MessageState state, const QByteArray& payload)
{
    const auto m = m_store->message(id).value();
    QCOMPARE(m.state, state);
    QCOMPARE(m.targetPayload, payload);
    QVERIFY(m_store->audit(id, 10).value().isEmpty());
}

void TestExceptionActions::init()
{
    m_tmp = std::make_unique<Test::TempJournal>();
    m_store = std::make_unique<Journal::JournalStore>();
    QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
    Config::EngineConfig cfg;
    cfg.journalPath = m_tmp->path();
    Config::PlantConfig p;
    p.site = QStringLiteral("BEDFORD");
    p.erpUrl = QUrl(QStringLiteral("https://erp.example.com:44300/sap/opu/odata/sap"));
    p.erpUser = QStringLiteral("INTERLOCK");
    p.erpPassword = QStringLiteral("s3cret-password");
    p.sapClient = QStringLiteral("100");
    cfg.plants << p;
    m_service = std::make_unique<Ops::LocalOperationsService>(cfg);
    QVERIFY(m_service->open().has_value());
}

void TestExceptionActions::cleanup()
{
    m_service.reset();
    m_store.reset();
    m_tmp.reset();
    m_payloads.clear();
}

void TestExceptionActions::resubmitReplacesPayloadWithAudit()
{
    const qint64 id = add(QStringLiteral("BEDFORD/1001"), Flow::PartsConsumption, kIssue);
    to(id, MessageState::Received, MessageState::Stuck, kIssue);
    const QByteArray edited
        = "{\n  \"Material\": \"SP-0031\",\n  \"Plant\": \"1710\",\n  \"QuantityInEntryUnit\": \"3\"\n}\n";
    const auto done = m_service->resubmit(m_actor, id, edited, QStringLiteral("  SP-0004 was replaced by SP-0031  "));
    QVERIFY2(done.has_value(), qPrintable(done ? QString() : done.error().summary()));
    const Message m = m_store->message(id).value();
    QCOMPARE(m.state, MessageState::Ready);
    QCOMPARE(m.nextAttemptAt, 0);
    QCOMPARE(m.targetPayload, QByteArray(R"({"Material":"SP-0031","Plant":"1710","QuantityInEntryUnit":"3"})"));
    const auto audit = m_store->audit(id, 10).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, QStringLiteral("message.resubmit"));
    QCOMPARE(audit.first().actor, QStringLiteral("tester"));
    QCOMPARE(audit.first().role, QStringLiteral("integration"));
    QCOMPARE(audit.first().messageIds, QString::number(id));
    QCOMPARE(audit.first().before, QString::fromUtf8(kIssue));
    QCOMPARE(audit.first().after, QString::fromUtf8(m.targetPayload));
    QCOMPARE(audit.first().note, QStringLiteral("SP-0004 was replaced by SP-0031"));
    QCOMPARE(m_store->verifyAudit().value(), 0);
    // ready now: a second resubmit is refused, the first edit stays
    QCOMPARE(
        m_service->resubmit(m_actor, id, kIssue, QStringLiteral("again")).error().code, QStringLiteral("NOT_EDITABLE"));
    QCOMPARE(m_store->message(id)->targetPayload, m.targetPayload);
}

void TestExceptionActions::resubmitRefusesBadInputAndChangesNothing_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("note");
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("errorClass");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("says");
    const QString note = QStringLiteral("fix");
    const QString role = QStringLiteral("integration");
    const int validation = static_cast<int>(ErrorClass::Validation);
    QTest::newRow("malformed") << QByteArray("{\n  \"Material\": \"SP-0031\",\n  \"Plant\" 1710\n}") << note << role
                               << validation << QStringLiteral("PAYLOAD_NOT_JSON") << QStringLiteral("line 3");
    QTest::newRow("truncated") << QByteArray(R"({"Material": "SP-00)") << note << role << validation
                               << QStringLiteral("PAYLOAD_NOT_JSON") << QStringLiteral("not valid JSON");
    QTest::newRow("array") << QByteArray(R"([{"Material":"SP-0031"}])") << note << role << validation
                           << QStringLiteral("PAYLOAD_NOT_OBJECT") << QStringLiteral("not an array");
    QTest::newRow("empty") << QByteArray() << note << role << validation << QStringLiteral("PAYLOAD_NOT_JSON")
                           << QStringLiteral("not valid JSON");
    QByteArray huge = R"({"Material":"SP-0031","MaterialDocumentItemText":")";
    huge += QByteArray(1024 * 1024, 'x');
    huge += "\"}";
    QTest::newRow("over 1 MiB") << huge << note << role << validation << QStringLiteral("PAYLOAD_TOO_LARGE")
                                << QStringLiteral("at most 1024 KiB");
    QTest::newRow("no note") << QByteArray(R"({"Material":"SP-0031"})") << QStringLiteral("   ") << role << validation
                             << QStringLiteral("NOTE_REQUIRED") << QStringLiteral("note is required");
    QTest::newRow("viewer") << QByteArray(R"({"Material":"SP-0031"})") << note << QStringLiteral("viewer")
                            << static_cast<int>(ErrorClass::Auth) << QStringLiteral("FORBIDDEN")
                            << QStringLiteral("may not resubmit");
}

void TestExceptionActions::resubmitRefusesBadInputAndChangesNothing()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, note);
    QFETCH(QString, role);
    QFETCH(int, errorClass);
    QFETCH(QString, code);
    QFETCH(QString, says);
    const qint64 id = add(QStringLiteral("BEDFORD/1001"), Flow::PartsConsumption, kIssue);
    to(id, MessageState::Received, MessageState::Stuck, kIssue);
    const auto r = m_service->resubmit(Ops::Actor { QStringLiteral("someone"), role }, id, payload, note);
    QVERIFY(!r);
    QCOMPARE(static_cast<int>(r.error().errorClass), errorClass);
    QCOMPARE(r.error().code, code);
    QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
    expectUntouched(id, MessageState::Stuck, kIssue);
    // the dry run of the same edit reports the same problem and sends nothing
    if (errorClass == static_cast<int>(ErrorClass::Validation) && code.startsWith(QLatin1String("PAYLOAD"))
        && !payload.isEmpty()) {
        const auto plan = m_service->dryRun(m_actor, id, payload).value();
        QVERIFY(plan.problem.has_value());
        QCOMPARE(plan.problem->code, code);
        QVERIFY(plan.calls.isEmpty());
    }
}

void TestExceptionActions::resubmitRefusesStatesThatCannotBeEdited()
{
    const QByteArray edit = R"({"Material":"SP-0031"})";
    const qint64 blocked = add(QStringLiteral("BEDFORD/1"), Flow::PartsConsumption, {});
    to(blocked, MessageState::Received, MessageState::Blocked);
    const auto r = m_service->resubmit(m_actor, blocked, edit, QStringLiteral("fix"));
    QCOMPARE(r.error().code, QStringLiteral("NOT_EDITABLE"));
    QVERIFY2(r.error().message.contains(QLatin1String("create the mapping")), qPrintable(r.error().message));
    expectUntouched(blocked, MessageState::Blocked, {});

    const qint64 posted = add(QStringLiteral("BEDFORD/2"), Flow::WorkOrder, kOrder);
    attempt(posted, MessageState::Posted, QStringLiteral("4000001"));
    QCOMPARE(
        m_service->resubmit(m_actor, posted, edit, QStringLiteral("fix")).error().code, QStringLiteral("NOT_EDITABLE"));
    expectUntouched(posted, MessageState::Posted, kOrder);

    QCOMPARE(
        m_service->resubmit(m_actor, 999999, edit, QStringLiteral("fix")).error().code, QStringLiteral("NOT_FOUND"));
}

void TestExceptionActions::resubmitOfRetryingMessage()
{
    const qint64 id = add(QStringLiteral("BEDFORD/3"), Flow::WorkOrder, kOrder);
    attempt(id, MessageState::Retrying);
    QJsonObject o = QJsonDocument::fromJson(kOrder).object();
    o.insert(QStringLiteral("MaintenanceOrderDesc"), QStringLiteral("Replace seal P-101 (edited)"));
    const QByteArray edited = QJsonDocument(o).toJson();
    QVERIFY(m_service->resubmit(m_actor, id, edited, QStringLiteral("shorter text")).has_value());
    const Message m = m_store->message(id).value();
    QCOMPARE(m.state, MessageState::Ready);
    QCOMPARE(m.attempts, 1); // kept: the next attempt looks the order up before creating one
    QCOMPARE(QJsonDocument::fromJson(m.targetPayload).object(), o);
    const auto plan = m_service->dryRun(m_actor, id, {}).value();
    QVERIFY(plan.lookupFirst);
    QCOMPARE(plan.attempt, 2);
    QVERIFY(plan.calls.at(2).body.contains(QLatin1String("Replace seal P-101 (edited)")));
}

void TestExceptionActions::dryRunOfFirstAttemptCreates()
{
    const qint64 id = add(QStringLiteral("BEDFORD/1001"), Flow::WorkOrder, kOrder);
    to(id, MessageState::Received, MessageState::Stuck, kOrder); // refused before any attempt
    const auto plan = m_service->dryRun(m_actor, id, {}).value();
    QVERIFY(!plan.problem);
    QCOMPARE(plan.system, QStringLiteral("sap"));
    QCOMPARE(plan.attempt, 1);
    QVERIFY(!plan.lookupFirst);
    QCOMPARE(plan.calls.size(), 2);
    const auto& csrf = plan.calls.at(0);
    QCOMPARE(csrf.method, QByteArray("GET"));
    QCOMPARE(csrf.target, QStringLiteral("/sap/opu/odata/sap/API_MAINTENANCEORDER/?sap-client=100"));
    const auto& create = plan.calls.at(1);
    QCOMPARE(create.method, QByteArray("POST"));
    QCOMPARE(create.target, QStringLiteral("/sap/opu/odata/sap/API_MAINTENANCEORDER/MaintenanceOrder?sap-client=100"));
    QVERIFY(create.body.contains(QLatin1String("\n    \"MaintenanceOrderDesc\": \"Replace seal P-101\"")));
    QVERIFY(create.body.contains(QLatin1String("\"YY1_ExternalReference_ORD\": \"BEDFORD/1001\"")));
    // secrets never leave the connector
    for (const auto& call : plan.calls) {
        for (const auto& [name, value] : call.headers) {
            if (name.compare("Authorization", Qt::CaseInsensitive) == 0
                || name.compare("X-CSRF-Token", Qt::CaseInsensitive) == 0)
                QVERIFY2(value == "***" || value == "Fetch", value.constData());
            QVERIFY(!value.contains("s3cret"));
            QVERIFY(!value.contains(QByteArray("INTERLOCK:s3cret").toBase64()));
        }
    }
    // nothing changed in the journal; who looked is on record
    QCOMPARE(m_store->message(id)->state, MessageState::Stuck);
    const auto audit = m_store->audit(id, 10).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, QStringLiteral("message.dry_run"));
    QCOMPARE(audit.first().actor, m_actor.name);
    QCOMPARE(audit.first().role, m_actor.role);
}

void TestExceptionActions::dryRunAfterAnAttemptLooksUpFirst()
{
    const qint64 id = add(QStringLiteral("BEDFORD/1002"), Flow::WorkOrder, kOrder);
    attempt(id, MessageState::Stuck); // the request may have reached SAP
    const auto plan = m_service->dryRun(m_actor, id, {}).value();
    QVERIFY(plan.lookupFirst);
    QCOMPARE(plan.calls.size(), 4);
    QCOMPARE(plan.calls.at(0).method, QByteArray("GET"));
    QVERIFY2(plan.calls.at(0).target.startsWith(
                 QLatin1String("/sap/opu/odata/sap/API_MAINTENANCEORDER/MaintenanceOrder?$filter=")),
        qPrintable(plan.calls.at(0).target));
    QVERIFY(plan.calls.at(0).target.contains(QLatin1String("BEDFORD%2F1002")));
    QVERIFY(plan.calls.at(0).purpose.contains(QLatin1String("look the order up")));
    QCOMPARE(plan.calls.at(2).method, QByteArray("POST"));
    QVERIFY(plan.calls.at(2).purpose.contains(QLatin1String("only if the look-up finds none")));
    bool merge = false;
    for (const auto& [name, value] : plan.calls.at(3).headers)
        merge = merge || (name == "X-HTTP-Method" && value == "MERGE");
    QVERIFY(merge);
    // a replay keeps the attempt count, so the replayed message looks first too
    QCOMPARE(m_service->replay(m_actor, { id }, {}).value(), 1);
    QVERIFY(m_service->dryRun(m_actor, id, {})->lookupFirst);
}

void TestExceptionActions::dryRunOfGoodsIssue()
{
    const QString key = QStringLiteral("BEDFORD/1003");
    const qint64 order = add(key, Flow::WorkOrder, kOrder);
    const qint64 issue = add(key, Flow::PartsConsumption, kIssue);
    attempt(order, MessageState::Stuck);
    to(issue, MessageState::Received, MessageState::Stuck, kIssue);
    // the order is not in the ERP: the goods issue waits for it
    auto plan = m_service->dryRun(m_actor, issue, {}).value();
    QVERIFY(plan.problem.has_value());
    QCOMPARE(plan.problem->code, QStringLiteral("ORDER_MISSING"));
    QVERIFY(plan.note.contains(QLatin1String("posted after it")));
    // once the order is posted the goods issue goes against it
    to(order, MessageState::Stuck, MessageState::Ready);
    QVERIFY(m_store->claim(QStringLiteral("e"), QStringLiteral("BEDFORD"), 10, 60'000, 7000)->size() == 1);
    to(order, MessageState::InFlight, MessageState::Posted, {}, QStringLiteral("4000777"));
    plan = m_service->dryRun(m_actor, issue, {}).value();
    QVERIFY(!plan.problem);
    QCOMPARE(plan.parentRef, QStringLiteral("4000777"));
    QVERIFY(!plan.lookupFirst);
    QCOMPARE(plan.calls.size(), 2);
    QCOMPARE(plan.calls.at(1).target,
        QStringLiteral("/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV/A_MaterialDocumentHeader?sap-client=100"));
    QVERIFY(plan.calls.at(1).body.contains(QLatin1String("\"ManufacturingOrder\": \"4000777\"")));
    QVERIFY(plan.calls.at(1).body.contains(QLatin1String("\"GoodsMovementType\": \"261\"")));
}

void TestExceptionActions::dryRunOfEditedPayloadAndProblems()
{
    const qint64 id = add(QStringLiteral("BEDFORD/1004"), Flow::WorkOrder, kOrder);
    to(id, MessageState::Received, MessageState::Stuck, kOrder);
    auto plan
        = m_service->dryRun(m_actor, id, R"({"MaintenanceOrderDesc":"edited text","MaintenancePlanningPlant":"1710"})")
              .value();
    QVERIFY(!plan.problem);
    QVERIFY(plan.calls.at(1).body.contains(QLatin1String("edited text")));
    QVERIFY(!plan.calls.at(1).body.contains(QLatin1String("Replace seal")));
    // the connector's own validation: a work order needs a description
    plan = m_service->dryRun(m_actor, id, R"({"MaintenancePlanningPlant":"1710"})").value();
    QVERIFY(plan.problem.has_value());
    QCOMPARE(plan.problem->code, QStringLiteral("FIELD_MISSING"));
    QCOMPARE(m_store->message(id)->targetPayload, kOrder);
    // a finished message sends nothing
    const qint64 done = add(QStringLiteral("BEDFORD/1005"), Flow::WorkOrder, kOrder);
    to(done, MessageState::Received, MessageState::Cancelled);
    plan = m_service->dryRun(m_actor, done, {}).value();
    QVERIFY(plan.calls.isEmpty());
    QVERIFY(plan.note.contains(QLatin1String("cancelled")));
}

QTEST_GUILESS_MAIN(TestExceptionActions)
#include "TestExceptionActions.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/http/HttpClient.h"
#include "connectors/sap/SapErpTarget.h"
#include "tests/connectors/ConnectorTestData.h"
#include "tests/connectors/FakeHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <optional>

using namespace Interlock;
using namespace Interlock::Connectors;
using Interlock::Connectors::Sap::SapConfig;
using Interlock::Connectors::Sap::SapErpTarget;
using Interlock::Test::FakeHttpServer;
using Interlock::Test::readTestData;

namespace {

/// A scripted SAP Gateway: CSRF + session cookie, orders with ETags, material documents.
struct FakeSap
{
    FakeHttpServer server;
    int tokenNo = 1;
    QByteArray token = "tok-1";
    QHash<QString, QJsonObject> orders;
    int orderVersion = 1;
    QList<QJsonObject> docs;
    int staleEtagsToServe = 0; ///< answer this many MERGEs with 412
    bool lockOrders = false;
    bool holdWrites = false;
    QByteArray lastWriteBody;

    FakeSap()
    {
        server.setHandler([this](const FakeHttpServer::Request& r) { return handle(r); });
    }
    QUrl base() const { return QUrl(server.url().toString() + QStringLiteral("/sap/opu/odata/sap")); }
    void expire() { token = "tok-" + QByteArray::number(++tokenNo); }

    FakeHttpServer::Reply handle(const FakeHttpServer::Request& r)
    {
        if (r.header("Authorization") != "Basic " + QByteArray("INTERLOCK:sim-password").toBase64())
            return FakeHttpServer::json(
                401, "{\"error\":{\"code\":\"/IWFND/401\",\"message\":{\"value\":\"Unauthorized\"}}}");
        const QByteArray method = r.header("X-HTTP-Method").isEmpty() ? r.method : r.header("X-HTTP-Method");
        if (r.method == "GET" && r.header("X-CSRF-Token") == "Fetch")
            return FakeHttpServer::json(200, "{}",
                { { "x-csrf-token", token },
                    { "Set-Cookie", "SAP_SESSIONID_T_100=sid" + token + "; path=/; HttpOnly" } });
        if (method != "GET") {
            if (r.header("X-CSRF-Token") != token
                || !r.header("Cookie").contains(QByteArray("SAP_SESSIONID_T_100=sid" + token)))
                return FakeHttpServer::Reply { 403, { { "x-csrf-token", "Required" } }, "CSRF token validation failed",
                    false, false };
            lastWriteBody = r.body;
            if (holdWrites)
                return FakeHttpServer::Reply { 200, {}, {}, true, false };
        }
        const QByteArray path = r.path();
        const QString query = r.query();
        if (path.endsWith("/API_MAINTENANCEORDER/MaintenanceOrder") && method == "GET") {
            QJsonArray results;
            for (const auto& o : std::as_const(orders)) {
                if (query.contains(QStringLiteral("eq '")
                        + o.value(QLatin1String("YY1_ExternalReference_ORD"))
                              .toString()
                              .replace(QLatin1Char('\''), QStringLiteral("''"))
                        + QLatin1Char('\'')))
                    results.append(o);
            }
            return FakeHttpServer::json(200,
                QJsonDocument(
                    QJsonObject { { QStringLiteral("d"), QJsonObject { { QStringLiteral("results"), results } } } })
                    .toJson());
        }
        if (path.endsWith("/API_MAINTENANCEORDER/MaintenanceOrder") && method == "POST") {
            QJsonObject o = QJsonDocument::fromJson(r.body).object();
            const QString no = QString::number(4000001 + orders.size());
            o.insert(QStringLiteral("MaintenanceOrder"), no);
            o.insert(
                QStringLiteral("__metadata"), QJsonObject { { QStringLiteral("etag"), QStringLiteral("W/\"1\"") } });
            orders.insert(no, o);
            return FakeHttpServer::json(201, QJsonDocument(QJsonObject { { QStringLiteral("d"), o } }).toJson());
        }
        if (path.contains("/MaintenanceOrder('")) {
            const QString no = QString::fromUtf8(path.mid(path.indexOf("('") + 2)).section(QLatin1Char('\''), 0, 0);
            if (!orders.contains(no))
                return FakeHttpServer::json(
                    404, "{\"error\":{\"code\":\"IW/404\",\"message\":{\"value\":\"Order does not exist\"}}}");
            QJsonObject& o = orders[no];
            const QByteArray etag = "W/\"" + QByteArray::number(orderVersion) + "\"";
            if (method == "GET")
                return FakeHttpServer::json(
                    200, QJsonDocument(QJsonObject { { QStringLiteral("d"), o } }).toJson(), { { "ETag", etag } });
            if (method == "MERGE") {
                if (lockOrders)
                    return FakeHttpServer::json(400, readTestData("sap/error_locked_errordetails.json"));
                if (r.header("If-Match").isEmpty())
                    return FakeHttpServer::json(428, "{}");
                if (staleEtagsToServe > 0 || r.header("If-Match") != etag) {
                    --staleEtagsToServe;
                    ++orderVersion;
                    return FakeHttpServer::json(412,
                        "{\"error\":{\"code\":\"/IWBEP/CM_MGW_RT/412\",\"message\":{\"value\":\"Precondition "
                        "failed\"}}}");
                }
                const QJsonObject patch = QJsonDocument::fromJson(r.body).object();
                for (auto it = patch.begin(); it != patch.end(); ++it)
                    o.insert(it.key(), it.value());
                ++orderVersion;
                return FakeHttpServer::Reply { 204, {}, {}, false, false };
            }
        }
        if (path.endsWith("/A_MaterialDocumentHeader") && method == "GET") {
            QJsonArray results;
            for (const auto& d : std::as_const(docs)) {
                if (query.contains(QStringLiteral("eq '")
                        + d.value(QLatin1String("MaterialDocumentHeaderText")).toString() + QLatin1Char('\'')))
                    results.append(d);
            }
            return FakeHttpServer::json(200,
                QJsonDocument(
                    QJsonObject { { QStringLiteral("d"), QJsonObject { { QStringLiteral("results"), results } } } })
                    .toJson());
        }
        if (path.endsWith("/A_MaterialDocumentHeader") && method == "POST") {
            QJsonObject d = QJsonDocument::fromJson(r.body).object();
            const QJsonObject item = d.value(QLatin1String("to_MaterialDocumentItem"))
                                         .toObject()
                                         .value(QLatin1String("results"))
                                         .toArray()
                                         .first()
                                         .toObject();
            if (item.value(QLatin1String("Material")).toString().startsWith(QLatin1String("9-")))
                return FakeHttpServer::json(400, readTestData("sap/error_unknown_material_no_details.json"));
            d.insert(QStringLiteral("MaterialDocumentYear"), QStringLiteral("2026"));
            d.insert(QStringLiteral("MaterialDocument"), QString::number(4900000001LL + docs.size()));
            docs.append(d);
            return FakeHttpServer::json(201, QJsonDocument(QJsonObject { { QStringLiteral("d"), d } }).toJson());
        }
        return FakeHttpServer::json(404, "{}");
    }
};

OutboundDocument orderDoc(const QString& key, const QString& desc = QStringLiteral("Replace seal"))
{
    OutboundDocument d;
    d.messageId = 1;
    d.flow = Flow::WorkOrder;
    d.operation = QStringLiteral("upsert");
    d.plant = QStringLiteral("1710");
    d.businessKey = key;
    d.idempotencyKey = QStringLiteral("maximo:") + key + QStringLiteral("@1");
    d.fields = QJsonObject { { QStringLiteral("MaintenanceOrderType"), QStringLiteral("PM01") },
        { QStringLiteral("MaintenanceOrderDesc"), desc },
        { QStringLiteral("MaintenancePlanningPlant"), QStringLiteral("1710") },
        { QStringLiteral("Equipment"), QStringLiteral("10000003") }, { QStringLiteral("MaintPriority"), 2 },
        { QStringLiteral("MaintenanceOrderSystemStatus"), QStringLiteral("REL") } };
    return d;
}

OutboundDocument issueDoc(const QString& order, const QString& material = QStringLiteral("SP-0031"), int id = 88)
{
    OutboundDocument d;
    d.messageId = 2;
    d.flow = Flow::PartsConsumption;
    d.operation = QStringLiteral("goods_issue");
    d.plant = QStringLiteral("1710");
    d.businessKey = QStringLiteral("BEDFORD/1001");
    d.idempotencyKey = QStringLiteral("maximo:BEDFORD/MATU/") + QString::number(id);
    d.parentRef = order;
    d.fields = QJsonObject {
        { QStringLiteral("Material"), material }, { QStringLiteral("Plant"), QStringLiteral("1710") },
        { QStringLiteral("StorageLocation"), QStringLiteral("171A") },
        { QStringLiteral("QuantityInEntryUnit"), QStringLiteral("2") },
        { QStringLiteral("EntryUnit"), QStringLiteral("EA") },
        { QStringLiteral("GoodsMovementType"), QStringLiteral("261") },
        { QStringLiteral("MaterialDocumentItemText"), QString(QStringLiteral("BEDFORD/MATU/") + QString::number(id)) }
    };
    return d;
}

PostOutcome post(SapErpTarget& target, const OutboundDocument& doc)
{
    std::optional<PostOutcome> out;
    int calls = 0;
    target.post(doc, [&](PostOutcome o) {
        ++calls;
        out = std::move(o);
    });
    if (out.has_value())
        qFatal("callback ran inside post()");
    static_cast<void>(QTest::qWaitFor([&] { return out.has_value(); }, 15000));
    QTest::qWait(1);
    if (calls != 1)
        qFatal("callback ran %d times", calls);
    return out.value_or(PostOutcome {});
}

SapConfig config(const QUrl& base, int timeoutMs = 5000)
{
    return SapConfig { base, QStringLiteral("INTERLOCK"), QStringLiteral("sim-password"), QString(), timeoutMs };
}

} // namespace

class TestSapErpTarget : public QObject
{
    Q_OBJECT
private slots:
    void headerText()
    {
        const QString t = SapErpTarget::materialDocumentHeaderText(QStringLiteral("maximo:BEDFORD/MATU/88"));
        QCOMPARE(t.size(), 23);
        QVERIFY(t.startsWith(QLatin1String("IL-")));
        QCOMPARE(t, SapErpTarget::materialDocumentHeaderText(QStringLiteral("maximo:BEDFORD/MATU/88")));
        QVERIFY(t != SapErpTarget::materialDocumentHeaderText(QStringLiteral("maximo:BEDFORD/MATU/89")));
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a3...
        QCOMPARE(
            SapErpTarget::materialDocumentHeaderText(QStringLiteral("abc")), QStringLiteral("IL-ba7816bf8f01cfea4141"));
    }

    void createThenUpdateOrder()
    {
        FakeSap sap;
        SapErpTarget target(config(sap.base()));
        QCOMPARE(target.endpointId(), sap.base().toString());
        auto created = post(target, orderDoc(QStringLiteral("BEDFORD/1001")));
        QVERIFY2(
            created.ref.has_value(), qPrintable(created.ref.has_value() ? QString() : created.ref.error().summary()));
        QCOMPARE(*created.ref, QStringLiteral("4000001"));
        QCOMPARE(created.httpStatus, 201);
        QCOMPARE(created.request, QStringLiteral("POST /sap/opu/odata/sap/API_MAINTENANCEORDER/MaintenanceOrder"));
        QCOMPARE(target.csrfFetchCount(), 1);
        const auto& create = sap.server.requests().last();
        QCOMPARE(create.header("Accept"), QByteArray("application/json"));
        QCOMPARE(create.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(create.header("DataServiceVersion"), QByteArray("2.0"));
        QCOMPARE(create.header("MaxDataServiceVersion"), QByteArray("2.0"));
        QCOMPARE(
            QJsonDocument::fromJson(create.body).object().value(QLatin1String("YY1_ExternalReference_ORD")).toString(),
            QStringLiteral("BEDFORD/1001"));
        QCOMPARE(QJsonDocument::fromJson(create.body).object().value(QLatin1String("MaintPriority")).toString(),
            QStringLiteral("2"));

        // Same content for the known order: read only, no write.
        auto same = orderDoc(QStringLiteral("BEDFORD/1001"));
        same.parentRef = QStringLiteral("4000001");
        const int before = sap.server.requests().size();
        auto noop = post(target, same);
        QVERIFY(noop.ref.has_value());
        QCOMPARE(sap.server.requests().size(), before + 1);
        QCOMPARE(sap.server.requests().last().method, QByteArray("GET"));

        // A changed description: MERGE with If-Match and only the differing field.
        auto changed = orderDoc(QStringLiteral("BEDFORD/1001"), QStringLiteral("Replace seal and bearing"));
        changed.parentRef = QStringLiteral("4000001");
        auto merged = post(target, changed);
        QVERIFY(merged.ref.has_value());
        QCOMPARE(*merged.ref, QStringLiteral("4000001"));
        const auto& merge = sap.server.requests().last();
        QCOMPARE(merge.method, QByteArray("POST"));
        QCOMPARE(merge.header("X-HTTP-Method"), QByteArray("MERGE"));
        QCOMPARE(merge.header("If-Match"), QByteArray("W/\"1\""));
        QCOMPARE(QJsonDocument::fromJson(merge.body).object().keys(),
            QStringList({ QStringLiteral("MaintenanceOrderDesc") }));
    }

    void lookupFirstFindsOrder()
    {
        FakeSap sap;
        SapErpTarget target(config(sap.base()));
        QVERIFY(post(target, orderDoc(QStringLiteral("BEDFORD/O'1"))).ref.has_value());
        auto retry = orderDoc(QStringLiteral("BEDFORD/O'1"));
        retry.lookupFirst = true;
        auto found = post(target, retry);
        QVERIFY(found.ref.has_value());
        QCOMPARE(*found.ref, QStringLiteral("4000001"));
        QVERIFY(found.foundByLookup);
        QCOMPARE(sap.orders.size(), 1);
        QVERIFY(sap.server.requests()
                    .at(sap.server.requests().size() - 1)
                    .query()
                    .contains(QStringLiteral("'BEDFORD/O''1'")));
    }

    void conflictRetriedOnce()
    {
        FakeSap sap;
        SapErpTarget target(config(sap.base()));
        QVERIFY(post(target, orderDoc(QStringLiteral("BEDFORD/2"))).ref.has_value());
        auto changed = orderDoc(QStringLiteral("BEDFORD/2"), QStringLiteral("new text"));
        changed.parentRef = QStringLiteral("4000001");
        sap.staleEtagsToServe = 1;
        auto ok = post(target, changed);
        QVERIFY2(ok.ref.has_value(), qPrintable(ok.ref.has_value() ? QString() : ok.ref.error().summary()));
        changed.fields.insert(QStringLiteral("MaintenanceOrderDesc"), QStringLiteral("newer text"));
        sap.staleEtagsToServe = 2;
        auto conflict = post(target, changed);
        QVERIFY(!conflict.ref.has_value());
        QCOMPARE(conflict.ref.error().errorClass, ErrorClass::Conflict);
        QCOMPARE(conflict.httpStatus, 412);
    }

    void lockIsTransient()
    {
        FakeSap sap;
        SapErpTarget target(config(sap.base()));
        QVERIFY(post(target, orderDoc(QStringLiteral("BEDFORD/3"))).ref.has_value());
        sap.lockOrders = true;
        auto changed = orderDoc(QStringLiteral("BEDFORD/3"), QStringLiteral("x"));
        changed.parentRef = QStringLiteral("4000001");
        auto locked = post(target, changed);
        QVERIFY(!locked.ref.has_value());
        QCOMPARE(locked.ref.error().errorClass, ErrorClass::Transient);
        QCOMPARE(locked.httpStatus, 400);
        QVERIFY(locked.excerpt.contains(QLatin1String("being processed")));
    }

    void goodsIssueAndLookup()
    {
        FakeSap sap;
        SapErpTarget target(config(sap.base()));
        auto issued = post(target, issueDoc(QStringLiteral("4000001")));
        QVERIFY2(issued.ref.has_value(), qPrintable(issued.ref.has_value() ? QString() : issued.ref.error().summary()));
        QCOMPARE(*issued.ref, QStringLiteral("2026/4900000001"));
        QCOMPARE(issued.request,
            QStringLiteral("POST /sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV/A_MaterialDocumentHeader"));
        const QJsonObject body = QJsonDocument::fromJson(sap.lastWriteBody).object();
        QCOMPARE(body.value(QLatin1String("GoodsMovementCode")).toString(), QStringLiteral("03"));
        QCOMPARE(body.value(QLatin1String("MaterialDocumentHeaderText")).toString(),
            SapErpTarget::materialDocumentHeaderText(QStringLiteral("maximo:BEDFORD/MATU/88")));
        QVERIFY(body.value(QLatin1String("PostingDate")).toString().startsWith(QLatin1String("/Date(")));
        const QJsonObject item = body.value(QLatin1String("to_MaterialDocumentItem"))
                                     .toObject()
                                     .value(QLatin1String("results"))
                                     .toArray()
                                     .first()
                                     .toObject();
        QCOMPARE(item.value(QLatin1String("ManufacturingOrder")).toString(), QStringLiteral("4000001"));
        QCOMPARE(item.value(QLatin1String("QuantityInEntryUnit")).toString(), QStringLiteral("2"));

        auto again = issueDoc(QStringLiteral("4000001"));
        again.lookupFirst = true;
        auto found = post(target, again);
        QVERIFY(found.ref.has_value());
        QVERIFY(found.foundByLookup);
        QCOMPARE(*found.ref, QStringLiteral("2026/4900000001"));
        QCOMPARE(sap.docs.size(), 1);

        auto ret = issueDoc(QStringLiteral("4000001"), QStringLiteral("SP-0031"), 90);
        ret.operation = QStringLiteral("goods_return");
        ret.fields.insert(QStringLiteral("GoodsMovementType"), QStringLiteral("262"));
        QVERIFY(post(target, ret).ref.has_value());
        QCOMPARE(
            QJsonDocument::fromJson(sap.lastWriteBody).object().value(QLatin1String("GoodsMovementCode")).toString(),
            QStringLiteral("06"));
    }

    void goodsIssueFailures()
    {
        FakeSap sap;
        SapErpTarget target(config(sap.base()));
        auto noOrder = post(target, issueDoc(QString()));
        QCOMPARE(noOrder.ref.error().errorClass, ErrorClass::Permanent);
        QVERIFY(noOrder.ref.error().message.contains(QLatin1String("order not yet in the ERP")));
        QCOMPARE(sap.server.requests().size(), 0);

        auto unknown = post(target, issueDoc(QStringLiteral("4000001"), QStringLiteral("9-9001")));
        QCOMPARE(unknown.ref.error().errorClass, ErrorClass::Permanent);
        QCOMPARE(unknown.ref.error().code, QStringLiteral("M7/021"));

        auto bad = issueDoc(QStringLiteral("4000001"));
        bad.fields.insert(QStringLiteral("QuantityInEntryUnit"), QStringLiteral("-1"));
        QCOMPARE(post(target, bad).ref.error().errorClass, ErrorClass::Validation);
        bad.fields.insert(QStringLiteral("QuantityInEntryUnit"), QJsonObject());
        QCOMPARE(post(target, bad).ref.error().errorClass, ErrorClass::Validation);
    }

    void csrfRefetchedOnceForConcurrentWrites()
    {
        FakeSap sap;
        SapErpTarget target(config(sap.base()));
        QVERIFY(post(target, issueDoc(QStringLiteral("4000001"), QStringLiteral("SP-0001"), 1)).ref.has_value());
        QCOMPARE(target.csrfFetchCount(), 1);
        sap.expire();
        int done = 0;
        int ok = 0;
        for (int i = 0; i < 5; ++i) {
            target.post(issueDoc(QStringLiteral("4000001"), QStringLiteral("SP-0001"), 10 + i), [&](PostOutcome o) {
                ++done;
                ok += o.ref.has_value() ? 1 : 0;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 5, 15000);
        QCOMPARE(ok, 5);
        QCOMPARE(target.csrfFetchCount(), 2);
        QCOMPARE(sap.docs.size(), 6);
    }

    void authFailure()
    {
        FakeSap sap;
        SapConfig c = config(sap.base());
        c.password = QStringLiteral("wrong");
        SapErpTarget target(c);
        auto r = post(target, orderDoc(QStringLiteral("BEDFORD/9")));
        QCOMPARE(r.ref.error().errorClass, ErrorClass::Auth);
        QCOMPARE(r.httpStatus, 401);
        QVERIFY(!r.excerpt.contains(QLatin1String("wrong")));
    }

    void writeTimeoutIsAmbiguousAndDestructionAnswers()
    {
        FakeSap sap;
        {
            SapErpTarget target(config(sap.base(), 400));
            QVERIFY(post(target, issueDoc(QStringLiteral("4000001"))).ref.has_value());
            sap.holdWrites = true;
            auto r = post(target, issueDoc(QStringLiteral("4000001"), QStringLiteral("SP-0002"), 2));
            QVERIFY(!r.ref.has_value());
            QCOMPARE(r.ref.error().errorClass, ErrorClass::Ambiguous);
        }
        int calls = 0;
        std::optional<PostOutcome> out;
        {
            SapErpTarget target(config(sap.base(), 10000));
            target.post(issueDoc(QStringLiteral("4000001"), QStringLiteral("SP-0003"), 3), [&](PostOutcome o) {
                ++calls;
                out = std::move(o);
            });
            QTest::qWait(300); // the write is held by the server
        }
        QCOMPARE(calls, 1);
        QCOMPARE(out->ref.error().errorClass, ErrorClass::Ambiguous);
        QTest::qWait(50);
        QCOMPARE(calls, 1);
    }

    void sharedClientDestroyedFirst()
    {
        // The engine's pattern: one client shared by targets, all children of one owner, the client
        // created (and so destroyed) first.
        FakeSap sap;
        sap.holdWrites = true;
        int calls = 0;
        std::optional<PostOutcome> out;
        {
            QObject owner;
            auto* client = new Http::HttpClient(&owner);
            auto* target = new SapErpTarget(config(sap.base()), client, &owner);
            target->post(issueDoc(QStringLiteral("4000001")), [&](PostOutcome o) {
                ++calls;
                out = std::move(o);
            });
            QTest::qWait(300);
            QCOMPARE(calls, 0);
        }
        QCOMPARE(calls, 1);
        QCOMPARE(out->ref.error().errorClass, ErrorClass::Ambiguous);
    }

    void sapClientOnEveryRequest()
    {
        FakeSap sap;
        SapConfig c = config(sap.base());
        c.sapClient = QStringLiteral("100");
        SapErpTarget target(c);
        QVERIFY(post(target, orderDoc(QStringLiteral("BEDFORD/7"))).ref.has_value());
        auto again = orderDoc(QStringLiteral("BEDFORD/7"));
        again.lookupFirst = true;
        QVERIFY(post(target, again).ref.has_value());
        QVERIFY(sap.server.requests().size() >= 3);
        for (const auto& r : sap.server.requests())
            QVERIFY2(r.target.contains("sap-client=100"), r.target.constData());
    }

    void outageIsTransient()
    {
        SapErpTarget target(config(QUrl(QStringLiteral("http://127.0.0.1:1/sap/opu/odata/sap")), 2000));
        auto r = post(target, orderDoc(QStringLiteral("BEDFORD/5")));
        QCOMPARE(r.ref.error().errorClass, ErrorClass::Transient);
        QCOMPARE(r.httpStatus, 0);
    }
};

QTEST_GUILESS_MAIN(TestSapErpTarget)
#include "TestSapErpTarget.moc"

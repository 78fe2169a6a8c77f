// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The simulators over real loopback HTTP (docs/simulator.md is the contract under test).
#include "connectors/sim/SimWorld.h"
#include "connectors/sim/Simulator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <memory>

using Interlock::Sim::SimOptions;
using Interlock::Sim::Simulator;

namespace {

/// One finished (or timed-out) HTTP exchange.
struct Answer
{
    int status = 0; ///< 0 when no HTTP answer arrived
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const char* name) const
    {
        for (const auto& h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void cmmsNeedsApiKey();
    void cmmsPagingAndWhere();
    void cmmsWhereUnsupported();
    void cmmsRestIdAndRowstamp();
    void erpNeedsBasicAuth();
    void erpCsrfHandshake();
    void erpOrderEtag();
    void erpLockedOrder();
    void erpGoodsIssueAndLookup();
    void erpValidation();
    void outageAnswers503();
    void dropAfterProcessKeepsDocument();
    void latencyIsDelayedNotBlocking();
    void ledgerAndExpectedOverHttp();
    void generationIsDeterministic();
    void demoMappingsCoverThePools();

private:
    std::unique_ptr<Simulator> makeSim(int plants = 2, quint32 seed = 1);
    Answer send(const QByteArray& method, const QUrl& url, const QList<QPair<QByteArray, QByteArray>>& headers = {},
        const QByteArray& body = {}, int timeoutMs = 5000);
    Answer cmmsGet(const QString& pathAndQuery);
    Answer erp(const QByteArray& method, const QString& path, const QByteArray& body = {},
        QList<QPair<QByteArray, QByteArray>> headers = {}, int timeoutMs = 5000);
    QByteArray fetchToken();
    QString createOrder(const QString& ref, const QString& plant = QStringLiteral("1710"));
    Answer postGoodsIssue(const QString& order, const QString& headerText,
        const QString& material = QStringLiteral("SP-0031"), const QString& qty = QStringLiteral("2"),
        int timeoutMs = 5000);

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QByteArray m_token;
};

std::unique_ptr<Simulator> TestSimulator::makeSim(int plants, quint32 seed)
{
    SimOptions o;
    o.plants = plants;
    o.seed = seed;
    o.generate = false;
    auto sim = std::make_unique<Simulator>(o);
    const auto started = sim->start();
    if (!started)
        qWarning() << started.error().message;
    return sim;
}

void TestSimulator::init()
{
    m_sim = makeSim();
    QVERIFY(m_sim->cmmsUrl().port() > 0);
    QCOMPARE(m_sim->cmmsUrl().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(m_sim->erpUrl().host(), QStringLiteral("127.0.0.1"));
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_token.clear();
}

void TestSimulator::cleanup()
{
    m_nam.reset();
    m_sim.reset();
}

Answer TestSimulator::send(const QByteArray& method, const QUrl& url,
    const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body, int timeoutMs)
{
    QNetworkRequest req(url);
    req.setTransferTimeout(timeoutMs);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto& h : headers)
        req.setRawHeader(h.first, h.second);
    QNetworkReply* reply = m_nam->sendCustomRequest(req, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(timeoutMs + 2000);
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    a.error = reply->error();
    a.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return a;
}

Answer TestSimulator::cmmsGet(const QString& pathAndQuery)
{
    return send("GET", QUrl(m_sim->cmmsUrl().toString() + pathAndQuery), { { "apikey", "sim-apikey" } });
}

Answer TestSimulator::erp(const QByteArray& method, const QString& path, const QByteArray& body,
    QList<QPair<QByteArray, QByteArray>> headers, int timeoutMs)
{
    headers.append(qMakePair(QByteArrayLiteral("Authorization"),
        QByteArray("Basic " + QByteArrayLiteral("INTERLOCK:sim-password").toBase64())));
    headers.append(qMakePair(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")));
    if (!m_token.isEmpty())
        headers.append(qMakePair(QByteArrayLiteral("X-CSRF-Token"), m_token));
    return send(method, QUrl(m_sim->erpUrl().toString() + QStringLiteral("/sap/opu/odata/sap") + path), headers, body,
        timeoutMs);
}

QByteArray TestSimulator::fetchToken()
{
    m_token.clear();
    const Answer a = erp("GET", QStringLiteral("/API_MAINTENANCEORDER/"), {}, { { "X-CSRF-Token", "Fetch" } });
    m_token = a.header("x-csrf-token");
    return m_token;
}

QString TestSimulator::createOrder(const QString& ref, const QString& plant)
{
    const QJsonObject body { { QStringLiteral("MaintenanceOrderType"), QStringLiteral("PM01") },
        { QStringLiteral("MaintenanceOrderDesc"), QStringLiteral("Replace seal") },
        { QStringLiteral("MaintenancePlanningPlant"), plant },
        { QStringLiteral("Equipment"), QStringLiteral("10000003") },
        { QStringLiteral("ResponsibleCostCenter"), QString(plant + QStringLiteral("-101")) },
        { QStringLiteral("MaintPriority"), QStringLiteral("2") },
        { QStringLiteral("YY1_ExternalReference_ORD"), ref } };
    const Answer a
        = erp("POST", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder"), QJsonDocument(body).toJson());
    if (a.status != 201)
        qWarning() << "create order failed" << a.status << a.body;
    return a.json().value(QLatin1String("d")).toObject().value(QLatin1String("MaintenanceOrder")).toString();
}

Answer TestSimulator::postGoodsIssue(
    const QString& order, const QString& headerText, const QString& material, const QString& qty, int timeoutMs)
{
    const QJsonObject item { { QStringLiteral("Material"), material },
        { QStringLiteral("Plant"), QStringLiteral("1710") },
        { QStringLiteral("StorageLocation"), QStringLiteral("171A") },
        { QStringLiteral("GoodsMovementType"), QStringLiteral("261") }, { QStringLiteral("ManufacturingOrder"), order },
        { QStringLiteral("QuantityInEntryUnit"), qty }, { QStringLiteral("EntryUnit"), QStringLiteral("EA") },
        { QStringLiteral("MaterialDocumentItemText"), QStringLiteral("BEDFORD/MATU/88") } };
    const QJsonObject body { { QStringLiteral("GoodsMovementCode"), QStringLiteral("03") },
        { QStringLiteral("MaterialDocumentHeaderText"), headerText },
        { QStringLiteral("to_MaterialDocumentItem"),
            QJsonObject { { QStringLiteral("results"), QJsonArray { item } } } } };
    return erp("POST", QStringLiteral("/API_MATERIAL_DOCUMENT_SRV/A_MaterialDocumentHeader"),
        QJsonDocument(body).toJson(), {}, timeoutMs);
}

// ------------------------------------------------------------------ CMMS

void TestSimulator::cmmsNeedsApiKey()
{
    const QUrl url(m_sim->cmmsUrl().toString() + QStringLiteral("/maximo/api/os/mxapiwodetail?lean=1"));
    Answer a = send("GET", url);
    QCOMPARE(a.status, 401);
    const QJsonObject e = a.json().value(QLatin1String("Error")).toObject();
    QCOMPARE(e.value(QLatin1String("reasonCode")).toString(), QStringLiteral("BMXAA0021E"));
    QCOMPARE(e.value(QLatin1String("statusCode")).toString(), QStringLiteral("401"));
    a = send("GET", url, { { "apikey", "wrong" } });
    QCOMPARE(a.status, 401);
    a = send("GET", url, { { "apikey", "sim-apikey" } });
    QCOMPARE(a.status, 200);
}

void TestSimulator::cmmsPagingAndWhere()
{
    QStringList bedford;
    for (int i = 0; i < 5; ++i)
        bedford.append(m_sim->createWorkOrder(QStringLiteral("BEDFORD")));
    m_sim->createWorkOrder(QStringLiteral("NASHUA"));
    m_sim->createWorkOrder(QStringLiteral("NASHUA"), QStringLiteral("APPR"));
    QCOMPARE(bedford.first(), QStringLiteral("1001"));

    // Paging by site: 5 work orders, pages of 2, follow nextPage.href.
    QString next = m_sim->cmmsUrl().toString()
        + QStringLiteral("/maximo/api/os/mxapiwodetail?lean=1&oslc.select=wonum,siteid,status,changedate"
                         "&oslc.where=siteid%3D%22BEDFORD%22&oslc.orderBy=%2Bchangedate,%2Bwonum&oslc.pageSize=2");
    QStringList seen;
    int pages = 0;
    while (!next.isEmpty()) {
        const Answer a = send("GET", QUrl(next), { { "apikey", "sim-apikey" } });
        QCOMPARE(a.status, 200);
        const QJsonObject o = a.json();
        const QJsonObject info = o.value(QLatin1String("responseInfo")).toObject();
        QCOMPARE(info.value(QLatin1String("totalCount")).toInt(), 5);
        QCOMPARE(info.value(QLatin1String("totalPages")).toInt(), 3);
        QCOMPARE(info.value(QLatin1String("pagenum")).toInt(), pages + 1);
        for (const QJsonValue v : o.value(QLatin1String("member")).toArray()) {
            QCOMPARE(v.toObject().value(QLatin1String("siteid")).toString(), QStringLiteral("BEDFORD"));
            QVERIFY(v.toObject().value(QLatin1String("href")).toString().startsWith(m_sim->cmmsUrl().toString()));
            seen.append(v.toObject().value(QLatin1String("wonum")).toString());
        }
        next = info.value(QLatin1String("nextPage")).toObject().value(QLatin1String("href")).toString();
        QVERIFY(next.isEmpty() || next.startsWith(QStringLiteral("http://127.0.0.1:")));
        QVERIFY(++pages <= 3);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen, bedford);

    // changedate compares at second resolution.
    Answer a = cmmsGet(QStringLiteral(
        "/maximo/api/os/mxapiwodetail?lean=1&oslc.where=wonum%3D%221001%22%20and%20siteid%3D%22BEDFORD%22"));
    const QString changed = a.json()
                                .value(QLatin1String("member"))
                                .toArray()
                                .at(0)
                                .toObject()
                                .value(QLatin1String("changedate"))
                                .toString();
    QVERIFY2(changed.endsWith(QStringLiteral("+00:00")) && changed.size() == 25, qPrintable(changed));
    const QString enc = QString::fromLatin1(QUrl::toPercentEncoding(changed));
    a = cmmsGet(QStringLiteral("/maximo/api/os/mxapiwodetail?lean=1&oslc.where=changedate%3E%3D%22") + enc
        + QStringLiteral("%22"));
    QCOMPARE(a.json().value(QLatin1String("responseInfo")).toObject().value(QLatin1String("totalCount")).toInt(), 7);
    a = cmmsGet(QStringLiteral("/maximo/api/os/mxapiwodetail?lean=1&oslc.where=changedate%3E%22") + enc
        + QStringLiteral("%22%20and%20siteid%3D%22BEDFORD%22"));
    QCOMPARE(a.json().value(QLatin1String("member")).toArray().size(), 0);
    a = cmmsGet(QStringLiteral(
        "/maximo/api/os/mxapiwodetail?lean=1&oslc.where=siteid%3D%22NASHUA%22%20and%20status%3D%22APPR%22"));
    QCOMPARE(a.json().value(QLatin1String("member")).toArray().size(), 1);
    a = cmmsGet(QStringLiteral("/maximo/api/os/mxapiwodetail?lean=1&oslc.where=status!%3D%22WAPPR%22"));
    QCOMPARE(a.json().value(QLatin1String("member")).toArray().size(), 1);
}

void TestSimulator::cmmsWhereUnsupported()
{
    const Answer a
        = cmmsGet(QStringLiteral("/maximo/api/os/mxapiwodetail?lean=1&oslc.where=description%3D%22%25pump%25%22"));
    QCOMPARE(a.status, 400);
    QVERIFY(a.json()
                .value(QLatin1String("Error"))
                .toObject()
                .value(QLatin1String("reasonCode"))
                .toString()
                .startsWith(QStringLiteral("BMXAA")));
}

void TestSimulator::cmmsRestIdAndRowstamp()
{
    const QString wonum
        = m_sim->createWorkOrder(QStringLiteral("BEDFORD"), QStringLiteral("APPR"), QStringLiteral("A1003"));
    Answer a = cmmsGet(QStringLiteral("/maximo/api/os/mxapiwodetail?lean=1"));
    const QJsonObject wo = a.json().value(QLatin1String("member")).toArray().at(0).toObject();
    const QString href = wo.value(QLatin1String("href")).toString();
    QVERIFY2(href.endsWith(QStringLiteral("/maximo/api/os/mxapiwodetail/_MTAwMS9CRURGT1JE")), qPrintable(href));
    const QString rowstamp = wo.value(QLatin1String("_rowstamp")).toString();
    const QString changed = wo.value(QLatin1String("changedate")).toString();
    QVERIFY(!rowstamp.isEmpty());

    QTest::qWait(1100); // changedate has second resolution
    const qint64 id = m_sim->addMaterialIssue(QStringLiteral("BEDFORD"), wonum, QStringLiteral("0-0031"), 2);
    QVERIFY(id > 0);
    a = send("GET", QUrl(href + QStringLiteral("?lean=1")), { { "apikey", "sim-apikey" } });
    QCOMPARE(a.status, 200);
    QJsonObject after = a.json();
    QCOMPARE(after.value(QLatin1String("_rowstamp")).toString(), rowstamp);
    QVERIFY(after.value(QLatin1String("changedate")).toString() > changed);
    const QJsonArray rows = after.value(QLatin1String("matusetrans")).toArray();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).toObject().value(QLatin1String("matusetransid")).toInteger(), id);
    QCOMPARE(rows.at(0).toObject().value(QLatin1String("itemnum")).toString(), QStringLiteral("0-0031"));
    QCOMPARE(rows.at(0).toObject().value(QLatin1String("issuetype")).toString(), QStringLiteral("ISSUE"));

    m_sim->changeStatus(QStringLiteral("BEDFORD"), wonum, QStringLiteral("INPRG"));
    a = send("GET", QUrl(href), { { "apikey", "sim-apikey" } });
    QVERIFY(a.json().value(QLatin1String("_rowstamp")).toString() != rowstamp);
    QCOMPARE(a.json().value(QLatin1String("status")).toString(), QStringLiteral("INPRG"));
}

// ------------------------------------------------------------------ ERP

void TestSimulator::erpNeedsBasicAuth()
{
    const QUrl url(
        m_sim->erpUrl().toString() + QStringLiteral("/sap/opu/odata/sap/API_MAINTENANCEORDER/MaintenanceOrder"));
    QCOMPARE(send("GET", url).status, 401);
    QCOMPARE(
        send("GET", url, { { "Authorization", "Basic " + QByteArrayLiteral("INTERLOCK:wrong").toBase64() } }).status,
        401);
    QCOMPARE(erp("GET", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder")).status, 200);
}

void TestSimulator::erpCsrfHandshake()
{
    Answer a = erp("POST", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder"), "{}");
    QCOMPARE(a.status, 403);
    QCOMPARE(a.header("x-csrf-token"), QByteArrayLiteral("Required"));
    QCOMPARE(a.body, QByteArrayLiteral("CSRF token validation failed"));

    const Answer f = erp("GET", QStringLiteral("/API_MAINTENANCEORDER/"), {}, { { "X-CSRF-Token", "Fetch" } });
    QCOMPARE(f.status, 200);
    QVERIFY(!f.header("x-csrf-token").isEmpty());
    QVERIFY(f.header("set-cookie").startsWith("SAP_SESSIONID_SIM_100="));
    m_token = f.header("x-csrf-token");
    QCOMPARE(createOrder(QStringLiteral("BEDFORD/1001")), QStringLiteral("4000001"));

    // A token without its session cookie is refused.
    QNetworkAccessManager other;
    QNetworkRequest req(
        QUrl(m_sim->erpUrl().toString() + QStringLiteral("/sap/opu/odata/sap/API_MAINTENANCEORDER/MaintenanceOrder")));
    req.setRawHeader("Authorization", "Basic " + QByteArrayLiteral("INTERLOCK:sim-password").toBase64());
    req.setRawHeader("X-CSRF-Token", m_token);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* r = other.post(req, QByteArrayLiteral("{}"));
    QSignalSpy done(r, &QNetworkReply::finished);
    QVERIFY(done.wait(5000));
    QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
    delete r;

    m_sim->expireCsrfTokens();
    a = erp("POST", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder"), "{}");
    QCOMPARE(a.status, 403);
    QCOMPARE(a.header("x-csrf-token"), QByteArrayLiteral("Required"));
    QVERIFY(!fetchToken().isEmpty());
    QCOMPARE(createOrder(QStringLiteral("BEDFORD/1002")), QStringLiteral("4000002"));

    // The same over the control endpoint.
    QCOMPARE(
        send("POST", QUrl(m_sim->erpUrl().toString() + QStringLiteral("/sim/erp/expire-csrf")), {}, "{}").status, 200);
    QCOMPARE(erp("POST", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder"), "{}").status, 403);
}

void TestSimulator::erpOrderEtag()
{
    fetchToken();
    const QString order = createOrder(QStringLiteral("BEDFORD/1001"));
    const QString path = QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder('%1')").arg(order);
    Answer a = erp("GET", path);
    QCOMPARE(a.status, 200);
    const QByteArray etag = a.header("etag");
    QVERIFY(!etag.isEmpty());
    QCOMPARE(a.json()
                 .value(QLatin1String("d"))
                 .toObject()
                 .value(QLatin1String("__metadata"))
                 .toObject()
                 .value(QLatin1String("etag"))
                 .toString()
                 .toUtf8(),
        etag);

    const QByteArray change = R"({"MaintenanceOrderSystemStatus":"REL"})";
    a = erp("POST", path, change, { { "X-HTTP-Method", "MERGE" } });
    QCOMPARE(a.status, 428);
    a = erp("POST", path, change, { { "X-HTTP-Method", "MERGE" }, { "If-Match", "W/\"datetimeoffset'1'.0\"" } });
    QCOMPARE(a.status, 412);
    a = erp("POST", path, change, { { "X-HTTP-Method", "MERGE" }, { "If-Match", etag } });
    QCOMPARE(a.status, 204);
    const QByteArray etag2 = a.header("etag");
    QVERIFY(etag2 != etag);
    a = erp("PATCH", path, R"({"MaintenanceOrderDesc":"Changed"})", { { "If-Match", etag } });
    QCOMPARE(a.status, 412);
    a = erp("PATCH", path, R"({"MaintenanceOrderDesc":"Changed"})", { { "If-Match", etag2 } });
    QCOMPARE(a.status, 204);
    a = erp("MERGE", path, R"({"MaintenanceOrderSystemStatus":"CLSD"})", { { "If-Match", "*" } });
    QCOMPARE(a.status, 204);
    a = erp("GET", path);
    const QJsonObject d = a.json().value(QLatin1String("d")).toObject();
    QCOMPARE(d.value(QLatin1String("MaintenanceOrderSystemStatus")).toString(), QStringLiteral("CLSD"));
    QCOMPARE(d.value(QLatin1String("MaintenanceOrderDesc")).toString(), QStringLiteral("Changed"));
    // Closed: permanent refusal of updates and goods movements.
    a = erp("MERGE", path, R"({"MaintenanceOrderDesc":"Again"})", { { "If-Match", "*" } });
    QCOMPARE(a.status, 400);
    QCOMPARE(postGoodsIssue(order, QStringLiteral("IL-closed")).status, 400);
}

void TestSimulator::erpLockedOrder()
{
    fetchToken();
    const QString order = createOrder(QStringLiteral("BEDFORD/1001"));
    m_sim->setOrderLocked(order, true);
    Answer a = erp("MERGE", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder('%1')").arg(order),
        R"({"MaintenanceOrderSystemStatus":"REL"})", { { "If-Match", "*" } });
    QCOMPARE(a.status, 400);
    const QJsonObject error = a.json().value(QLatin1String("error")).toObject();
    QVERIFY2(error.value(QLatin1String("message"))
                 .toObject()
                 .value(QLatin1String("value"))
                 .toString()
                 .contains(QStringLiteral("Order %1 is being processed by user").arg(order)),
        a.body.constData());
    QCOMPARE(
        error.value(QLatin1String("innererror")).toObject().value(QLatin1String("errordetails")).toArray().size(), 1);
    a = postGoodsIssue(order, QStringLiteral("IL-locked"));
    QCOMPARE(a.status, 400);
    QVERIFY(a.body.contains("is being processed by user"));
    m_sim->setOrderLocked(order, false);
    QCOMPARE(postGoodsIssue(order, QStringLiteral("IL-locked")).status, 201);

    // The lock as a fault rate.
    m_sim->setFaults(
        QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("lockedOrderRate"), 1.0 } } } });
    QCOMPARE(postGoodsIssue(order, QStringLiteral("IL-locked2")).status, 400);
}

void TestSimulator::erpGoodsIssueAndLookup()
{
    fetchToken();
    const QString order = createOrder(QStringLiteral("BEDFORD/1001"));
    Answer a = postGoodsIssue(order, QStringLiteral("IL-0123456789abcdef0123"));
    QCOMPARE(a.status, 201);
    const QJsonObject d = a.json().value(QLatin1String("d")).toObject();
    QCOMPARE(d.value(QLatin1String("MaterialDocument")).toString(), QStringLiteral("4900000001"));
    QCOMPARE(d.value(QLatin1String("MaterialDocumentYear")).toString().size(), 4);
    QCOMPARE(postGoodsIssue(order, QStringLiteral("IL-other"))
                 .json()
                 .value(QLatin1String("d"))
                 .toObject()
                 .value(QLatin1String("MaterialDocument"))
                 .toString(),
        QStringLiteral("4900000002"));

    a = erp("GET",
        QStringLiteral("/API_MATERIAL_DOCUMENT_SRV/"
                       "A_MaterialDocumentHeader?$filter=MaterialDocumentHeaderText%20eq%20'IL-0123456789abcdef0123'&$"
                       "top=1&$inlinecount=allpages"));
    QCOMPARE(a.status, 200);
    QJsonObject res = a.json().value(QLatin1String("d")).toObject();
    QCOMPARE(res.value(QLatin1String("__count")).toString(), QStringLiteral("1"));
    QCOMPARE(res.value(QLatin1String("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("MaterialDocument"))
                 .toString(),
        QStringLiteral("4900000001"));
    a = erp("GET",
        QStringLiteral(
            "/API_MATERIAL_DOCUMENT_SRV/"
            "A_MaterialDocumentHeader?$filter=MaterialDocumentHeaderText%20eq%20'IL-none'&$inlinecount=allpages"));
    QCOMPARE(
        a.json().value(QLatin1String("d")).toObject().value(QLatin1String("__count")).toString(), QStringLiteral("0"));

    a = erp("GET",
        QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder?$filter=YY1_ExternalReference_ORD%20eq%20'BEDFORD/"
                       "1001'&$top=1&$inlinecount=allpages"));
    res = a.json().value(QLatin1String("d")).toObject();
    QCOMPARE(res.value(QLatin1String("__count")).toString(), QStringLiteral("1"));
    QCOMPARE(res.value(QLatin1String("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("MaintenanceOrder"))
                 .toString(),
        order);
    a = erp("GET", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder?$filter=MaintenanceOrderDesc%20eq%20'x'"));
    QCOMPARE(a.status, 400);
}

void TestSimulator::erpValidation()
{
    fetchToken();
    const QString order = createOrder(QStringLiteral("BEDFORD/1001"));
    QCOMPARE(postGoodsIssue(order, QStringLiteral("IL-a"), QStringLiteral("SP-0999")).status, 400);
    QCOMPARE(postGoodsIssue(order, QStringLiteral("IL-b"), QStringLiteral("SP-0001"), QStringLiteral("0")).status, 400);
    QCOMPARE(postGoodsIssue(QStringLiteral("4999999"), QStringLiteral("IL-c")).status, 400);
    QCOMPARE(createOrder(QStringLiteral("X/1"), QStringLiteral("9999")), QString());
    const Answer a = erp("POST", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder"),
        R"({"MaintenancePlanningPlant":"1710","Equipment":"99999999","YY1_ExternalReference_ORD":"BEDFORD/1"})");
    QCOMPARE(a.status, 400);
    const QJsonObject error = a.json().value(QLatin1String("error")).toObject();
    QVERIFY(!error.value(QLatin1String("code")).toString().isEmpty());
    QCOMPARE(
        error.value(QLatin1String("message")).toObject().value(QLatin1String("lang")).toString(), QStringLiteral("en"));
    // The unknown-material fault rejects a valid material.
    m_sim->setFaults(
        QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("unknownMaterialRate"), 1.0 } } } });
    QCOMPARE(postGoodsIssue(order, QStringLiteral("IL-d")).status, 400);
    QCOMPARE(m_sim->ledger().value(QLatin1String("materialDocuments")).toArray().size(), 0);
}

// ------------------------------------------------------------------ faults

void TestSimulator::outageAnswers503()
{
    m_sim->setFaults(QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("outageForSec"), 5 } } },
        { QStringLiteral("cmms"), QJsonObject { { QStringLiteral("outageForSec"), 5 } } } });
    Answer a = erp("GET", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder"));
    QCOMPARE(a.status, 503);
    QVERIFY(a.json().value(QLatin1String("error")).toObject().contains(QLatin1String("innererror")));
    QCOMPARE(cmmsGet(QStringLiteral("/maximo/api/os/mxapiwodetail?lean=1")).status, 503);
    QVERIFY(m_sim->faults().value(QLatin1String("erp")).toObject().value(QLatin1String("outageForSec")).toDouble() > 0);
    // /sim stays reachable; clearing the outage restores service.
    a = send("POST", QUrl(m_sim->cmmsUrl().toString() + QStringLiteral("/sim/faults")), {},
        R"({"erp":{"outageForSec":0},"cmms":{"outageForSec":0}})");
    QCOMPARE(a.status, 200);
    QCOMPARE(erp("GET", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder")).status, 200);
    QCOMPARE(
        m_sim->ledger().value(QLatin1String("requests")).toObject().value(QLatin1String("failedInjected")).toInt(), 2);

    m_sim->setFaults(QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("errorRate"), 1.0 } } } });
    QCOMPARE(erp("GET", QStringLiteral("/API_MAINTENANCEORDER/MaintenanceOrder")).status, 503);
}

void TestSimulator::dropAfterProcessKeepsDocument()
{
    fetchToken();
    const QString order = createOrder(QStringLiteral("BEDFORD/1001"));
    m_sim->setFaults(
        QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("dropAfterProcessRate"), 1.0 } } } });
    const Answer a
        = postGoodsIssue(order, QStringLiteral("IL-dropped"), QStringLiteral("SP-0031"), QStringLiteral("2"), 1000);
    QCOMPARE(a.status, 0); // no HTTP answer: the client's timeout fired
    QVERIFY(a.error != QNetworkReply::NoError);
    const QJsonObject ledger = m_sim->ledger();
    const QJsonArray docs = ledger.value(QLatin1String("materialDocuments")).toArray();
    QCOMPARE(docs.size(), 1);
    QCOMPARE(docs.at(0).toObject().value(QLatin1String("headerText")).toString(), QStringLiteral("IL-dropped"));
    QCOMPARE(docs.at(0).toObject().value(QLatin1String("order")).toString(), order);
    QCOMPARE(ledger.value(QLatin1String("requests")).toObject().value(QLatin1String("dropped")).toInt(), 1);
    // Reads are never dropped: the lookup finds the document.
    m_sim->setFaults(
        QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("dropAfterProcessRate"), 0 } } } });
    const Answer look = erp("GET",
        QStringLiteral("/API_MATERIAL_DOCUMENT_SRV/"
                       "A_MaterialDocumentHeader?$filter=MaterialDocumentHeaderText%20eq%20'IL-dropped'"));
    QCOMPARE(look.json().value(QLatin1String("d")).toObject().value(QLatin1String("results")).toArray().size(), 1);
}

void TestSimulator::latencyIsDelayedNotBlocking()
{
    m_sim->setFaults(QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("latencyMs"), 400 } } } });
    QElapsedTimer t;
    t.start();
    // Three requests in flight at once: a blocking server would need 3 x 400 ms.
    QList<QNetworkReply*> replies;
    for (int i = 0; i < 3; ++i) {
        QNetworkRequest req(QUrl(
            m_sim->erpUrl().toString() + QStringLiteral("/sap/opu/odata/sap/API_MAINTENANCEORDER/MaintenanceOrder")));
        req.setRawHeader("Authorization", "Basic " + QByteArrayLiteral("INTERLOCK:sim-password").toBase64());
        replies.append(m_nam->get(req));
    }
    for (QNetworkReply* r : replies) {
        if (!r->isFinished())
            QVERIFY(QSignalSpy(r, &QNetworkReply::finished).wait(5000));
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete r;
    }
    QVERIFY2(t.elapsed() >= 390, qPrintable(QString::number(t.elapsed())));
    QVERIFY2(t.elapsed() < 1100, qPrintable(QString::number(t.elapsed())));
}

// ------------------------------------------------------------------ evidence

void TestSimulator::ledgerAndExpectedOverHttp()
{
    const QString wonum = m_sim->createWorkOrder(QStringLiteral("NASHUA"));
    m_sim->changeStatus(QStringLiteral("NASHUA"), wonum, QStringLiteral("APPR"));
    const qint64 id = m_sim->addMaterialIssue(
        QStringLiteral("NASHUA"), wonum, QStringLiteral("0-0007"), 3, QStringLiteral("STORE2"));
    fetchToken();
    const QString order = createOrder(QStringLiteral("BEDFORD/1001"));
    createOrder(QStringLiteral("BEDFORD/1001")); // a duplicate shows in the ledger
    QCOMPARE(postGoodsIssue(order, QStringLiteral("IL-x")).status, 201);

    Answer a = send("GET", QUrl(m_sim->erpUrl().toString() + QStringLiteral("/sim/expected")));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.json(), m_sim->expected());
    const QJsonObject expected = a.json();
    QCOMPARE(expected.value(QLatin1String("done")).toBool(), true);
    const QJsonObject wo = expected.value(QLatin1String("workOrders")).toArray().at(0).toObject();
    QCOMPARE(wo.value(QLatin1String("site")).toString(), QStringLiteral("NASHUA"));
    QCOMPARE(wo.value(QLatin1String("status")).toString(), QStringLiteral("APPR"));
    const QJsonObject issue = expected.value(QLatin1String("materialIssues")).toArray().at(0).toObject();
    QCOMPARE(issue.value(QLatin1String("matusetransid")).toInteger(), id);
    QCOMPARE(issue.value(QLatin1String("quantity")).toDouble(), 3.0);

    a = send("GET", QUrl(m_sim->cmmsUrl().toString() + QStringLiteral("/sim/ledger")));
    QCOMPARE(a.status, 200);
    const QJsonObject ledger = a.json();
    const QJsonArray orders = ledger.value(QLatin1String("orders")).toArray();
    QCOMPARE(orders.size(), 2);
    QCOMPARE(orders.at(1).toObject().value(QLatin1String("externalRef")).toString(), QStringLiteral("BEDFORD/1001"));
    QCOMPARE(orders.at(0).toObject().value(QLatin1String("plant")).toString(), QStringLiteral("1710"));
    const QJsonObject doc = ledger.value(QLatin1String("materialDocuments")).toArray().at(0).toObject();
    QCOMPARE(doc.value(QLatin1String("itemText")).toString(), QStringLiteral("BEDFORD/MATU/88"));
    QCOMPARE(doc.value(QLatin1String("material")).toString(), QStringLiteral("SP-0031"));
    QCOMPARE(doc.value(QLatin1String("quantity")).toString(), QStringLiteral("2"));
    QVERIFY(ledger.value(QLatin1String("requests")).toObject().value(QLatin1String("total")).toInt() >= 4);
}

void TestSimulator::generationIsDeterministic()
{
    const auto run = [this](quint32 seed) {
        auto sim = makeSim(3, seed);
        sim->generate(300, 100000);
        QElapsedTimer t;
        t.start();
        while (!sim->expected().value(QLatin1String("done")).toBool() && t.elapsed() < 10000)
            QTest::qWait(20);
        QJsonObject e = sim->expected();
        return e;
    };
    const QJsonObject a = run(7);
    const QJsonObject b = run(7);
    const QJsonObject c = run(8);
    QVERIFY(a.value(QLatin1String("done")).toBool());
    QCOMPARE(a.value(QLatin1String("events")).toInteger(), 300);
    QCOMPARE(a, b);
    QVERIFY(a != c);
    const QJsonArray wos = a.value(QLatin1String("workOrders")).toArray();
    const QJsonArray issues = a.value(QLatin1String("materialIssues")).toArray();
    QVERIFY(wos.size() > 30);
    QVERIFY(issues.size() > 30);
    QSet<QString> statuses;
    QSet<QString> sites;
    for (const QJsonValue v : wos) {
        statuses.insert(v.toObject().value(QLatin1String("status")).toString());
        sites.insert(v.toObject().value(QLatin1String("site")).toString());
    }
    QVERIFY2(statuses.contains(QStringLiteral("CLOSE")) && statuses.contains(QStringLiteral("INPRG")),
        qPrintable(QStringList(statuses.values()).join(QLatin1Char(','))));
    QCOMPARE(sites.size(), 3);
    // Events = creates + status changes + issues; 300 in all.
    for (const QJsonValue v : issues) {
        const double q = v.toObject().value(QLatin1String("quantity")).toDouble();
        QVERIFY(q >= 1 && q <= 5);
        QVERIFY(v.toObject().value(QLatin1String("itemnum")).toString().startsWith(QStringLiteral("0-00")));
    }
}

void TestSimulator::demoMappingsCoverThePools()
{
    const QString path = QFINDTESTDATA("../../resources/config/demo-mappings.csv");
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(path));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("domain,plant,source_value,target_value"));
    auto sim = makeSim(5);
    Interlock::Sim::SimWorld& world = sim->world();
    QHash<QString, QString> sitePlant;
    for (const auto& [site, plant] : sim->plants())
        sitePlant.insert(site, plant);
    QHash<QString, int> perDomain;
    for (const QString& line : lines.mid(1)) {
        const QStringList f = line.split(QLatin1Char(','));
        QCOMPARE(f.size(), 4);
        const QString& domain = f[0];
        ++perDomain[domain];
        if (domain == QLatin1String("plant"))
            QCOMPARE(sitePlant.value(f[2]), f[3]);
        else if (domain == QLatin1String("equipment"))
            QVERIFY2(world.isKnownEquipment(f[3]), qPrintable(line));
        else if (domain == QLatin1String("material"))
            QVERIFY2(world.isKnownMaterial(f[3]), qPrintable(line));
        else if (domain == QLatin1String("storage_location"))
            QVERIFY2(world.isKnownStorageLocation(sitePlant.value(f[1]), f[3]), qPrintable(line));
        else if (domain == QLatin1String("cost_center"))
            QVERIFY2(world.isKnownCostCenter(f[3]) && f[3].startsWith(sitePlant.value(f[1])), qPrintable(line));
        else
            QCOMPARE(domain, QStringLiteral("wo_status"));
    }
    QCOMPARE(perDomain.value(QStringLiteral("plant")), 5);
    QCOMPARE(perDomain.value(QStringLiteral("equipment")), 40);
    QCOMPARE(perDomain.value(QStringLiteral("material")), 60);
    QCOMPARE(perDomain.value(QStringLiteral("storage_location")), 10);
    QCOMPARE(perDomain.value(QStringLiteral("cost_center")), 30);
    QCOMPARE(perDomain.value(QStringLiteral("wo_status")), 6);
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "TestSimulator.moc"

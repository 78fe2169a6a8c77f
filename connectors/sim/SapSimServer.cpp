// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sim/SapSimServer.h"

#include "connectors/sim/SimWorld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace Interlock::Sim {

namespace {

const QString root = QStringLiteral("/sap/opu/odata/sap");
const QString cookieName = QStringLiteral("SAP_SESSIONID_SIM_100");
const char* const orderService = "API_MAINTENANCEORDER";
const char* const docService = "API_MATERIAL_DOCUMENT_SRV";

QString sapDate(qint64 ms)
{
    return QStringLiteral("/Date(%1)/").arg(ms);
}

QString sapDateTimeOffset(qint64 ms)
{
    return QStringLiteral("/Date(%1+0000)/").arg(ms);
}

QString cookieValue(const QByteArray& header, const QString& name)
{
    const QStringList parts = QString::fromLatin1(header).split(QLatin1Char(';'));
    for (const QString& part : parts) {
        const QString p = part.trimmed();
        if (p.startsWith(name + QLatin1Char('=')))
            return p.mid(name.size() + 1);
    }
    return {};
}

/// Parses `Field eq 'value'` ('' escapes a quote). Returns false for anything else.
bool parseEqFilter(const QString& filter, QString& field, QString& value)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\w+)\\s+eq\\s+'((?:[^']|'')*)'\\s*$"));
    const auto m = re.match(filter);
    if (!m.hasMatch())
        return false;
    field = m.captured(1);
    value = m.captured(2).replace(QStringLiteral("''"), QStringLiteral("'"));
    return true;
}

bool validOrderStatus(const QString& s)
{
    static const QStringList all { QStringLiteral("CRTD"), QStringLiteral("REL"), QStringLiteral("TECO"),
        QStringLiteral("CLSD"), QStringLiteral("DLFL") };
    return all.contains(s);
}

double decimalValue(const QJsonValue& v, bool& ok)
{
    if (v.isDouble()) {
        ok = true;
        return v.toDouble();
    }
    return v.toString().toDouble(&ok);
}

QString decimalString(const QJsonValue& v)
{
    return v.isDouble() ? QString::number(v.toDouble(), 'f', 3) : v.toString();
}

QJsonObject unwrap(const QJsonObject& body)
{
    return body.contains(QLatin1String("d")) && body.value(QLatin1String("d")).isObject()
        ? body.value(QLatin1String("d")).toObject()
        : body;
}

} // namespace

SapSimServer::SapSimServer(SimWorld& world, QString user, QString password, QObject* parent)
    : QObject(parent)
    , m_world(world)
    , m_expectedAuth("Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64())
    , m_control(world)
    , m_http(std::make_unique<SimHttpServer>([this](const SimHttpRequest& r) { return handle(r); }))
{
}

quint16 SapSimServer::listen(quint16 port)
{
    return m_http->listenLocal(port);
}

QUrl SapSimServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_http->port()));
}

QString SapSimServer::serviceUrl(const char* service) const
{
    return baseUrl().toString() + root + QLatin1Char('/') + QString::fromLatin1(service);
}

QString SapSimServer::etag(const SimErpOrder& order)
{
    const QString stamp
        = QDateTime::fromMSecsSinceEpoch(order.changedMs, Qt::UTC).toString(QStringLiteral("yyyyMMddHHmmss.zzz"));
    return QStringLiteral("W/\"datetimeoffset'%1'.%2\"").arg(stamp, QString::number(order.version));
}

SimHttpResponse SapSimServer::sapError(
    int status, const QString& code, const QString& message, const char* service) const
{
    const QString now = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss.zzz0000"));
    QString txid;
    for (int i = 0; i < 4; ++i)
        txid += QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')).toUpper();
    const QJsonObject detail { { QStringLiteral("code"), code }, { QStringLiteral("message"), message },
        { QStringLiteral("propertyref"), QString() }, { QStringLiteral("severity"), QStringLiteral("error") },
        { QStringLiteral("target"), QString() }, { QStringLiteral("transition"), false } };
    const QJsonObject inner { { QStringLiteral("application"),
                                  QJsonObject { { QStringLiteral("component_id"), QStringLiteral("PM-WOC-MO") },
                                      { QStringLiteral("service_namespace"), QStringLiteral("/SAP/") },
                                      { QStringLiteral("service_id"), QString::fromLatin1(service) },
                                      { QStringLiteral("service_version"), QStringLiteral("0001") } } },
        { QStringLiteral("transactionid"), txid }, { QStringLiteral("timestamp"), now },
        { QStringLiteral("errordetails"), QJsonArray { detail } } };
    const QJsonObject error { { QStringLiteral("code"), code },
        { QStringLiteral("message"),
            QJsonObject { { QStringLiteral("lang"), QStringLiteral("en") }, { QStringLiteral("value"), message } } },
        { QStringLiteral("innererror"), inner } };
    return SimHttpResponse::json(status, QJsonDocument(QJsonObject { { QStringLiteral("error"), error } }));
}

SimHttpResponse SapSimServer::handle(const SimHttpRequest& request)
{
    if (auto control = m_control.handle(request))
        return *control;
    m_world.countRequest();
    SimHttpResponse response;
    QByteArray method = request.method;
    if (method == "POST") {
        const QByteArray tunnel = request.header("X-HTTP-Method").toUpper();
        if (!tunnel.isEmpty())
            method = tunnel;
    }
    const bool write = method != "GET" && method != "HEAD";
    if (m_world.erpOutage() || m_world.roll(m_world.erpFaults().errorRate)) {
        m_world.countInjectedFailure();
        response = sapError(503, QStringLiteral("/IWFND/CM_BEC/026"),
            QStringLiteral("Service temporarily unavailable (simulated); try again later"));
    } else if (request.header("Authorization") != m_expectedAuth) {
        response = SimHttpResponse::text(401, "Logon failed");
        response.addHeader("WWW-Authenticate", "Basic realm=\"SAP NetWeaver Application Server [SIM/100]\"");
    } else {
        const QString session = cookieValue(request.header("Cookie"), cookieName);
        if (write && !m_world.validCsrf(session, QString::fromLatin1(request.header("X-CSRF-Token")))) {
            response = SimHttpResponse::text(403, "CSRF token validation failed");
            response.addHeader("x-csrf-token", "Required");
        } else {
            response = route(request, method, session);
            if (!write && request.header("X-CSRF-Token").compare("Fetch", Qt::CaseInsensitive) == 0) {
                const auto [sid, token] = m_world.fetchCsrf(session);
                response.addHeader("x-csrf-token", token.toLatin1());
                response.addHeader("Set-Cookie",
                    (cookieName + QLatin1Char('=') + sid + QStringLiteral("; path=/; HttpOnly")).toLatin1());
            }
            if (write && response.status >= 200 && response.status < 300
                && m_world.roll(m_world.erpFaults().dropAfterProcessRate)) {
                m_world.countDropped();
                response.drop = true;
                response.dropHoldMs = m_world.erpFaults().dropHoldSec * 1000;
            }
        }
    }
    response.delayMs = m_world.erpLatencyMs();
    return response;
}

SimHttpResponse SapSimServer::route(const SimHttpRequest& request, const QByteArray& method, const QString& session)
{
    Q_UNUSED(session)
    if (!request.path.startsWith(root + QLatin1Char('/')))
        return sapError(
            404, QStringLiteral("/IWFND/MED/170"), QStringLiteral("No service found for namespace, name, version"));
    const QString rest = request.path.mid(root.size() + 1);
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    const QString service = slash < 0 ? rest : rest.left(slash);
    const QString inner = slash < 0 ? QString() : rest.mid(slash + 1);
    const bool orderSvc = service == QLatin1String(orderService);
    const bool docSvc = service == QLatin1String(docService);
    if (!orderSvc && !docSvc)
        return sapError(
            404, QStringLiteral("/IWFND/MED/170"), QStringLiteral("No service found for namespace, name, version"));
    const char* svc = orderSvc ? orderService : docService;
    if (inner.isEmpty() && method == "GET") {
        const QJsonArray sets = orderSvc
            ? QJsonArray { QStringLiteral("MaintenanceOrder"), QStringLiteral("MaintenanceOrderOperation") }
            : QJsonArray { QStringLiteral("A_MaterialDocumentHeader"), QStringLiteral("A_MaterialDocumentItem") };
        return SimHttpResponse::json(200,
            QJsonDocument(
                QJsonObject { { QStringLiteral("d"), QJsonObject { { QStringLiteral("EntitySets"), sets } } } }));
    }
    if (inner == QLatin1String("$metadata") && method == "GET") {
        QByteArray xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                         "<edmx:Edmx Version=\"1.0\" xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\" "
                         "xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">"
                         "<edmx:DataServices m:DataServiceVersion=\"2.0\"><Schema Namespace=\"";
        xml += svc;
        xml += "\" xmlns=\"http://schemas.microsoft.com/ado/2008/09/edm\">";
        if (orderSvc) {
            xml += "<EntityType Name=\"MaintenanceOrderType\"><Key><PropertyRef Name=\"MaintenanceOrder\"/></Key>"
                   "<Property Name=\"MaintenanceOrder\" Type=\"Edm.String\" MaxLength=\"12\" Nullable=\"false\"/>"
                   "<Property Name=\"MaintenanceOrderType\" Type=\"Edm.String\" MaxLength=\"4\"/>"
                   "<Property Name=\"MaintenanceOrderDesc\" Type=\"Edm.String\" MaxLength=\"40\"/>"
                   "<Property Name=\"MaintenancePlanningPlant\" Type=\"Edm.String\" MaxLength=\"4\"/>"
                   "<Property Name=\"Equipment\" Type=\"Edm.String\" MaxLength=\"18\"/>"
                   "<Property Name=\"ResponsibleCostCenter\" Type=\"Edm.String\" MaxLength=\"10\"/>"
                   "<Property Name=\"MaintPriority\" Type=\"Edm.String\" MaxLength=\"1\"/>"
                   "<Property Name=\"MaintenanceOrderSystemStatus\" Type=\"Edm.String\" MaxLength=\"40\"/>"
                   "<Property Name=\"YY1_ExternalReference_ORD\" Type=\"Edm.String\" MaxLength=\"40\"/>"
                   "<Property Name=\"LastChangeDateTime\" Type=\"Edm.DateTimeOffset\" ConcurrencyMode=\"Fixed\"/>"
                   "</EntityType><EntityContainer Name=\"API_MAINTENANCEORDER_Entities\" "
                   "m:IsDefaultEntityContainer=\"true\">"
                   "<EntitySet Name=\"MaintenanceOrder\" EntityType=\"API_MAINTENANCEORDER.MaintenanceOrderType\"/>";
        } else {
            xml += "<EntityType Name=\"A_MaterialDocumentHeaderType\"><Key><PropertyRef Name=\"MaterialDocumentYear\"/>"
                   "<PropertyRef Name=\"MaterialDocument\"/></Key>"
                   "<Property Name=\"MaterialDocumentYear\" Type=\"Edm.String\" MaxLength=\"4\" Nullable=\"false\"/>"
                   "<Property Name=\"MaterialDocument\" Type=\"Edm.String\" MaxLength=\"10\" Nullable=\"false\"/>"
                   "<Property Name=\"GoodsMovementCode\" Type=\"Edm.String\" MaxLength=\"2\"/>"
                   "<Property Name=\"MaterialDocumentHeaderText\" Type=\"Edm.String\" MaxLength=\"25\"/>"
                   "<Property Name=\"PostingDate\" Type=\"Edm.DateTime\" Precision=\"0\"/>"
                   "</EntityType><EntityContainer Name=\"API_MATERIAL_DOCUMENT_SRV_Entities\" "
                   "m:IsDefaultEntityContainer=\"true\">"
                   "<EntitySet Name=\"A_MaterialDocumentHeader\" "
                   "EntityType=\"API_MATERIAL_DOCUMENT_SRV.A_MaterialDocumentHeaderType\"/>";
        }
        xml += "</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>";
        SimHttpResponse r;
        r.body = xml;
        r.addHeader("Content-Type", "application/xml");
        return r;
    }
    if (orderSvc && inner.startsWith(QLatin1String("MaintenanceOrder")))
        return orders(request, method, inner.mid(16));
    if (docSvc && inner.startsWith(QLatin1String("A_MaterialDocumentHeader")))
        return materialDocs(request, method, inner.mid(24));
    return sapError(404, QStringLiteral("/IWBEP/CM_MGW_RT/021"),
        QStringLiteral("Resource not found for segment '%1'").arg(inner), svc);
}

// ---------------------------------------------------------------- maintenance orders

QJsonObject SapSimServer::renderOrder(const SimErpOrder& o) const
{
    const QString uri
        = serviceUrl(orderService) + QStringLiteral("/MaintenanceOrder('") + o.order + QStringLiteral("')");
    return QJsonObject {
        { QStringLiteral("__metadata"),
            QJsonObject { { QStringLiteral("id"), uri }, { QStringLiteral("uri"), uri },
                { QStringLiteral("type"), QStringLiteral("API_MAINTENANCEORDER.MaintenanceOrderType") },
                { QStringLiteral("etag"), etag(o) } } },
        { QStringLiteral("MaintenanceOrder"), o.order },
        { QStringLiteral("MaintenanceOrderType"), o.type },
        { QStringLiteral("MaintenanceOrderDesc"), o.description },
        { QStringLiteral("MaintenancePlanningPlant"), o.plant },
        { QStringLiteral("MaintenancePlant"), o.plant },
        { QStringLiteral("Equipment"), o.equipment },
        { QStringLiteral("ResponsibleCostCenter"), o.costCenter },
        { QStringLiteral("MaintPriority"), o.priority },
        { QStringLiteral("MaintenanceOrderSystemStatus"), o.status },
        { QStringLiteral("YY1_ExternalReference_ORD"), o.externalRef },
        { QStringLiteral("CreationDate"), sapDate(o.createdMs - o.createdMs % 86400000) },
        { QStringLiteral("LastChangeDateTime"), sapDateTimeOffset(o.changedMs) },
    };
}

SimHttpResponse SapSimServer::orders(const SimHttpRequest& request, const QByteArray& method, const QString& rest)
{
    static const QRegularExpression keyRe(QStringLiteral("^\\('(\\d+)'\\)$"));
    if (rest.isEmpty() && method == "GET") {
        QList<const SimErpOrder*> found;
        const QString filter = request.queryValue(QStringLiteral("$filter"));
        const int top = request.query.hasQueryItem(QStringLiteral("$top"))
            ? request.queryValue(QStringLiteral("$top")).toInt()
            : -1;
        const int skip = request.queryValue(QStringLiteral("$skip")).toInt();
        if (filter.isEmpty()) {
            found = m_world.allOrders(top < 0 ? -1 : top + skip);
        } else {
            QString field;
            QString value;
            if (!parseEqFilter(filter, field, value)
                || (field != QLatin1String("YY1_ExternalReference_ORD")
                    && field != QLatin1String("MaintenanceOrder"))) {
                return sapError(400, QStringLiteral("/IWBEP/CM_MGW_RT/004"),
                    QStringLiteral("Invalid or unsupported $filter (simulator supports Field eq 'value' on "
                                   "YY1_ExternalReference_ORD, MaintenanceOrder)"),
                    orderService);
            }
            if (field == QLatin1String("MaintenanceOrder")) {
                if (const SimErpOrder* o = m_world.order(value))
                    found.append(o);
            } else {
                found = m_world.ordersByExternalRef(value);
            }
        }
        const qint64 count = filter.isEmpty() ? m_world.orderCount() : found.size();
        QJsonArray results;
        for (qsizetype i = std::max(0, skip); i < found.size() && (top < 0 || results.size() < top); ++i)
            results.append(renderOrder(*found[i]));
        QJsonObject d { { QStringLiteral("results"), results } };
        if (request.queryValue(QStringLiteral("$inlinecount")) == QLatin1String("allpages"))
            d.insert(QStringLiteral("__count"), QString::number(count));
        return SimHttpResponse::json(200, QJsonDocument(QJsonObject { { QStringLiteral("d"), d } }));
    }
    QJsonObject body;
    if (method != "GET" && method != "DELETE") {
        QJsonParseError perr {};
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
            return sapError(400, QStringLiteral("/IWBEP/CM_MGW_RT/001"),
                QStringLiteral("The request body is not valid JSON: %1").arg(perr.errorString()), orderService);
        }
        body = unwrap(doc.object());
    }
    if (rest.isEmpty() && method == "POST")
        return createOrder(body);
    const auto m = keyRe.match(rest);
    if (!m.hasMatch()) {
        return sapError(404, QStringLiteral("/IWBEP/CM_MGW_RT/021"),
            QStringLiteral("Resource not found for segment 'MaintenanceOrder%1'").arg(rest), orderService);
    }
    const QString number = m.captured(1);
    SimErpOrder* o = m_world.order(number);
    if (!o) {
        return sapError(404, QStringLiteral("/IWBEP/CM_MGW_RT/020"),
            QStringLiteral("Resource not found for segment 'MaintenanceOrder'; order %1 does not exist").arg(number),
            orderService);
    }
    if (method == "GET") {
        SimHttpResponse r
            = SimHttpResponse::json(200, QJsonDocument(QJsonObject { { QStringLiteral("d"), renderOrder(*o) } }));
        r.addHeader("ETag", etag(*o).toUtf8());
        return r;
    }
    if (method == "MERGE" || method == "PATCH" || method == "PUT")
        return updateOrder(request, number, body);
    return sapError(405, QStringLiteral("/IWBEP/CM_MGW_RT/002"),
        QStringLiteral("Method %1 not allowed on MaintenanceOrder").arg(QString::fromLatin1(method)), orderService);
}

SimHttpResponse SapSimServer::createOrder(const QJsonObject& body)
{
    const auto str = [&body](const char* key) { return body.value(QString::fromLatin1(key)).toString(); };
    SimErpOrder o;
    o.type = str("MaintenanceOrderType").isEmpty() ? QStringLiteral("PM01") : str("MaintenanceOrderType");
    o.description = str("MaintenanceOrderDesc");
    o.plant = str("MaintenancePlanningPlant");
    o.equipment = str("Equipment");
    o.costCenter = str("ResponsibleCostCenter");
    o.priority = body.value(QLatin1String("MaintPriority")).isDouble()
        ? QString::number(body.value(QLatin1String("MaintPriority")).toInt())
        : str("MaintPriority");
    o.status
        = str("MaintenanceOrderSystemStatus").isEmpty() ? QStringLiteral("CRTD") : str("MaintenanceOrderSystemStatus");
    o.externalRef = str("YY1_ExternalReference_ORD");
    if (!m_world.isKnownPlant(o.plant))
        return sapError(
            400, QStringLiteral("IW/049"), QStringLiteral("Plant %1 does not exist").arg(o.plant), orderService);
    if (!o.equipment.isEmpty() && !m_world.isKnownEquipment(o.equipment))
        return sapError(400, QStringLiteral("IS/102"), QStringLiteral("Equipment %1 does not exist").arg(o.equipment),
            orderService);
    if (!o.costCenter.isEmpty() && !m_world.isKnownCostCenter(o.costCenter)) {
        return sapError(400, QStringLiteral("KI/235"),
            QStringLiteral("Cost center %1 does not exist on key date").arg(o.costCenter), orderService);
    }
    if (o.description.size() > 40 || !validOrderStatus(o.status) || o.externalRef.size() > 40) {
        return sapError(400, QStringLiteral("00/055"),
            QStringLiteral("Invalid field value: description max 40, status CRTD/REL/TECO/CLSD/DLFL, reference max 40"),
            orderService);
    }
    if (m_world.roll(m_world.erpFaults().validationErrorRate)) {
        return sapError(400, QStringLiteral("00/055"),
            QStringLiteral("Make an entry in all required fields (simulated)"), orderService);
    }
    const SimErpOrder& created = m_world.addOrder(o);
    SimHttpResponse r
        = SimHttpResponse::json(201, QJsonDocument(QJsonObject { { QStringLiteral("d"), renderOrder(created) } }));
    r.addHeader("ETag", etag(created).toUtf8());
    r.addHeader("Location",
        (serviceUrl(orderService) + QStringLiteral("/MaintenanceOrder('") + created.order + QStringLiteral("')"))
            .toUtf8());
    return r;
}

SimHttpResponse SapSimServer::updateOrder(const SimHttpRequest& request, const QString& number, const QJsonObject& body)
{
    SimErpOrder* o = m_world.order(number);
    const QByteArray ifMatch = request.header("If-Match");
    if (ifMatch.isEmpty()) {
        return sapError(428, QStringLiteral("/IWBEP/CM_MGW_RT/184"),
            QStringLiteral("Operation requires an If-Match header (precondition required)"), orderService);
    }
    if (ifMatch != "*" && QString::fromUtf8(ifMatch) != etag(*o)) {
        return sapError(412, QStringLiteral("/IWBEP/CM_MGW_RT/022"),
            QStringLiteral("Precondition failed: order %1 was changed in the meantime").arg(number), orderService);
    }
    if (o->status == QLatin1String("CLSD")) {
        return sapError(400, QStringLiteral("IW/504"),
            QStringLiteral("Order %1 is closed; changes are not possible").arg(number), orderService);
    }
    if (o->locked || m_world.roll(m_world.erpFaults().lockedOrderRate)) {
        return sapError(400, QStringLiteral("CO/469"),
            QStringLiteral("Order %1 is being processed by user MAINT02").arg(number), orderService);
    }
    const auto has = [&body](const char* key) { return body.contains(QString::fromLatin1(key)); };
    const auto str = [&body](const char* key) { return body.value(QString::fromLatin1(key)).toString(); };
    if (has("Equipment") && !str("Equipment").isEmpty() && !m_world.isKnownEquipment(str("Equipment")))
        return sapError(400, QStringLiteral("IS/102"),
            QStringLiteral("Equipment %1 does not exist").arg(str("Equipment")), orderService);
    if (has("ResponsibleCostCenter") && !m_world.isKnownCostCenter(str("ResponsibleCostCenter"))) {
        return sapError(400, QStringLiteral("KI/235"),
            QStringLiteral("Cost center %1 does not exist on key date").arg(str("ResponsibleCostCenter")),
            orderService);
    }
    if ((has("MaintenanceOrderSystemStatus") && !validOrderStatus(str("MaintenanceOrderSystemStatus")))
        || (has("MaintenanceOrderDesc") && str("MaintenanceOrderDesc").size() > 40)) {
        return sapError(400, QStringLiteral("00/055"),
            QStringLiteral("Invalid field value: description max 40, status CRTD/REL/TECO/CLSD/DLFL"), orderService);
    }
    if (m_world.roll(m_world.erpFaults().validationErrorRate)) {
        return sapError(400, QStringLiteral("00/055"),
            QStringLiteral("Make an entry in all required fields (simulated)"), orderService);
    }
    if (has("MaintenanceOrderDesc"))
        o->description = str("MaintenanceOrderDesc");
    if (has("Equipment"))
        o->equipment = str("Equipment");
    if (has("ResponsibleCostCenter"))
        o->costCenter = str("ResponsibleCostCenter");
    if (has("MaintPriority")) {
        const QJsonValue p = body.value(QLatin1String("MaintPriority"));
        o->priority = p.isDouble() ? QString::number(p.toInt()) : p.toString();
    }
    if (has("MaintenanceOrderSystemStatus"))
        o->status = str("MaintenanceOrderSystemStatus");
    m_world.touchOrder(*o);
    SimHttpResponse r;
    r.status = 204;
    r.addHeader("ETag", etag(*o).toUtf8());
    return r;
}

// ---------------------------------------------------------------- material documents

QJsonObject SapSimServer::renderDoc(const SimMaterialDoc& d, bool expandItems) const
{
    const QString uri = serviceUrl(docService) + QStringLiteral("/A_MaterialDocumentHeader(MaterialDocumentYear='")
        + d.year + QStringLiteral("',MaterialDocument='") + d.document + QStringLiteral("')");
    QJsonObject o { { QStringLiteral("__metadata"),
                        QJsonObject { { QStringLiteral("id"), uri }, { QStringLiteral("uri"), uri },
                            { QStringLiteral("type"),
                                QStringLiteral("API_MATERIAL_DOCUMENT_SRV.A_MaterialDocumentHeaderType") } } },
        { QStringLiteral("MaterialDocumentYear"), d.year }, { QStringLiteral("MaterialDocument"), d.document },
        { QStringLiteral("GoodsMovementCode"), d.movementCode },
        { QStringLiteral("MaterialDocumentHeaderText"), d.headerText },
        { QStringLiteral("PostingDate"), sapDate(d.createdMs - d.createdMs % 86400000) },
        { QStringLiteral("DocumentDate"), sapDate(d.createdMs - d.createdMs % 86400000) },
        { QStringLiteral("CreationDate"), sapDate(d.createdMs - d.createdMs % 86400000) } };
    if (!expandItems) {
        o.insert(QStringLiteral("to_MaterialDocumentItem"),
            QJsonObject { { QStringLiteral("__deferred"),
                QJsonObject {
                    { QStringLiteral("uri"), QString(uri + QStringLiteral("/to_MaterialDocumentItem")) } } } });
        return o;
    }
    QJsonArray items;
    int n = 0;
    for (const SimMaterialDocItem& it : d.items) {
        ++n;
        items.append(QJsonObject { { QStringLiteral("MaterialDocumentYear"), d.year },
            { QStringLiteral("MaterialDocument"), d.document },
            { QStringLiteral("MaterialDocumentItem"), QString::number(n) }, { QStringLiteral("Material"), it.material },
            { QStringLiteral("Plant"), it.plant }, { QStringLiteral("StorageLocation"), it.storageLocation },
            { QStringLiteral("GoodsMovementType"), it.movementType },
            { QStringLiteral("ManufacturingOrder"), it.order }, { QStringLiteral("QuantityInEntryUnit"), it.quantity },
            { QStringLiteral("EntryUnit"), it.unit }, { QStringLiteral("MaterialDocumentItemText"), it.itemText } });
    }
    o.insert(QStringLiteral("to_MaterialDocumentItem"), QJsonObject { { QStringLiteral("results"), items } });
    return o;
}

SimHttpResponse SapSimServer::materialDocs(const SimHttpRequest& request, const QByteArray& method, const QString& rest)
{
    const bool expand
        = request.queryValue(QStringLiteral("$expand")).contains(QLatin1String("to_MaterialDocumentItem"));
    if (rest.isEmpty() && method == "GET") {
        QList<const SimMaterialDoc*> found;
        const QString filter = request.queryValue(QStringLiteral("$filter"));
        const int top = request.query.hasQueryItem(QStringLiteral("$top"))
            ? request.queryValue(QStringLiteral("$top")).toInt()
            : -1;
        const int skip = request.queryValue(QStringLiteral("$skip")).toInt();
        if (filter.isEmpty()) {
            found = m_world.allMaterialDocs(top < 0 ? -1 : top + skip);
        } else {
            QString field;
            QString value;
            if (!parseEqFilter(filter, field, value) || field != QLatin1String("MaterialDocumentHeaderText")) {
                return sapError(400, QStringLiteral("/IWBEP/CM_MGW_RT/004"),
                    QStringLiteral(
                        "Invalid or unsupported $filter (simulator supports MaterialDocumentHeaderText eq 'value')"),
                    docService);
            }
            found = m_world.materialDocsByHeaderText(value);
        }
        const qint64 count = filter.isEmpty() ? m_world.materialDocCount() : found.size();
        QJsonArray results;
        for (qsizetype i = std::max(0, skip); i < found.size() && (top < 0 || results.size() < top); ++i)
            results.append(renderDoc(*found[i], expand));
        QJsonObject d { { QStringLiteral("results"), results } };
        if (request.queryValue(QStringLiteral("$inlinecount")) == QLatin1String("allpages"))
            d.insert(QStringLiteral("__count"), QString::number(count));
        return SimHttpResponse::json(200, QJsonDocument(QJsonObject { { QStringLiteral("d"), d } }));
    }
    if (rest.isEmpty() && method == "POST") {
        QJsonParseError perr {};
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
            return sapError(400, QStringLiteral("/IWBEP/CM_MGW_RT/001"),
                QStringLiteral("The request body is not valid JSON: %1").arg(perr.errorString()), docService);
        }
        return createMaterialDoc(unwrap(doc.object()));
    }
    static const QRegularExpression keyRe(
        QStringLiteral("^\\(MaterialDocumentYear='(\\d{4})',MaterialDocument='(\\d+)'\\)(/to_MaterialDocumentItem)?$"));
    const auto m = keyRe.match(rest);
    if (method == "GET" && m.hasMatch()) {
        const SimMaterialDoc* d = m_world.materialDoc(m.captured(1), m.captured(2));
        if (!d) {
            return sapError(404, QStringLiteral("/IWBEP/CM_MGW_RT/020"),
                QStringLiteral("Material document %1 %2 does not exist").arg(m.captured(2), m.captured(1)), docService);
        }
        if (!m.captured(3).isEmpty()) {
            const QJsonObject full = renderDoc(*d, true);
            return SimHttpResponse::json(200,
                QJsonDocument(
                    QJsonObject { { QStringLiteral("d"), full.value(QLatin1String("to_MaterialDocumentItem")) } }));
        }
        return SimHttpResponse::json(
            200, QJsonDocument(QJsonObject { { QStringLiteral("d"), renderDoc(*d, expand) } }));
    }
    return sapError(405, QStringLiteral("/IWBEP/CM_MGW_RT/002"),
        QStringLiteral("Method %1 not allowed on A_MaterialDocumentHeader%2").arg(QString::fromLatin1(method), rest),
        docService);
}

SimHttpResponse SapSimServer::createMaterialDoc(const QJsonObject& body)
{
    const auto perm
        = [this](const QString& code, const QString& message) { return sapError(400, code, message, docService); };
    SimMaterialDoc doc;
    doc.movementCode = body.value(QLatin1String("GoodsMovementCode")).toString();
    doc.headerText = body.value(QLatin1String("MaterialDocumentHeaderText")).toString();
    // 03 goods issue (movement 261), 06 reversal (movement 262, the return of issued parts)
    if (doc.movementCode != QLatin1String("03") && doc.movementCode != QLatin1String("06"))
        return perm(QStringLiteral("M7/019"),
            QStringLiteral("Goods movement code %1 is not supported (use 03 or 06)").arg(doc.movementCode));
    if (doc.headerText.size() > 25)
        return perm(
            QStringLiteral("00/055"), QStringLiteral("MaterialDocumentHeaderText is longer than 25 characters"));
    const QJsonValue nav = body.value(QLatin1String("to_MaterialDocumentItem"));
    const QJsonArray items = nav.isArray() ? nav.toArray() : nav.toObject().value(QLatin1String("results")).toArray();
    if (items.isEmpty())
        return perm(QStringLiteral("M7/001"), QStringLiteral("Document contains no items"));
    bool rolledLock = false;
    for (const QJsonValue& v : items) {
        const QJsonObject it = v.toObject();
        const auto str = [&it](const char* key) { return it.value(QString::fromLatin1(key)).toString(); };
        SimMaterialDocItem item;
        item.material = str("Material");
        item.plant = str("Plant");
        item.storageLocation = str("StorageLocation");
        item.movementType = str("GoodsMovementType");
        item.order = str("ManufacturingOrder");
        item.unit = str("EntryUnit").isEmpty() ? QStringLiteral("EA") : str("EntryUnit");
        item.itemText = str("MaterialDocumentItemText");
        bool ok = false;
        const double qty = decimalValue(it.value(QLatin1String("QuantityInEntryUnit")), ok);
        item.quantity = decimalString(it.value(QLatin1String("QuantityInEntryUnit")));
        const QString expectedType
            = doc.movementCode == QLatin1String("06") ? QStringLiteral("262") : QStringLiteral("261");
        if (item.movementType != expectedType)
            return perm(QStringLiteral("M7/019"),
                QStringLiteral("Movement type %1 does not fit goods movement code %2 (use %3)")
                    .arg(item.movementType, doc.movementCode, expectedType));
        if (!m_world.isKnownPlant(item.plant))
            return perm(QStringLiteral("M7/001"), QStringLiteral("Plant %1 does not exist").arg(item.plant));
        if (!m_world.isKnownMaterial(item.material) || m_world.roll(m_world.erpFaults().unknownMaterialRate)) {
            return perm(QStringLiteral("M7/021"),
                QStringLiteral("Material %1 is not maintained in plant %2").arg(item.material, item.plant));
        }
        if (!m_world.isKnownStorageLocation(item.plant, item.storageLocation)) {
            return perm(QStringLiteral("M7/002"),
                QStringLiteral("Storage location %1 does not exist in plant %2").arg(item.storageLocation, item.plant));
        }
        if (!ok || qty <= 0)
            return perm(QStringLiteral("M7/024"), QStringLiteral("Quantity must be greater than zero"));
        SimErpOrder* order = m_world.order(item.order);
        if (!order)
            return perm(QStringLiteral("KO/027"), QStringLiteral("Order %1 does not exist").arg(item.order));
        if (order->plant != item.plant) {
            return perm(QStringLiteral("KO/043"),
                QStringLiteral("Order %1 belongs to plant %2, not %3").arg(item.order, order->plant, item.plant));
        }
        if (order->status == QLatin1String("CLSD") || order->status == QLatin1String("DLFL")) {
            return perm(QStringLiteral("IW/504"),
                QStringLiteral("Order %1 is closed; goods movements are not possible").arg(item.order));
        }
        if (!rolledLock) {
            rolledLock = true;
            if (m_world.roll(m_world.erpFaults().lockedOrderRate))
                return perm(QStringLiteral("CO/469"),
                    QStringLiteral("Order %1 is being processed by user MAINT02").arg(item.order));
        }
        if (order->locked)
            return perm(QStringLiteral("CO/469"),
                QStringLiteral("Order %1 is being processed by user MAINT02").arg(item.order));
        doc.items.push_back(item);
    }
    if (m_world.roll(m_world.erpFaults().validationErrorRate))
        return perm(QStringLiteral("00/055"), QStringLiteral("Make an entry in all required fields (simulated)"));
    const SimMaterialDoc& created = m_world.addMaterialDoc(doc);
    SimHttpResponse r
        = SimHttpResponse::json(201, QJsonDocument(QJsonObject { { QStringLiteral("d"), renderDoc(created, true) } }));
    r.addHeader("Location",
        (serviceUrl(docService) + QStringLiteral("/A_MaterialDocumentHeader(MaterialDocumentYear='") + created.year
            + QStringLiteral("',MaterialDocument='") + created.document + QStringLiteral("')"))
            .toUtf8());
    return r;
}

} // namespace Interlock::Sim

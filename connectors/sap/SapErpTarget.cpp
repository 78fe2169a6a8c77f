// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sap/SapErpTarget.h"

#include "connectors/http/HttpClient.h"
#include "connectors/http/Redaction.h"
#include "connectors/sap/ODataV2.h"
#include "connectors/sap/SapCsrfSession.h"
#include "connectors/sap/SapErrors.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSap, "interlock.connector.sap", QtInfoMsg)

namespace Interlock::Connectors::Sap {

namespace {

const QString kOrderService = QStringLiteral("API_MAINTENANCEORDER");
const QString kMatDocService = QStringLiteral("API_MATERIAL_DOCUMENT_SRV");
const QString kExtRef = QStringLiteral("YY1_ExternalReference_ORD");

/// Work order fields the connector sends, in SAP names. MaintenanceOrderType cannot change on
/// an existing order, so it is only sent on create.
const QStringList kOrderFields = { QStringLiteral("MaintenanceOrderType"), QStringLiteral("MaintenanceOrderDesc"),
    QStringLiteral("MaintenancePlanningPlant"), QStringLiteral("Equipment"), QStringLiteral("ResponsibleCostCenter"),
    QStringLiteral("MaintPriority"), QStringLiteral("MaintenanceOrderSystemStatus") };

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Error makeError(ErrorClass c, const QString& code, const QString& message, int status = 0, const QString& detail = {})
{
    return Error { c, code, message, status, detail };
}

} // namespace

struct SapErpTarget::Op
{
    quint64 id = 0;
    OutboundDocument doc;
    std::function<void(PostOutcome)> done;
    QElapsedTimer timer;
    bool finished = false;
    bool writeInFlight = false;
    bool csrfRetried = false;
    bool conflictRetried = false;
    bool foundByLookup = false;
    quint64 httpId = 0;
    QString lastRequest;
    int lastStatus = 0;
    QString lastExcerpt;
};

SapErpTarget::SapErpTarget(SapConfig config, Http::HttpClient* client, QObject* parent)
    : ErpTarget(parent)
    , m_config(std::move(config))
    , m_client(client ? client : new Http::HttpClient(this))
{
    m_authorization = "Basic " + (m_config.user + QLatin1Char(':') + m_config.password).toUtf8().toBase64();
    const QUrl root = serviceUrl(kOrderService, QString());
    m_csrf = new SapCsrfSession(m_client, makeRequest("GET", root), this);
}

SapErpTarget::~SapErpTarget()
{
    const auto ops = std::exchange(m_ops, {});
    for (const auto& op : ops) {
        if (op->httpId && m_client)
            m_client->abort(op->httpId);
        const bool wrote = op->writeInFlight;
        op->httpId = 0;
        finishError(op,
            makeError(wrote ? ErrorClass::Ambiguous : ErrorClass::Transient, QStringLiteral("CANCELLED"),
                wrote ? QStringLiteral("SAP connector shut down while a write was in flight; the document may exist")
                      : QStringLiteral("SAP connector shut down before the post completed")));
    }
}

int SapErpTarget::csrfFetchCount() const
{
    return m_csrf->fetchCount();
}

QString SapErpTarget::endpointId() const
{
    return m_config.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::StripTrailingSlash);
}

QString SapErpTarget::materialDocumentHeaderText(const QString& idempotencyKey)
{
    const QByteArray hex = QCryptographicHash::hash(idempotencyKey.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("IL-") + QString::fromLatin1(hex.left(20));
}

QUrl SapErpTarget::serviceUrl(const QString& service, const QString& path, const QByteArray& query) const
{
    QByteArray url = m_config.baseUrl.toEncoded(QUrl::StripTrailingSlash | QUrl::RemoveQuery) + '/' + service.toUtf8()
        + '/' + QUrl::toPercentEncoding(path, "()'=,");
    QByteArray q = query;
    if (!m_config.sapClient.isEmpty())
        q += (q.isEmpty() ? "" : "&") + QByteArray("sap-client=") + QUrl::toPercentEncoding(m_config.sapClient);
    if (!q.isEmpty())
        url += '?' + q;
    return QUrl::fromEncoded(url, QUrl::StrictMode);
}

Http::HttpRequest SapErpTarget::makeRequest(const QByteArray& method, const QUrl& url, const QByteArray& body) const
{
    Http::HttpRequest r(method, url);
    r.header("Accept", "application/json")
        .header("Authorization", m_authorization)
        .header("DataServiceVersion", "2.0")
        .header("MaxDataServiceVersion", "2.0")
        .timeout(m_config.timeoutMs)
        .maxResponseBytes(m_config.maxResponseBytes);
    if (!body.isEmpty() || method != "GET")
        r.header("Content-Type", "application/json").body(body);
    return r;
}

void SapErpTarget::post(const OutboundDocument& doc, std::function<void(PostOutcome)> done)
{
    auto op = std::make_shared<Op>();
    op->id = m_nextOp++;
    op->doc = doc;
    op->done = std::move(done);
    op->timer.start();
    m_ops.insert(op->id, op);
    // Start on the next event-loop turn: the callback must never run inside post().
    QTimer::singleShot(0, this, [this, op] {
        if (op->finished)
            return;
        if (op->doc.flow == Flow::WorkOrder)
            postWorkOrder(op);
        else if (op->doc.flow == Flow::PartsConsumption)
            postGoodsMovement(op);
        else
            finishError(op,
                makeError(ErrorClass::Validation, QStringLiteral("UNSUPPORTED_FLOW"),
                    QStringLiteral("SAP connector has no flow '") + op->doc.flow.left(40) + QStringLiteral("'")));
    });
}

void SapErpTarget::read(const OpPtr& op, Http::HttpRequest request, Handler handler)
{
    if (!m_client)
        return finishError(
            op, makeError(ErrorClass::Transient, QStringLiteral("NO_CLIENT"), QStringLiteral("HTTP client is gone")));
    m_csrf->applyCookies(request);
    op->lastRequest = request.describe();
    const QUrl url = request.url();
    op->httpId
        = m_client->send(request, this, [this, op, url, handler = std::move(handler)](const Http::HttpResponse& r) {
              op->httpId = 0;
              if (op->finished)
                  return;
              m_csrf->absorb(r, url);
              op->lastStatus = r.status;
              op->lastExcerpt = Http::Redaction::excerpt(r.body);
              handler(r);
          });
}

void SapErpTarget::write(const OpPtr& op, Http::HttpRequest request, Handler handler)
{
    m_csrf->ensureToken(this, [this, op, request, handler = std::move(handler)](const Result<quint64>& generation) {
        if (op->finished)
            return;
        if (!generation) {
            op->lastRequest = m_csrf->fetchRequestText();
            op->lastStatus = generation.error().httpStatus;
            op->lastExcerpt = generation.error().detail;
            finishError(op, generation.error());
            return;
        }
        sendWrite(op, request, handler, *generation);
    });
}

void SapErpTarget::sendWrite(const OpPtr& op, const Http::HttpRequest& request, Handler handler, quint64 generation)
{
    if (!m_client)
        return finishError(
            op, makeError(ErrorClass::Transient, QStringLiteral("NO_CLIENT"), QStringLiteral("HTTP client is gone")));
    Http::HttpRequest req = request;
    m_csrf->apply(req);
    op->lastRequest = req.describe();
    op->writeInFlight = true;
    const QUrl url = req.url();
    op->httpId = m_client->send(
        req, this, [this, op, url, request, generation, handler = std::move(handler)](const Http::HttpResponse& r) {
            op->httpId = 0;
            op->writeInFlight = false;
            if (op->finished)
                return;
            m_csrf->absorb(r, url);
            op->lastStatus = r.status;
            op->lastExcerpt = Http::Redaction::excerpt(r.body);
            if (SapErrors::isCsrfRequired(r) && !op->csrfRetried) {
                // The token expired: fetch once more (shared with other writes) and resend once.
                qCDebug(lcSap) << "CSRF token rejected, fetching a new one";
                op->csrfRetried = true;
                m_csrf->invalidate(generation);
                write(op, request, handler);
                return;
            }
            handler(r);
        });
}

void SapErpTarget::finishOk(const OpPtr& op, const QString& ref, bool foundByLookup)
{
    if (op->finished)
        return;
    op->finished = true;
    m_ops.remove(op->id);
    PostOutcome out;
    out.ref = ref;
    out.foundByLookup = foundByLookup;
    out.httpStatus = op->lastStatus;
    out.durationMs = static_cast<int>(op->timer.elapsed());
    out.request = op->lastRequest;
    out.excerpt = op->lastExcerpt;
    auto done = std::move(op->done);
    if (done)
        done(std::move(out));
}

void SapErpTarget::finishError(const OpPtr& op, Error error)
{
    if (op->finished)
        return;
    op->finished = true;
    m_ops.remove(op->id);
    PostOutcome out;
    out.httpStatus = error.httpStatus ? error.httpStatus : op->lastStatus;
    out.durationMs = static_cast<int>(op->timer.elapsed());
    out.request = op->lastRequest;
    out.excerpt = error.detail.isEmpty() ? op->lastExcerpt : error.detail;
    qCDebug(lcSap) << "post" << op->doc.messageId << op->doc.flow << "failed:" << errorClassName(error.errorClass)
                   << error.code;
    out.ref = Unexpected { std::move(error) };
    auto done = std::move(op->done);
    if (done)
        done(std::move(out));
}

void SapErpTarget::failWith(const OpPtr& op, const Http::HttpResponse& response, bool isWrite)
{
    finishError(op, SapErrors::fromResponse(response, isWrite));
}

// ---- request builders (shared by post and plan) -----------------------------------------

Http::HttpRequest SapErpTarget::orderLookupRequest(const OutboundDocument& doc) const
{
    const QByteArray query
        = "$filter=" + QUrl::toPercentEncoding(ODataV2::filterEq(kExtRef, doc.businessKey)) + "&$top=1";
    return makeRequest("GET", serviceUrl(kOrderService, QStringLiteral("MaintenanceOrder"), query));
}

Http::HttpRequest SapErpTarget::orderReadRequest(const QString& order) const
{
    return makeRequest("GET", serviceUrl(kOrderService, ODataV2::keyPath(QStringLiteral("MaintenanceOrder"), order)));
}

Result<Http::HttpRequest> SapErpTarget::orderCreateRequest(const OutboundDocument& doc) const
{
    QJsonObject body;
    for (const QString& f : kOrderFields) {
        const QJsonValue v = doc.fields.value(f);
        if (!v.isUndefined() && !v.isNull())
            body.insert(f, v.isString() ? v : QJsonValue(ODataV2::scalarText(v)));
    }
    if (!body.contains(QLatin1String("MaintenancePlanningPlant")) && !doc.plant.isEmpty())
        body.insert(QStringLiteral("MaintenancePlanningPlant"), doc.plant);
    body.insert(kExtRef, doc.businessKey);
    if (body.value(QLatin1String("MaintenanceOrderDesc")).toString().isEmpty())
        return Unexpected { makeError(ErrorClass::Validation, QStringLiteral("FIELD_MISSING"),
            QStringLiteral("MaintenanceOrderDesc is required")) };
    return makeRequest("POST", serviceUrl(kOrderService, QStringLiteral("MaintenanceOrder")), json(body));
}

Http::HttpRequest SapErpTarget::orderMergeRequest(
    const QString& order, const QJsonObject& diff, const QByteArray& etag) const
{
    Http::HttpRequest req = makeRequest(
        "POST", serviceUrl(kOrderService, ODataV2::keyPath(QStringLiteral("MaintenanceOrder"), order)), json(diff));
    req.header("X-HTTP-Method", "MERGE");
    if (!etag.isEmpty())
        req.header("If-Match", etag);
    return req;
}

Http::HttpRequest SapErpTarget::materialDocumentLookupRequest(const OutboundDocument& doc) const
{
    const QString text = materialDocumentHeaderText(doc.idempotencyKey);
    const QByteArray query = "$filter="
        + QUrl::toPercentEncoding(ODataV2::filterEq(QStringLiteral("MaterialDocumentHeaderText"), text)) + "&$top=1";
    return makeRequest("GET", serviceUrl(kMatDocService, QStringLiteral("A_MaterialDocumentHeader"), query));
}

Result<Http::HttpRequest> SapErpTarget::materialDocumentCreateRequest(const OutboundDocument& doc) const
{
    const QJsonObject& f = doc.fields;
    auto text = [&f](const char* name) { return ODataV2::scalarText(f.value(QLatin1String(name))).trimmed(); };
    const QString material = text("Material");
    const QString unit = text("EntryUnit");
    const auto quantity = ODataV2::decimalString(f.value(QLatin1String("QuantityInEntryUnit")));
    QString movement = text("GoodsMovementType");
    if (movement.isEmpty())
        movement = doc.operation == QLatin1String("goods_return") ? QStringLiteral("262") : QStringLiteral("261");
    QString plant = text("Plant");
    if (plant.isEmpty())
        plant = doc.plant;

    QString problem;
    if (material.isEmpty())
        problem = QStringLiteral("Material is required");
    else if (plant.isEmpty())
        problem = QStringLiteral("Plant is required");
    else if (!quantity || quantity->startsWith(QLatin1Char('-')) || quantity->toDouble() <= 0)
        problem = QStringLiteral("QuantityInEntryUnit must be a positive decimal");
    else if (movement != QLatin1String("261") && movement != QLatin1String("262"))
        problem = QStringLiteral("GoodsMovementType must be 261 or 262");
    if (!problem.isEmpty())
        return Unexpected { makeError(ErrorClass::Validation, QStringLiteral("FIELD_INVALID"), problem) };

    QJsonObject item {
        { QStringLiteral("Material"), material },
        { QStringLiteral("Plant"), plant },
        { QStringLiteral("GoodsMovementType"), movement },
        { QStringLiteral("ManufacturingOrder"), doc.parentRef },
        { QStringLiteral("QuantityInEntryUnit"), *quantity },
    };
    const QString storage = text("StorageLocation");
    if (!storage.isEmpty())
        item.insert(QStringLiteral("StorageLocation"), storage);
    if (!unit.isEmpty())
        item.insert(QStringLiteral("EntryUnit"), unit);
    const QString itemText = text("MaterialDocumentItemText");
    item.insert(QStringLiteral("MaterialDocumentItemText"),
        itemText.isEmpty() ? doc.idempotencyKey.left(50) : itemText.left(50));

    QString postingDate = text("PostingDate");
    if (postingDate.isEmpty()) {
        const QDateTime today(QDateTime::currentDateTimeUtc().date(), QTime(0, 0), Qt::UTC);
        postingDate = ODataV2::formatDate(today.toMSecsSinceEpoch());
    }
    const QJsonObject header {
        { QStringLiteral("PostingDate"), postingDate },
        { QStringLiteral("GoodsMovementCode"),
            movement == QLatin1String("262") ? QStringLiteral("06") : QStringLiteral("03") },
        { QStringLiteral("MaterialDocumentHeaderText"), materialDocumentHeaderText(doc.idempotencyKey) },
        { QStringLiteral("to_MaterialDocumentItem"),
            QJsonObject { { QStringLiteral("results"), QJsonArray { item } } } },
    };
    return makeRequest("POST", serviceUrl(kMatDocService, QStringLiteral("A_MaterialDocumentHeader")), json(header));
}

// ---- dry run ----------------------------------------------------------------------------

namespace {
PlannedCall planned(const Http::HttpRequest& r, const QString& purpose)
{
    PlannedCall c;
    c.method = r.method();
    c.target = QString::fromUtf8(r.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    for (const auto& [name, value] : r.headers())
        c.headers.append({ name, Http::Redaction::isSecretHeader(name) ? Http::Redaction::Mask.toUtf8() : value });
    if (!r.bodyData().isEmpty()) {
        const QJsonDocument d = QJsonDocument::fromJson(r.bodyData());
        c.body = d.isNull() ? Http::Redaction::redact(QString::fromUtf8(r.bodyData()))
                            : Http::Redaction::redact(QString::fromUtf8(d.toJson(QJsonDocument::Indented)));
    }
    c.purpose = purpose;
    return c;
}
} // namespace

Result<QList<PlannedCall>> SapErpTarget::plan(const OutboundDocument& doc) const
{
    QList<PlannedCall> calls;
    // a write carries a CSRF token; the first write of a session (or after expiry) fetches one
    Http::HttpRequest fetch = makeRequest("GET", serviceUrl(kOrderService, QString()));
    fetch.header("X-CSRF-Token", "Fetch");
    const PlannedCall csrf = planned(fetch, QStringLiteral("fetch a CSRF token, only when none is cached"));
    auto withToken = [](Http::HttpRequest r) {
        r.header("X-CSRF-Token", "<token>"); // shown masked: the real one is only known at run time
        return r;
    };
    if (doc.flow == Flow::WorkOrder) {
        // MERGE sends only the fields that differ from the order as read; the plan shows every
        // field it may send
        QJsonObject candidate;
        for (const QString& f : kOrderFields) {
            const QJsonValue v = doc.fields.value(f);
            if (f != QLatin1String("MaintenanceOrderType") && !v.isUndefined() && !v.isNull())
                candidate.insert(f, ODataV2::scalarText(v));
        }
        if (!doc.parentRef.isEmpty()) {
            calls << planned(orderReadRequest(doc.parentRef),
                QStringLiteral("read order %1 and its ETag (the order is known from an earlier posting)")
                    .arg(doc.parentRef));
            calls << csrf;
            calls << planned(withToken(orderMergeRequest(doc.parentRef, candidate, "<etag from the read>")),
                QStringLiteral("update the order: only the fields that differ from SAP are sent; nothing when "
                               "none differ"));
            return calls;
        }
        auto create = orderCreateRequest(doc);
        if (!create)
            return Unexpected { create.error() };
        if (doc.lookupFirst) {
            calls << planned(orderLookupRequest(doc),
                QStringLiteral("look the order up by its external reference first: an earlier attempt may have "
                               "created it"));
            calls << csrf;
            calls << planned(withToken(*create), QStringLiteral("create the order, only if the look-up finds none"));
            calls << planned(
                withToken(orderMergeRequest(QStringLiteral("<found>"), candidate, "<etag from the look-up>")),
                QStringLiteral("if the look-up finds the order: update only the fields that differ (no second "
                               "order)"));
            return calls;
        }
        calls << csrf;
        calls << planned(withToken(*create), QStringLiteral("create the order"));
        return calls;
    }
    if (doc.flow == Flow::PartsConsumption) {
        if (doc.parentRef.isEmpty())
            return Unexpected { makeError(ErrorClass::Permanent, QStringLiteral("ORDER_MISSING"),
                QStringLiteral("order not yet in the ERP for ") + doc.businessKey
                    + QStringLiteral(": the goods issue waits for its work order")) };
        auto create = materialDocumentCreateRequest(doc);
        if (!create)
            return Unexpected { create.error() };
        if (doc.lookupFirst)
            calls << planned(materialDocumentLookupRequest(doc),
                QStringLiteral("look the material document up by its header text first: an earlier attempt may "
                               "have posted it"));
        calls << csrf;
        calls << planned(withToken(*create),
            doc.lookupFirst ? QStringLiteral("post the goods movement, only if the look-up finds none")
                            : QStringLiteral("post the goods movement"));
        return calls;
    }
    return Unexpected { makeError(ErrorClass::Validation, QStringLiteral("UNSUPPORTED_FLOW"),
        QStringLiteral("SAP connector has no flow '") + doc.flow.left(40) + QStringLiteral("'")) };
}

// ---- work orders ---------------------------------------------------------------------------

void SapErpTarget::postWorkOrder(const OpPtr& op)
{
    if (!op->doc.parentRef.isEmpty())
        readOrder(op, op->doc.parentRef);
    else if (op->doc.lookupFirst)
        lookupOrder(op);
    else
        createOrder(op);
}

void SapErpTarget::lookupOrder(const OpPtr& op)
{
    read(op, orderLookupRequest(op->doc), [this, op](const Http::HttpResponse& r) {
        if (!r.isSuccess())
            return failWith(op, r, false);
        auto rows = ODataV2::unwrapResults(r.body);
        if (!rows)
            return finishError(op, rows.error());
        if (rows->isEmpty())
            return createOrder(op);
        const QJsonObject found = rows->first().toObject();
        const QString order = ODataV2::scalarText(found.value(QLatin1String("MaintenanceOrder")));
        if (order.isEmpty())
            return finishError(op,
                makeError(ErrorClass::Validation, QStringLiteral("ODATA_PAYLOAD"),
                    QStringLiteral("order lookup returned a row without MaintenanceOrder"), r.status, op->lastExcerpt));
        op->foundByLookup = true;
        const QByteArray etag
            = found.value(QLatin1String("__metadata")).toObject().value(QLatin1String("etag")).toString().toUtf8();
        if (etag.isEmpty())
            return readOrder(op, order);
        mergeOrder(op, order, found, etag);
    });
}

void SapErpTarget::createOrder(const OpPtr& op)
{
    auto request = orderCreateRequest(op->doc);
    if (!request)
        return finishError(op, request.error());
    write(op, *request, [this, op](const Http::HttpResponse& r) {
        if (!r.isSuccess())
            return failWith(op, r, true);
        auto entity = ODataV2::unwrapEntity(r.body);
        const QString order
            = entity ? ODataV2::scalarText(entity->value(QLatin1String("MaintenanceOrder"))) : QString();
        if (order.isEmpty()) {
            // The order was created but we cannot tell its number: look it up before anything else.
            return finishError(op,
                makeError(ErrorClass::Ambiguous, QStringLiteral("ODATA_PAYLOAD"),
                    QStringLiteral("SAP created the order but the answer had no MaintenanceOrder"), r.status,
                    op->lastExcerpt));
        }
        finishOk(op, order);
    });
}

void SapErpTarget::readOrder(const OpPtr& op, const QString& order)
{
    read(op, orderReadRequest(order), [this, op, order](const Http::HttpResponse& r) {
        if (!r.isSuccess())
            return failWith(op, r, false);
        auto entity = ODataV2::unwrapEntity(r.body);
        if (!entity)
            return finishError(op, entity.error());
        QByteArray etag = r.header("ETag");
        if (etag.isEmpty())
            etag = entity->value(QLatin1String("__metadata"))
                       .toObject()
                       .value(QLatin1String("etag"))
                       .toString()
                       .toUtf8();
        mergeOrder(op, order, *entity, etag);
    });
}

void SapErpTarget::mergeOrder(const OpPtr& op, const QString& order, const QJsonObject& current, const QByteArray& etag)
{
    QJsonObject diff;
    for (const QString& f : kOrderFields) {
        if (f == QLatin1String("MaintenanceOrderType"))
            continue;
        const QJsonValue v = op->doc.fields.value(f);
        if (v.isUndefined() || v.isNull())
            continue;
        const QString wanted = ODataV2::scalarText(v);
        if (wanted != ODataV2::scalarText(current.value(f)))
            diff.insert(f, wanted);
    }
    if (ODataV2::scalarText(current.value(kExtRef)).isEmpty() && !op->doc.businessKey.isEmpty())
        diff.insert(kExtRef, op->doc.businessKey);
    if (diff.isEmpty())
        return finishOk(op, order, op->foundByLookup);

    write(op, orderMergeRequest(order, diff, etag), [this, op, order](const Http::HttpResponse& r) {
        if (r.status == 412 && !op->conflictRetried) {
            op->conflictRetried = true;
            return readOrder(op, order);
        }
        if (!r.isSuccess())
            return failWith(op, r, true);
        finishOk(op, order, op->foundByLookup);
    });
}

// ---- goods movements -----------------------------------------------------------------------

void SapErpTarget::postGoodsMovement(const OpPtr& op)
{
    if (op->doc.parentRef.isEmpty())
        return finishError(op,
            makeError(ErrorClass::Permanent, QStringLiteral("ORDER_MISSING"),
                QStringLiteral("order not yet in the ERP for ") + op->doc.businessKey));
    if (!op->doc.lookupFirst)
        return createMaterialDocument(op);
    read(op, materialDocumentLookupRequest(op->doc), [this, op](const Http::HttpResponse& r) {
        if (!r.isSuccess())
            return failWith(op, r, false);
        auto rows = ODataV2::unwrapResults(r.body);
        if (!rows)
            return finishError(op, rows.error());
        if (rows->isEmpty())
            return createMaterialDocument(op);
        const QJsonObject d = rows->first().toObject();
        const QString year = ODataV2::scalarText(d.value(QLatin1String("MaterialDocumentYear")));
        const QString doc = ODataV2::scalarText(d.value(QLatin1String("MaterialDocument")));
        if (year.isEmpty() || doc.isEmpty())
            return finishError(op,
                makeError(ErrorClass::Validation, QStringLiteral("ODATA_PAYLOAD"),
                    QStringLiteral("material document lookup returned a row without its key"), r.status,
                    op->lastExcerpt));
        finishOk(op, year + QLatin1Char('/') + doc, true);
    });
}

void SapErpTarget::createMaterialDocument(const OpPtr& op)
{
    auto request = materialDocumentCreateRequest(op->doc);
    if (!request)
        return finishError(op, request.error());
    write(op, *request, [this, op](const Http::HttpResponse& r) {
        if (!r.isSuccess())
            return failWith(op, r, true);
        auto entity = ODataV2::unwrapEntity(r.body);
        const QString year
            = entity ? ODataV2::scalarText(entity->value(QLatin1String("MaterialDocumentYear"))) : QString();
        const QString doc = entity ? ODataV2::scalarText(entity->value(QLatin1String("MaterialDocument"))) : QString();
        if (year.isEmpty() || doc.isEmpty())
            return finishError(op,
                makeError(ErrorClass::Ambiguous, QStringLiteral("ODATA_PAYLOAD"),
                    QStringLiteral("SAP posted the material document but the answer had no key"), r.status,
                    op->lastExcerpt));
        finishOk(op, year + QLatin1Char('/') + doc);
    });
}

} // namespace Interlock::Connectors::Sap

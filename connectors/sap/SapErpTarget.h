// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/ErpTarget.h"
#include "connectors/http/HttpRequest.h"
#include "connectors/http/HttpResponse.h"
#include "connectors/sap/SapConfig.h"

#include <QHash>
#include <QLoggingCategory>
#include <QPointer>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcSap)

namespace Interlock::Connectors::Http {
class HttpClient;
}

namespace Interlock::Connectors::Sap {

class SapCsrfSession;

/// Posts maintenance orders (API_MAINTENANCEORDER) and goods issues/returns to orders
/// (API_MATERIAL_DOCUMENT_SRV) to SAP S/4HANA over OData V2 with Basic auth and the CSRF handshake.
/// - flow "work_order": create (POST, YY1_ExternalReference_ORD = businessKey) or, for a known
///   order (parentRef, or found by the external reference when lookupFirst), read the ETag and
///   MERGE only the fields that differ (412: re-read and retry once). Ref = order number.
/// - flow "parts_consumption": deep insert of A_MaterialDocumentHeader with one item against the
///   order in parentRef; MaterialDocumentHeaderText carries materialDocumentHeaderText(key) and is
///   looked up first when lookupFirst. Ref = "YEAR/DOCUMENT".
/// Thread: one thread; callbacks run there, never inside post(). Every post is answered exactly
/// once, also when the target is destroyed first (Ambiguous if a write was in flight, else
/// Transient). `client` is not owned and must outlive the target; nullptr = make a private one.
class SapErpTarget : public ErpTarget
{
    Q_OBJECT
public:
    SapErpTarget(SapConfig config, Http::HttpClient* client = nullptr, QObject* parent = nullptr);
    ~SapErpTarget() override;

    void post(const OutboundDocument& doc, std::function<void(PostOutcome)> done) override;
    QString systemName() const override { return QStringLiteral("sap"); }
    QString endpointId() const override;
    Result<QList<PlannedCall>> plan(const OutboundDocument& doc) const override;

    /// "IL-" + the first 20 hex characters of SHA-256(idempotencyKey): 23 characters, fits the
    /// 25-character MaterialDocumentHeaderText. Shared with the simulator and the tests.
    static QString materialDocumentHeaderText(const QString& idempotencyKey);

    const SapConfig& config() const { return m_config; }
    int csrfFetchCount() const;
    int postsInFlight() const { return static_cast<int>(m_ops.size()); }

private:
    struct Op;
    using OpPtr = std::shared_ptr<Op>;
    using Handler = std::function<void(const Http::HttpResponse&)>;

    QUrl serviceUrl(const QString& service, const QString& path, const QByteArray& query = {}) const;
    Http::HttpRequest makeRequest(const QByteArray& method, const QUrl& url, const QByteArray& body = {}) const;
    void read(const OpPtr& op, Http::HttpRequest request, Handler handler);
    void write(const OpPtr& op, Http::HttpRequest request, Handler handler);
    void sendWrite(const OpPtr& op, const Http::HttpRequest& request, Handler handler, quint64 generation);
    void finishOk(const OpPtr& op, const QString& ref, bool foundByLookup = false);
    void finishError(const OpPtr& op, Error error);
    void failWith(const OpPtr& op, const Http::HttpResponse& response, bool isWrite);

    // request builders shared by post() and plan(): what is planned is what is sent
    Http::HttpRequest orderLookupRequest(const OutboundDocument& doc) const;
    Http::HttpRequest orderReadRequest(const QString& order) const;
    Result<Http::HttpRequest> orderCreateRequest(const OutboundDocument& doc) const;
    Http::HttpRequest orderMergeRequest(const QString& order, const QJsonObject& diff, const QByteArray& etag) const;
    Http::HttpRequest materialDocumentLookupRequest(const OutboundDocument& doc) const;
    Result<Http::HttpRequest> materialDocumentCreateRequest(const OutboundDocument& doc) const;

    void postWorkOrder(const OpPtr& op);
    void lookupOrder(const OpPtr& op);
    void createOrder(const OpPtr& op);
    void readOrder(const OpPtr& op, const QString& order);
    void mergeOrder(const OpPtr& op, const QString& order, const QJsonObject& current, const QByteArray& etag);

    void postGoodsMovement(const OpPtr& op);
    void createMaterialDocument(const OpPtr& op);

    SapConfig m_config;
    QPointer<Http::HttpClient> m_client; ///< guarded: an owner may destroy a shared client first
    SapCsrfSession* m_csrf = nullptr;
    QByteArray m_authorization;
    QHash<quint64, OpPtr> m_ops;
    quint64 m_nextOp = 1;
};

} // namespace Interlock::Connectors::Sap

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"
#include "models/domain/Result.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <functional>

namespace Interlock::Connectors {

/// A mapped document ready to be sent. `fields` are target-system field names and values
/// produced by the transform; the connector adds the wire envelope.
struct OutboundDocument
{
    qint64 messageId = 0;
    QString flow;
    QString operation;
    QString plant; ///< target plant code (already mapped)
    QString businessKey;
    QString idempotencyKey;
    QJsonObject fields;
    QString parentRef; ///< target reference of the parent (the ERP order number for a goods issue or an update)
    bool lookupFirst = false; ///< an earlier attempt may have reached the target: look the document up before creating

    /// The document the engine sends for journaled message `m` on its attempt number `attempt`
    /// (1-based, as counted by the claim), with `parentRef` the target reference of the business
    /// key's posted work order. The one place that decides `lookupFirst`: any attempt after the
    /// first (an earlier one may have reached the target: timeout, crash, lost answer, replay) and
    /// a later work order version whose order is not known yet. Shared by the engine and the dry run.
    static OutboundDocument forMessage(const Message& m, const QString& parentRef, int attempt);
};

/// One HTTP call a connector would make, for a dry run: nothing is sent. Secrets are redacted.
struct PlannedCall
{
    QByteArray method; ///< "GET", "POST"
    QString target; ///< path and query, e.g. "/sap/opu/odata/sap/API_MAINTENANCEORDER/MaintenanceOrder?$top=1"
    QList<QPair<QByteArray, QByteArray>> headers; ///< as sent, secret values masked
    QString body; ///< pretty-printed JSON (empty for a GET)
    QString purpose; ///< why, and when it is made ("only if the look-up finds nothing")
};

/// The outcome of one posting, successful or not, with what the attempt row needs.
struct PostOutcome
{
    Result<QString> ref = QString(); ///< the target document reference, or the classified error
    bool foundByLookup = false; ///< the document already existed (an earlier attempt had posted it)
    int httpStatus = 0;
    int durationMs = 0;
    QString request; ///< method and path of the deciding call
    QString excerpt; ///< bounded, redacted excerpt of the deciding response
};

/// An ERP (system of record) that receives postings. Lives in one thread; callbacks run there.
/// Many posts may be outstanding at once; the callback is called exactly once per post.
class ErpTarget : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ErpTarget() override = default;
    virtual void post(const OutboundDocument& doc, std::function<void(PostOutcome)> done) = 0;
    virtual QString systemName() const = 0;
    /// Identifies the endpoint for the circuit breaker (e.g. the base URL).
    virtual QString endpointId() const = 0;
    /// The calls post(doc) would make now, in order, built by the same code as post(); no
    /// network. Calls whose need depends on an answer say so in `purpose`. Fails with the error
    /// post() would report before sending anything (e.g. a Validation error for a missing field).
    virtual Result<QList<PlannedCall>> plan(const OutboundDocument& doc) const = 0;
};

inline OutboundDocument OutboundDocument::forMessage(const Message& m, const QString& parentRef, int attempt)
{
    OutboundDocument doc;
    doc.messageId = m.id;
    doc.flow = m.flow;
    doc.operation = m.operation;
    doc.businessKey = m.businessKey;
    doc.idempotencyKey = m.idempotencyKey;
    doc.fields = QJsonDocument::fromJson(m.targetPayload).object();
    doc.plant = doc.fields.value(QLatin1String("MaintenancePlanningPlant"))
                    .toString(doc.fields.value(QLatin1String("Plant")).toString());
    doc.parentRef = parentRef;
    doc.lookupFirst = attempt > 1 || (m.flow == Flow::WorkOrder && m.seq > 1 && parentRef.isEmpty());
    return doc;
}

} // namespace Interlock::Connectors

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"
#include "models/domain/Result.h"

#include <QJsonObject>
#include <QObject>
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
};

} // namespace Interlock::Connectors

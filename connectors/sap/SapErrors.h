// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/http/HttpResponse.h"
#include "models/domain/Error.h"

#include <QList>
#include <QString>

namespace Interlock::Connectors::Sap {

/// One entry of `innererror.errordetails`.
struct SapErrorDetail
{
    QString code;
    QString message;
    QString severity;
    QString target;
};

/// The SAP Gateway error body `{"error":{"code","message":{"value"},"innererror":{...}}}`.
struct SapErrorBody
{
    bool valid = false; ///< the body was JSON with an `error` object
    QString code; ///< e.g. "M7/021"
    QString message; ///< error.message.value (or a plain string message)
    QString transactionId;
    QList<SapErrorDetail> details; ///< errordetails as a list, or wrapped as {"errordetail":[...]}
};

/// Parses SAP Gateway error bodies and classifies failed calls. Stateless, thread-safe.
/// 400: lock texts ("is being processed by", "locked by", "is locked") Transient; field/format
/// errors Validation; other business errors Permanent. 401 Auth; 403 CSRF-required Transient,
/// other 403 Auth; 404 Permanent; 412/428 Conflict; 408/429/5xx and network errors Transient;
/// a timeout after a write left: Ambiguous (the document may exist), on a read Transient.
class SapErrors
{
public:
    static SapErrorBody parseBody(const QByteArray& body);
    /// True when the text reads like SAP's "object locked" messages.
    static bool isLockMessage(const QString& text);
    /// True for a 403 whose `x-csrf-token` header says "Required".
    static bool isCsrfRequired(const Http::HttpResponse& response);
    /// The classified Error for a non-2xx response or a network failure. `isWrite`: the call
    /// changes state (POST/MERGE/PATCH/PUT/DELETE).
    static Error fromResponse(const Http::HttpResponse& response, bool isWrite);
};

} // namespace Interlock::Connectors::Sap

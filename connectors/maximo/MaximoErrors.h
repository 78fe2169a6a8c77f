// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/http/HttpResponse.h"
#include "models/domain/Error.h"

#include <QByteArray>
#include <QString>

namespace Interlock::Connectors::Maximo {

/// The fields of a Maximo `{"Error":{...}}` body. statusCode arrives as a string or a number.
struct MaximoErrorBody
{
    bool valid = false; ///< the body had an Error object
    QString reasonCode; ///< e.g. "BMXAA4590E"
    QString message;
    int statusCode = 0;
};

/// Parses Maximo error bodies and classifies failed calls into Interlock errors.
/// Stateless and thread-safe. 401 Auth; 400 Validation (BMXAA...E field/domain errors) or
/// Permanent; 403/404 Auth/Permanent; 412 (BMXAA8229W) Conflict; 408/429/5xx/network Transient.
class MaximoErrors
{
public:
    static MaximoErrorBody parseBody(const QByteArray& body);
    static ErrorClass classify(int httpStatus, const QString& reasonCode);
    /// The Error for a response that is not a success (status >= 300 or no status at all).
    static Error fromResponse(const Http::HttpResponse& response);
};

} // namespace Interlock::Connectors::Maximo

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/maximo/MaximoErrors.h"

#include "connectors/http/Redaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace Interlock::Connectors::Maximo {

MaximoErrorBody MaximoErrors::parseBody(const QByteArray& body)
{
    MaximoErrorBody out;
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return out;
    QJsonValue errV = doc.object().value(QLatin1String("Error"));
    if (!errV.isObject())
        errV = doc.object().value(QLatin1String("error")); // some proxies/versions lower-case it
    if (!errV.isObject())
        return out;
    const QJsonObject err = errV.toObject();
    out.valid = true;
    out.reasonCode = err.value(QLatin1String("reasonCode")).toString().left(64);
    out.message = err.value(QLatin1String("message")).toString().left(1000);
    const QJsonValue sc = err.value(QLatin1String("statusCode"));
    if (sc.isDouble())
        out.statusCode = sc.toInt();
    else if (sc.isString())
        out.statusCode = sc.toString().trimmed().toInt();
    return out;
}

ErrorClass MaximoErrors::classify(int httpStatus, const QString& reasonCode)
{
    if (reasonCode.startsWith(QLatin1String("BMXAA8229")))
        return ErrorClass::Conflict;
    if (reasonCode.startsWith(QLatin1String("BMXAA0021")))
        return ErrorClass::Auth;
    switch (httpStatus) {
    case 0:
        return ErrorClass::Transient;
    case 400:
        // Maximo field/domain rule messages: the payload itself is wrong.
        return ErrorClass::Validation;
    case 401:
    case 403:
        return ErrorClass::Auth;
    case 404:
    case 405:
    case 410:
        return ErrorClass::Permanent;
    case 408:
    case 429:
        return ErrorClass::Transient;
    case 409:
    case 412:
    case 428:
        return ErrorClass::Conflict;
    default:
        break;
    }
    if (httpStatus >= 500)
        return ErrorClass::Transient;
    return ErrorClass::Permanent;
}

Error MaximoErrors::fromResponse(const Http::HttpResponse& response)
{
    Error e;
    e.httpStatus = response.status;
    e.detail = Http::Redaction::excerpt(response.body);
    if (response.bodyTooLarge && response.status >= 200 && response.status < 300) {
        // Retrying reads the same page again: the page size has to come down.
        e.errorClass = ErrorClass::Permanent;
        e.code = QStringLiteral("RESPONSE_TOO_LARGE");
        e.message = QStringLiteral("Maximo answered a page over the limit of %1 bytes; lower the page size")
                        .arg(response.maxBodyBytes);
        return e;
    }
    if (!response.hasStatus()) {
        e.errorClass = ErrorClass::Transient;
        e.code = response.timedOut ? QStringLiteral("TIMEOUT") : QStringLiteral("NETWORK");
        e.message = response.timedOut
            ? QStringLiteral("Maximo did not answer in time")
            : QStringLiteral("Maximo unreachable: ") + Http::Redaction::redact(response.errorString);
        return e;
    }
    const MaximoErrorBody body = parseBody(response.body);
    const int status = response.status;
    e.errorClass = classify(status, body.reasonCode);
    e.code = body.reasonCode.isEmpty() ? QStringLiteral("HTTP") + QString::number(status) : body.reasonCode;
    e.message = body.message.isEmpty() ? QStringLiteral("Maximo answered HTTP ") + QString::number(status)
                                       : Http::Redaction::redact(body.message);
    return e;
}

} // namespace Interlock::Connectors::Maximo

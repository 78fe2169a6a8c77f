// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sap/SapErrors.h"

#include "connectors/http/Redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Interlock::Connectors::Sap {

namespace {

QString messageText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return v.toObject().value(QLatin1String("value")).toString();
    return {};
}

void readDetails(const QJsonValue& v, QList<SapErrorDetail>& out)
{
    QJsonArray list;
    if (v.isArray())
        list = v.toArray();
    else if (v.isObject()) {
        const QJsonValue inner = v.toObject().value(QLatin1String("errordetail"));
        if (inner.isArray())
            list = inner.toArray();
        else if (inner.isObject())
            list.append(inner);
    }
    for (const QJsonValue& e : std::as_const(list)) {
        if (!e.isObject() || out.size() >= 50)
            continue;
        const QJsonObject o = e.toObject();
        out.append({ o.value(QLatin1String("code")).toString().left(64),
            messageText(o.value(QLatin1String("message"))).left(1000),
            o.value(QLatin1String("severity")).toString().left(16),
            o.value(QLatin1String("target")).toString().left(128) });
    }
}

bool isFieldError(const SapErrorBody& b)
{
    // Gateway/framework format and field checks: the payload itself is wrong.
    static const QRegularExpression re(QStringLiteral(
        "(?i)(invalid (field |)(format|value|date|number|decimal|literal|property)|malformed|failed to read property|"
        "deserializ|not a valid|is not valid for|property .* (invalid|not found|does not exist)|"
        "mandatory|required field|must not be empty|too long|exceeds the maximum length|conversion)"));
    if (b.code.startsWith(QLatin1String("/IWBEP/CM_MGW_RT")) || b.code.startsWith(QLatin1String("/IWBEP/CX_MGW_TECH")))
        return true;
    if (re.match(b.message).hasMatch())
        return true;
    for (const auto& d : b.details) {
        if (!d.target.isEmpty() && re.match(d.message).hasMatch())
            return true;
    }
    return false;
}

} // namespace

SapErrorBody SapErrors::parseBody(const QByteArray& body)
{
    SapErrorBody out;
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return out;
    const QJsonValue errV = doc.object().value(QLatin1String("error"));
    if (!errV.isObject())
        return out;
    const QJsonObject err = errV.toObject();
    out.valid = true;
    const QJsonValue code = err.value(QLatin1String("code"));
    out.code = (code.isString() ? code.toString() : (code.isDouble() ? QString::number(code.toDouble()) : QString()))
                   .left(64);
    out.message = messageText(err.value(QLatin1String("message"))).left(1000);
    const QJsonValue inner = err.value(QLatin1String("innererror"));
    if (inner.isObject()) {
        const QJsonObject io = inner.toObject();
        out.transactionId = io.value(QLatin1String("transactionid")).toString().left(64);
        readDetails(io.value(QLatin1String("errordetails")), out.details);
    }
    return out;
}

bool SapErrors::isLockMessage(const QString& text)
{
    static const QRegularExpression re(QStringLiteral(
        "(?i)(is being processed by|being edited by|locked by|is locked|currently locked|lock(ed)? entr)"));
    return re.match(text).hasMatch();
}

bool SapErrors::isCsrfRequired(const Http::HttpResponse& response)
{
    return response.status == 403
        && response.header("x-csrf-token").trimmed().compare("Required", Qt::CaseInsensitive) == 0;
}

Error SapErrors::fromResponse(const Http::HttpResponse& response, bool isWrite)
{
    Error e;
    e.httpStatus = response.status;
    e.detail = Http::Redaction::excerpt(response.body);
    if (response.bodyTooLarge && response.status >= 200 && response.status < 300) {
        // A write that SAP accepted may have posted the document: look it up before posting again.
        e.errorClass = isWrite ? ErrorClass::Ambiguous : ErrorClass::Permanent;
        e.code = QStringLiteral("RESPONSE_TOO_LARGE");
        e.message = QStringLiteral("SAP answered over the limit of %1 bytes").arg(response.maxBodyBytes)
            + (isWrite ? QStringLiteral("; the document may have been posted") : QString());
        return e;
    }
    if (!response.hasStatus()) {
        if (response.timedOut) {
            const bool ambiguous = isWrite && response.requestSent;
            e.errorClass = ambiguous ? ErrorClass::Ambiguous : ErrorClass::Transient;
            e.code = QStringLiteral("TIMEOUT");
            e.message = ambiguous
                ? QStringLiteral("SAP did not answer a write in time; the document may have been posted")
                : QStringLiteral("SAP did not answer in time");
        } else {
            // Refused/reset/host errors: the request never reached the application. A reset after the
            // whole request left is as ambiguous as a timeout.
            const bool ambiguous
                = isWrite && response.requestSent && (response.networkError == QNetworkReply::RemoteHostClosedError);
            e.errorClass = ambiguous ? ErrorClass::Ambiguous : ErrorClass::Transient;
            e.code = QStringLiteral("NETWORK");
            e.message = QStringLiteral("SAP unreachable: ") + Http::Redaction::redact(response.errorString);
        }
        return e;
    }

    const SapErrorBody body = parseBody(response.body);
    const int status = response.status;
    e.code = body.valid && !body.code.isEmpty() ? body.code : QStringLiteral("HTTP") + QString::number(status);
    QString text = body.message;
    if (text.isEmpty() && !body.details.isEmpty())
        text = body.details.first().message;
    e.message = text.isEmpty() ? QStringLiteral("SAP answered HTTP ") + QString::number(status)
                               : Http::Redaction::redact(text);

    bool lock = isLockMessage(body.message);
    for (const auto& d : body.details)
        lock = lock || isLockMessage(d.message);

    switch (status) {
    case 400:
    case 409:
    case 422:
        e.errorClass
            = lock ? ErrorClass::Transient : (isFieldError(body) ? ErrorClass::Validation : ErrorClass::Permanent);
        break;
    case 401:
        e.errorClass = ErrorClass::Auth;
        break;
    case 403:
        if (isCsrfRequired(response)) {
            e.errorClass = ErrorClass::Transient;
            e.code = QStringLiteral("CSRF");
            e.message = QStringLiteral("CSRF token validation failed");
        } else {
            e.errorClass = ErrorClass::Auth;
        }
        break;
    case 404:
    case 405:
    case 410:
        e.errorClass = ErrorClass::Permanent;
        break;
    case 412:
    case 428:
        e.errorClass = ErrorClass::Conflict;
        break;
    case 408:
    case 429:
        e.errorClass = ErrorClass::Transient;
        break;
    default:
        // 5xx: Gateway rolls the LUW back on errors and dumps, so a retry cannot duplicate.
        // Other statuses (3xx redirects to a login page, unknown 4xx) need a person.
        e.errorClass = status >= 500 ? ErrorClass::Transient : ErrorClass::Permanent;
        break;
    }
    return e;
}

} // namespace Interlock::Connectors::Sap

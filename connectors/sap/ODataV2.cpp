// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sap/ODataV2.h"

#include "connectors/http/Redaction.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <cmath>

namespace Interlock::Connectors::Sap {

namespace {

Unexpected invalid(const QString& message, const QByteArray& body)
{
    return fail(
        ErrorClass::Validation, QStringLiteral("ODATA_PAYLOAD"), message, 0, Http::Redaction::excerpt(body, 512));
}

Result<QJsonValue> unwrapD(const QByteArray& body)
{
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("OData response is not JSON: ") + pe.errorString(), body);
    if (!doc.isObject())
        return invalid(QStringLiteral("OData response is not a JSON object"), body);
    const QJsonValue d = doc.object().value(QLatin1String("d"));
    if (d.isUndefined())
        return invalid(QStringLiteral("OData V2 response has no 'd' envelope"), body);
    return d;
}

} // namespace

Result<QJsonObject> ODataV2::unwrapEntity(const QByteArray& body)
{
    auto d = unwrapD(body);
    if (!d)
        return Unexpected { d.error() };
    if (!d->isObject())
        return invalid(QStringLiteral("OData 'd' is not an object"), body);
    return d->toObject();
}

Result<QJsonArray> ODataV2::unwrapResults(const QByteArray& body)
{
    auto d = unwrapD(body);
    if (!d)
        return Unexpected { d.error() };
    if (d->isArray())
        return d->toArray();
    if (d->isObject()) {
        const QJsonValue r = d->toObject().value(QLatin1String("results"));
        if (r.isArray())
            return r.toArray();
    }
    return invalid(QStringLiteral("OData 'd' has no 'results' array"), body);
}

std::optional<qint64> ODataV2::parseDate(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\\\?/Date\\((-?\\d{1,15})([+-]\\d{1,4})?\\)\\\\?/$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 ms = m.captured(1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return ms;
}

QString ODataV2::formatDate(qint64 ms)
{
    return QStringLiteral("/Date(") + QString::number(ms) + QStringLiteral(")/");
}

QString ODataV2::formatDateTimeOffset(qint64 ms)
{
    return QStringLiteral("/Date(") + QString::number(ms) + QStringLiteral("+0000)/");
}

std::optional<QString> ODataV2::decimalString(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        // the bounds of the string form below (24 integer digits): 1e300 would otherwise print as a
        // 301-digit "decimal" (found by tests/fuzz, FuzzSapOData; reachable through an edited payload)
        if (!std::isfinite(d) || std::fabs(d) >= 1e24)
            return std::nullopt;
        QString s = QString::number(d, 'f', 6);
        if (s.contains(QLatin1Char('.'))) {
            while (s.endsWith(QLatin1Char('0')))
                s.chop(1);
            if (s.endsWith(QLatin1Char('.')))
                s.chop(1);
        }
        if (s == QLatin1String("-0"))
            s = QStringLiteral("0");
        return s;
    }
    if (value.isString()) {
        static const QRegularExpression re(QStringLiteral("^-?\\d{1,24}(\\.\\d{1,14})?$"));
        const QString s = value.toString().trimmed();
        if (!re.match(s).hasMatch())
            return std::nullopt;
        return s;
    }
    return std::nullopt;
}

QString ODataV2::quote(const QString& value)
{
    QString v = value;
    v.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

QString ODataV2::filterEq(const QString& property, const QString& value)
{
    return property + QStringLiteral(" eq ") + quote(value);
}

QString ODataV2::keyPath(const QString& entitySet, const QString& key)
{
    return entitySet + QLatin1Char('(') + quote(key) + QLatin1Char(')');
}

QString ODataV2::scalarText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const auto s = decimalString(value);
        return s ? *s : QString();
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return {};
    }
}

} // namespace Interlock::Connectors::Sap

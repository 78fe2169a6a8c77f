// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace Interlock::Connectors::Sap {

/// OData V2 (JSON verbose) helpers: response envelopes, `/Date(..)/` values, decimal strings and
/// literal quoting. Stateless and thread-safe. Times are milliseconds since the Unix epoch (UTC).
class ODataV2
{
public:
    /// `{"d":{...}}` -> the entity object. Validation error for anything else.
    static Result<QJsonObject> unwrapEntity(const QByteArray& body);
    /// `{"d":{"results":[...]}}` or `{"d":[...]}` -> the entities. Validation error otherwise.
    static Result<QJsonArray> unwrapResults(const QByteArray& body);
    /// `/Date(1700000000000)/`, `/Date(1700000000000+0060)/` (offset in minutes), also with the
    /// JSON-escaped slashes `\/Date(..)\/`. The value is UTC ms; the offset is informational.
    static std::optional<qint64> parseDate(const QString& text);
    /// `/Date(ms)/` (Edm.DateTime).
    static QString formatDate(qint64 ms);
    /// `/Date(ms+0000)/` (Edm.DateTimeOffset in UTC).
    static QString formatDateTimeOffset(qint64 ms);
    /// A decimal as OData sends it: "2", "2.5", "-0.125" (no exponent, no trailing zeros).
    /// Accepts JSON numbers and numeric strings; nullopt for anything else (NaN, "1e3x", objects).
    static std::optional<QString> decimalString(const QJsonValue& value);
    /// A string literal for $filter or a key: `'O''BRIEN'`.
    static QString quote(const QString& value);
    /// `Prop eq 'value'`.
    static QString filterEq(const QString& property, const QString& value);
    /// Entity key address: `Set('value')`.
    static QString keyPath(const QString& entitySet, const QString& key);
    /// A JSON value as the string SAP would show for it (strings as-is, integers without ".0").
    static QString scalarText(const QJsonValue& value);
};

} // namespace Interlock::Connectors::Sap

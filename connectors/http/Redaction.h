// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Interlock::Connectors::Http {

/// Removes secrets from text that is kept (attempt rows, logs): values of the headers
/// Authorization, Proxy-Authorization, apikey, maxauth, x-csrf-token, Cookie and Set-Cookie;
/// Basic/Bearer credentials; JSON fields and query parameters named like password, token,
/// apikey, secret; SAP session cookies. Stateless, thread-safe. Sizes are in characters.
class Redaction
{
public:
    static constexpr int DefaultExcerptChars = 2048;
    static inline const QString Mask = QStringLiteral("***");

    /// Redacts every known secret pattern in `text`.
    static QString redact(const QString& text);
    /// Redacts, then cuts to at most `maxChars` characters (appending "…[+N chars]" when cut).
    static QString excerpt(const QString& text, int maxChars = DefaultExcerptChars);
    /// Same for a raw body (decoded as UTF-8; invalid bytes are replaced).
    static QString excerpt(const QByteArray& body, int maxChars = DefaultExcerptChars);
    /// True for header names whose value must never be kept.
    static bool isSecretHeader(const QByteArray& name);
    /// "Name: value" lines, secret values masked.
    static QString headersText(const QList<QPair<QByteArray, QByteArray>>& headers);
};

} // namespace Interlock::Connectors::Http

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/http/Redaction.h"

#include <QRegularExpression>

namespace Interlock::Connectors::Http {

namespace {

// Secret-bearing names, used for headers, JSON keys, query and form parameters.
const QString kSecretNames = QStringLiteral(
    "authorization|proxy-authorization|apikey|api[_-]?key|x-api-key|maxauth|x-csrf-token|csrf[_-]?token|"
    "set-cookie|cookie|password|passwd|pwd|secret|client[_-]?secret|access[_-]?token|refresh[_-]?token|"
    "id[_-]?token|token|sessionid|session[_-]?id|jsessionid|mysapsso2|sap_sessionid[a-z0-9_]*|ltpatoken2?");

const QRegularExpression& headerLineRe()
{
    // "Name: value" up to the end of the line.
    static const QRegularExpression re(
        QStringLiteral("(?im)^(\\s*(?:") + kSecretNames + QStringLiteral(")\\s*:\\s*)([^\\r\\n]*)"));
    return re;
}
const QRegularExpression& jsonFieldRe()
{
    // "password": "value" (also escaped quotes inside JSON embedded in a string).
    static const QRegularExpression re(QStringLiteral("(?i)(\\\\?\"(?:") + kSecretNames
        + QStringLiteral(")\\\\?\"\\s*:\\s*)(\\\\?\"(?:[^\"\\\\]|\\\\.)*?\\\\?\"|[^,}\\s]+)"));
    return re;
}
const QRegularExpression& queryParamRe()
{
    static const QRegularExpression re(
        QStringLiteral("(?i)((?<![A-Za-z0-9_])(?:") + kSecretNames + QStringLiteral(")=)([^&\\s;\"'<>]*)"));
    return re;
}
const QRegularExpression& schemeRe()
{
    static const QRegularExpression re(
        QStringLiteral("(?i)\\b(Basic|Bearer|Negotiate|Digest)\\s+([A-Za-z0-9+/=._~-]{6,})"));
    return re;
}
const QRegularExpression& cookiePairRe()
{
    // SAP/J2EE session cookies anywhere in text (e.g. an echoed cookie string).
    static const QRegularExpression re(QStringLiteral(
        "(?i)\\b((?:SAP_SESSIONID[A-Z0-9_]*|MYSAPSSO2|JSESSIONID|LtpaToken2?|sap-usercontext)=)([^;\\s,\"]*)"));
    return re;
}

QString replaceGroup2(const QString& text, const QRegularExpression& re)
{
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart(2) - last);
        out += Redaction::Mask;
        last = m.capturedEnd(2);
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace

QString Redaction::redact(const QString& text)
{
    QString s = replaceGroup2(text, headerLineRe());
    s = replaceGroup2(s, jsonFieldRe());
    s = replaceGroup2(s, queryParamRe());
    s = replaceGroup2(s, schemeRe());
    s = replaceGroup2(s, cookiePairRe());
    return s;
}

QString Redaction::excerpt(const QString& text, int maxChars)
{
    // Cut generously first so the regexes never run over megabytes, then redact, then cut exactly.
    const int pre = maxChars * 2 + 256;
    QString s = redact(text.size() > pre ? text.left(pre) : text);
    if (text.size() > maxChars || s.size() > maxChars) {
        const qsizetype rest = text.size() - maxChars;
        s = s.left(maxChars) + QStringLiteral("…[+") + QString::number(qMax<qsizetype>(rest, 0))
            + QStringLiteral(" chars]");
    }
    return s;
}

QString Redaction::excerpt(const QByteArray& body, int maxChars)
{
    // Decode only a bounded prefix (4 bytes per char at most).
    const qsizetype bytes = qMin<qsizetype>(body.size(), qsizetype(maxChars) * 8 + 1024);
    QString text = QString::fromUtf8(body.constData(), bytes);
    if (bytes < body.size()) {
        const QString cut = redact(text.left(maxChars * 2 + 256));
        return cut.left(maxChars) + QStringLiteral("…[+") + QString::number(body.size() - maxChars)
            + QStringLiteral(" bytes]");
    }
    return excerpt(text, maxChars);
}

bool Redaction::isSecretHeader(const QByteArray& name)
{
    static const QRegularExpression re(QStringLiteral("(?i)^(?:") + kSecretNames + QStringLiteral(")$"));
    return re.match(QString::fromLatin1(name.trimmed())).hasMatch();
}

QString Redaction::headersText(const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QString out;
    for (const auto& h : headers) {
        out += QString::fromLatin1(h.first) + QStringLiteral(": ")
            + (isSecretHeader(h.first) ? Mask : redact(QString::fromLatin1(h.second))) + QLatin1Char('\n');
    }
    return out;
}

} // namespace Interlock::Connectors::Http

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/http/HttpRequest.h"

#include <utility>

namespace Interlock::Connectors::Http {

HttpRequest::HttpRequest(QByteArray method, QUrl url)
    : m_method(std::move(method))
    , m_url(std::move(url))
{
}

HttpRequest HttpRequest::post(const QUrl& url, const QByteArray& body)
{
    HttpRequest r(QByteArrayLiteral("POST"), url);
    r.m_body = body;
    return r;
}

HttpRequest& HttpRequest::header(const QByteArray& name, const QByteArray& value)
{
    removeHeader(name);
    m_headers.append({ name, value });
    return *this;
}

HttpRequest& HttpRequest::removeHeader(const QByteArray& name)
{
    m_headers.removeIf(
        [&](const QPair<QByteArray, QByteArray>& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    return *this;
}

HttpRequest& HttpRequest::maxResponseBytes(qint64 bytes)
{
    m_maxResponseBytes = bytes > 0 ? bytes : DefaultMaxResponseBytes;
    return *this;
}

HttpRequest& HttpRequest::body(const QByteArray& data)
{
    m_body = data;
    return *this;
}

HttpRequest& HttpRequest::timeout(int ms)
{
    m_timeoutMs = ms;
    return *this;
}

QByteArray HttpRequest::headerValue(const QByteArray& name) const
{
    for (const auto& h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool HttpRequest::isWrite() const
{
    const QByteArray m = m_method.toUpper();
    return m != "GET" && m != "HEAD" && m != "OPTIONS";
}

QString HttpRequest::describe() const
{
    return QString::fromLatin1(m_method) + QLatin1Char(' ') + m_url.path(QUrl::FullyEncoded);
}

} // namespace Interlock::Connectors::Http

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace Interlock::Connectors::Http {

/// One outgoing HTTP request, built by value with chained setters:
/// `HttpRequest::get(url).header("Accept", "application/json").timeout(5000)`.
/// Plain data, copyable, usable from any thread. Times are milliseconds.
class HttpRequest
{
public:
    HttpRequest() = default;
    HttpRequest(QByteArray method, QUrl url);

    static HttpRequest get(const QUrl& url) { return HttpRequest(QByteArrayLiteral("GET"), url); }
    static HttpRequest post(const QUrl& url, const QByteArray& body);

    /// Sets a header, replacing an earlier value of the same (case-insensitive) name.
    HttpRequest& header(const QByteArray& name, const QByteArray& value);
    HttpRequest& removeHeader(const QByteArray& name);
    HttpRequest& body(const QByteArray& data);
    /// Transfer timeout: the request fails when no data moves for this long. 0 = no timeout.
    HttpRequest& timeout(int ms);
    /// Largest response body accepted (bytes): a larger one (by Content-Length, or as it arrives)
    /// is aborted and answered with HttpResponse::bodyTooLarge. Values below 1 mean the default.
    HttpRequest& maxResponseBytes(qint64 bytes);

    const QByteArray& method() const { return m_method; }
    const QUrl& url() const { return m_url; }
    const QByteArray& bodyData() const { return m_body; }
    int timeoutMs() const { return m_timeoutMs; }
    qint64 maxResponseBytesLimit() const { return m_maxResponseBytes; }
    /// 16 MiB: far above a Maximo page of 200 work orders or an SAP answer, far below what would
    /// hurt the engine's memory.
    static constexpr qint64 DefaultMaxResponseBytes = 16 * 1024 * 1024;
    const QList<QPair<QByteArray, QByteArray>>& headers() const { return m_headers; }
    QByteArray headerValue(const QByteArray& name) const;
    /// True for methods that change state at the server (everything except GET/HEAD/OPTIONS).
    bool isWrite() const;
    /// "POST /sap/opu/odata/sap/API_X/Entity" (path only; the query is left out because it may carry secrets).
    QString describe() const;

private:
    QByteArray m_method = QByteArrayLiteral("GET");
    QUrl m_url;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    int m_timeoutMs = 10000;
    qint64 m_maxResponseBytes = DefaultMaxResponseBytes;
};

} // namespace Interlock::Connectors::Http

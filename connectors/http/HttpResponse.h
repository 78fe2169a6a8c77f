// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>

namespace Interlock::Connectors::Http {

/// What came back for one HttpRequest. `status` is 0 when no HTTP answer was received
/// (see `networkError`, `timedOut`). Plain data; durationMs is wall time from send to finish.
struct HttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; ///< raw response headers as received
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString; ///< Qt's text for networkError (may contain the URL, never credentials)
    bool timedOut = false; ///< the transfer timeout fired
    bool requestSent = false; ///< the request (headers and body) left this process
    bool cancelled = false; ///< aborted by the owner (HttpClient::abort or destruction)
    /// The body was over HttpRequest::maxResponseBytesLimit(): the transfer was aborted, `body` is
    /// empty and the response is not a success whatever its status.
    bool bodyTooLarge = false;
    qint64 maxBodyBytes = 0; ///< the limit that applied, for the error text
    int durationMs = 0;

    /// First value of a header, case-insensitive; empty when absent.
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    /// An HTTP status arrived (any status, including 4xx/5xx).
    bool hasStatus() const { return status > 0; }
    bool isSuccess() const { return !bodyTooLarge && status >= 200 && status < 300; }
};

} // namespace Interlock::Connectors::Http

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace Interlock::Sim {

/// A parsed HTTP request as the simulators see it (independent of the QtHttpServer version).
struct SimHttpRequest
{
    QByteArray method; ///< upper case; "MERGE" for methods Qt 6.4 reports as Unknown
    QString path; ///< decoded path
    QUrl url;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const char* name) const; ///< case-insensitive, first match
    QString queryValue(const QString& key) const; ///< fully decoded
    bool isWrite() const { return method != "GET" && method != "HEAD"; }
};

/// An answer, possibly delayed (latency fault) or never sent (drop-after-process fault).
struct SimHttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0;
    bool drop = false; ///< processed, but never answered; the connection is aborted after dropHoldMs
    int dropHoldMs = 60000;

    static SimHttpResponse json(int status, const QJsonDocument& doc);
    static SimHttpResponse text(int status, const QByteArray& text);
    void addHeader(const QByteArray& name, const QByteArray& value) { headers.append({ name, value }); }
};

} // namespace Interlock::Sim

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <functional>

namespace Interlock::Test {

/// A scripted HTTP/1.1 peer on 127.0.0.1 for connector tests: each request goes to `handler`,
/// which answers with a FakeReply (or holds the connection with `hold`). Keeps every request.
class FakeHttpServer : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target; ///< path + query, as sent
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray& name) const
        {
            for (const auto& h : headers) {
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    return h.second;
            }
            return {};
        }
        QByteArray path() const { return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')); }
        QString query() const { return QUrl::fromPercentEncoding(target.mid(target.indexOf('?') + 1)); }
    };
    struct Reply
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        bool hold = false; ///< never answer (the client's timeout must fire)
        bool close = false; ///< close the connection without an answer
    };
    using Handler = std::function<Reply(const Request&)>;

    explicit FakeHttpServer(QObject* parent = nullptr)
        : QObject(parent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(m_server.serverPort())); }
    void setHandler(Handler h) { m_handler = std::move(h); }
    const QList<Request>& requests() const { return m_requests; }
    int count(const QByteArray& method, const QByteArray& pathPart) const
    {
        int n = 0;
        for (const auto& r : m_requests)
            n += (r.method == method && r.target.contains(pathPart)) ? 1 : 0;
        return n;
    }
    static Reply json(int status, const QByteArray& body, QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        Reply r;
        r.status = status;
        r.body = body;
        r.headers = std::move(headers);
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        return r;
    }

private:
    void onData(QTcpSocket* s)
    {
        QByteArray& buf = m_buffers[s];
        buf += s->readAll();
        for (;;) {
            const qsizetype end = buf.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buf.left(end).split('\n');
            Request req;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            req.method = first.value(0);
            req.target = first.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon < 0)
                    continue;
                const QByteArray name = lines[i].left(colon).trimmed();
                const QByteArray value = lines[i].mid(colon + 1).trimmed();
                req.headers.append({ name, value });
                if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                    length = value.toLongLong();
            }
            if (buf.size() < end + 4 + length)
                return;
            req.body = buf.mid(end + 4, length);
            buf.remove(0, end + 4 + length);
            m_requests.append(req);
            const Reply rep = m_handler ? m_handler(req) : Reply { 404, {}, {}, false, false };
            if (rep.hold)
                return;
            if (rep.close) {
                s->abort();
                return;
            }
            QByteArray out = "HTTP/1.1 " + QByteArray::number(rep.status) + " X\r\n";
            for (const auto& h : rep.headers)
                out += h.first + ": " + h.second + "\r\n";
            out += "Content-Length: " + QByteArray::number(rep.body.size()) + "\r\n\r\n" + rep.body;
            s->write(out);
        }
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<Request> m_requests;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

} // namespace Interlock::Test

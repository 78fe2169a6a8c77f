// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sim/SimHttpServer.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

namespace Interlock::Sim {

QByteArray SimHttpRequest::header(const char* name) const
{
    const QByteArray key(name);
    for (const auto& h : headers) {
        if (h.first.compare(key, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QString SimHttpRequest::queryValue(const QString& key) const
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

SimHttpResponse SimHttpResponse::json(int status, const QJsonDocument& doc)
{
    SimHttpResponse r;
    r.status = status;
    r.body = doc.toJson(QJsonDocument::Compact);
    r.addHeader("Content-Type", "application/json");
    return r;
}

SimHttpResponse SimHttpResponse::text(int status, const QByteArray& text)
{
    SimHttpResponse r;
    r.status = status;
    r.body = text;
    r.addHeader("Content-Type", "text/plain; charset=utf-8");
    return r;
}

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        // Qt 6.4 maps every method it has no enumerator for to Unknown; the only other
        // method our clients send is MERGE (OData V2).
        return "MERGE";
    }
}

void writeResponse(QHttpServerResponder& responder, const SimHttpResponse& r)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(r.status));
    bool hasType = false;
    for (const auto& h : r.headers) {
        hasType = hasType || h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
        responder.writeHeader(h.first, h.second);
    }
    if (!hasType && !r.body.isEmpty())
        responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(r.body.size()));
    responder.writeBody(r.body);
}

} // namespace

SimHttpServer::SimHttpServer(Handler handler, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{
}

quint16 SimHttpServer::listenLocal(quint16 port)
{
    m_port = listen(QHostAddress::LocalHost, port);
    return m_port;
}

bool SimHttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    SimHttpRequest req;
    req.method = methodName(request.method());
    req.url = request.url();
    req.path = req.url.path(QUrl::FullyDecoded);
    req.query = request.query();
    req.headers = request.headers();
    req.body = request.body();
    const SimHttpResponse response = m_handler(req);

    const QPointer<QTcpSocket> guard(socket);
    if (response.drop) {
        // Processed but never answered: the client's timeout fires. The socket is aborted later
        // so that the server does not keep it forever.
        QTimer::singleShot(response.dropHoldMs, this, [guard] {
            if (guard)
                guard->abort();
        });
        return true;
    }
    if (response.delayMs <= 0) {
        QHttpServerResponder responder = makeResponder(request, socket);
        writeResponse(responder, response);
        return true;
    }
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    QTimer::singleShot(response.delayMs, this, [guard, responder, response] {
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            writeResponse(*responder, response);
    });
    return true;
}

void SimHttpServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    writeResponse(responder, SimHttpResponse::text(404, "Not Found"));
}

} // namespace Interlock::Sim

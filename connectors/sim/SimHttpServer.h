// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/sim/SimHttp.h"

#include <QAbstractHttpServer>
#include <functional>

namespace Interlock::Sim {

/// The small adapter between QtHttpServer 6.4 (a technology preview) and the simulators: it
/// turns each request into a SimHttpRequest, calls the handler synchronously and writes the
/// SimHttpResponse, now or after its delay (a timer, never a sleep), or never (drop: the
/// socket is held and aborted later). Binds 127.0.0.1 only. Same thread as its handler.
class SimHttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Handler = std::function<SimHttpResponse(const SimHttpRequest&)>;

    explicit SimHttpServer(Handler handler, QObject* parent = nullptr);
    /// Listens on 127.0.0.1:port (0 = free port); returns the port, 0 on failure.
    quint16 listenLocal(quint16 port);
    quint16 port() const { return m_port; }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    Handler m_handler;
    quint16 m_port = 0;
};

} // namespace Interlock::Sim

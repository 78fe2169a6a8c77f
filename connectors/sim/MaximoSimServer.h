// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/sim/SimControl.h"
#include "connectors/sim/SimHttpServer.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <memory>

namespace Interlock::Sim {

class SimWorld;
struct SimWorkOrder;

/// The Maximo-shaped CMMS: GET of mxapiwodetail (collection with oslc.where/paging, and one
/// record by rest id) in lean JSON, apikey check, Maximo error bodies, CMMS faults, and the
/// /sim/* endpoints. Reads the world it is given (not owned); same thread as the world.
class MaximoSimServer : public QObject
{
    Q_OBJECT
public:
    MaximoSimServer(SimWorld& world, QString apiKey, QObject* parent = nullptr);
    quint16 listen(quint16 port); ///< 127.0.0.1 only; returns the port, 0 on failure
    QUrl baseUrl() const;

    /// `_` + URL-safe base64 of "WONUM/SITE" with `=` written `-`.
    static QString restId(const QString& wonum, const QString& site);

private:
    SimHttpResponse handle(const SimHttpRequest& request);
    SimHttpResponse route(const SimHttpRequest& request);
    SimHttpResponse queryWorkOrders(const SimHttpRequest& request);
    SimHttpResponse oneWorkOrder(const QString& id, const SimHttpRequest& request);
    QJsonObject render(const SimWorkOrder& wo, const QStringList& select) const;
    static SimHttpResponse error(int status, const QString& reasonCode, const QString& message);

    SimWorld& m_world;
    QString m_apiKey;
    SimControl m_control;
    std::unique_ptr<SimHttpServer> m_http;
};

} // namespace Interlock::Sim

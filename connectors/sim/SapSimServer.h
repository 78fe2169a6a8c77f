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
struct SimErpOrder;
struct SimMaterialDoc;

/// The SAP S/4HANA-shaped ERP (OData V2): API_MAINTENANCEORDER and API_MATERIAL_DOCUMENT_SRV
/// with Basic auth, the session-bound CSRF handshake, ETags, SAP Gateway error bodies, the
/// ERP master-data checks, ERP faults, and the /sim/* endpoints. Writes into the world it is
/// given (not owned); same thread as the world.
class SapSimServer : public QObject
{
    Q_OBJECT
public:
    SapSimServer(SimWorld& world, QString user, QString password, QObject* parent = nullptr);
    quint16 listen(quint16 port); ///< 127.0.0.1 only; returns the port, 0 on failure
    QUrl baseUrl() const;

    static QString etag(const SimErpOrder& order);

private:
    SimHttpResponse handle(const SimHttpRequest& request);
    SimHttpResponse route(const SimHttpRequest& request, const QByteArray& method, const QString& session);
    SimHttpResponse orders(const SimHttpRequest& request, const QByteArray& method, const QString& rest);
    SimHttpResponse createOrder(const QJsonObject& body);
    SimHttpResponse updateOrder(const SimHttpRequest& request, const QString& number, const QJsonObject& body);
    SimHttpResponse materialDocs(const SimHttpRequest& request, const QByteArray& method, const QString& rest);
    SimHttpResponse createMaterialDoc(const QJsonObject& body);
    QJsonObject renderOrder(const SimErpOrder& order) const;
    QJsonObject renderDoc(const SimMaterialDoc& doc, bool expandItems) const;
    QString serviceUrl(const char* service) const;
    SimHttpResponse sapError(int status, const QString& code, const QString& message, const char* service = "") const;

    SimWorld& m_world;
    QByteArray m_expectedAuth;
    SimControl m_control;
    std::unique_ptr<SimHttpServer> m_http;
};

} // namespace Interlock::Sim

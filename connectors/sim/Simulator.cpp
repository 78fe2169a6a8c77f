// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sim/Simulator.h"

#include "connectors/sim/MaximoSimServer.h"
#include "connectors/sim/SapSimServer.h"
#include "connectors/sim/SimWorld.h"

#include <QJsonArray>

namespace Interlock::Sim {

Simulator::Simulator(SimOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_world(std::make_unique<SimWorld>(m_options.plants, m_options.seed))
    , m_maximo(std::make_unique<MaximoSimServer>(*m_world, m_options.apiKey))
    , m_sap(std::make_unique<SapSimServer>(*m_world, m_options.erpUser, m_options.erpPassword))
{
    if (m_options.demoFaults)
        m_world->setDemoFaults();
}

Simulator::~Simulator()
{
    // Servers first: they refer to the world.
    m_maximo.reset();
    m_sap.reset();
}

Status Simulator::start()
{
    if (m_maximo->listen(m_options.cmmsPort) == 0) {
        return fail(ErrorClass::Permanent, QStringLiteral("SIM_LISTEN"),
            QStringLiteral("cannot listen on 127.0.0.1:%1 (CMMS)").arg(m_options.cmmsPort));
    }
    if (m_sap->listen(m_options.erpPort) == 0) {
        return fail(ErrorClass::Permanent, QStringLiteral("SIM_LISTEN"),
            QStringLiteral("cannot listen on 127.0.0.1:%1 (ERP)").arg(m_options.erpPort));
    }
    if (m_options.generate)
        m_world->generate(m_options.events, m_options.rate);
    return {};
}

QUrl Simulator::cmmsUrl() const
{
    return m_maximo->baseUrl();
}

QUrl Simulator::erpUrl() const
{
    return m_sap->baseUrl();
}

QList<QPair<QString, QString>> Simulator::plants() const
{
    QList<QPair<QString, QString>> out;
    for (const SimPlant& p : m_world->plants())
        out.append({ p.site, p.plant });
    return out;
}

QJsonObject Simulator::startupInfo() const
{
    QJsonArray plants;
    for (const SimPlant& p : m_world->plants())
        plants.append(QJsonObject { { QStringLiteral("site"), p.site }, { QStringLiteral("plant"), p.plant } });
    return QJsonObject { { QStringLiteral("cmms"), cmmsUrl().toString() },
        { QStringLiteral("erp"), erpUrl().toString() }, { QStringLiteral("plants"), plants } };
}

void Simulator::setFaults(const QJsonObject& faults)
{
    m_world->setFaults(faults);
}

QJsonObject Simulator::faults() const
{
    return m_world->faults();
}

void Simulator::expireCsrfTokens()
{
    m_world->expireCsrfTokens();
}

void Simulator::generate(qint64 events, double rate)
{
    m_world->generate(events, rate);
}

QJsonObject Simulator::expected() const
{
    return m_world->expected();
}

QJsonObject Simulator::ledger() const
{
    return m_world->ledger();
}

QString Simulator::createWorkOrder(
    const QString& site, const QString& status, const QString& assetnum, const QString& glaccount)
{
    return m_world->createWorkOrder(site, status, assetnum, glaccount);
}

void Simulator::changeStatus(const QString& site, const QString& wonum, const QString& status)
{
    m_world->changeStatus(site, wonum, status);
}

qint64 Simulator::addMaterialIssue(
    const QString& site, const QString& wonum, const QString& itemnum, double quantity, const QString& storeloc)
{
    return m_world->addMaterialIssue(site, wonum, itemnum, quantity, storeloc);
}

void Simulator::setOrderLocked(const QString& sapOrder, bool locked)
{
    m_world->setOrderLocked(sapOrder, locked);
}

SimWorld& Simulator::world()
{
    return *m_world;
}

} // namespace Interlock::Sim

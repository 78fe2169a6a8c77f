// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Result.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <memory>

namespace Interlock::Sim {

class SimWorld;
class MaximoSimServer;
class SapSimServer;

/// Start-up options of the simulators (see docs/simulator.md, "Start").
struct SimOptions
{
    int plants = 3;
    double rate = 20; ///< generated source events per second
    qint64 events = 0; ///< 0 = generate forever (when generate is true)
    quint32 seed = 1;
    quint16 cmmsPort = 0; ///< 0 = pick a free port
    quint16 erpPort = 0; ///< 0 = pick a free port
    QString apiKey = QStringLiteral("sim-apikey");
    QString erpUser = QStringLiteral("INTERLOCK");
    QString erpPassword = QStringLiteral("sim-password");
    bool demoFaults = false;
    bool generate = true; ///< false: no background generation, tests create data by hand
};

/// The Maximo-shaped CMMS and the SAP-shaped ERP of docs/simulator.md, for N plants.
/// Lives in one thread (the one that created it) and serves both HTTP servers from that
/// thread's event loop; every method must be called from that thread. Listens on 127.0.0.1
/// only. Owns its world (data, ledger, faults) and both servers.
class Simulator : public QObject
{
    Q_OBJECT
public:
    explicit Simulator(SimOptions options, QObject* parent = nullptr);
    ~Simulator() override;

    /// Listens on 127.0.0.1 (ports 0 = pick free) and starts generation if options.generate.
    Status start();
    QUrl cmmsUrl() const; ///< http://127.0.0.1:PORT
    QUrl erpUrl() const; ///< http://127.0.0.1:PORT
    QList<QPair<QString, QString>> plants() const; ///< (site, sapPlant)
    /// The one JSON line interlock-sim prints: {"cmms":...,"erp":...,"plants":[...]}.
    QJsonObject startupInfo() const;

    void setFaults(const QJsonObject& faults); ///< same JSON as POST /sim/faults (any subset)
    QJsonObject faults() const;
    void expireCsrfTokens();
    /// Generate `events` more source events at `rate` events/s (events 0 = forever).
    void generate(qint64 events, double rate);
    QJsonObject expected() const; ///< same JSON as GET /sim/expected
    QJsonObject ledger() const; ///< same JSON as GET /sim/ledger

    // Deterministic helpers for tests (return the new wonum / matusetransid).
    QString createWorkOrder(const QString& site, const QString& status = QStringLiteral("WAPPR"),
        const QString& assetnum = {}, const QString& glaccount = {});
    void changeStatus(const QString& site, const QString& wonum, const QString& status);
    qint64 addMaterialIssue(const QString& site, const QString& wonum, const QString& itemnum, double quantity,
        const QString& storeloc = QStringLiteral("CENTRAL"));
    void setOrderLocked(const QString& sapOrder, bool locked);

    SimWorld& world();

private:
    SimOptions m_options;
    std::unique_ptr<SimWorld> m_world;
    std::unique_ptr<MaximoSimServer> m_maximo;
    std::unique_ptr<SapSimServer> m_sap;
};

} // namespace Interlock::Sim

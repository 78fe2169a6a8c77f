// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/config/EngineConfig.h"
#include "models/domain/Result.h"

#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>
#include <QThread>
#include <memory>

namespace Interlock::Sim {
class Simulator;
}
namespace Interlock::Engine {
class SyncEngine;
}

namespace Interlock::Demo {

/// Options of `interlock --demo`.
struct DemoOptions
{
    int plants = 3;
    double rate = 6; ///< source events per second across all plants
    bool faults = true;
    QString journalDir; ///< empty: a temporary folder removed at exit
};

/// The zero-set-up demo: simulated plants (ERP + CMMS on loopback ports, with faults) in one
/// thread, an engine over an SQLite journal in another, and the config a console needs to read
/// that journal. Owned by the GUI thread; stop() joins both threads.
class DemoEnvironment : public QObject
{
    Q_OBJECT
public:
    explicit DemoEnvironment(DemoOptions options, QObject* parent = nullptr);
    ~DemoEnvironment() override;

    Status start();
    void stop();
    const Config::EngineConfig& config() const { return m_config; }
    /// Runs `f` on the simulator's thread and returns its result (for fault buttons and tests).
    QJsonObject simulatorCall(const std::function<QJsonObject(Sim::Simulator&)>& f);

private:
    DemoOptions m_options;
    QTemporaryDir m_tmp;
    Config::EngineConfig m_config;
    QThread m_simThread;
    QThread m_engineThread;
    Sim::Simulator* m_sim = nullptr; ///< lives in m_simThread
    Engine::SyncEngine* m_engine = nullptr; ///< lives in m_engineThread
};

} // namespace Interlock::Demo

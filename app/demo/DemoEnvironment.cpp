// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/demo/DemoEnvironment.h"

#include "app/engine/SyncEngine.h"
#include "connectors/sim/Simulator.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDemo, "interlock.demo", QtInfoMsg)

namespace Interlock::Demo {

namespace {
/// Runs `f` in `thread` and waits for it. QThread itself lives in the caller's thread, so a
/// context object is moved into the thread to carry the call.
void runIn(QThread& thread, const std::function<void()>& f)
{
    auto* ctx = new QObject;
    ctx->moveToThread(&thread);
    QMetaObject::invokeMethod(ctx, f, Qt::BlockingQueuedConnection);
    ctx->deleteLater();
}
} // namespace

DemoEnvironment::DemoEnvironment(DemoOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_simThread.setObjectName(QStringLiteral("interlock-sim"));
    m_engineThread.setObjectName(QStringLiteral("interlock-engine"));
}

DemoEnvironment::~DemoEnvironment()
{
    stop();
}

QJsonObject DemoEnvironment::simulatorCall(const std::function<QJsonObject(Sim::Simulator&)>& f)
{
    QJsonObject out;
    if (!m_sim)
        return out;
    QMetaObject::invokeMethod(
        m_sim, [&] { out = f(*m_sim); }, Qt::BlockingQueuedConnection);
    return out;
}

Status DemoEnvironment::start()
{
    const QString dir = m_options.journalDir.isEmpty() ? m_tmp.path() : m_options.journalDir;
    if (dir.isEmpty() || !QDir().mkpath(dir))
        return fail(
            ErrorClass::Permanent, QStringLiteral("DEMO_DIR"), QStringLiteral("no folder for the demo journal"));

    m_simThread.start();
    Status simStarted;
    QList<QPair<QString, QString>> plants;
    QString cmms, erp;
    runIn(m_simThread, [&] {
        Sim::SimOptions so;
        so.plants = m_options.plants;
        so.rate = m_options.rate;
        so.demoFaults = m_options.faults;
        so.generate = true;
        m_sim = new Sim::Simulator(so);
        simStarted = m_sim->start();
        plants = m_sim->plants();
        cmms = m_sim->cmmsUrl().toString();
        erp = m_sim->erpUrl().toString();
    });
    if (!simStarted)
        return simStarted;

    // the seed mappings ship as a resource; the engine imports them into the empty journal
    const QString csv = QDir(dir).filePath(QStringLiteral("demo-mappings.csv"));
    QFile::remove(csv);
    if (!QFile::copy(QStringLiteral(":/interlock/config/demo-mappings.csv"), csv))
        return fail(ErrorClass::Permanent, QStringLiteral("DEMO_MAPPINGS"), QStringLiteral("demo mappings missing"));

    m_config = Config::EngineConfig {};
    m_config.journalPath = QDir(dir).filePath(QStringLiteral("journal.sqlite"));
    m_config.mappingsCsv = csv;
    m_config.requestTimeoutMs = 3000;
    m_config.leaseMs = 15'000;
    m_config.pollIntervalMs = 500;
    m_config.slo.lagP95WarnMs = 30'000;
    m_config.slo.lagP95CritMs = 120'000;
    m_config.slo.backlogAgeWarnMs = 60'000;
    m_config.slo.backlogAgeCritMs = 300'000;
    m_config.slo.stuckWarn = 1;
    m_config.slo.stuckCrit = 50;
    for (const auto& [site, plant] : plants) {
        Config::PlantConfig pc;
        pc.site = site;
        pc.cmmsUrl = QUrl(cmms);
        pc.cmmsApiKey = QStringLiteral("sim-apikey");
        pc.erpUrl = QUrl(erp + QStringLiteral("/sap/opu/odata/sap"));
        pc.erpUser = QStringLiteral("INTERLOCK");
        pc.erpPassword = QStringLiteral("sim-password");
        m_config.plants << pc;
    }

    m_engineThread.start();
    Status engineStarted;
    runIn(m_engineThread, [&] {
        m_engine = new Engine::SyncEngine(m_config);
        engineStarted = m_engine->start();
    });
    qCInfo(lcDemo) << "demo journal at" << m_config.journalPath << "cmms" << cmms << "erp" << erp;
    return engineStarted;
}

void DemoEnvironment::stop()
{
    if (m_engine) {
        QMetaObject::invokeMethod(
            m_engine,
            [this] {
                QEventLoop loop;
                connect(m_engine, &Engine::SyncEngine::stopped, &loop, &QEventLoop::quit);
                m_engine->stop(3000);
                if (m_engine->isRunning())
                    loop.exec();
                delete m_engine;
            },
            Qt::BlockingQueuedConnection);
        m_engine = nullptr;
    }
    m_engineThread.quit();
    m_engineThread.wait();
    if (m_sim) {
        QMetaObject::invokeMethod(
            m_sim, [this] { delete m_sim; }, Qt::BlockingQueuedConnection);
        m_sim = nullptr;
    }
    m_simThread.quit();
    m_simThread.wait();
}

} // namespace Interlock::Demo

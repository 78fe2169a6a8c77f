// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/EngineCommands.h"

#include "app/config/EngineConfig.h"
#include "app/engine/MappingCsv.h"
#include "app/engine/ShutdownSignals.h"
#include "app/engine/SyncEngine.h"
#include "app/ops/StatusReport.h"
#include "models/journal/JournalStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <cstdio>

namespace Interlock::Ops {

namespace {
void print(FILE* f, const QString& s)
{
    const QByteArray b = s.toUtf8();
    std::fwrite(b.constData(), 1, static_cast<size_t>(b.size()), f);
    std::fflush(f);
}

int runEngine(const Config::EngineConfig& config)
{
    Engine::SyncEngine engine(config);
    Engine::ShutdownSignals shutdown;
    QObject::connect(&shutdown, &Engine::ShutdownSignals::shutdownRequested, &engine, [&engine](int sig) {
        print(stderr, QStringLiteral("interlock-engine: signal %1, stopping\n").arg(sig));
        engine.stop();
    });
    QObject::connect(&engine, &Engine::SyncEngine::stopped, qApp, &QCoreApplication::quit);
    if (auto s = engine.start(); !s) {
        print(stderr, QStringLiteral("interlock-engine: %1\n").arg(s.error().summary()));
        return 2;
    }
    print(stdout,
        QStringLiteral("interlock-engine: %1 running with %2 plants\n")
            .arg(engine.engineId())
            .arg(config.plants.size()));
    return QCoreApplication::exec();
}

AuditEntry cliAudit(const QString& actor, const QString& action, const QString& note)
{
    AuditEntry a;
    a.at = QDateTime::currentMSecsSinceEpoch();
    a.actor = actor;
    a.role = QStringLiteral("admin");
    a.action = action;
    a.note = note;
    return a;
}
} // namespace

int EngineCommands::main(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Interlock headless sync engine"));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("run (default), status, mapping, audit"));
    const QCommandLineOption configOpt(
        QStringLiteral("config"), QStringLiteral("engine config file"), QStringLiteral("FILE"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("status as JSON"));
    const QCommandLineOption domainOpt(QStringLiteral("domain"), QStringLiteral("mapping domain"), QStringLiteral("D"));
    const QCommandLineOption plantOpt(
        QStringLiteral("plant"), QStringLiteral("site the mapping is for (default all)"), QStringLiteral("P"));
    const QCommandLineOption sourceOpt(QStringLiteral("source"), QStringLiteral("CMMS value"), QStringLiteral("V"));
    const QCommandLineOption targetOpt(QStringLiteral("target"), QStringLiteral("ERP value"), QStringLiteral("T"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("mapping CSV file"), QStringLiteral("FILE"));
    const QCommandLineOption actorOpt(QStringLiteral("actor"), QStringLiteral("who acts (audit)"),
        QStringLiteral("NAME"), qEnvironmentVariable("USER", QStringLiteral("cli")));
    const QCommandLineOption noteOpt(
        QStringLiteral("note"), QStringLiteral("note for the audit trail"), QStringLiteral("TEXT"));
    p.addOptions({ configOpt, jsonOpt, domainOpt, plantOpt, sourceOpt, targetOpt, csvOpt, actorOpt, noteOpt });
    p.process(arguments);
    const QStringList pos = p.positionalArguments();
    const QString command = pos.value(0, QStringLiteral("run"));
    if (!p.isSet(configOpt)) {
        print(stderr, QStringLiteral("interlock-engine: --config FILE is required\n"));
        return 3;
    }
    auto config = Config::EngineConfig::load(p.value(configOpt));
    if (!config) {
        print(stderr, QStringLiteral("interlock-engine: %1\n").arg(config.error().message));
        return 3;
    }
    if (command == QLatin1String("run"))
        return runEngine(*config);

    Journal::JournalStore store;
    if (auto s = store.openSqlite(config->journalPath); !s) {
        print(stderr, QStringLiteral("interlock-engine: %1\n").arg(s.error().summary()));
        return 3;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (command == QLatin1String("status")) {
        auto report = StatusReport::build(store, *config, now);
        if (!report) {
            print(stderr, QStringLiteral("interlock-engine: %1\n").arg(report.error().summary()));
            return 3;
        }
        print(stdout,
            p.isSet(jsonOpt) ? QString::fromUtf8(QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented))
                             : report->toText());
        return report->exitCode();
    }
    if (command == QLatin1String("mapping") && pos.value(1) == QLatin1String("add")) {
        Mapping m;
        m.domain = p.value(domainOpt);
        m.plant = p.value(plantOpt);
        m.sourceSystem = QStringLiteral("maximo");
        m.sourceValue = p.value(sourceOpt);
        m.targetSystem = QStringLiteral("sap");
        m.targetValue = p.value(targetOpt);
        m.createdBy = p.value(actorOpt);
        m.createdAt = now;
        const QByteArray line
            = QStringLiteral("%1,%2,%3,%4").arg(m.domain, m.plant, m.sourceValue, m.targetValue).toUtf8();
        if (auto check = Engine::MappingCsv::parse(line, m.sourceSystem, m.targetSystem, m.createdBy, now); !check) {
            print(stderr, QStringLiteral("interlock-engine: %1\n").arg(check.error().message));
            return 3;
        }
        const auto blocked = store.countBlockedBy(m.domain, m.plant, m.sourceValue);
        AuditEntry a = cliAudit(m.createdBy, QStringLiteral("mapping.put"), p.value(noteOpt));
        a.after = QStringLiteral("%1 %2 %3 -> %4")
                      .arg(m.domain, m.plant.isEmpty() ? QStringLiteral("*") : m.plant, m.sourceValue, m.targetValue);
        if (auto s = store.putMapping(m, a); !s) {
            print(stderr, QStringLiteral("interlock-engine: %1\n").arg(s.error().summary()));
            return 3;
        }
        print(stdout,
            QStringLiteral("mapping saved; %1 blocked messages will be released\n").arg(blocked ? *blocked : 0));
        return 0;
    }
    if (command == QLatin1String("mapping") && pos.value(1) == QLatin1String("import")) {
        auto rows = Engine::MappingCsv::load(
            p.value(csvOpt), QStringLiteral("maximo"), QStringLiteral("sap"), p.value(actorOpt), now);
        if (!rows) {
            print(stderr, QStringLiteral("interlock-engine: %1\n").arg(rows.error().message));
            return 3;
        }
        auto n = store.importMappings(
            *rows, cliAudit(p.value(actorOpt), QStringLiteral("mapping.import"), p.value(csvOpt)));
        if (!n) {
            print(stderr, QStringLiteral("interlock-engine: %1\n").arg(n.error().summary()));
            return 3;
        }
        print(stdout, QStringLiteral("%1 of %2 mappings inserted\n").arg(*n).arg(rows->size()));
        return 0;
    }
    if (command == QLatin1String("mapping") && pos.value(1) == QLatin1String("list")) {
        auto rows = store.mappings(p.value(domainOpt));
        if (!rows)
            return 3;
        print(stdout, QString::fromUtf8(Engine::MappingCsv::write(*rows)));
        return 0;
    }
    if (command == QLatin1String("audit") && pos.value(1) == QLatin1String("verify")) {
        auto bad = store.verifyAudit();
        if (!bad)
            return 3;
        if (*bad == 0) {
            print(stdout, QStringLiteral("audit trail intact\n"));
            return 0;
        }
        print(stdout, QStringLiteral("audit trail broken at entry %1\n").arg(*bad));
        return 1;
    }
    print(stderr, QStringLiteral("interlock-engine: unknown command '%1'\n").arg(pos.join(QLatin1Char(' '))));
    return 3;
}

} // namespace Interlock::Ops

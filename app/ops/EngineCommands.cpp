// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/EngineCommands.h"

#include "app/config/EngineConfig.h"
#include "app/engine/MappingCsv.h"
#include "app/engine/ShutdownSignals.h"
#include "app/engine/SyncEngine.h"
#include "app/ops/JournalGenerator.h"
#include "app/ops/SecretCommands.h"
#include "app/ops/StatusReport.h"
#include "models/journal/JournalStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
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

int verifyAudit(Journal::JournalStore& store)
{
    auto v = store.verifyAuditTrail();
    if (!v) {
        print(stderr, QStringLiteral("interlock-engine: %1\n").arg(v.error().summary()));
        return 3;
    }
    if (v->intact) {
        const QString rule = v->keyedFrom > 0 ? QStringLiteral("HMAC-SHA256 from entry %1").arg(v->keyedFrom)
                                              : QStringLiteral("SHA-256 only: no keyed entry yet");
        print(stdout, QStringLiteral("audit trail intact: %1 entries (%2)\n").arg(v->entries).arg(rule));
        return 0;
    }
    print(stdout, QStringLiteral("audit trail broken at entry %1: %2\n").arg(v->firstBadId).arg(v->problem));
    return 1;
}

/// `generate`: fills a journal with realistic rows (JournalGenerator).
int runGenerate(const QString& journal, const QString& rows, const QString& plants, const QString& days,
    const QString& seed, bool append)
{
    if (journal.isEmpty()) {
        print(stderr, QStringLiteral("interlock-engine: generate needs --journal PATH\n"));
        return 3;
    }
    GeneratorOptions o;
    bool ok = false;
    o.rows = rows.toLongLong(&ok);
    if (!ok || o.rows <= 0) {
        print(stderr, QStringLiteral("interlock-engine: --rows must be a positive number\n"));
        return 3;
    }
    if (!plants.isEmpty()) {
        o.plants.clear();
        for (const QString& p : plants.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!o.plants.contains(p.trimmed().toUpper()))
                o.plants << p.trimmed().toUpper();
    }
    o.days = days.toInt(&ok);
    if (!ok || o.days <= 0) {
        print(stderr, QStringLiteral("interlock-engine: --days must be a positive number\n"));
        return 3;
    }
    o.seed = seed.toULongLong(&ok);
    if (!ok) {
        print(stderr, QStringLiteral("interlock-engine: --seed must be a number\n"));
        return 3;
    }
    o.append = append;
    qint64 lastShown = 0;
    o.progress = [&lastShown](qint64 done, qint64 total) {
        if (done - lastShown >= 500'000 || done == total) {
            lastShown = done;
            print(stderr, QStringLiteral("  %1 / %2 messages\n").arg(done).arg(total));
        }
    };
    auto report = JournalGenerator::generate(journal, o);
    if (!report) {
        print(stderr, QStringLiteral("interlock-engine: %1\n").arg(report.error().message));
        return report.error().errorClass == ErrorClass::Validation ? 1 : 3;
    }
    QStringList states;
    for (auto it = report->states.cbegin(); it != report->states.cend(); ++it)
        states << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    states.sort();
    print(stdout,
        QStringLiteral("generated %1 messages (ids %2-%3), %4 attempts, %5 audit entries, %6 mappings in %7 s "
                       "(%8 messages/s)\nstates: %9\n")
            .arg(report->messages)
            .arg(report->firstId)
            .arg(report->lastId)
            .arg(report->attempts)
            .arg(report->auditEntries)
            .arg(report->mappings)
            .arg(report->seconds, 0, 'f', 1)
            .arg(report->seconds > 0 ? static_cast<double>(report->messages) / report->seconds : 0.0, 0, 'f', 0)
            .arg(states.join(QStringLiteral(", "))));
    return 0;
}
} // namespace

int EngineCommands::main(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Interlock headless sync engine"));
    p.addHelpOption();
    p.addPositionalArgument(
        QStringLiteral("command"), QStringLiteral("run (default), status, mapping, audit, generate"));
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
    const QCommandLineOption journalOpt(
        QStringLiteral("journal"), QStringLiteral("generate: the SQLite journal to fill"), QStringLiteral("PATH"));
    const QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("generate: messages to write"),
        QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption plantsOpt(QStringLiteral("plants"),
        QStringLiteral("generate: plants (default BEDFORD,NASHUA,LEEDS)"), QStringLiteral("A,B,C"));
    const QCommandLineOption daysOpt(QStringLiteral("days"), QStringLiteral("generate: days of traffic up to now"),
        QStringLiteral("D"), QStringLiteral("7"));
    const QCommandLineOption seedOpt(
        QStringLiteral("seed"), QStringLiteral("generate: random seed"), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption appendOpt(
        QStringLiteral("append"), QStringLiteral("generate: add to a journal that already holds messages"));
    p.addOptions({ configOpt, jsonOpt, domainOpt, plantOpt, sourceOpt, targetOpt, csvOpt, actorOpt, noteOpt, journalOpt,
        rowsOpt, plantsOpt, daysOpt, seedOpt, appendOpt });
    p.process(arguments);
    const QStringList pos = p.positionalArguments();
    const QString command = pos.value(0, QStringLiteral("run"));
    if (command == QLatin1String("generate"))
        return runGenerate(p.value(journalOpt), p.value(rowsOpt), p.value(plantsOpt), p.value(daysOpt),
            p.value(seedOpt), p.isSet(appendOpt));
    if (command == QLatin1String("audit") && pos.value(1) == QLatin1String("verify") && p.isSet(journalOpt)
        && !p.isSet(configOpt)) {
        // a journal without an engine config (e.g. a generated one)
        Journal::JournalStore store;
        if (auto s = store.openSqlite(p.value(journalOpt)); !s) {
            print(stderr, QStringLiteral("interlock-engine: %1\n").arg(s.error().summary()));
            return 3;
        }
        return verifyAudit(store);
    }
    if (command == QLatin1String("secret")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return 3;
        return SecretCommands::run(pos.mid(1), in);
    }
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
    if (command == QLatin1String("audit") && pos.value(1) == QLatin1String("verify"))
        return verifyAudit(store);
    print(stderr, QStringLiteral("interlock-engine: unknown command '%1'\n").arg(pos.join(QLatin1Char(' '))));
    return 3;
}

} // namespace Interlock::Ops

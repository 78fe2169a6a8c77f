// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/EngineCommands.h"

#include "app/config/EngineConfig.h"
#include "app/engine/MappingCsv.h"
#include "app/engine/ShutdownSignals.h"
#include "app/engine/SyncEngine.h"
#include "app/ops/Accounts.h"
#include "app/ops/JournalGenerator.h"
#include "app/ops/Permissions.h"
#include "app/ops/SecretCommands.h"
#include "app/ops/StatusReport.h"
#include "models/journal/JournalStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

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

/// One line from standard input, without its line end; nullopt at end of input.
std::optional<QString> readLine(QFile& in)
{
    QByteArray line = in.readLine(4096);
    if (line.isEmpty())
        return std::nullopt; // not even a line end: the input was closed
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

/// A password for `user`: typed at a prompt with echo off (twice) when standard input is a
/// terminal, else the first line of standard input. Never from the command line, where any
/// user of the machine could read it in the process list.
Result<QString> readPassword(const QString& user)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return fail(ErrorClass::Permanent, QStringLiteral("STDIN"), QStringLiteral("cannot read standard input"));
    if (!isatty(STDIN_FILENO)) {
        const auto line = readLine(in);
        if (!line)
            return fail(ErrorClass::Validation, QStringLiteral("NO_PASSWORD"),
                QStringLiteral("no password on standard input (give it as the first line)"));
        return *line;
    }
    termios saved {};
    const bool canHide = tcgetattr(STDIN_FILENO, &saved) == 0;
    auto ask = [&](const QString& prompt) {
        print(stderr, prompt);
        if (canHide) {
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        const auto line = readLine(in);
        if (canHide)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        print(stderr, QStringLiteral("\n"));
        return line.value_or(QString());
    };
    const QString first = ask(QStringLiteral("New password for %1: ").arg(user));
    const QString again = ask(QStringLiteral("Repeat it: "));
    if (first != again)
        return fail(ErrorClass::Validation, QStringLiteral("PASSWORDS_DIFFER"), QStringLiteral("the passwords differ"));
    return first;
}

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                  : QStringLiteral("never");
}

/// `user add|passwd|role|disable|enable|unlock|list`: local accounts, acting as an admin.
int runUser(const QStringList& pos, const QString& journal, const QString& actor, const QString& role,
    const std::optional<QString>& plants, const QString& note, bool json)
{
    const QString sub = pos.value(1);
    const QString name = pos.value(2);
    static const QStringList subs { QStringLiteral("add"), QStringLiteral("passwd"), QStringLiteral("role"),
        QStringLiteral("disable"), QStringLiteral("enable"), QStringLiteral("unlock"), QStringLiteral("list") };
    if (!subs.contains(sub)) {
        print(stderr, QStringLiteral("interlock-engine: user needs one of %1\n").arg(subs.join(QLatin1Char('|'))));
        return 3;
    }
    if (sub != QLatin1String("list") && name.isEmpty()) {
        print(stderr, QStringLiteral("interlock-engine: user %1 needs a user name: user %1 NAME ...\n").arg(sub));
        return 3;
    }
    if (sub != QLatin1String("add") && !QFileInfo::exists(journal)) {
        print(stderr, QStringLiteral("interlock-engine: no journal at %1\n").arg(journal));
        return 3;
    }
    Journal::JournalStore store;
    if (auto s = store.openSqlite(journal); !s) {
        print(stderr, QStringLiteral("interlock-engine: %1\n").arg(s.error().summary()));
        return 3;
    }
    Accounts accounts(store);
    const Actor by { actor, Permissions::roleName(Role::Admin) };
    const QStringList plantList = plants && plants->trimmed() != QLatin1String("all")
        ? plants->split(QLatin1Char(','), Qt::SkipEmptyParts)
        : QStringList {};
    auto finish = [&](const Status& s, const QString& done) {
        if (!s) {
            print(stderr, QStringLiteral("interlock-engine: %1\n").arg(s.error().message));
            const ErrorClass c = s.error().errorClass;
            return c == ErrorClass::Validation || c == ErrorClass::Conflict ? 1 : 3;
        }
        print(stdout, done + QLatin1Char('\n'));
        return 0;
    };
    if (sub == QLatin1String("list")) {
        auto rows = accounts.list();
        if (!rows)
            return finish(Unexpected { rows.error() }, {});
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (json) {
            QJsonArray out;
            for (const AccountInfo& a : std::as_const(*rows))
                out.append(QJsonObject { { QStringLiteral("name"), a.name }, { QStringLiteral("role"), a.role },
                    { QStringLiteral("plants"), QJsonArray::fromStringList(a.plants) },
                    { QStringLiteral("disabled"), a.disabled }, { QStringLiteral("failedSignIns"), a.failedSignIns },
                    { QStringLiteral("lockedUntil"), a.lockedUntil > now ? a.lockedUntil : 0 },
                    { QStringLiteral("lastSignInAt"), a.lastSignInAt },
                    { QStringLiteral("passwordIterations"), a.passwordIterations } });
            print(stdout, QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
            return 0;
        }
        QString text = QStringLiteral("%1 %2 %3 %4 %5\n")
                           .arg(QStringLiteral("NAME"), -20)
                           .arg(QStringLiteral("ROLE"), -12)
                           .arg(QStringLiteral("PLANTS"), -24)
                           .arg(QStringLiteral("STATE"), -32)
                           .arg(QStringLiteral("LAST SIGN-IN"));
        for (const AccountInfo& a : std::as_const(*rows)) {
            QString state = a.disabled ? QStringLiteral("disabled") : QStringLiteral("enabled");
            if (a.lockedUntil > now)
                state += QStringLiteral(", locked until %1").arg(timeText(a.lockedUntil));
            else if (a.failedSignIns > 0)
                state += QStringLiteral(", %1 failed").arg(a.failedSignIns);
            text += QStringLiteral("%1 %2 %3 %4 %5\n")
                        .arg(a.name, -20)
                        .arg(a.role, -12)
                        .arg(a.plantsText(), -24)
                        .arg(state, -32)
                        .arg(timeText(a.lastSignInAt));
        }
        if (rows->isEmpty())
            text += QStringLiteral("(no accounts: the console runs as a local supervisor until one is added)\n");
        print(stdout, text);
        return 0;
    }
    if (sub == QLatin1String("add") || sub == QLatin1String("passwd")) {
        if (sub == QLatin1String("add")) {
            // refuse what can be refused before the password is typed
            if (auto s = Accounts::checkName(name.trimmed()); !s)
                return finish(s, {});
            if (!Permissions::roleFromName(role))
                return finish(fail(ErrorClass::Validation, QStringLiteral("BAD_ROLE"),
                                  QStringLiteral("--role must be one of %1")
                                      .arg(Permissions::roleNames().join(QStringLiteral(", ")))),
                    {});
            if (accounts.find(name))
                return finish(fail(ErrorClass::Conflict, QStringLiteral("ACCOUNT_EXISTS"),
                                  QStringLiteral("there is an account '%1' already").arg(name)),
                    {});
        } else if (auto found = accounts.find(name); !found) {
            return finish(Unexpected { found.error() }, {});
        }
        const auto password = readPassword(name);
        if (!password)
            return finish(Unexpected { password.error() }, {});
        if (sub == QLatin1String("add")) {
            if (auto s = accounts.add(by, name, role, plantList, *password, note); !s)
                return finish(s, {});
            const auto added = accounts.find(name);
            return finish({},
                QStringLiteral("account %1 added: %2, %3")
                    .arg(name.trimmed(), role, added ? added->plantsText() : QStringLiteral("?")));
        }
        return finish(
            accounts.setPassword(by, name, *password, note), QStringLiteral("password of %1 changed").arg(name));
    }
    if (sub == QLatin1String("role")) {
        if (role.isEmpty() && !plants) {
            print(stderr, QStringLiteral("interlock-engine: user role needs --role R and/or --plants A,B (or all)\n"));
            return 3;
        }
        if (!role.isEmpty())
            if (const int rc
                = finish(accounts.setRole(by, name, role, note), QStringLiteral("%1 is now %2").arg(name, role));
                rc != 0)
                return rc;
        if (plants) {
            if (auto s = accounts.setPlants(by, name, plantList, note); !s)
                return finish(s, {});
            const auto changed = accounts.find(name);
            return finish({},
                QStringLiteral("%1 may act on %2").arg(name, changed ? changed->plantsText() : QStringLiteral("?")));
        }
        return 0;
    }
    if (sub == QLatin1String("disable") || sub == QLatin1String("enable")) {
        const bool off = sub == QLatin1String("disable");
        return finish(accounts.setDisabled(by, name, off, note),
            QStringLiteral("%1 %2").arg(name, off ? QStringLiteral("disabled") : QStringLiteral("enabled")));
    }
    return finish(accounts.unlock(by, name, note), QStringLiteral("%1 unlocked").arg(name));
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
        QStringLiteral("command"), QStringLiteral("run (default), status, mapping, audit, generate, user"));
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
        QStringLiteral("generate: plants (default BEDFORD,NASHUA,LEEDS); user: the plants an account may act on "
                       "(default, or 'all': every plant)"),
        QStringLiteral("A,B,C"));
    const QCommandLineOption roleOpt(
        QStringLiteral("role"), QStringLiteral("user: viewer, supervisor, integration or admin"), QStringLiteral("R"));
    const QCommandLineOption daysOpt(QStringLiteral("days"), QStringLiteral("generate: days of traffic up to now"),
        QStringLiteral("D"), QStringLiteral("7"));
    const QCommandLineOption seedOpt(
        QStringLiteral("seed"), QStringLiteral("generate: random seed"), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption appendOpt(
        QStringLiteral("append"), QStringLiteral("generate: add to a journal that already holds messages"));
    p.addOptions({ configOpt, jsonOpt, domainOpt, plantOpt, sourceOpt, targetOpt, csvOpt, actorOpt, noteOpt, journalOpt,
        rowsOpt, plantsOpt, daysOpt, seedOpt, appendOpt, roleOpt });
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
    if (command == QLatin1String("user")) {
        QString journal = p.value(journalOpt);
        if (journal.isEmpty() && p.isSet(configOpt)) {
            auto config = Config::EngineConfig::load(p.value(configOpt));
            if (!config) {
                print(stderr, QStringLiteral("interlock-engine: %1\n").arg(config.error().message));
                return 3;
            }
            journal = config->journalPath;
        }
        if (journal.isEmpty()) {
            print(stderr, QStringLiteral("interlock-engine: user needs --journal PATH or --config FILE\n"));
            return 3;
        }
        return runUser(pos, journal, p.value(actorOpt), p.value(roleOpt),
            p.isSet(plantsOpt) ? std::optional<QString>(p.value(plantsOpt)) : std::nullopt, p.value(noteOpt),
            p.isSet(jsonOpt));
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

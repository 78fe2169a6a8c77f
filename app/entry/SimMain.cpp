// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// interlock-sim: the Maximo-shaped CMMS and SAP-shaped ERP simulators (docs/simulator.md).
#include "connectors/sim/Simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char b = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFds[0], &b, 1);
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("interlock-sim"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Maximo-shaped CMMS and SAP-shaped ERP simulators on 127.0.0.1"));
    parser.addHelpOption();
    const auto opt = [&parser](const char* name, const char* help, const char* def) {
        QCommandLineOption o(
            QString::fromLatin1(name), QString::fromLatin1(help), QStringLiteral("value"), QString::fromLatin1(def));
        parser.addOption(o);
        return o;
    };
    const auto plants = opt("plants", "number of plants", "3");
    const auto rate = opt("rate", "generated source events per second", "20");
    const auto events = opt("events", "source events to generate (0 = forever)", "0");
    const auto seed = opt("seed", "random seed", "1");
    const auto cmmsPort = opt("cmms-port", "CMMS port (0 = free port)", "0");
    const auto erpPort = opt("erp-port", "ERP port (0 = free port)", "0");
    const auto faults = opt("faults", "none|demo", "none");
    const auto apiKey = opt("apikey", "CMMS API key", "sim-apikey");
    const auto erpUser = opt("erp-user", "ERP user", "INTERLOCK");
    const auto erpPassword = opt("erp-password", "ERP password", "sim-password");
    parser.process(app);

    Interlock::Sim::SimOptions o;
    o.plants = parser.value(plants).toInt();
    o.rate = parser.value(rate).toDouble();
    o.events = parser.value(events).toLongLong();
    o.seed = parser.value(seed).toUInt();
    o.cmmsPort = parser.value(cmmsPort).toUShort();
    o.erpPort = parser.value(erpPort).toUShort();
    o.demoFaults = parser.value(faults) == QLatin1String("demo");
    o.apiKey = parser.value(apiKey);
    o.erpUser = parser.value(erpUser);
    o.erpPassword = parser.value(erpPassword);

    Interlock::Sim::Simulator sim(o);
    if (const auto started = sim.start(); !started) {
        std::fprintf(stderr, "interlock-sim: %s\n", qPrintable(started.error().message));
        return 1;
    }
    // Clean exit on SIGTERM/SIGINT: the handler writes to a socket pair watched by the event loop.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) == 0) {
        auto* notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }
    const QByteArray line = QJsonDocument(sim.startupInfo()).toJson(QJsonDocument::Compact);
    std::fprintf(stdout, "%s\n", line.constData());
    std::fflush(stdout);
    return QCoreApplication::exec();
}

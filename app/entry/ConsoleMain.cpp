// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// interlock: the operations console, over an embedded demo (--demo) or an engine's journal (--config).
#include "app/config/EngineConfig.h"
#include "app/demo/DemoEnvironment.h"
#include "app/ops/LocalOperationsService.h"
#include "ui/common/ConsoleView.h"
#include "ui/common/Theme.h"
#include "ui/exceptions/ExceptionsView.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mappings/MappingsView.h"
#include "ui/overview/OverviewView.h"
#include "ui/signin/SignInDialog.h"
#include "ui/transactions/TransactionsView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QTimer>
#include <functional>
#include <memory>

using namespace Interlock;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("interlock"));
    QApplication::setOrganizationName(QStringLiteral("Interlock"));
    QApplication::setDesktopFileName(QStringLiteral("io.interlock.Console"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Interlock operations console"));
    cli.addHelpOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Start simulated plants and an engine."));
    const QCommandLineOption config(
        QStringLiteral("config"), QStringLiteral("Engine config file."), QStringLiteral("FILE"));
    const QCommandLineOption plants(
        QStringLiteral("plants"), QStringLiteral("Demo plants."), QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption rate(
        QStringLiteral("rate"), QStringLiteral("Demo events per second."), QStringLiteral("R"), QStringLiteral("6"));
    const QCommandLineOption shots(QStringLiteral("screenshot-dir"),
        QStringLiteral("Save view screenshots here and quit."), QStringLiteral("DIR"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
        QStringLiteral("Seconds of traffic before screenshots."), QStringLiteral("SECONDS"), QStringLiteral("20"));
    const QCommandLineOption theme(QStringLiteral("theme"),
        QStringLiteral("Colour scheme: system (default, follows the desktop), light or dark."), QStringLiteral("MODE"),
        QStringLiteral("system"));
    cli.addOptions({ demo, config, plants, rate, shots, delay, theme });
    cli.process(app);
    bool themeOk = false;
    const auto mode = Ui::Theme::modeFromName(cli.value(theme), &themeOk);
    if (!themeOk) {
        qCritical("interlock: unknown --theme '%s' (system, light or dark)", qPrintable(cli.value(theme)));
        return 2;
    }
    Ui::Theme::apply(app, mode);
    auto fatal = [](const Error& e) {
        qCritical("interlock: %s", qPrintable(e.summary()));
        if (QGuiApplication::platformName() != QLatin1String("offscreen")) // nobody could close it there
            QMessageBox::critical(nullptr, QStringLiteral("Interlock"), e.summary());
        return 1;
    };

    std::unique_ptr<Demo::DemoEnvironment> env;
    Config::EngineConfig engineConfig;
    if (cli.isSet(demo)) {
        env = std::make_unique<Demo::DemoEnvironment>(
            Demo::DemoOptions { cli.value(plants).toInt(), cli.value(rate).toDouble(), true, {} });
        if (auto s = env->start(); !s)
            return fatal(s.error());
        engineConfig = env->config();
    } else if (cli.isSet(config)) {
        auto loaded = Config::EngineConfig::load(cli.value(config));
        if (!loaded)
            return fatal(loaded.error());
        engineConfig = *loaded;
    } else {
        cli.showHelp(2);
    }
    Ops::LocalOperationsService service(engineConfig);
    if (auto s = service.open(); !s)
        return fatal(s.error());
    const QString journalLabel = QDir::toNativeSeparators(engineConfig.journalPath);
    // the demo's journal is thrown away on exit: nobody signs in to it
    const auto user = cli.isSet(demo) ? std::optional(Ui::ConsoleUser::demo())
                                      : Ui::SignInDialog::signInAtStart(&service, journalLabel);
    if (!user) {
        if (env)
            env->stop();
        return 0;
    }
    Ui::MainWindow window(&service, journalLabel, *user);
    window.show();

    std::function<void()> nextShot; // lives on main's stack, through exec()
    if (cli.isSet(shots)) {
        // one screenshot per view, in navigation order, each after the view has had time to read
        // the journal and draw; views with something to select select the most telling row first
        const QDir dir(cli.value(shots));
        auto pending = std::make_shared<QList<Ui::ConsoleView*>>(window.views());
        nextShot = [&window, &app, dir, pending, &nextShot] {
            if (pending->isEmpty()) {
                app.quit();
                return;
            }
            Ui::ConsoleView* view = pending->takeFirst();
            window.showView(view);
            view->refresh();
            if (view == window.transactions())
                window.transactions()->selectInterestingMessage();
            else if (view == window.exceptions())
                window.exceptions()->selectInterestingGroup();
            else if (view == window.mappings()) {
                if (const auto blocking = window.mappings()->blockingValues(); !blocking.isEmpty())
                    window.mappings()->selectBlockingValue(
                        blocking.first().domain, blocking.first().plant, blocking.first().value);
            }
            QTimer::singleShot(1200, &window, [&window, dir, view, &nextShot] {
                const QString name = view->title().toLower().remove(QLatin1Char(' ')) + QStringLiteral(".png");
                window.grab().save(dir.filePath(name));
                nextShot();
            });
        };
        QTimer::singleShot(cli.value(delay).toInt() * 1000, &window, [&window, &nextShot] {
            window.refreshNow();
            nextShot();
        });
    }
    const int rc = QApplication::exec();
    if (env)
        env->stop();
    return rc;
}

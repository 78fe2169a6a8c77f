// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Fit and finish of the main window: keyboard, the Find box, the remembered layout, the
// light and dark palettes, the status bar.
#include "app/ops/LocalOperationsService.h"
#include "models/journal/JournalStore.h"
#include "ui/common/ConsoleView.h"
#include "ui/common/Format.h"
#include "ui/common/Theme.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/overview/OverviewView.h"
#include "ui/transactions/TransactionsView.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Interlock;

class TestConsoleFinish : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyViewHasAnIconAndAShortcut();
    void ctrlNumberSwitchesViews();
    void findBoxOpensMatchingTransactions();
    void layoutAndViewAreRemembered();
    void statusBarShowsJournalAndSignedInUser();
    void stateColoursAreReadableInBothPalettes();
    void themeNames();

private:
    std::unique_ptr<Ui::MainWindow> makeWindow();
    QTemporaryDir m_dir;
    Config::EngineConfig m_config;
    std::unique_ptr<Ops::LocalOperationsService> m_service;
    std::unique_ptr<Ui::MainWindow> m_window;
};

namespace {
/// WCAG relative luminance and contrast ratio.
double luminance(const QColor& c)
{
    const auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
}
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
} // namespace

void TestConsoleFinish::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location, not the user's
    QCoreApplication::setOrganizationName(QStringLiteral("InterlockTest"));
    QCoreApplication::setApplicationName(QStringLiteral("interlock-finish-test"));
    QVERIFY(m_dir.isValid());
    m_config.journalPath = m_dir.filePath(QStringLiteral("journal.sqlite"));
    Config::PlantConfig p;
    p.site = QStringLiteral("BEDFORD");
    m_config.plants << p;
    Journal::JournalStore store;
    QVERIFY(store.openSqlite(m_config.journalPath).has_value());
    SourceChange c;
    c.flow = Flow::WorkOrder;
    c.operation = QStringLiteral("upsert");
    c.plant = QStringLiteral("BEDFORD");
    c.sourceSystem = QStringLiteral("maximo");
    c.targetSystem = QStringLiteral("sap");
    c.businessKey = QStringLiteral("BEDFORD/1001");
    c.idempotencyKey = QStringLiteral("maximo:BEDFORD:1001:1");
    c.payload = R"({"wonum":"1001"})";
    c.eventAtMs = 1000;
    SourceChange d = c;
    d.businessKey = QStringLiteral("BEDFORD/2002");
    d.idempotencyKey = QStringLiteral("maximo:BEDFORD:2002:1");
    QVERIFY(store.ingest({ c, d }, QStringLiteral("maximo"), QStringLiteral("BEDFORD"), QStringLiteral("w1"), 2000));
}

void TestConsoleFinish::init()
{
    QSettings().clear();
    m_service = std::make_unique<Ops::LocalOperationsService>(m_config);
    QVERIFY(m_service->open().has_value());
    m_window = makeWindow();
}

void TestConsoleFinish::cleanup()
{
    m_window.reset();
    m_service.reset();
}

std::unique_ptr<Ui::MainWindow> TestConsoleFinish::makeWindow()
{
    auto w = std::make_unique<Ui::MainWindow>(m_service.get(), m_config.journalPath);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        qWarning("window not exposed");
    return w;
}

void TestConsoleFinish::everyViewHasAnIconAndAShortcut()
{
    auto* nav = m_window->findChild<QListWidget*>(QStringLiteral("navigation"));
    QVERIFY(nav);
    QVERIFY(nav->count() >= 4);
    for (int i = 0; i < nav->count(); ++i) {
        QListWidgetItem* item = nav->item(i);
        QVERIFY2(!item->icon().isNull(), qPrintable(item->text()));
        // an SVG icon renders sharp at 2x: it offers a pixmap of the doubled size
        const QPixmap px = item->icon().pixmap(QSize(20, 20), 2.0);
        QCOMPARE(px.deviceIndependentSize().toSize(), QSize(20, 20));
        QCOMPARE(px.size(), QSize(40, 40));
        if (i < 9)
            QVERIFY2(item->toolTip().contains(QStringLiteral("Ctrl+%1").arg(i + 1)), qPrintable(item->toolTip()));
    }
    QVERIFY(!m_window->windowIcon().isNull());
}

void TestConsoleFinish::ctrlNumberSwitchesViews()
{
    auto* nav = m_window->findChild<QListWidget*>(QStringLiteral("navigation"));
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(nav->currentRow(), 1);
    QCOMPARE(m_window->currentView(), static_cast<Ui::ConsoleView*>(m_window->transactions()));
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->currentView(), static_cast<Ui::ConsoleView*>(m_window->overview()));
    // a number past the last view does nothing
    QTest::keyClick(m_window.get(), Qt::Key_9, Qt::ControlModifier);
    QCOMPARE(nav->currentRow(), nav->count() >= 9 ? 8 : 0);
}

void TestConsoleFinish::findBoxOpensMatchingTransactions()
{
    auto* find = m_window->findChild<QLineEdit*>(QStringLiteral("globalSearch"));
    QVERIFY(find);
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(find->hasFocus());
    QTest::keyClicks(find, QStringLiteral("  BEDFORD/2002 "));
    QTest::keyClick(find, Qt::Key_Return);
    QCOMPARE(m_window->currentView(), static_cast<Ui::ConsoleView*>(m_window->transactions()));
    QCOMPARE(m_window->transactions()->currentFilter().text, QStringLiteral("BEDFORD/2002"));
}

void TestConsoleFinish::layoutAndViewAreRemembered()
{
    // every view fits a 1280 × 800 screen (sidebar included), so the window can be that small
    for (const Ui::ConsoleView* v : m_window->views())
        QVERIFY2(v->minimumSizeHint().width() + 180 <= 1280,
            qPrintable(QStringLiteral("%1 needs %2 px").arg(v->title()).arg(v->minimumSizeHint().width())));
    auto* nav = m_window->findChild<QListWidget*>(QStringLiteral("navigation"));
    const int last = nav->count() - 1;
    const QString title = nav->item(last)->text();
    nav->setCurrentRow(last);
    m_window->resize(1200, 760);
    QVERIFY(m_window->close());
    QVERIFY(QSettings().contains(QStringLiteral("mainWindow/geometry")));
    m_window.reset();

    m_window = makeWindow();
    auto* again = m_window->findChild<QListWidget*>(QStringLiteral("navigation"));
    QCOMPARE(again->currentRow(), last);
    QCOMPARE(m_window->currentView()->title(), title);
    QCOMPARE(m_window->size(), QSize(1200, 760));
}

void TestConsoleFinish::statusBarShowsJournalAndSignedInUser()
{
    auto* journal = m_window->statusBar()->findChild<QLabel*>(QStringLiteral("statusJournal"));
    auto* user = m_window->statusBar()->findChild<QLabel*>(QStringLiteral("statusUser"));
    QVERIFY(journal && user);
    QVERIFY(journal->text().contains(m_config.journalPath));
    // a journal without accounts: nobody signs in, the console says it acts as a local supervisor
    QCOMPARE(user->text(), QStringLiteral("no accounts: local supervisor"));
    QVERIFY(user->toolTip().contains(qEnvironmentVariable("USER", QStringLiteral("operator"))));
    QCOMPARE(m_window->actor().role, QStringLiteral("supervisor"));
}

void TestConsoleFinish::stateColoursAreReadableInBothPalettes()
{
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    QVERIFY(app);
    for (const auto mode : { Ui::Theme::Mode::Light, Ui::Theme::Mode::Dark }) {
        Ui::Theme::apply(*app, mode);
        const bool dark = mode == Ui::Theme::Mode::Dark;
        QCOMPARE(Ui::Theme::isDark(), dark);
        const QPalette p = QApplication::palette();
        QCOMPARE(p.color(QPalette::Window).lightness() < 128, dark);
        const QColor base = p.color(QPalette::Base);
        QVERIFY(contrast(p.color(QPalette::Text), base) >= 7.0);
        for (MessageState s : allStates()) {
            const double c = contrast(Ui::Format::stateColor(s), base);
            QVERIFY2(c >= 3.0,
                qPrintable(QStringLiteral("%1 on %2 base: contrast %3")
                               .arg(stateName(s), dark ? QStringLiteral("dark") : QStringLiteral("light"))
                               .arg(c)));
        }
        for (auto h : { Ops::Health::Healthy, Ops::Health::Degraded, Ops::Health::Critical }) {
            const QColor tint = Ui::Format::healthTint(h);
            QVERIFY(contrast(p.color(QPalette::WindowText), tint) >= 4.5);
            QVERIFY(contrast(Ui::Format::healthColor(h), tint) >= 3.0);
        }
    }
    Ui::Theme::apply(*app, Ui::Theme::Mode::Light);
}

void TestConsoleFinish::themeNames()
{
    bool ok = false;
    QCOMPARE(Ui::Theme::modeFromName(QStringLiteral("Dark"), &ok), Ui::Theme::Mode::Dark);
    QVERIFY(ok);
    QCOMPARE(Ui::Theme::modeFromName(QStringLiteral("light"), &ok), Ui::Theme::Mode::Light);
    QVERIFY(ok);
    QCOMPARE(Ui::Theme::modeFromName(QStringLiteral("system"), &ok), Ui::Theme::Mode::System);
    QVERIFY(ok);
    QCOMPARE(Ui::Theme::modeFromName(QStringLiteral("solarized"), &ok), Ui::Theme::Mode::System);
    QVERIFY(!ok);
}

QTEST_MAIN(TestConsoleFinish)
#include "TestConsoleFinish.moc"

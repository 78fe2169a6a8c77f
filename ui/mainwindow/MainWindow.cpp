// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/MainWindow.h"

#include "ui/alerts/AlertsView.h"
#include "ui/common/AuditStatusButton.h"
#include "ui/common/ConsoleView.h"
#include "ui/common/Format.h"
#include "ui/exceptions/ExceptionsView.h"
#include "ui/kpis/KpisView.h"
#include "ui/mappings/MappingsView.h"
#include "ui/overview/OverviewView.h"
#include "ui/transactions/TransactionsView.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QFile>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace Interlock::Ui {

MainWindow::MainWindow(
    Ops::OperationsService* service, const QString& journalLabel, const ConsoleUser& user, QWidget* parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_actor(user.actor)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Interlock — operations console"));
    setWindowIcon(QIcon(QStringLiteral(":/interlock/icons/interlock.svg")));
    resize(1440, 900);

    auto* central = new QWidget(this);
    auto* row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);

    auto* side = new QWidget(central);
    side->setObjectName(QStringLiteral("sidebar"));
    side->setFixedWidth(180);
    side->setAutoFillBackground(true);
    QPalette sp = side->palette();
    sp.setColor(QPalette::Window, QColor(0x26, 0x32, 0x38));
    side->setPalette(sp);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->setSpacing(0);
    auto* brand = new QLabel(QStringLiteral("Interlock"), side);
    brand->setObjectName(QStringLiteral("navTitle"));
    auto* sub = new QLabel(QStringLiteral("ERP ⇄ CMMS operations"), side);
    sub->setObjectName(QStringLiteral("navSubtitle"));
    m_nav = new QListWidget(side);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setIconSize(QSize(20, 20));
    m_search = new QLineEdit(side);
    m_search->setObjectName(QStringLiteral("globalSearch"));
    m_search->setPlaceholderText(QStringLiteral("Find… (Ctrl+K)"));
    m_search->setToolTip(
        QStringLiteral("Business key, idempotency key or ERP document number; Enter opens the matching transactions"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });
    sideLayout->addWidget(brand);
    sideLayout->addWidget(sub);
    sideLayout->addWidget(m_search);
    sideLayout->addWidget(m_nav, 1);
    row->addWidget(side);

    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("views"));
    row->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_journal = new QLabel(this);
    m_journal->setObjectName(QStringLiteral("statusJournal"));
    m_journal->setText(QStringLiteral("Journal: %1").arg(journalLabel));
    m_journal->setToolTip(journalLabel);
    m_engine = new QLabel(this);
    m_engine->setObjectName(QStringLiteral("statusEngine"));
    m_updated = new QLabel(this);
    m_updated->setObjectName(QStringLiteral("statusUpdated"));
    m_user = new QLabel(this);
    m_user->setObjectName(QStringLiteral("statusUser"));
    m_user->setTextFormat(Qt::PlainText);
    m_user->setText(user.statusText);
    m_user->setToolTip(user.toolTip);
    statusBar()->addWidget(m_journal, 1);
    statusBar()->addPermanentWidget(m_engine);
    statusBar()->addPermanentWidget(m_user);
    statusBar()->addPermanentWidget(m_updated);
    auto* audit = new AuditStatusButton(service, this);
    statusBar()->addPermanentWidget(audit);
    connect(audit, &AuditStatusButton::statusMessage, this,
        [this](const QString& text) { statusBar()->showMessage(text, 15'000); });

    m_overview = new OverviewView(service, this);
    m_transactions = new TransactionsView(service, m_actor, this);
    m_exceptions = new ExceptionsView(service, m_actor, this);
    m_mappings = new MappingsView(service, m_actor, this);
    addView(m_overview);
    addView(m_transactions);
    addView(m_exceptions);
    addView(m_mappings);
    // --- KPIs view ---
    addView(new KpisView(service, this));
    // --- alerts view ---
    auto* alertsView = new AlertsView(service, m_actor, this);
    addView(alertsView);
    if (QListWidgetItem* alertsItem = m_nav->item(m_nav->count() - 1)) {
        // the badge: "Alerts (3)" while alerts wait for acknowledgement
        connect(alertsView, &AlertsView::badgeChanged, this,
            [alertsItem](const QString& text) { alertsItem->setText(text); });
        if (alertsView->unacknowledgedCount() > 0)
            alertsItem->setText(QStringLiteral("Alerts (%1)").arg(alertsView->unacknowledgedCount()));
    }
    connect(alertsView, &AlertsView::statusMessage, this,
        [this](const QString& text) { statusBar()->showMessage(text, 15'000); });
    connect(alertsView, &AlertsView::showRequested, this, [this, alertsView] { showView(alertsView); });

    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int r) {
        if (r < 0 || r >= m_views.size())
            return;
        ConsoleView* v = m_views.at(r);
        m_stack->setCurrentWidget(v);
        if (m_stale.removeAll(v) > 0)
            v->refresh();
    });
    connect(m_overview, &OverviewView::drillDown, this, &MainWindow::drillDown);
    const auto showStatus = [this](const QString& text) { statusBar()->showMessage(text, 15'000); };
    connect(m_transactions, &TransactionsView::statusMessage, this, showStatus);
    connect(m_exceptions, &ExceptionsView::statusMessage, this, showStatus);
    connect(m_mappings, &MappingsView::statusMessage, this, showStatus);
    connect(m_exceptions, &ExceptionsView::goToMessage, this, &MainWindow::goToMessage);
    if (service)
        connect(service, &Ops::OperationsService::journalChanged, this, &MainWindow::refreshNow);
    // keyboard: Ctrl+1… switches views in navigation order, Ctrl+K finds, F5 re-reads the journal
    for (int i = 0; i < 9; ++i) {
        auto* sc = new QShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)), this);
        connect(sc, &QShortcut::activated, this, [this, i] {
            if (i < m_views.size())
                m_nav->setCurrentRow(i);
        });
    }
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_K), this), &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(new QShortcut(QKeySequence::Refresh, this), &QShortcut::activated, this, &MainWindow::refreshNow);
    m_nav->setCurrentRow(0);
    restoreLayout();
    refreshNow();
}

void MainWindow::search(const QString& text)
{
    Journal::MessageFilter f;
    f.text = text.trimmed();
    m_transactions->showFilter(f);
    m_stale.removeAll(m_transactions);
    showView(m_transactions);
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    if (const QByteArray g = settings.value(QStringLiteral("mainWindow/geometry")).toByteArray(); !g.isEmpty())
        restoreGeometry(g);
    if (const QByteArray st = settings.value(QStringLiteral("mainWindow/state")).toByteArray(); !st.isEmpty())
        restoreState(st);
    m_restoreView = settings.value(QStringLiteral("mainWindow/view")).toString();
    for (int i = 0; i < m_views.size(); ++i)
        if (m_views.at(i)->title() == m_restoreView)
            m_nav->setCurrentRow(i);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    if (const ConsoleView* v = currentView())
        settings.setValue(QStringLiteral("mainWindow/view"), v->title());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::addView(ConsoleView* view)
{
    m_views << view;
    m_stack->addWidget(view);
    auto* item = new QListWidgetItem(view->title(), m_nav);
    item->setSizeHint(QSize(0, 40));
    // each view's icon is named after its title: "KPIs" -> icons/nav/kpis.svg
    const QString icon = QStringLiteral(":/interlock/icons/nav/%1.svg").arg(view->title().toLower());
    if (QFile::exists(icon))
        item->setIcon(QIcon(icon));
    const auto n = m_views.size();
    if (n <= 9)
        item->setToolTip(QStringLiteral("%1 (Ctrl+%2)").arg(view->title()).arg(n));
    if (!m_restoreView.isEmpty() && view->title() == m_restoreView)
        m_nav->setCurrentRow(static_cast<int>(n - 1));
}

void MainWindow::showView(ConsoleView* view)
{
    const auto i = m_views.indexOf(view);
    if (i >= 0)
        m_nav->setCurrentRow(static_cast<int>(i));
}

ConsoleView* MainWindow::currentView() const
{
    return qobject_cast<ConsoleView*>(m_stack->currentWidget());
}

void MainWindow::drillDown(const QString& plant, const QString& flow)
{
    Journal::MessageFilter f;
    f.plant = plant;
    f.flow = flow;
    m_transactions->showFilter(f);
    m_stale.removeAll(m_transactions);
    showView(m_transactions);
}

void MainWindow::goToMessage(qint64 id, const QString& businessKey)
{
    Journal::MessageFilter f;
    f.text = businessKey;
    m_transactions->showFilter(f);
    m_stale.removeAll(m_transactions);
    showView(m_transactions);
    m_transactions->selectMessage(id);
}

void MainWindow::refreshNow()
{
    if (!m_service)
        return;
    // one overview read per change feeds both the overview page and the status bar
    auto report = m_service->overview();
    if (report) {
        m_overview->showReport(*report);
        updateStatus(*report);
    } else {
        m_engine->setText(QStringLiteral("journal unreadable: %1").arg(report.error().summary()));
    }
    for (ConsoleView* v : std::as_const(m_views)) {
        if (v == m_overview)
            continue;
        if (v == currentView())
            v->refresh();
        else if (!m_stale.contains(v))
            m_stale << v;
    }
    m_updated->setText(QStringLiteral("last update %1").arg(Format::timeOfDay(QDateTime::currentMSecsSinceEpoch())));
}

void MainWindow::updateStatus(const Ops::StatusReport& report)
{
    qint64 inFlight = 0;
    qint64 backlog = 0;
    qint64 stuck = 0;
    for (const auto& c : report.cells) {
        inFlight += c.stats.count(MessageState::InFlight);
        backlog += c.stats.backlog;
        stuck += c.stats.count(MessageState::Stuck);
    }
    QMap<QString, int> breakers;
    for (const auto& e : report.endpoints)
        if (e.endpoint.startsWith(QLatin1String("erp:")))
            breakers[Format::breakerLabel(e.breaker)] += 1;
    QStringList b;
    for (auto it = breakers.cbegin(); it != breakers.cend(); ++it)
        b << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    const QColor accent = Format::healthColor(report.overall);
    m_engine->setText(
        QStringLiteral("<span style='color:%1'>●</span> %2 · %3 in flight · %4 in backlog · %5 stuck · "
                       "breakers: %6")
            .arg(accent.name(), Format::healthLabel(report.overall), Format::number(inFlight), Format::number(backlog),
                Format::number(stuck), b.isEmpty() ? QStringLiteral("none reported") : b.join(QStringLiteral(", "))));
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alerts/AlertsView.h"

#include "ui/alerts/AcknowledgeDialog.h"
#include "ui/alerts/AlertBanner.h"
#include "ui/alerts/AlertRuleDialog.h"
#include "ui/common/Format.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Interlock::Ui {

namespace {
enum AlertColumn
{
    AState,
    APlant,
    AFlow,
    AMetric,
    AValue,
    AThreshold,
    ARaised,
    ACleared,
    AAcknowledged,
    AComment,
    AColumns
};
enum RuleColumn
{
    RMetric,
    RPlant,
    RFlow,
    RThreshold,
    REnabled,
    RUpdated,
    RColumns
};

QTableWidget* table(const QString& name, const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->setShowGrid(false);
    t->verticalHeader()->hide();
    t->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    t->verticalHeader()->setDefaultSectionSize(24);
    t->horizontalHeader()->setHighlightSections(false);
    t->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QTableWidgetItem* cell(const QString& text)
{
    auto* i = new QTableWidgetItem(text);
    i->setToolTip(text);
    return i;
}

QLabel* label(const QString& text, const char* role, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setProperty("role", QString::fromLatin1(role));
    l->setTextFormat(Qt::PlainText);
    return l;
}

QString stateText(const Ops::Alert& a)
{
    if (a.state == Journal::AlertState::Open)
        return QStringLiteral("open");
    if (a.state == Journal::AlertState::Acknowledged)
        return QStringLiteral("acknowledged");
    return a.isAcknowledged() ? QStringLiteral("closed") : QStringLiteral("cleared, unacknowledged");
}

QColor stateColor(const Ops::Alert& a)
{
    if (!a.isAcknowledged())
        return Format::healthColor(Ops::Health::Critical);
    if (a.clearedAt == 0)
        return Format::healthColor(Ops::Health::Degraded);
    return Format::mutedColor();
}

QString scope(const QString& value, const QString& any)
{
    return value.isEmpty() ? any : value;
}
} // namespace

AlertsView::AlertsView(Ops::OperationsService* service, const Ops::Actor& actor, QWidget* parent)
    : ConsoleView(parent)
    , m_service(service)
    , m_actor(actor)
{
    setObjectName(QStringLiteral("alertsView"));
    // disabled here as well as refused by the service: the permission table decides both
    m_mayAck = service && service->isAllowed(actor, Ops::Action::AcknowledgeAlert);
    m_mayEditRules = service && service->isAllowed(actor, Ops::Action::PutAlertRule);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 8);
    layout->setSpacing(8);
    auto* head = new QHBoxLayout;
    head->addWidget(label(QStringLiteral("Alerts"), "heading", this));
    head->addSpacing(12);
    m_summary = label(QString(), "muted", this);
    m_summary->setObjectName(QStringLiteral("alertSummary"));
    head->addWidget(m_summary);
    head->addStretch(1);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("alertResult"));
    m_result->setTextFormat(Qt::PlainText);
    head->addWidget(m_result);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("alertFilter"));
    m_filter->addItem(QStringLiteral("Open alerts"), static_cast<int>(Ops::AlertFilter::Open));
    m_filter->addItem(QStringLiteral("All alerts"), static_cast<int>(Ops::AlertFilter::All));
    m_filter->setToolTip(QStringLiteral("Open: not yet acknowledged, or still holding"));
    head->addWidget(m_filter);
    m_ack = new QPushButton(QStringLiteral("Acknowledge…"), this);
    m_ack->setObjectName(QStringLiteral("acknowledgeButton"));
    head->addWidget(m_ack);
    layout->addLayout(head);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("alertsSplitter"));
    split->setChildrenCollapsible(false);
    m_alertTable = table(QStringLiteral("alertTable"),
        { QStringLiteral("State"), QStringLiteral("Plant"), QStringLiteral("Flow"), QStringLiteral("Metric"),
            QStringLiteral("Value"), QStringLiteral("Threshold"), QStringLiteral("Raised"), QStringLiteral("Cleared"),
            QStringLiteral("Acknowledged by"), QStringLiteral("Comment") },
        split);
    const int aw[] = { 170, 90, 130, 120, 80, 80, 145, 145, 170, 200 };
    for (int c = 0; c < AColumns; ++c)
        m_alertTable->setColumnWidth(c, aw[c]);
    split->addWidget(m_alertTable);

    auto* bottom = new QWidget(split);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    auto* rulesHead = new QHBoxLayout;
    rulesHead->addWidget(label(QStringLiteral("Rules: thresholds per flow and plant"), "subheading", bottom));
    rulesHead->addStretch(1);
    m_addRule = new QPushButton(QStringLiteral("Add rule…"), bottom);
    m_addRule->setObjectName(QStringLiteral("addRuleButton"));
    m_editRule = new QPushButton(QStringLiteral("Edit…"), bottom);
    m_editRule->setObjectName(QStringLiteral("editRuleButton"));
    m_toggleRule = new QPushButton(QStringLiteral("Disable"), bottom);
    m_toggleRule->setObjectName(QStringLiteral("toggleRuleButton"));
    rulesHead->addWidget(m_addRule);
    rulesHead->addWidget(m_editRule);
    rulesHead->addWidget(m_toggleRule);
    bottomLayout->addLayout(rulesHead);
    m_ruleTable = table(QStringLiteral("ruleTable"),
        { QStringLiteral("Metric"), QStringLiteral("Plant"), QStringLiteral("Flow"),
            QStringLiteral("Alert at or above"), QStringLiteral("Enabled"), QStringLiteral("Last changed") },
        bottom);
    const int rw[] = { 150, 110, 150, 140, 80, 240 };
    for (int c = 0; c < RColumns; ++c)
        m_ruleTable->setColumnWidth(c, rw[c]);
    bottomLayout->addWidget(m_ruleTable, 1);
    split->addWidget(bottom);
    split->setSizes({ 460, 260 });
    layout->addWidget(split, 1);

    // keyboard: Ctrl+Shift+A acknowledges, Ctrl+Shift+N adds a rule, Return on a rule edits it
    m_ackAction = new QAction(QStringLiteral("Acknowledge…"), this);
    m_ackAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_ackAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_ackAction);
    m_ack->setToolTip(QStringLiteral("Acknowledge the selected alert with a comment (Ctrl+Shift+A)"));
    auto* addAct = new QAction(QStringLiteral("Add rule…"), this);
    addAct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    addAct->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(addAct);
    m_addRule->setToolTip(QStringLiteral("New threshold for a plant and flow (Ctrl+Shift+N)"));
    connect(m_ackAction, &QAction::triggered, this, [this] { acknowledgeSelected(); });
    connect(m_ack, &QPushButton::clicked, this, [this] { acknowledgeSelected(); });
    connect(m_alertTable, &QTableWidget::cellDoubleClicked, this, [this] { acknowledgeSelected(); });
    connect(addAct, &QAction::triggered, this, [this] { addRule(); });
    connect(m_addRule, &QPushButton::clicked, this, [this] { addRule(); });
    connect(m_editRule, &QPushButton::clicked, this, [this] { editSelectedRule(); });
    connect(m_ruleTable, &QTableWidget::cellDoubleClicked, this, [this] { editSelectedRule(); });
    connect(m_toggleRule, &QPushButton::clicked, this, &AlertsView::toggleSelectedRule);
    connect(m_alertTable, &QTableWidget::itemSelectionChanged, this, &AlertsView::updateActions);
    connect(m_ruleTable, &QTableWidget::itemSelectionChanged, this, &AlertsView::updateActions);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &AlertsView::showAlerts);

    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(0);
    connect(&m_notifyTimer, &QTimer::timeout, this, &AlertsView::notifyPending);
    if (m_service) {
        connect(m_service, &Ops::OperationsService::alertRaised, this, &AlertsView::onAlertRaised);
        connect(m_service, &Ops::OperationsService::alertsChanged, this, &AlertsView::refresh);
        // acknowledgements from other consoles arrive as journal changes
        connect(m_service, &Ops::OperationsService::journalChanged, this, &AlertsView::showAlerts);
    }
    refresh();
}

void AlertsView::refresh()
{
    showAlerts();
    showRules();
}

void AlertsView::say(const QString& text)
{
    m_result->setText(text);
    Q_EMIT statusMessage(text);
}

void AlertsView::showAlerts()
{
    if (!m_service)
        return;
    const auto filter = static_cast<Ops::AlertFilter>(m_filter->currentData().toInt());
    auto rows = m_service->alerts(filter);
    if (!rows) {
        m_summary->setText(QStringLiteral("cannot read alerts: %1").arg(rows.error().summary()));
        return;
    }
    const Ops::Alert* before = selectedAlert();
    const qint64 keep = before ? before->id : 0;
    m_alerts = *rows;
    int unacknowledged = 0;
    int holding = 0;
    for (const auto& a : std::as_const(m_alerts)) {
        unacknowledged += a.isAcknowledged() ? 0 : 1;
        holding += a.clearedAt == 0 ? 1 : 0;
    }
    // the "All" list may be cut at its limit; the badge counts from the open list when it can
    if (filter == Ops::AlertFilter::All) {
        if (auto open = m_service->alerts(Ops::AlertFilter::Open)) {
            unacknowledged = 0;
            for (const auto& a : std::as_const(*open))
                unacknowledged += a.isAcknowledged() ? 0 : 1;
        }
    }
    m_summary->setText(QStringLiteral("%1 unacknowledged · %2 holding now").arg(unacknowledged).arg(holding));
    m_alertTable->blockSignals(true);
    m_alertTable->clearSelection();
    m_alertTable->setRowCount(static_cast<int>(m_alerts.size()));
    int keepRow = -1;
    for (int r = 0; r < m_alerts.size(); ++r) {
        const Ops::Alert& a = m_alerts.at(r);
        auto* state = cell(stateText(a));
        state->setForeground(stateColor(a));
        state->setData(Qt::UserRole, a.id);
        if (!a.isAcknowledged()) {
            QFont bold = state->font();
            bold.setBold(true);
            state->setFont(bold);
        }
        m_alertTable->setItem(r, AState, state);
        m_alertTable->setItem(r, APlant, cell(a.plant));
        m_alertTable->setItem(r, AFlow, cell(Format::flowLabel(a.flow)));
        m_alertTable->setItem(r, AMetric, cell(Ops::AlertMonitor::metricLabel(a.metric)));
        auto* value = cell(Ops::AlertMonitor::formatValue(a.metric, a.observed));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_alertTable->setItem(r, AValue, value);
        auto* threshold = cell(QStringLiteral("≥ ") + Ops::AlertMonitor::formatValue(a.metric, a.threshold));
        threshold->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_alertTable->setItem(r, AThreshold, threshold);
        m_alertTable->setItem(r, ARaised, cell(Format::timestamp(a.raisedAt)));
        m_alertTable->setItem(r, ACleared, cell(a.clearedAt > 0 ? Format::timestamp(a.clearedAt) : QString()));
        m_alertTable->setItem(r, AAcknowledged,
            cell(a.isAcknowledged()
                    ? QStringLiteral("%1, %2").arg(a.acknowledgedBy, Format::timestamp(a.acknowledgedAt))
                    : QString()));
        m_alertTable->setItem(r, AComment, cell(a.comment));
        if (a.id == keep)
            keepRow = r;
    }
    if (keepRow >= 0)
        m_alertTable->selectRow(keepRow);
    else if (!m_alerts.isEmpty())
        m_alertTable->selectRow(0);
    m_alertTable->blockSignals(false);
    if (unacknowledged != m_unacknowledged) {
        m_unacknowledged = unacknowledged;
        Q_EMIT badgeChanged(unacknowledged > 0 ? QStringLiteral("%1 (%2)").arg(title()).arg(unacknowledged) : title());
    }
    updateActions();
}

void AlertsView::showRules()
{
    if (!m_service)
        return;
    auto rows = m_service->alertRules();
    if (!rows) {
        say(QStringLiteral("cannot read alert rules: %1").arg(rows.error().summary()));
        return;
    }
    const Ops::AlertRule* before = selectedRule();
    const qint64 keep = before ? before->id : 0;
    m_rules = *rows;
    m_ruleTable->blockSignals(true);
    m_ruleTable->clearSelection();
    m_ruleTable->setRowCount(static_cast<int>(m_rules.size()));
    int keepRow = -1;
    for (int r = 0; r < m_rules.size(); ++r) {
        const Ops::AlertRule& rule = m_rules.at(r);
        auto* metric = cell(Ops::AlertMonitor::metricLabel(rule.metric));
        metric->setData(Qt::UserRole, rule.id);
        m_ruleTable->setItem(r, RMetric, metric);
        m_ruleTable->setItem(r, RPlant, cell(scope(rule.plant, QStringLiteral("any plant"))));
        m_ruleTable->setItem(
            r, RFlow, cell(rule.flow.isEmpty() ? QStringLiteral("any flow") : Format::flowLabel(rule.flow)));
        m_ruleTable->setItem(r, RThreshold, cell(Ops::AlertMonitor::formatValue(rule.metric, rule.threshold)));
        auto* enabled = cell(rule.enabled ? QStringLiteral("yes") : QStringLiteral("no"));
        if (!rule.enabled)
            enabled->setForeground(Format::mutedColor());
        m_ruleTable->setItem(r, REnabled, enabled);
        m_ruleTable->setItem(r, RUpdated,
            cell(rule.updatedAt > 0 ? QStringLiteral("%1, %2").arg(rule.updatedBy, Format::timestamp(rule.updatedAt))
                                    : QStringLiteral("default")));
        if (rule.id == keep)
            keepRow = r;
    }
    if (keepRow >= 0)
        m_ruleTable->selectRow(keepRow);
    m_ruleTable->blockSignals(false);
    updateActions();
}

const Ops::Alert* AlertsView::selectedAlert() const
{
    const int row = m_alertTable->currentRow();
    if (row < 0 || row >= m_alerts.size() || m_alertTable->selectedItems().isEmpty())
        return nullptr;
    return &m_alerts.at(row);
}

const Ops::AlertRule* AlertsView::selectedRule() const
{
    const int row = m_ruleTable->currentRow();
    if (row < 0 || row >= m_rules.size() || m_ruleTable->selectedItems().isEmpty())
        return nullptr;
    return &m_rules.at(row);
}

void AlertsView::updateActions()
{
    const Ops::Alert* a = selectedAlert();
    const bool canAck = m_service && m_mayAck && a && !a->isAcknowledged();
    m_ack->setEnabled(canAck);
    m_ackAction->setEnabled(canAck);
    const Ops::AlertRule* r = selectedRule();
    m_addRule->setEnabled(m_service && m_mayEditRules);
    m_editRule->setEnabled(m_service && m_mayEditRules && r);
    m_toggleRule->setEnabled(m_service && m_mayEditRules && r);
    m_toggleRule->setText(r && !r->enabled ? QStringLiteral("Enable") : QStringLiteral("Disable"));
    if (!m_mayAck)
        m_ack->setToolTip(QStringLiteral("Your role (%1) may read alerts but not acknowledge them").arg(m_actor.role));
    if (!m_mayEditRules)
        m_addRule->setToolTip(QStringLiteral("Your role (%1) may not change alert rules").arg(m_actor.role));
}

bool AlertsView::selectAlert(qint64 id)
{
    for (int r = 0; r < m_alerts.size(); ++r)
        if (m_alerts.at(r).id == id) {
            m_alertTable->selectRow(r);
            return true;
        }
    return false;
}

bool AlertsView::selectRule(qint64 id)
{
    for (int r = 0; r < m_rules.size(); ++r)
        if (m_rules.at(r).id == id) {
            m_ruleTable->selectRow(r);
            return true;
        }
    return false;
}

AcknowledgeDialog* AlertsView::acknowledgeSelected()
{
    const Ops::Alert* selected = selectedAlert();
    if (!m_service || !m_mayAck || !selected || selected->isAcknowledged())
        return nullptr;
    const Ops::Alert alert = *selected;
    auto* dialog = new AcknowledgeDialog(
        alert,
        [this, id = alert.id](const QString& comment) -> Status {
            if (!m_service)
                return fail(ErrorClass::Permanent, QStringLiteral("GONE"), QStringLiteral("the console is closing"));
            return m_service->acknowledgeAlert(m_actor, id, comment);
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, alert] {
        say(QStringLiteral("Acknowledged alert %1 (%2 · %3)")
                .arg(alert.id)
                .arg(alert.plant, Ops::AlertMonitor::metricLabel(alert.metric)));
        refresh();
    });
    dialog->open();
    return dialog;
}

AlertRuleDialog* AlertsView::addRule()
{
    if (!m_service || !m_mayEditRules)
        return nullptr;
    Ops::AlertRule rule;
    rule.metric = Journal::AlertMetric::StuckCount;
    auto* dialog = new AlertRuleDialog(
        rule, m_service->plants(),
        [this](const Ops::AlertRule& r, const QString& note) -> Result<qint64> {
            if (!m_service)
                return fail(ErrorClass::Permanent, QStringLiteral("GONE"), QStringLiteral("the console is closing"));
            return m_service->putAlertRule(m_actor, r, note);
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        say(QStringLiteral("Alert rule saved"));
        refresh();
    });
    dialog->open();
    return dialog;
}

AlertRuleDialog* AlertsView::editSelectedRule()
{
    const Ops::AlertRule* selected = selectedRule();
    if (!m_service || !m_mayEditRules || !selected)
        return nullptr;
    auto* dialog = new AlertRuleDialog(
        *selected, m_service->plants(),
        [this](const Ops::AlertRule& r, const QString& note) -> Result<qint64> {
            if (!m_service)
                return fail(ErrorClass::Permanent, QStringLiteral("GONE"), QStringLiteral("the console is closing"));
            return m_service->putAlertRule(m_actor, r, note);
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        say(QStringLiteral("Alert rule saved"));
        refresh();
    });
    dialog->open();
    return dialog;
}

void AlertsView::toggleSelectedRule()
{
    const Ops::AlertRule* selected = selectedRule();
    if (!m_service || !m_mayEditRules || !selected)
        return;
    Ops::AlertRule r = *selected;
    r.enabled = !r.enabled;
    const auto saved = m_service->putAlertRule(m_actor, r, QString());
    if (!saved) {
        say(QStringLiteral("Rule not changed: %1").arg(saved.error().message));
        return;
    }
    say(QStringLiteral("%1 %2").arg(r.enabled ? QStringLiteral("Enabled") : QStringLiteral("Disabled"), r.describe()));
    refresh();
}

void AlertsView::onAlertRaised(const Ops::Alert& alert)
{
    // alerts of one evaluation arrive back to back: one notification for all of them
    m_pending << alert;
    m_notifyTimer.start();
}

void AlertsView::notifyPending()
{
    if (m_pending.isEmpty())
        return;
    const QList<Ops::Alert> batch = std::exchange(m_pending, {});
    QString title;
    QStringList lines;
    for (const Ops::Alert& a : batch.mid(0, 4))
        lines << QStringLiteral("%1 · %2: %3 %4 (threshold %5)")
                     .arg(a.plant, Format::flowLabel(a.flow), Ops::AlertMonitor::metricLabel(a.metric),
                         Ops::AlertMonitor::formatValue(a.metric, a.observed),
                         Ops::AlertMonitor::formatValue(a.metric, a.threshold));
    if (batch.size() > 4)
        lines << QStringLiteral("and %1 more").arg(batch.size() - 4);
    title = batch.size() == 1 ? QStringLiteral("Interlock alert")
                              : QStringLiteral("%1 new Interlock alerts").arg(batch.size());
    const QString text = lines.join(QLatin1Char('\n'));
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/interlock/icons/interlock.svg")), this);
            m_tray->setToolTip(QStringLiteral("Interlock"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, &AlertsView::showRequested);
            m_tray->show();
        }
        m_tray->showMessage(title, text, QSystemTrayIcon::Warning, 15'000);
    } else {
        QWidget* host = window();
        if (!m_banner || m_banner->parentWidget() != host) {
            delete m_banner;
            m_banner = new AlertBanner(host);
            connect(m_banner, &AlertBanner::activated, this, &AlertsView::showRequested);
        }
        m_banner->showText(title, text);
    }
    QApplication::alert(window()); // the task bar entry asks for attention too
    Q_EMIT notified(title, text);
    refresh();
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alerts/AlertRuleDialog.h"

#include "ui/common/Format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Interlock::Ui {

namespace {
bool isDuration(const QString& metric)
{
    return metric == Journal::AlertMetric::LagP95Ms || metric == Journal::AlertMetric::BacklogAgeMs;
}
} // namespace

AlertRuleDialog::AlertRuleDialog(const Ops::AlertRule& rule, const QStringList& plants, Submit submit, QWidget* parent)
    : QDialog(parent)
    , m_rule(rule)
    , m_submit(std::move(submit))
{
    setObjectName(QStringLiteral("alertRuleDialog"));
    setWindowTitle(rule.id > 0 ? QStringLiteral("Edit alert rule %1").arg(rule.id) : QStringLiteral("New alert rule"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("ruleMetric"));
    for (const QString& m : Journal::AlertMetric::all())
        m_metric->addItem(Ops::AlertMonitor::metricLabel(m), m);
    form->addRow(QStringLiteral("Metric"), m_metric);
    m_plant = new QComboBox(this);
    m_plant->setObjectName(QStringLiteral("rulePlant"));
    m_plant->addItem(QStringLiteral("Any plant"), QString());
    QStringList known = plants;
    if (!rule.plant.isEmpty() && !known.contains(rule.plant))
        known << rule.plant;
    for (const QString& p : std::as_const(known))
        m_plant->addItem(p, p);
    form->addRow(QStringLiteral("Plant"), m_plant);
    m_flow = new QComboBox(this);
    m_flow->setObjectName(QStringLiteral("ruleFlow"));
    m_flow->addItem(QStringLiteral("Any flow"), QString());
    for (const QString& f : { Flow::WorkOrder, Flow::PartsConsumption })
        m_flow->addItem(Format::flowLabel(f), f);
    form->addRow(QStringLiteral("Flow"), m_flow);
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("ruleThreshold"));
    m_threshold->setToolTip(QStringLiteral("The alert is raised when the value reaches this threshold"));
    form->addRow(QStringLiteral("Alert at or above"), m_threshold);
    m_enabled = new QCheckBox(QStringLiteral("Enabled"), this);
    m_enabled->setObjectName(QStringLiteral("ruleEnabled"));
    form->addRow(QString(), m_enabled);
    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("ruleNote"));
    m_note->setPlaceholderText(QStringLiteral("optional, goes into the audit trail"));
    m_note->setMaxLength(1000);
    form->addRow(QStringLiteral("Note"), m_note);
    layout->addLayout(form);
    auto* hint = new QLabel(
        QStringLiteral(
            "The most specific enabled rule judges a cell: plant and flow, then plant, then flow, then any."),
        this);
    hint->setProperty("role", QStringLiteral("muted"));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("ruleError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("ruleSave"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &AlertRuleDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_metric->setCurrentIndex(std::max(0, m_metric->findData(rule.metric)));
    m_plant->setCurrentIndex(std::max(0, m_plant->findData(rule.plant)));
    m_flow->setCurrentIndex(std::max(0, m_flow->findData(rule.flow)));
    m_enabled->setChecked(rule.id == 0 || rule.enabled);
    metricChanged();
    if (rule.threshold > 0)
        m_threshold->setValue(isDuration(rule.metric) ? rule.threshold / 60'000.0 : rule.threshold);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &AlertRuleDialog::metricChanged);
}

void AlertRuleDialog::metricChanged()
{
    const QString metric = m_metric->currentData().toString();
    if (isDuration(metric)) {
        m_threshold->setDecimals(1);
        m_threshold->setRange(0.1, 30.0 * 24 * 60);
        m_threshold->setSuffix(QStringLiteral(" min"));
        m_threshold->setValue(metric == Journal::AlertMetric::LagP95Ms ? 5 : 30);
    } else if (metric == Journal::AlertMetric::FailureRate) {
        m_threshold->setDecimals(1);
        m_threshold->setRange(0.1, 100);
        m_threshold->setSuffix(QStringLiteral(" %"));
        m_threshold->setValue(25);
    } else {
        m_threshold->setDecimals(0);
        m_threshold->setRange(1, 1e9);
        m_threshold->setSuffix(QStringLiteral(" stuck"));
        m_threshold->setValue(5);
    }
}

Ops::AlertRule AlertRuleDialog::rule() const
{
    Ops::AlertRule r = m_rule;
    r.metric = m_metric->currentData().toString();
    r.plant = m_plant->currentData().toString();
    r.flow = m_flow->currentData().toString();
    r.threshold = isDuration(r.metric) ? std::round(m_threshold->value() * 60'000.0) : m_threshold->value();
    r.enabled = m_enabled->isChecked();
    return r;
}

void AlertRuleDialog::submit()
{
    const auto saved = m_submit ? m_submit(rule(), m_note->text().trimmed()) : Result<qint64>(0);
    if (saved) {
        accept();
        return;
    }
    m_error->setText(saved.error().message);
    m_error->show();
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/overview/OverviewCard.h"

#include "ui/common/Format.h"
#include "ui/common/Theme.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace Interlock::Ui {

namespace {
QString safeName(QString s)
{
    for (QChar& c : s)
        if (!c.isLetterOrNumber())
            c = QLatin1Char('_');
    return s;
}
} // namespace

OverviewCard::OverviewCard(QString plant, QString flow, QWidget* parent)
    : QFrame(parent)
    , m_plant(std::move(plant))
    , m_flow(std::move(flow))
{
    setObjectName(QStringLiteral("card_%1_%2")
                      .arg(m_plant.isEmpty() ? QStringLiteral("all") : safeName(m_plant), safeName(m_flow)));
    setMinimumHeight(150);
    setCursor(Qt::PointingHandCursor);

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 8, 10, 8);
    outer->setSpacing(4);

    auto* top = new QHBoxLayout;
    m_healthLabel = new QLabel(this);
    m_healthLabel->setObjectName(QStringLiteral("cardHealth"));
    m_breaker = new QLabel(this);
    m_breaker->setObjectName(QStringLiteral("cardBreaker"));
    m_breaker->setProperty("role", QStringLiteral("muted"));
    m_open = new QToolButton(this);
    m_open->setObjectName(QStringLiteral("cardOpen"));
    m_open->setText(QStringLiteral("Transactions ›"));
    m_open->setAutoRaise(true);
    m_open->setToolTip(QStringLiteral("Show the transactions of this cell"));
    connect(m_open, &QToolButton::clicked, this, [this] { Q_EMIT drillDown(m_plant, m_flow); });
    top->addWidget(m_healthLabel);
    top->addStretch(1);
    top->addWidget(m_breaker);
    top->addWidget(m_open);
    outer->addLayout(top);

    auto* stats = new QGridLayout;
    stats->setHorizontalSpacing(14);
    stats->setVerticalSpacing(0);
    m_posted = stat(QStringLiteral("statPosted"), QStringLiteral("posted"), this);
    m_queued = stat(QStringLiteral("statQueued"), QStringLiteral("ready + in flight"), this);
    m_retrying = stat(QStringLiteral("statRetrying"), QStringLiteral("retrying"), this);
    m_blocked = stat(QStringLiteral("statBlocked"), QStringLiteral("blocked"), this);
    m_stuck = stat(QStringLiteral("statStuck"), QStringLiteral("stuck"), this);
    int col = 0;
    for (QLabel* l : { m_posted, m_queued, m_retrying, m_blocked, m_stuck }) {
        auto* caption = new QLabel(l->property("caption").toString(), this);
        caption->setProperty("role", QStringLiteral("muted"));
        stats->addWidget(l, 0, col);
        stats->addWidget(caption, 1, col);
        ++col;
    }
    stats->setColumnStretch(col, 1);
    outer->addLayout(stats);

    auto* metrics = new QHBoxLayout;
    metrics->setSpacing(16);
    m_lag = new QLabel(this);
    m_lag->setObjectName(QStringLiteral("cardLag"));
    m_throughput = new QLabel(this);
    m_throughput->setObjectName(QStringLiteral("cardThroughput"));
    m_backlog = new QLabel(this);
    m_backlog->setObjectName(QStringLiteral("cardBacklog"));
    metrics->addWidget(m_lag);
    metrics->addWidget(m_throughput);
    metrics->addStretch(1);
    outer->addLayout(metrics);
    m_backlog->setWordWrap(true);
    outer->addWidget(m_backlog);

    m_reasons = new QLabel(this);
    m_reasons->setObjectName(QStringLiteral("cardReasons"));
    m_reasons->setWordWrap(true);
    outer->addWidget(m_reasons);
    outer->addStretch(1);
}

QLabel* OverviewCard::stat(const QString& objectName, const QString& caption, QWidget* parent)
{
    auto* l = new QLabel(QStringLiteral("0"), parent);
    l->setObjectName(objectName);
    l->setProperty("caption", caption);
    QFont f = l->font();
    f.setPointSize(f.pointSize() + 5);
    f.setBold(true);
    l->setFont(f);
    return l;
}

void OverviewCard::setStat(QLabel* label, qint64 value, const QColor& alertColor)
{
    const QColor c = value > 0 && alertColor.isValid() ? alertColor : palette().color(QPalette::WindowText);
    label->setText(QStringLiteral("<span style='color:%1'>%2</span>").arg(c.name(), Format::number(value)));
    label->setProperty("value", value); // the number itself, for tests and accessibility
}

void OverviewCard::setReport(const Ops::CellReport& cell, const QString& breakerText)
{
    const auto& s = cell.stats;
    m_health = cell.health;
    const QColor accent = Format::healthColor(cell.health);
    setStyleSheet(
        QStringLiteral("QFrame#%1 { background: %2; border: 1px solid %3; border-left: 5px solid %4; "
                       "border-radius: 6px; }")
            .arg(objectName(), Format::healthTint(cell.health).name(), accent.lighter(160).name(), accent.name()));
    m_healthLabel->setText(QStringLiteral("<span style='color:%1; font-weight:600'>● %2</span>")
                               .arg(accent.name(), Format::healthLabel(cell.health)));
    m_breaker->setText(breakerText);

    setStat(m_posted, s.count(MessageState::Posted), QColor());
    setStat(m_queued, s.count(MessageState::Ready) + s.count(MessageState::InFlight) + s.count(MessageState::Received),
        QColor());
    setStat(m_retrying, s.count(MessageState::Retrying), Format::stateColor(MessageState::Retrying));
    setStat(m_blocked, s.count(MessageState::Blocked), Format::stateColor(MessageState::Blocked));
    setStat(m_stuck, s.count(MessageState::Stuck), Format::stateColor(MessageState::Stuck));

    m_lag->setText(QStringLiteral("Lag p50 <b>%1</b> · p95 <b>%2</b>")
                       .arg(Format::duration(s.lagP50Ms), Format::duration(s.lagP95Ms)));
    m_throughput->setText(QStringLiteral("Throughput <b>%1</b>/min").arg(s.throughputPerMin, 0, 'f', 1));
    if (s.backlog > 0) {
        QString text = QStringLiteral("Backlog <b>%1</b>, oldest <b>%2</b>")
                           .arg(Format::number(s.backlog), Format::duration(s.oldestBacklogAgeMs));
        if (cell.drainEtaMs >= 0)
            text += QStringLiteral(" · drains in ~%1").arg(Format::duration(std::max<qint64>(cell.drainEtaMs, 1000)));
        else
            text += QStringLiteral(" · not draining");
        m_backlog->setText(text);
    } else {
        m_backlog->setText(QStringLiteral("No backlog"));
    }
    m_reasons->setText(cell.reasons.isEmpty()
            ? QStringLiteral("<span style='color:%1'>Within SLO</span>").arg(Format::mutedColor().name())
            : QStringLiteral("<span style='color:%1'>%2</span>")
                  .arg((Theme::isDark() ? accent : accent.darker(120)).name(),
                      cell.reasons.join(QStringLiteral(" · ")).toHtmlEscaped()));
    QStringList tip;
    tip << QStringLiteral("%1 — %2").arg(
        m_plant.isEmpty() ? QStringLiteral("All plants") : m_plant, Format::flowLabel(m_flow));
    tip << QStringLiteral("Health: %1").arg(Format::healthLabel(cell.health));
    for (const QString& r : cell.reasons)
        tip << QStringLiteral("• %1").arg(r);
    if (!cell.sourceState.isEmpty())
        tip << QStringLiteral("CMMS polling: %1")
                   .arg(cell.sourceState == QLatin1String("open") ? QStringLiteral("failing") : cell.sourceState);
    tip << QStringLiteral("Double-click to open its transactions");
    setToolTip(tip.join(QLatin1Char('\n')));
}

void OverviewCard::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        Q_EMIT drillDown(m_plant, m_flow);
        event->accept();
        return;
    }
    QFrame::mouseDoubleClickEvent(event);
}

} // namespace Interlock::Ui

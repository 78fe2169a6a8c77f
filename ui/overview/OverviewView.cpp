// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/overview/OverviewView.h"

#include "ui/common/Format.h"
#include "ui/overview/OverviewCard.h"

#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

namespace Interlock::Ui {

namespace {
const QStringList& knownFlows()
{
    static const QStringList flows { Flow::WorkOrder, Flow::PartsConsumption };
    return flows;
}

QString breakerSummary(const QMap<QString, int>& states)
{
    QStringList parts;
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(QString::number(it.value()), Format::breakerLabel(it.key()));
    return QStringLiteral("ERP breakers: %1").arg(parts.join(QStringLiteral(", ")));
}
} // namespace

OverviewView::OverviewView(Ops::OperationsService* service, QWidget* parent)
    : ConsoleView(parent)
    , m_service(service)
{
    setObjectName(QStringLiteral("overviewView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 12);
    layout->setSpacing(10);

    auto* head = new QHBoxLayout;
    auto* title = new QLabel(QStringLiteral("Overview"), this);
    title->setProperty("role", QStringLiteral("heading"));
    m_updated = new QLabel(this);
    m_updated->setProperty("role", QStringLiteral("muted"));
    head->addWidget(title);
    head->addStretch(1);
    head->addWidget(m_updated);
    layout->addLayout(head);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("healthBanner"));
    m_banner->setWordWrap(true);
    m_banner->setMinimumHeight(40);
    layout->addWidget(m_banner);

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("overviewScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_gridHost = new QWidget(scroll);
    m_grid = new QGridLayout(m_gridHost);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(12);
    m_grid->setVerticalSpacing(12);
    scroll->setWidget(m_gridHost);
    layout->addWidget(scroll, 1);

    auto* hint = new QLabel(
        QStringLiteral("Double-click a cell to open its transactions. Green: within SLO · amber: degraded · red: "
                       "SLO broken. Lag: source event to ERP posting, last hour."),
        this);
    hint->setProperty("role", QStringLiteral("muted"));
    layout->addWidget(hint);
}

void OverviewView::refresh()
{
    if (!m_service)
        return;
    auto report = m_service->overview();
    if (report)
        showReport(*report);
    else
        m_banner->setText(QStringLiteral("Cannot read the journal: %1").arg(report.error().summary()));
}

OverviewCard* OverviewView::card(const QString& plant, const QString& flow) const
{
    return m_cards.value(qMakePair(plant, flow), nullptr);
}

void OverviewView::rebuildGrid(const QStringList& plants)
{
    qDeleteAll(m_cards);
    m_cards.clear();
    qDeleteAll(m_plantLabels);
    m_plantLabels.clear();
    while (QLayoutItem* item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_plants = plants;
    const QStringList& flows = knownFlows();
    for (int c = 0; c < flows.size(); ++c) {
        auto* h = new QLabel(Format::flowLabel(flows.at(c)), m_gridHost);
        h->setProperty("role", QStringLiteral("subheading"));
        m_grid->addWidget(h, 0, c + 1);
        m_grid->setColumnStretch(c + 1, 1);
    }
    auto addRow = [this, &flows](int row, const QString& plant) {
        auto* label = new QLabel(m_gridHost);
        label->setObjectName(QStringLiteral("plantLabel"));
        label->setMinimumWidth(110);
        label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        m_plantLabels.insert(plant, label);
        m_grid->addWidget(label, row, 0);
        for (int c = 0; c < flows.size(); ++c) {
            auto* card = new OverviewCard(plant, flows.at(c), m_gridHost);
            connect(card, &OverviewCard::drillDown, this, &OverviewView::drillDown);
            m_cards.insert(qMakePair(plant, flows.at(c)), card);
            m_grid->addWidget(card, row, c + 1);
        }
    };
    int row = 1;
    for (const QString& p : plants)
        addRow(row++, p);
    addRow(row++, QString());
    m_grid->setRowStretch(row, 1);
}

void OverviewView::showReport(const Ops::StatusReport& report)
{
    QStringList plants = m_service ? m_service->plants() : QStringList();
    for (const auto& c : report.cells)
        if (!plants.contains(c.stats.plant))
            plants << c.stats.plant;
    if (plants != m_plants || m_cards.isEmpty())
        rebuildGrid(plants);

    // per plant health (worst of its cells) and per flow totals
    QMap<QString, Ops::Health> plantHealth;
    QMap<QString, Ops::CellReport> totals;
    QMap<QString, QMap<QString, int>> breakers; // flow -> breaker state -> plants
    QStringList attention;
    for (const Ops::CellReport& c : report.cells) {
        const auto& s = c.stats;
        plantHealth[s.plant] = std::max(plantHealth.value(s.plant, Ops::Health::Healthy), c.health);
        if (OverviewCard* card = m_cards.value(qMakePair(s.plant, s.flow)))
            card->setReport(c, QStringLiteral("ERP breaker: %1").arg(Format::breakerLabel(c.breaker)));
        Ops::CellReport& t = totals[s.flow];
        t.stats.flow = s.flow;
        for (auto it = s.counts.cbegin(); it != s.counts.cend(); ++it)
            t.stats.counts[it.key()] += it.value();
        t.stats.lagP95Ms = std::max(t.stats.lagP95Ms, s.lagP95Ms);
        t.stats.postedInWindow += s.postedInWindow;
        t.stats.throughputPerMin += s.throughputPerMin;
        t.stats.backlog += s.backlog;
        t.stats.oldestBacklogAgeMs = std::max(t.stats.oldestBacklogAgeMs, s.backlog > 0 ? s.oldestBacklogAgeMs : 0);
        t.health = std::max(t.health, c.health);
        for (const QString& r : c.reasons)
            t.reasons << QStringLiteral("%1: %2").arg(s.plant, r);
        breakers[s.flow][c.breaker] += 1;
        if (c.health != Ops::Health::Healthy)
            attention << QStringLiteral("%1 %2 (%3)")
                             .arg(s.plant, Format::flowLabel(s.flow).toLower(), c.reasons.join(QStringLiteral(", ")));
    }
    for (auto it = totals.begin(); it != totals.end(); ++it) {
        Ops::CellReport& t = it.value();
        if (t.stats.backlog > 0 && t.stats.throughputPerMin > 0)
            t.drainEtaMs
                = static_cast<qint64>(static_cast<double>(t.stats.backlog) / t.stats.throughputPerMin * 60'000.0);
        if (OverviewCard* card = m_cards.value(qMakePair(QString(), it.key())))
            card->setReport(t, breakerSummary(breakers.value(it.key())));
    }
    for (auto it = m_plantLabels.cbegin(); it != m_plantLabels.cend(); ++it) {
        if (it.key().isEmpty()) {
            it.value()->setText(QStringLiteral("<b style='font-size:11pt'>All plants</b><br>"
                                               "<span style='color:%1'>totals · p95 = worst plant</span>")
                                    .arg(Format::mutedColor().name()));
            continue;
        }
        const Ops::Health h = plantHealth.value(it.key(), Ops::Health::Healthy);
        it.value()->setText(QStringLiteral("<b style='font-size:11pt'>%1</b><br><span style='color:%2'>● %3</span>")
                                .arg(it.key().toHtmlEscaped(), Format::healthColor(h).name(), Format::healthLabel(h)));
    }

    // banner
    qint64 posted = 0;
    qint64 backlog = 0;
    for (const auto& t : totals) {
        posted += t.stats.count(MessageState::Posted);
        backlog += t.stats.backlog;
    }
    const QColor accent = Format::healthColor(report.overall);
    QString text;
    if (report.overall == Ops::Health::Healthy) {
        text = QStringLiteral("<b>%1 in sync.</b> %2 messages posted · %3 in backlog")
                   .arg(plants.size() == 1 ? QStringLiteral("The plant is")
                                           : QStringLiteral("All %1 plants are").arg(plants.size()),
                       Format::number(posted), Format::number(backlog));
    } else {
        const int shown = 3;
        QStringList list = attention.mid(0, shown);
        if (attention.size() > shown)
            list << QStringLiteral("and %1 more").arg(attention.size() - shown);
        text = QStringLiteral("<b>%1: %2 of %3 cells need attention.</b> %4")
                   .arg(Format::healthLabel(report.overall), QString::number(attention.size()),
                       QString::number(report.cells.size()), list.join(QStringLiteral(" · ")).toHtmlEscaped());
    }
    m_banner->setText(text);
    m_banner->setToolTip(attention.join(QLatin1Char('\n')));
    m_banner->setStyleSheet(
        QStringLiteral("QLabel#healthBanner { background: %1; border: 1px solid %2; border-left: 5px "
                       "solid %3; border-radius: 6px; padding: 8px 12px; font-size: 10pt; }")
            .arg(Format::healthTint(report.overall).name(), accent.lighter(160).name(), accent.name()));
    m_banner->setProperty("health", static_cast<int>(report.overall));
    m_updated->setText(QStringLiteral("as of %1").arg(Format::timeOfDay(report.generatedAt)));
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/AlertMonitor.h"

#include <QRegularExpression>
#include <cmath>

namespace Interlock::Ops {

namespace {
using namespace Journal;

constexpr double kMaxDurationMs = 30.0 * 24 * 3600 * 1000; // a month: beyond that a typo
constexpr double kMaxCount = 1e9;

QStringList knownFlows()
{
    return { Flow::WorkOrder, Flow::PartsConsumption };
}

Unexpected invalid(const QString& code, const QString& text)
{
    return fail(ErrorClass::Validation, code, text);
}

/// Printable for an error message: control characters shown as '?', at most 40 characters.
QString shown(const QString& s)
{
    QString out = s.left(40);
    for (QChar& c : out)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QLatin1Char('?');
    return s.size() > 40 ? out + QStringLiteral("…") : out;
}
} // namespace

AlertMonitor::AlertMonitor(Journal::JournalStore& store, const Config::EngineConfig& config)
    : m_store(store)
    , m_config(config)
{
}

Result<Journal::AlertSync> AlertMonitor::evaluate(qint64 now)
{
    auto rules = m_store.alertRules();
    if (!rules)
        return Unexpected { rules.error() };
    auto report = StatusReport::build(m_store, m_config, now);
    if (!report)
        return Unexpected { report.error() };
    QList<AttemptRate> rates;
    const bool wantsRate = std::any_of(rules->cbegin(), rules->cend(),
        [](const AlertRule& r) { return r.enabled && r.metric == AlertMetric::FailureRate; });
    if (wantsRate) {
        auto r = m_store.attemptRates(now - kFailureWindowMs);
        if (!r)
            return Unexpected { r.error() };
        rates = *r;
    }
    return m_store.syncAlerts(breaches(*rules, report->cells, rates), now);
}

std::optional<double> AlertMonitor::observe(const QString& metric, const CellReport& cell, const AttemptRate* rate)
{
    const CellStats& s = cell.stats;
    if (metric == AlertMetric::LagP95Ms)
        return s.lagP95Ms >= 0 ? std::optional<double>(static_cast<double>(s.lagP95Ms)) : std::nullopt;
    if (metric == AlertMetric::StuckCount)
        return static_cast<double>(s.count(MessageState::Stuck));
    if (metric == AlertMetric::BacklogAgeMs)
        return s.backlog > 0 ? std::optional<double>(static_cast<double>(s.oldestBacklogAgeMs)) : std::nullopt;
    if (metric == AlertMetric::FailureRate) {
        if (!rate || rate->attempts < kMinAttempts)
            return std::nullopt;
        return 100.0 * static_cast<double>(rate->failed) / static_cast<double>(rate->attempts);
    }
    return std::nullopt;
}

QList<AlertBreach> AlertMonitor::breaches(
    const QList<AlertRule>& rules, const QList<CellReport>& cells, const QList<AttemptRate>& rates)
{
    QList<AlertBreach> out;
    for (const CellReport& cell : cells) {
        const QString& plant = cell.stats.plant;
        const QString& flow = cell.stats.flow;
        const AttemptRate* rate = nullptr;
        for (const AttemptRate& r : rates)
            if (r.plant == plant && r.flow == flow)
                rate = &r;
        for (const QString& metric : AlertMetric::all()) {
            const AlertRule* judge = nullptr;
            for (const AlertRule& r : rules) {
                if (!r.enabled || r.metric != metric || (!r.plant.isEmpty() && r.plant != plant)
                    || (!r.flow.isEmpty() && r.flow != flow))
                    continue;
                if (!judge || r.specificity() > judge->specificity())
                    judge = &r;
            }
            if (!judge)
                continue;
            const auto value = observe(metric, cell, rate);
            if (value && *value >= judge->threshold)
                out << AlertBreach { judge->id, plant, flow, metric, *value, judge->threshold };
        }
    }
    return out;
}

Result<AlertRule> AlertMonitor::validate(const AlertRule& rule, const QStringList& knownPlants)
{
    AlertRule r = rule;
    r.metric = r.metric.trimmed();
    r.plant = r.plant.trimmed();
    r.flow = r.flow.trimmed();
    if (!AlertMetric::all().contains(r.metric))
        return invalid(QStringLiteral("UNKNOWN_METRIC"),
            QStringLiteral("unknown metric '%1'; use one of %2")
                .arg(shown(r.metric), AlertMetric::all().join(QStringLiteral(", "))));
    if (!std::isfinite(r.threshold) || r.threshold <= 0)
        return invalid(QStringLiteral("THRESHOLD_INVALID"),
            QStringLiteral("the threshold must be a number greater than 0 (got %1)").arg(r.threshold));
    if (r.metric == AlertMetric::FailureRate && r.threshold > 100)
        return invalid(QStringLiteral("THRESHOLD_INVALID"),
            QStringLiteral("a failure rate threshold is a percentage: at most 100 (got %1)").arg(r.threshold));
    if ((r.metric == AlertMetric::LagP95Ms || r.metric == AlertMetric::BacklogAgeMs) && r.threshold > kMaxDurationMs)
        return invalid(QStringLiteral("THRESHOLD_INVALID"),
            QStringLiteral("a %1 threshold above 30 days is not useful (got %2 ms)").arg(r.metric).arg(r.threshold));
    if (r.metric == AlertMetric::StuckCount && (r.threshold > kMaxCount || std::floor(r.threshold) != r.threshold))
        return invalid(QStringLiteral("THRESHOLD_INVALID"),
            QStringLiteral("a stuck_count threshold is a whole number of messages (got %1)").arg(r.threshold));
    static const QRegularExpression site(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"));
    if (!r.plant.isEmpty() && !site.match(r.plant).hasMatch())
        return invalid(QStringLiteral("PLANT_INVALID"),
            QStringLiteral("'%1' is not a plant id (letters, digits, '_', '-' and '.', at most 40)")
                .arg(shown(r.plant)));
    if (!r.plant.isEmpty() && !knownPlants.isEmpty() && !knownPlants.contains(r.plant))
        return invalid(QStringLiteral("UNKNOWN_PLANT"),
            QStringLiteral("unknown plant '%1'; configured: %2").arg(r.plant, knownPlants.join(QStringLiteral(", "))));
    if (!r.flow.isEmpty() && !knownFlows().contains(r.flow))
        return invalid(QStringLiteral("UNKNOWN_FLOW"),
            QStringLiteral("unknown flow '%1'; use one of %2")
                .arg(shown(r.flow), knownFlows().join(QStringLiteral(", "))));
    return r;
}

QString AlertMonitor::formatValue(const QString& metric, double value)
{
    if (metric == AlertMetric::FailureRate)
        return QStringLiteral("%1 %").arg(value, 0, 'f', value < 10 ? 1 : 0);
    if (metric == AlertMetric::StuckCount)
        return QString::number(static_cast<qint64>(value));
    if (metric == AlertMetric::LagP95Ms || metric == AlertMetric::BacklogAgeMs) {
        const auto ms = static_cast<qint64>(value);
        if (ms < 1000)
            return QStringLiteral("%1 ms").arg(ms);
        if (ms < 120'000)
            return QStringLiteral("%1 s").arg(value / 1000.0, 0, 'f', ms < 10'000 ? 1 : 0);
        if (ms < 7'200'000)
            return QStringLiteral("%1 min").arg(value / 60'000.0, 0, 'f', ms % 60'000 == 0 ? 0 : 1);
        return QStringLiteral("%1 h").arg(value / 3'600'000.0, 0, 'f', 1);
    }
    return QString::number(value, 'g', 12);
}

QString AlertMonitor::metricLabel(const QString& metric)
{
    if (metric == AlertMetric::LagP95Ms)
        return QStringLiteral("Lag p95");
    if (metric == AlertMetric::FailureRate)
        return QStringLiteral("Failure rate");
    if (metric == AlertMetric::StuckCount)
        return QStringLiteral("Stuck messages");
    if (metric == AlertMetric::BacklogAgeMs)
        return QStringLiteral("Backlog age");
    return metric;
}

} // namespace Interlock::Ops

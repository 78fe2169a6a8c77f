// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/StatusReport.h"

#include <QDateTime>
#include <QJsonArray>
#include <algorithm>

namespace Interlock::Ops {

namespace {
QString duration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("-");
    if (ms < 10'000)
        return QStringLiteral("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
    if (ms < 120'000)
        return QStringLiteral("%1 s").arg(ms / 1000);
    if (ms < 7'200'000)
        return QStringLiteral("%1 min").arg(ms / 60'000);
    return QStringLiteral("%1 h").arg(static_cast<double>(ms) / 3'600'000.0, 0, 'f', 1);
}
} // namespace

QString StatusReport::healthName(Health h)
{
    switch (h) {
    case Health::Healthy:
        return QStringLiteral("healthy");
    case Health::Degraded:
        return QStringLiteral("degraded");
    case Health::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

Result<StatusReport> StatusReport::build(Journal::JournalStore& store, const Config::EngineConfig& config, qint64 now)
{
    auto stats = store.cellStats(now, config.lagWindowMs);
    if (!stats)
        return Unexpected { stats.error() };
    auto health = store.endpointHealth();
    if (!health)
        return Unexpected { health.error() };
    StatusReport r;
    r.generatedAt = now;
    r.endpoints = *health;
    QMap<QPair<QString, QString>, Journal::CellStats> byCell;
    for (const auto& c : *stats)
        byCell.insert(qMakePair(c.plant, c.flow), c);
    // every configured plant shows both flows, even before its first message
    for (const auto& p : config.plants)
        for (const QString& flow : { Flow::WorkOrder, Flow::PartsConsumption })
            if (!byCell.contains(qMakePair(p.site, flow))) {
                Journal::CellStats c;
                c.plant = p.site;
                c.flow = flow;
                byCell.insert(qMakePair(p.site, flow), c);
            }
    auto endpointState = [&r](const QString& id) {
        for (const auto& e : r.endpoints)
            if (e.endpoint == id)
                return e.breaker;
        return QStringLiteral("unknown");
    };
    for (const auto& c : byCell) {
        const Config::Slo slo = config.sloFor(c.plant, c.flow);
        CellReport cell;
        cell.stats = c;
        cell.breaker = endpointState(QStringLiteral("erp:") + c.plant);
        cell.sourceState = endpointState(QStringLiteral("cmms:") + c.plant);
        auto raise = [&cell](Health h, const QString& why) {
            cell.health = std::max(cell.health, h);
            cell.reasons << why;
        };
        if (cell.breaker == QLatin1String("open"))
            raise(Health::Critical, QStringLiteral("ERP breaker open"));
        else if (cell.breaker == QLatin1String("half_open"))
            raise(Health::Degraded, QStringLiteral("ERP breaker half-open"));
        if (cell.sourceState == QLatin1String("open"))
            raise(Health::Degraded, QStringLiteral("CMMS polling failing"));
        const qint64 stuck = c.count(MessageState::Stuck);
        if (slo.stuckCrit > 0 && stuck >= slo.stuckCrit)
            raise(Health::Critical, QStringLiteral("%1 stuck").arg(stuck));
        else if (slo.stuckWarn > 0 && stuck >= slo.stuckWarn)
            raise(Health::Degraded, QStringLiteral("%1 stuck").arg(stuck));
        if (c.count(MessageState::Blocked) > 0)
            raise(Health::Degraded, QStringLiteral("%1 blocked").arg(c.count(MessageState::Blocked)));
        if (c.lagP95Ms >= 0 && slo.lagP95CritMs > 0 && c.lagP95Ms >= slo.lagP95CritMs)
            raise(Health::Critical, QStringLiteral("lag p95 %1").arg(duration(c.lagP95Ms)));
        else if (c.lagP95Ms >= 0 && slo.lagP95WarnMs > 0 && c.lagP95Ms >= slo.lagP95WarnMs)
            raise(Health::Degraded, QStringLiteral("lag p95 %1").arg(duration(c.lagP95Ms)));
        if (c.backlog > 0 && slo.backlogAgeCritMs > 0 && c.oldestBacklogAgeMs >= slo.backlogAgeCritMs)
            raise(Health::Critical, QStringLiteral("backlog age %1").arg(duration(c.oldestBacklogAgeMs)));
        else if (c.backlog > 0 && slo.backlogAgeWarnMs > 0 && c.oldestBacklogAgeMs >= slo.backlogAgeWarnMs)
            raise(Health::Degraded, QStringLiteral("backlog age %1").arg(duration(c.oldestBacklogAgeMs)));
        if (c.backlog > 0 && c.throughputPerMin > 0)
            cell.drainEtaMs = static_cast<qint64>(static_cast<double>(c.backlog) / c.throughputPerMin * 60'000.0);
        r.overall = std::max(r.overall, cell.health);
        r.cells << cell;
    }
    return r;
}

QJsonObject StatusReport::toJson() const
{
    QJsonArray cellsJson;
    for (const auto& c : cells) {
        QJsonObject counts;
        for (MessageState s : allStates())
            counts.insert(stateName(s), c.stats.count(s));
        cellsJson.append(QJsonObject {
            { QStringLiteral("plant"), c.stats.plant },
            { QStringLiteral("flow"), c.stats.flow },
            { QStringLiteral("counts"), counts },
            { QStringLiteral("lagP50Ms"), c.stats.lagP50Ms },
            { QStringLiteral("lagP95Ms"), c.stats.lagP95Ms },
            { QStringLiteral("postedInLagWindow"), c.stats.postedInWindow },
            { QStringLiteral("throughputPerMin"), c.stats.throughputPerMin },
            { QStringLiteral("backlog"), c.stats.backlog },
            { QStringLiteral("oldestBacklogAgeMs"), c.stats.oldestBacklogAgeMs },
            { QStringLiteral("drainEtaMs"), c.drainEtaMs },
            { QStringLiteral("breaker"), c.breaker },
            { QStringLiteral("source"), c.sourceState },
            { QStringLiteral("health"), healthName(c.health) },
            { QStringLiteral("reasons"), QJsonArray::fromStringList(c.reasons) },
        });
    }
    QJsonArray endpointsJson;
    for (const auto& e : endpoints)
        endpointsJson.append(
            QJsonObject { { QStringLiteral("endpoint"), e.endpoint }, { QStringLiteral("breaker"), e.breaker },
                { QStringLiteral("since"), e.since }, { QStringLiteral("consecutiveFailures"), e.consecutiveFailures },
                { QStringLiteral("lastError"), e.lastError } });
    return QJsonObject { { QStringLiteral("generatedAt"), generatedAt },
        { QStringLiteral("health"), healthName(overall) }, { QStringLiteral("exitCode"), exitCode() },
        { QStringLiteral("cells"), cellsJson }, { QStringLiteral("endpoints"), endpointsJson } };
}

QString StatusReport::toText() const
{
    QString out;
    out += QStringLiteral("%1  %2  %3 %4 %5 %6 %7 %8 %9  %10 %11  %12  %13  %14\n")
               .arg(QStringLiteral("plant"), -9)
               .arg(QStringLiteral("flow"), -17)
               .arg(QStringLiteral("ready"), 6)
               .arg(QStringLiteral("flight"), 6)
               .arg(QStringLiteral("retry"), 6)
               .arg(QStringLiteral("blockd"), 6)
               .arg(QStringLiteral("stuck"), 6)
               .arg(QStringLiteral("posted"), 7)
               .arg(QStringLiteral("other"), 6)
               .arg(QStringLiteral("lag p50"), 8)
               .arg(QStringLiteral("p95"), 8)
               .arg(QStringLiteral("backlog age"), 11)
               .arg(QStringLiteral("breaker"), -9)
               .arg(QStringLiteral("health"));
    for (const auto& c : cells) {
        const auto& s = c.stats;
        const qint64 other = s.count(MessageState::Received) + s.count(MessageState::Resolved)
            + s.count(MessageState::Cancelled) + s.count(MessageState::Superseded);
        out += QStringLiteral("%1  %2  %3 %4 %5 %6 %7 %8 %9  %10 %11  %12  %13  %14\n")
                   .arg(s.plant, -9)
                   .arg(s.flow, -17)
                   .arg(s.count(MessageState::Ready), 6)
                   .arg(s.count(MessageState::InFlight), 6)
                   .arg(s.count(MessageState::Retrying), 6)
                   .arg(s.count(MessageState::Blocked), 6)
                   .arg(s.count(MessageState::Stuck), 6)
                   .arg(s.count(MessageState::Posted), 7)
                   .arg(other, 6)
                   .arg(duration(s.lagP50Ms), 8)
                   .arg(duration(s.lagP95Ms), 8)
                   .arg(s.backlog > 0 ? duration(s.oldestBacklogAgeMs) : QStringLiteral("-"), 11)
                   .arg(c.breaker, -9)
                   .arg(healthName(c.health)
                       + (c.reasons.isEmpty()
                               ? QString()
                               : QStringLiteral(" (") + c.reasons.join(QStringLiteral(", ")) + QLatin1Char(')')));
    }
    out += QStringLiteral("overall: %1\n").arg(healthName(overall));
    return out;
}

} // namespace Interlock::Ops

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/KpiReport.h"

#include "models/journal/JournalStore.h"
#include "models/journal/KpiQueries.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace Interlock::Ops {

namespace {
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;

/// Lag histogram of one scope: bin upper bound -> count, and the largest lag seen.
struct LagHistogram
{
    QMap<qint64, qint64> bins;
    qint64 max = 0;

    qint64 percentile(double p) const
    {
        qint64 n = 0;
        for (qint64 c : bins)
            n += c;
        if (n == 0)
            return -1;
        const auto rank = std::max<qint64>(1, static_cast<qint64>(std::ceil(p * static_cast<double>(n))));
        qint64 seen = 0;
        for (auto it = bins.cbegin(); it != bins.cend(); ++it) {
            seen += it.value();
            if (seen >= rank)
                return std::min(it.key(), max);
        }
        return max;
    }
};

/// Figures plus what is needed to finish them.
struct Scope
{
    KpiFigures f;
    LagHistogram lag;
    QSet<qint64> touched;
    QList<qint64> resolveMs;
};

qint64 nearestRank(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const auto rank = std::max<qsizetype>(1, static_cast<qsizetype>(std::ceil(p * static_cast<double>(values.size()))));
    return values.at(std::min(rank, values.size()) - 1);
}

void addHour(KpiFigures& f, const Journal::KpiHourRow& r)
{
    f.posted += r.posted;
    f.firstPass += r.firstAttempt;
    f.attempts += r.attempts;
    f.failedAttempts += r.failed;
    f.partsPosted += r.partsPosted;
    f.partsCosted += r.partsCosted;
    f.partsCost += r.partsCost;
    f.laborPosted += r.laborPosted;
    f.laborCosted += r.laborCosted;
    f.laborCost += r.laborCost;
}

void finish(Scope& s, qint64 spanMs)
{
    KpiFigures& f = s.f;
    f.throughputPerHour = spanMs > 0 ? static_cast<double>(f.posted) * kHour / static_cast<double>(spanMs) : 0;
    f.lagP50Ms = s.lag.percentile(0.50);
    f.lagP95Ms = s.lag.percentile(0.95);
    f.failureRate = f.attempts > 0 ? static_cast<double>(f.failedAttempts) / static_cast<double>(f.attempts) : -1;
    f.firstPass = std::max<qint64>(0, f.firstPass);
    f.firstPassRate = f.posted > 0 ? static_cast<double>(f.firstPass) / static_cast<double>(f.posted) : -1;
    f.touchedMessages = s.touched.size();
    f.exceptionsResolved = s.resolveMs.size();
    f.resolveP50Ms = nearestRank(s.resolveMs, 0.50);
    f.resolveP90Ms = nearestRank(s.resolveMs, 0.90);
}

bool isParkedState(const QString& s)
{
    return s == QLatin1String("stuck") || s == QLatin1String("blocked");
}

QString money(double v)
{
    return QString::number(v, 'f', 2);
}
} // namespace

qint64 KpiReport::bucketFor(qint64 spanMs)
{
    for (qint64 b : { kHour, 3 * kHour, 6 * kHour, 12 * kHour, kDay })
        if (spanMs <= 72 * b)
            return b;
    return 7 * kDay;
}

Result<KpiReport> KpiReport::build(
    Journal::JournalStore& store, const KpiQuery& query, const QStringList& plants, qint64 now)
{
    KpiReport r;
    r.query = query;
    r.generatedAt = now;
    const qint64 to = query.toMs > 0 ? query.toMs : now;
    const qint64 from = query.fromMs > 0 ? query.fromMs : to - kDay;
    if (from >= to)
        return fail(
            ErrorClass::Validation, QStringLiteral("KPI_RANGE"), QStringLiteral("the range ends before it starts"));
    const qint64 fromHour = from / kHour;
    const qint64 toHour = (to + kHour - 1) / kHour;
    r.fromMs = fromHour * kHour;
    r.toMs = toHour * kHour;
    r.bucketMs = bucketFor(r.toMs - r.fromMs);
    const qint64 buckets = (r.toMs - r.fromMs + r.bucketMs - 1) / r.bucketMs;
    const auto bucketOf = [&r](qint64 ms) { return (ms - r.fromMs) / r.bucketMs; };
    const auto inRange = [&r](qint64 ms) { return ms >= r.fromMs && ms < r.toMs; };

    Journal::KpiQueries kq(store.database());
    auto hours = kq.hours(fromHour, toHour, query.plant);
    if (!hours)
        return Unexpected { hours.error() };
    auto lags = kq.lagBins(fromHour, toHour, query.plant);
    if (!lags)
        return Unexpected { lags.error() };

    QSet<QString> plantSet;
    for (const QString& p : plants)
        if (query.plant.isEmpty() || p == query.plant)
            plantSet.insert(p);
    for (const auto& h : *hours)
        plantSet.insert(h.plant);
    if (!query.plant.isEmpty())
        plantSet.insert(query.plant);

    QHash<QString, Scope> scopes; // plant -> range figures; "" = all plants
    QHash<QString, QList<Scope>> points; // plant -> buckets; "" = all plants
    for (const QString& p : plantSet + QSet<QString> { QString() }) {
        scopes[p];
        points[p].resize(buckets);
    }
    for (const auto& h : *hours) {
        const qint64 b = bucketOf(h.hour * kHour);
        for (const QString& key : { h.plant, QString() }) {
            Scope& s = scopes[key];
            addHour(s.f, h);
            s.lag.max = std::max(s.lag.max, h.lagMax);
            Scope& pt = points[key][b];
            addHour(pt.f, h);
            pt.lag.max = std::max(pt.lag.max, h.lagMax);
        }
    }
    for (const auto& l : *lags) {
        const qint64 b = bucketOf(l.hour * kHour);
        for (const QString& key : { l.plant, QString() }) {
            scopes[key].lag.bins[l.bin] += l.n;
            points[key][b].lag.bins[l.bin] += l.n;
        }
    }

    // people's actions: touches, first-pass corrections, exceptions
    auto touches = kq.touches(r.toMs);
    if (!touches)
        return Unexpected { touches.error() };
    QList<qint64> ids;
    {
        QSet<qint64> seen;
        for (const auto& t : *touches)
            if (!seen.contains(t.messageId)) {
                seen.insert(t.messageId);
                ids << t.messageId;
            }
    }
    auto facts = kq.messageFacts(ids);
    if (!facts)
        return Unexpected { facts.error() };
    QHash<qint64, Journal::KpiMessageFacts> factOf;
    for (const auto& f : *facts)
        if (query.plant.isEmpty() || f.plant == query.plant)
            factOf.insert(f.id, f);
    QHash<qint64, QList<Journal::KpiTouch>> touchesOf;
    for (const auto& t : *touches) {
        const auto it = factOf.constFind(t.messageId);
        if (it == factOf.cend())
            continue;
        touchesOf[t.messageId] << t;
        if (!inRange(t.at))
            continue;
        const qint64 b = bucketOf(t.at);
        for (const QString& key : { it->plant, QString() }) {
            ++scopes[key].f.manualTouches;
            scopes[key].touched.insert(t.messageId);
            ++points[key][b].f.manualTouches;
            points[key][b].touched.insert(t.messageId);
        }
    }
    for (auto it = touchesOf.cbegin(); it != touchesOf.cend(); ++it) {
        const Journal::KpiMessageFacts& f = factOf[it.key()];
        const QList<Journal::KpiTouch>& list = it.value(); // oldest first
        // a touched message is never first-pass; the rollup counted it when attempts was 1
        if (f.state == MessageState::Posted && f.attempts == 1 && inRange(f.postedAt)) {
            for (const QString& key : { f.plant, QString() }) {
                --scopes[key].f.firstPass;
                --points[key][bucketOf(f.postedAt)].f.firstPass;
            }
        }
        const auto firstParked = std::find_if(
            list.cbegin(), list.cend(), [](const Journal::KpiTouch& t) { return isParkedState(t.before); });
        if (firstParked == list.cend())
            continue;
        qint64 end = 0;
        if (f.state == MessageState::Posted && f.postedAt >= firstParked->at) {
            end = f.postedAt;
        } else if (f.state == MessageState::Resolved || f.state == MessageState::Cancelled) {
            for (const auto& t : list)
                if (t.after == QLatin1String("resolved") || t.after == QLatin1String("cancelled"))
                    end = t.at;
        }
        if (end == 0 || !inRange(end))
            continue;
        const qint64 start
            = f.firstFailureAt > 0 && f.firstFailureAt <= firstParked->at ? f.firstFailureAt : f.receivedAt;
        for (const QString& key : { f.plant, QString() })
            scopes[key].resolveMs << std::max<qint64>(0, end - start);
    }

    // snapshot: what is open now
    QStringList plantList(plantSet.cbegin(), plantSet.cend());
    std::sort(plantList.begin(), plantList.end());
    auto open = kq.openCounts(plantList);
    if (!open)
        return Unexpected { open.error() };
    for (const auto& o : *open) {
        const bool parked = o.state == MessageState::Stuck || o.state == MessageState::Blocked;
        const qint64 age = std::max<qint64>(0, now - o.oldestReceivedAt);
        for (const QString& key : { o.plant, QString() }) {
            KpiFigures& f = scopes[key].f;
            (parked ? f.parked : f.backlog) += o.count;
            qint64& oldest = parked ? f.oldestParkedAgeMs : f.oldestBacklogAgeMs;
            oldest = std::max(oldest, age);
        }
    }

    for (const QString& p : plantList) {
        finish(scopes[p], r.toMs - r.fromMs);
        r.perPlant.insert(p, scopes[p].f);
    }
    finish(scopes[QString()], r.toMs - r.fromMs);
    r.total = scopes[QString()].f;
    r.plants = plantList;
    for (auto it = points.begin(); it != points.end(); ++it) {
        QList<KpiPoint> series;
        series.reserve(it->size());
        for (qint64 b = 0; b < buckets; ++b) {
            const qint64 start = r.fromMs + b * r.bucketMs;
            finish((*it)[b], std::min(r.bucketMs, r.toMs - start));
            series << KpiPoint { start, (*it)[b].f };
        }
        r.series.insert(it.key(), series);
    }

    const KpiFigures& t = r.total;
    if (t.partsPosted > 0 && t.partsCosted == 0)
        r.notes << QStringLiteral("Parts cost cannot be derived: none of the %1 posted parts postings carries a unit "
                                  "or line cost (the Maximo source reads material issues without unitcost/linecost).")
                       .arg(t.partsPosted);
    else if (t.partsCosted < t.partsPosted)
        r.notes << QStringLiteral("Parts cost %1 covers %2 of %3 posted parts postings; the others carry no cost.")
                       .arg(money(t.partsCost))
                       .arg(t.partsCosted)
                       .arg(t.partsPosted);
    if (t.laborPosted == 0)
        r.notes << QStringLiteral("Labor cost cannot be derived: no labor transactions are journaled (no labor "
                                  "confirmation flow yet, and work order headers carry no labor cost).");
    else if (t.laborCosted < t.laborPosted)
        r.notes << QStringLiteral("Labor cost %1 covers %2 of %3 posted labor transactions; the others carry no cost.")
                       .arg(money(t.laborCost))
                       .arg(t.laborCosted)
                       .arg(t.laborPosted);
    return r;
}

} // namespace Interlock::Ops

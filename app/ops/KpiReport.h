// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Interlock::Journal {
class JournalStore;
}

namespace Interlock::Ops {

/// Which KPIs to compute: a time range and a plant. Times are ms since the epoch (UTC).
struct KpiQuery
{
    qint64 fromMs = 0; ///< 0: 24 hours before toMs
    qint64 toMs = 0; ///< 0: now
    QString plant; ///< empty = all plants
};

/// The KPI figures of one plant (or of all plants, or of one time bucket).
///
/// Definitions (the range is [fromMs, toMs) of the report, widened to whole UTC hours):
/// - posted: messages that reached `posted` in the range (by posted_at).
/// - throughputPerHour: posted / hours of the range (of the bucket for a series point).
/// - lag: source event (event_at) -> posted (posted_at), of the posted messages. Percentiles are
///   nearest-rank (the ceil(p·n)-th smallest) over a histogram with 42 bins from 250 ms to 7 days
///   (steps of at most 1.5x; 004_kpi.sql), reported as the bin's upper bound, capped by the
///   largest lag seen: exact when the lags sit on bin bounds, otherwise at most one bin high.
/// - failureRate: failed attempts / attempts, over attempt rows started in the range; an attempt
///   failed when it carries an error class (including a lease expired with the request maybe sent).
/// - manualTouches: (audit entry, message) pairs written by a person (role other than "system")
///   in the range: a bulk replay of 50 messages is 50 touches. touchedMessages: distinct messages.
/// - firstPass: posted messages that went through on the first call to the target (attempts = 1)
///   and that no person ever acted on (no audit entry by a person names them). Limitation: a
///   message blocked on a missing mapping and released by a new mapping leaves no per-message
///   record, so it counts as first-pass when it then posted on its first call.
/// - time to resolve: over exceptions closed in the range. An exception is a message a person
///   acted on while it was stuck or blocked. It starts at its first failed attempt (or, with none,
///   because the transform stopped it: when it was received) and ends when it is posted after the
///   action (posted_at), or at the person's resolve/cancel entry. p50/p90 are nearest-rank, exact.
/// - backlog: messages the engine still owes (received, ready, in flight, retrying) now, and the
///   age of the oldest; parked: stuck or blocked now, and the oldest. Snapshots at generatedAt,
///   not range figures: the journal keeps no state history to replay.
/// - cost: from the posted source payloads (Maximo): parts = |linecost|, else |quantity| ×
///   unitcost (negative for a goods return); labor (flow labor_confirmation) = linecost, else
///   regularhrs × payrate. Only numeric JSON fields count; a posting without them is posted but
///   not "costed", and KpiReport::notes says how much of the cost is visible. Currency: that of
///   the source system; the journal does not record it.
struct KpiFigures
{
    qint64 posted = 0;
    double throughputPerHour = 0;
    qint64 lagP50Ms = -1; ///< -1: nothing posted
    qint64 lagP95Ms = -1;
    qint64 attempts = 0;
    qint64 failedAttempts = 0;
    double failureRate = -1; ///< 0..1; -1: no attempts
    qint64 firstPass = 0;
    double firstPassRate = -1; ///< firstPass / posted, 0..1; -1: nothing posted
    qint64 manualTouches = 0;
    qint64 touchedMessages = 0;
    qint64 exceptionsResolved = 0;
    qint64 resolveP50Ms = -1;
    qint64 resolveP90Ms = -1;
    qint64 backlog = 0;
    qint64 oldestBacklogAgeMs = -1; ///< -1: no backlog
    qint64 parked = 0;
    qint64 oldestParkedAgeMs = -1;
    qint64 partsPosted = 0;
    qint64 partsCosted = 0;
    double partsCost = 0;
    qint64 laborPosted = 0;
    qint64 laborCosted = 0;
    double laborCost = 0;
};

/// One time bucket of a series: [startMs, startMs + KpiReport::bucketMs).
struct KpiPoint
{
    qint64 startMs = 0;
    KpiFigures figures; ///< backlog and time-to-resolve fields are not filled per bucket
};

/// Cross-plant KPIs over a range, per plant and as time series. Pure reading.
struct KpiReport
{
    KpiQuery query;
    qint64 fromMs = 0; ///< effective range: whole UTC hours covering the query
    qint64 toMs = 0;
    qint64 bucketMs = 0; ///< 1 h, 3 h, 6 h, 12 h, 1 day or 7 days: at most 72 buckets
    qint64 generatedAt = 0;
    QStringList plants; ///< the plants of `perPlant`, sorted
    QMap<QString, KpiFigures> perPlant;
    KpiFigures total; ///< all plants of the report together
    QMap<QString, QList<KpiPoint>> series; ///< per plant, every bucket of the range; "" = all plants
    QStringList notes; ///< what a figure could not be derived from, in words for the reader

    /// Builds the report from the journal's rollups (migration 004) and audit trail.
    /// `plants`: plants to list even without traffic (the configured ones). `now` = generatedAt.
    static Result<KpiReport> build(
        Journal::JournalStore& store, const KpiQuery& query, const QStringList& plants, qint64 now);
    /// The bucket a range of `spanMs` is cut into.
    static qint64 bucketFor(qint64 spanMs);
};

} // namespace Interlock::Ops

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/config/EngineConfig.h"
#include "app/ops/StatusReport.h"
#include "models/journal/AlertTypes.h"
#include "models/journal/JournalStore.h"

#include <optional>

namespace Interlock::Ops {

using Alert = Journal::Alert;
using AlertRule = Journal::AlertRule;

/// Which alerts a list shows.
enum class AlertFilter
{
    Open, ///< live: not yet acknowledged, or acknowledged while the condition still holds
    All
};

/// Judges the alert rules against the current figures of every plant × flow cell (the
/// StatusReport, plus the failure rate of recent target calls) and brings the journal's alert
/// table in line: raise, open again, clear. Several monitors (consoles, engines) may evaluate the
/// same journal at once; the store keeps one live alert per rule and cell.
///
/// Threads: like the JournalStore it is given, used from one thread; `store` must
/// outlive it (`config` is copied). No side effects besides the alert rows.
class AlertMonitor
{
public:
    /// Failure rate: failed / all target calls started in this window, per cell.
    static constexpr qint64 kFailureWindowMs = 15 * 60 * 1000;
    /// Below this many calls in the window the failure rate is not judged (two failures of three
    /// calls at night are not an incident).
    static constexpr qint64 kMinAttempts = 20;

    AlertMonitor(Journal::JournalStore& store, const Config::EngineConfig& config);

    /// Evaluates every enabled rule at `now` (ms since the epoch).
    Result<Journal::AlertSync> evaluate(qint64 now);

    /// The rule conditions that hold: for each cell and metric, the most specific enabled rule
    /// covering the cell judges it. Pure.
    static QList<Journal::AlertBreach> breaches(
        const QList<AlertRule>& rules, const QList<CellReport>& cells, const QList<Journal::AttemptRate>& rates);
    /// The value of `metric` for one cell; nullopt when there is nothing to judge (no posting in
    /// the lag window, no backlog, too few calls for a failure rate).
    static std::optional<double> observe(
        const QString& metric, const CellReport& cell, const Journal::AttemptRate* rate);
    /// Trims and checks a rule someone typed: known metric, threshold > 0 and in range for its
    /// unit, plant empty or one of `knownPlants` (any well-formed site id when that is empty),
    /// flow empty or a known flow. Returns the normalised rule or a Validation error that says why.
    static Result<AlertRule> validate(const AlertRule& rule, const QStringList& knownPlants);
    /// "12 min", "37.5 %", "7": a value in its metric's unit, for people.
    static QString formatValue(const QString& metric, double value);
    /// "Lag p95", "Failure rate", "Stuck messages", "Backlog age".
    static QString metricLabel(const QString& metric);

private:
    Journal::JournalStore& m_store;
    Config::EngineConfig m_config; ///< a copy: the SLO and plant list it judges by
};

} // namespace Interlock::Ops

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Interlock::Journal {

/// The metrics an alert rule can watch, as the journal spells them. Units: milliseconds for the
/// *_ms metrics, percent of failed attempts for failure_rate, messages for stuck_count.
namespace AlertMetric {
inline const QString LagP95Ms = QStringLiteral("lag_p95_ms");
inline const QString FailureRate = QStringLiteral("failure_rate");
inline const QString StuckCount = QStringLiteral("stuck_count");
inline const QString BacklogAgeMs = QStringLiteral("backlog_age_ms");
inline QStringList all()
{
    return { LagP95Ms, FailureRate, StuckCount, BacklogAgeMs };
}
} // namespace AlertMetric

/// Alert states as stored: open (raised, nobody acknowledged it), acknowledged (a person saw it,
/// the condition still holds), cleared (the condition stopped; acknowledged_at tells whether a
/// person saw it).
namespace AlertState {
inline const QString Open = QStringLiteral("open");
inline const QString Acknowledged = QStringLiteral("acknowledged");
inline const QString Cleared = QStringLiteral("cleared");
} // namespace AlertState

/// A threshold on one metric for the plant × flow cells it covers (empty plant or flow: any).
/// A cell breaches it when the observed value >= threshold.
struct AlertRule
{
    qint64 id = 0; ///< 0 for a new rule
    QString flow;
    QString plant;
    QString metric;
    double threshold = 0;
    bool enabled = true;
    QString updatedBy;
    qint64 updatedAt = 0; ///< ms since the epoch
    /// 3 plant and flow, 2 plant, 1 flow, 0 any: the most specific enabled rule judges a cell.
    int specificity() const { return (plant.isEmpty() ? 0 : 2) + (flow.isEmpty() ? 0 : 1); }
    /// One line for the audit trail: "stuck_count >= 5 · plant BEDFORD · any flow · enabled".
    QString describe() const
    {
        return QStringLiteral("%1 >= %2 · %3 · %4 · %5")
            .arg(metric, QString::number(threshold, 'g', 12),
                plant.isEmpty() ? QStringLiteral("any plant") : QStringLiteral("plant ") + plant,
                flow.isEmpty() ? QStringLiteral("any flow") : QStringLiteral("flow ") + flow,
                enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"));
    }
};

/// One alert: a rule's condition held for one cell. Times in ms since the epoch; 0 = not yet.
struct Alert
{
    qint64 id = 0;
    qint64 ruleId = 0;
    QString plant;
    QString flow;
    QString metric;
    double observed = 0; ///< the value when it was raised (or opened again)
    double threshold = 0; ///< the rule's threshold then
    qint64 raisedAt = 0;
    QString state; ///< AlertState
    QString acknowledgedBy;
    qint64 acknowledgedAt = 0;
    QString comment;
    qint64 clearedAt = 0;
    bool isAcknowledged() const { return acknowledgedAt > 0; }
    /// Live alerts block a second alert of the same rule and cell: not yet acknowledged, or still holding.
    bool isLive() const { return acknowledgedAt == 0 || clearedAt == 0; }
};

/// A rule's condition holding for one cell now (what an evaluation found).
struct AlertBreach
{
    qint64 ruleId = 0;
    QString plant;
    QString flow;
    QString metric;
    double observed = 0;
    double threshold = 0;
};

/// What JournalStore::syncAlerts changed.
struct AlertSync
{
    QList<qint64> raised; ///< new alerts this call inserted
    QList<qint64> reopened; ///< cleared, unacknowledged alerts whose condition came back
    QList<qint64> cleared;
    bool changed() const { return !raised.isEmpty() || !reopened.isEmpty() || !cleared.isEmpty(); }
};

/// Target calls of one plant × flow cell in a time window, and how many failed.
struct AttemptRate
{
    QString plant;
    QString flow;
    qint64 attempts = 0;
    qint64 failed = 0;
};

} // namespace Interlock::Journal

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/config/EngineConfig.h"
#include "models/journal/JournalStore.h"

#include <QJsonObject>

namespace Interlock::Ops {

/// Health of one plant × flow cell, judged against the SLOs.
enum class Health
{
    Healthy = 0,
    Degraded = 1,
    Critical = 2
};

struct CellReport
{
    Journal::CellStats stats;
    QString breaker; ///< breaker of the plant's ERP endpoint: closed, open, half_open, or "unknown"
    QString sourceState; ///< CMMS polling: closed (ok) or open (failing)
    Health health = Health::Healthy;
    QStringList reasons; ///< why it is not healthy, one short line each
    qint64 drainEtaMs = -1; ///< backlog / recent throughput; -1 when unknown
};

/// The numbers of `interlock-engine status` and of the console's overview: per plant × flow
/// counts, lag, backlog age, breaker, judged against the SLOs. Pure reading; no side effects.
class StatusReport
{
public:
    static Result<StatusReport> build(Journal::JournalStore& store, const Config::EngineConfig& config, qint64 now);

    QList<CellReport> cells;
    QList<Journal::EndpointHealth> endpoints;
    Health overall = Health::Healthy;
    qint64 generatedAt = 0;

    int exitCode() const { return static_cast<int>(overall); }
    QJsonObject toJson() const;
    QString toText() const;
    static QString healthName(Health h);
};

} // namespace Interlock::Ops

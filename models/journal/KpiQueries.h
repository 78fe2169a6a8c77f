// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"
#include "models/domain/Result.h"

#include <QList>
#include <QSqlDatabase>

namespace Interlock::Journal {

/// One plant × UTC hour of the kpi_hour rollup (migration 004): postings, attempts and cost.
struct KpiHourRow
{
    QString plant;
    qint64 hour = 0; ///< floor(ms since the epoch / 3,600,000)
    qint64 posted = 0;
    qint64 firstAttempt = 0; ///< posted on the first call to the target (attempts = 1)
    qint64 lagSum = 0; ///< ms, source event -> posted
    qint64 lagMax = 0;
    qint64 partsPosted = 0;
    qint64 partsCosted = 0; ///< parts postings whose payload carried a cost
    double partsCost = 0;
    qint64 laborPosted = 0;
    qint64 laborCosted = 0;
    double laborCost = 0;
    qint64 attempts = 0; ///< attempt rows started in the hour
    qint64 failed = 0; ///< of which carried an error class
};

/// One lag histogram cell: `n` postings of (plant, hour) with lag <= `bin` ms (and above the previous bin).
struct KpiLagRow
{
    QString plant;
    qint64 hour = 0;
    qint64 bin = 0;
    qint64 n = 0;
};

/// One message named by an audit entry of a person (role other than "system").
struct KpiTouch
{
    qint64 at = 0;
    QString action;
    QString before;
    QString after;
    qint64 messageId = 0;
};

/// What the KPIs need to know about one message a person touched.
struct KpiMessageFacts
{
    qint64 id = 0;
    QString plant;
    MessageState state = MessageState::Received;
    int attempts = 0;
    qint64 receivedAt = 0;
    qint64 postedAt = 0; ///< 0 when not posted
    qint64 firstFailureAt = 0; ///< start of its first failed attempt; 0 when none
};

/// Open messages of one plant in one state: how many, and when the oldest was received.
struct KpiOpenCount
{
    QString plant;
    MessageState state = MessageState::Received;
    qint64 count = 0;
    qint64 oldestReceivedAt = 0;
};

/// Read-only queries behind the KPI report. Every one is an index range or a rollup read, so
/// a refresh costs the same on 10,000 or 10,000,000 messages (see 004_kpi.sql).
/// Threads: use `db` only from the thread that opened it (JournalStore::database()).
class KpiQueries
{
public:
    explicit KpiQueries(QSqlDatabase db);

    /// Rollup rows of hours [fromHour, toHour), of `plant` (all when empty).
    Result<QList<KpiHourRow>> hours(qint64 fromHour, qint64 toHour, const QString& plant);
    Result<QList<KpiLagRow>> lagBins(qint64 fromHour, qint64 toHour, const QString& plant);
    /// Every (entry, message) pair of the audit entries by people before `beforeMs`, oldest first.
    Result<QList<KpiTouch>> touches(qint64 beforeMs);
    Result<QList<KpiMessageFacts>> messageFacts(const QList<qint64>& ids);
    /// Counts of the open states (received, ready, in_flight, retrying, blocked, stuck) per plant.
    Result<QList<KpiOpenCount>> openCounts(const QStringList& plants);
    /// Plants that have rollup rows (posted or attempted at least once).
    Result<QStringList> knownPlants();

private:
    QSqlDatabase m_db;
};

} // namespace Interlock::Journal

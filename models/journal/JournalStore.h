// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Result.h"
#include "models/journal/AlertTypes.h"
#include "models/journal/AuditChain.h"
#include "models/journal/JournalTypes.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <functional>
#include <optional>

namespace Interlock::Journal {

/// The journal: every message, attempt, mapping, audit entry and watermark.
///
/// Threads: one instance per thread; it owns one named Qt SQL connection, used only from the
/// thread that opened it. Several instances (engine thread, console thread, other processes)
/// may open the same SQLite file: WAL mode lets readers run beside the one writer.
/// Every write method is one transaction: it commits entirely or not at all. Methods that take
/// lists commit the whole list at once (group commit): callers batch to amortise the disk flush.
class JournalStore
{
public:
    JournalStore();
    ~JournalStore();
    JournalStore(const JournalStore&) = delete;
    JournalStore& operator=(const JournalStore&) = delete;

    /// Opens (creating if needed) an SQLite journal at `path` in WAL mode and migrates it.
    Status openSqlite(const QString& path);
    void close();
    bool isOpen() const;
    int schemaVersion();

    // --- ingest -------------------------------------------------------------------------
    /// Journals `changes` (duplicates by idempotency key are ignored) and, in the same
    /// transaction, advances the watermark of (connector, plant) if `watermark` is not empty.
    Result<IngestResult> ingest(const QList<SourceChange>& changes, const QString& connector,
        const QString& watermarkPlant, const QString& watermark, qint64 now);
    Result<QString> watermark(const QString& connector, const QString& plant);
    /// Which of `businessKeys` already have a message in the journal.
    Result<QSet<QString>> knownBusinessKeys(const QStringList& businessKeys);

    // --- engine work queues --------------------------------------------------------------
    Result<QList<Message>> messagesInState(MessageState state, int limit);
    /// Blocked messages whose missing mapping exists now (plant-specific or all-plant).
    Result<QList<Message>> healableBlocked(int limit);
    /// Ready/retrying messages with an earlier message of their business key parked (stuck or
    /// blocked): they must wait, visibly, as blocked on that predecessor. Pairs (message, predecessor id).
    Result<QList<QPair<Message, qint64>>> waitingBehindParked(int limit);
    /// Messages blocked on a predecessor (blocked_domain "predecessor") none of whose earlier
    /// messages is parked any more.
    Result<QList<Message>> releasablePredecessorBlocked(int limit);
    /// Leases up to `limit` due messages of `plant`: state ready/retrying, next attempt due,
    /// and no earlier message of the same business key still open. Sets in_flight, attempts+1.
    Result<QList<Message>> claim(const QString& owner, const QString& plant, int limit, qint64 leaseMs, qint64 now);
    /// Returns in_flight messages whose lease expired (or all of them, `all`) to ready, with an
    /// attempt row saying so; their next attempt looks the document up before posting.
    Result<int> recoverLeases(qint64 now, bool all, const QString& engine);
    /// Applies transitions in one transaction. Returns the ids that changed.
    Result<QList<qint64>> apply(const QList<TransitionRequest>& requests, qint64 now);
    /// Target reference of the latest posted message of `flow` for `businessKey` (e.g. the ERP order).
    Result<QString> postedRef(const QString& businessKey, const QString& flow);

    // --- mappings and audit ----------------------------------------------------------------
    Result<QList<Mapping>> mappings(const QString& domain = {});
    /// Inserts or replaces a mapping and appends its audit entry, in one transaction.
    Status putMapping(const Mapping& mapping, const AuditEntry& audit);
    /// Inserts the mappings not yet present (existing rows are kept) and one audit entry, in one
    /// transaction. Returns how many rows were inserted.
    Result<int> importMappings(const QList<Mapping>& rows, const AuditEntry& audit);
    /// Changes whenever a mapping row is added or changed (count and newest change).
    QString mappingVersion();
    /// How many blocked messages wait for (domain, value) in `plant` (all plants when empty).
    Result<qint64> countBlockedBy(const QString& domain, const QString& plant, const QString& value);
    /// Blocked messages per missing mapping (domain, plant, value), "predecessor" waits excluded;
    /// most blocked first.
    Result<QList<BlockedValueCount>> blockedValueCounts();
    /// Stuck and blocked messages without their payloads, oldest first, at most `limit`.
    Result<QList<Message>> openProblems(int limit);
    Status appendAudit(const AuditEntry& entry);
    Result<QList<AuditEntry>> audit(qint64 messageId = 0, int limit = 1000);
    /// Recomputes the hash chain. Returns the id of the first bad entry (-1: a bad head with no
    /// entry to name), or 0 when intact.
    Result<qint64> verifyAudit();
    /// Walks the keyed chain and its head (AuditChain); says what is wrong with the first bad entry.
    Result<AuditVerification> verifyAuditTrail();

    // --- queries ---------------------------------------------------------------------------
    Result<Message> message(qint64 id);
    Result<QList<Attempt>> attempts(qint64 messageId);
    /// Newest first: messages with id < beforeId (0 = from the newest) matching `filter`.
    Result<QList<Message>> page(const MessageFilter& filter, qint64 beforeId, int limit);
    Result<qint64> count(const MessageFilter& filter);
    /// A keyset page in any MessageSort order, in either direction (see PageQuery). Rows come in
    /// the walk's order: with `reverse`, the last rows of the list first.
    Result<QList<Message>> page(const PageQuery& query);
    /// Walks the positions of `query`'s order (its filter, sort and direction; anchor and limit are
    /// ignored) and reports the first row of every page of `every` rows: `sink(anchors found so
    /// far, rows seen so far)` is called every so often and at the end; it returns false to stop.
    /// Returns the number of matching rows (rows seen, when stopped). For MessageSort::Id it reads
    /// only index entries, in any order, into a bitmap of ids: a few MB for ten million rows.
    Result<qint64> scanAnchors(
        const PageQuery& query, int every, const std::function<bool(const QList<PageAnchor>&, qint64)>& sink);
    /// Per plant × flow numbers; lag percentiles over messages posted since now - lagWindowMs.
    Result<QList<CellStats>> cellStats(qint64 now, qint64 lagWindowMs);
    /// Sum of `changes` rows: increases on every write; a cheap "did anything change" probe.
    qint64 dataVersion();

    // --- endpoint health -------------------------------------------------------------------
    Status putEndpointHealth(const EndpointHealth& health);
    Result<QList<EndpointHealth>> endpointHealth();

    // --- alerts (AlertTypes.h) --------------------------------------------------------------
    Result<QList<AlertRule>> alertRules();
    /// Inserts (id 0) or updates a rule and appends `audit` (its before/after filled from the
    /// rows), in one transaction. A second rule for the same flow, plant and metric is a Conflict.
    Result<qint64> putAlertRule(const AlertRule& rule, const AuditEntry& audit);
    /// Unacknowledged first, then acknowledged but still holding, then closed; newest first in each.
    /// `liveOnly` leaves out the closed ones (acknowledged and cleared).
    Result<QList<Alert>> alerts(bool liveOnly, int limit);
    Result<Alert> alert(qint64 id);
    /// Alerts with an id above `afterId`, oldest first: what another console may have raised.
    Result<QList<Alert>> alertsAfter(qint64 afterId);
    /// Marks an unacknowledged alert acknowledged (an open one becomes "acknowledged", a cleared one
    /// stays cleared and so closes) and appends `audit`, in one transaction.
    Status acknowledgeAlert(qint64 id, const QString& by, const QString& comment, const AuditEntry& audit, qint64 now);
    /// Brings the alert table in line with what holds now: raises an alert for each breach without a
    /// live one (the partial unique index keeps it to one, whoever evaluates), opens again a cleared
    /// unacknowledged one, clears the live ones whose condition stopped. Takes the write lock only
    /// when something changes.
    Result<AlertSync> syncAlerts(const QList<AlertBreach>& breaches, qint64 now);
    /// Target calls per plant × flow started at or after `since`, and how many failed.
    Result<QList<AttemptRate>> attemptRates(qint64 since);

    /// Runs `work` in one transaction: the write methods it calls (apply, appendAudit, ...) join it
    /// instead of committing on their own, so their effects and audit entries commit together or
    /// not at all. `work` returns an error to roll everything back. Not reentrant across threads.
    Status inTransaction(const std::function<Status()>& work);

    QSqlDatabase database() const;

private:
    Status migrate();
    Status begin();
    Status commit();
    void rollback();
    /// ROLLBACK of the outermost transaction, and the audit chain forgets its uncommitted head.
    void abortTransaction();
    Status appendAuditInTx(const AuditEntry& entry);
    Status appendAttemptInTx(const Attempt& a);
    Error sqlError(const QSqlQuery& q, const QString& what) const;
    QString m_connection;
    std::optional<AuditChain> m_auditChain; ///< set by a successful open
    int m_txDepth = 0; ///< begin() calls not yet committed or rolled back (inTransaction nests writes)
    bool m_txDoomed = false; ///< a nested write rolled back: the outer transaction must not commit
};

/// SHA-256 (hex) of an audit entry chained to `prevHash`: the rule of entries written before the
/// journal had an audit key (AuditChain).
QString auditHash(const AuditEntry& e, const QString& prevHash);

} // namespace Interlock::Journal

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"
#include "models/domain/Result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace Interlock::Journal {

/// What a walk of the audit trail found.
struct AuditVerification
{
    bool intact = true;
    qint64 entries = 0; ///< rows walked
    /// The first bad entry (for a truncation: the first missing id); 0 when intact.
    qint64 firstBadId = 0;
    QString problem; ///< what is wrong with it, for people
    qint64 keyedFrom = 0; ///< first id under the HMAC rule; 0: no keyed entry yet (a legacy SHA-256 trail)
};

/// The keyed audit chain of one journal.
///
/// Rule: entry i's hash is HMAC-SHA256(key, canonical(i, fields, hash of entry i-1)). Entries
/// written before the key existed (ids below `keyedFrom`) keep the old plain SHA-256 rule; the
/// first keyed entry chains to the last of them, so they cannot be changed without the key either.
///
/// The key: 32 random bytes in `<journal>.auditkey` (hex, mode 0600, owner only; anything looser is
/// refused), created at the first open of a journal with no keyed entries. The head (count, last id,
/// last hash, keyedFrom) is kept, MAC'd, in the `audit_chain` table, updated in the transaction of
/// each append, and mirrored after the commit into `<journal>.audithead` beside the key, so that
/// deleting the newest entries (with or without restoring an old head row, or an old copy of the
/// whole journal) shows. What cannot show: entries appended after the last mirror write that a crash
/// kept from being mirrored, then deleted together with a rewrite of the head by someone with the key.
///
/// Threads: one instance per JournalStore (per thread). append() runs inside the caller's write
/// transaction; committed()/rolledBack() must follow it.
class AuditChain
{
public:
    /// Loads (or creates) the key of the SQLite journal at `journalPath`; ":memory:" or an empty
    /// path gets a key of its own that lives in memory only. Creates the `audit_chain` table if missing.
    static Result<AuditChain> open(const QSqlDatabase& db, const QString& journalPath);

    /// Appends `e` (its id, prevHash and hash are computed here) and moves the head. Inside a write transaction.
    Status append(const QSqlDatabase& db, const AuditEntry& e);
    /// The transaction that appended committed: mirror the head beside the key.
    void committed();
    void rolledBack();

    /// Walks the trail and the head; names the first bad entry.
    Result<AuditVerification> verify(const QSqlDatabase& db) const;

    static QString keyFilePath(const QString& journalPath);
    static QString headFilePath(const QString& journalPath);
    /// HMAC-SHA256 (hex) of entry `id` chained to `prevHash`.
    static QString mac(const QByteArray& key, qint64 id, const AuditEntry& e, const QString& prevHash);

    struct Head
    {
        qint64 keyedFrom = 0;
        qint64 count = 0;
        qint64 headId = 0;
        QString headHash;
    };

private:
    QString headMac(const Head& h) const;
    std::optional<Head> readHeadFile() const;

    QByteArray m_key;
    QString m_keyId;
    QString m_headPath; ///< empty: no companion (in-memory journal)
    std::optional<Head> m_pending;
};

} // namespace Interlock::Journal

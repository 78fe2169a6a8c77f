// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"
#include "models/domain/Result.h"
#include "models/journal/AccountTypes.h"

#include <optional>

namespace Interlock::Journal {

class JournalStore;

/// The `account` and `approval` tables of a journal: plain reads and writes, no policy (password
/// hashing, lock-out and who may do what live in app/ops/Accounts and the operations service).
///
/// Threads: the store's thread. Every write that takes an AuditEntry appends it in the same
/// transaction as the change; called inside JournalStore::inTransaction the write joins that
/// transaction. The store must outlive this object.
class AccountStore
{
public:
    explicit AccountStore(JournalStore& store);

    // --- accounts ---
    Result<qint64> accountCount();
    Result<QList<Account>> accounts();
    /// The account named `name` (any case); a Validation error NO_ACCOUNT when there is none.
    Result<Account> account(const QString& name);
    /// Inserts a new account (a Conflict ACCOUNT_EXISTS when the name is taken) with its audit entry.
    Result<qint64> insertAccount(const Account& account, const AuditEntry& audit);
    /// Writes every field of an existing account (found by id) except id and created_*, with the
    /// audit entry when it has an action. A Validation error NO_ACCOUNT when the row is gone.
    Status updateAccount(const Account& account, const std::optional<AuditEntry>& audit);

    // --- four-eyes approval requests ---
    Result<qint64> insertApproval(const ApprovalRequest& request, const AuditEntry& audit);
    Result<ApprovalRequest> approval(qint64 id);
    /// Newest first; only pending ones when `pendingOnly`.
    Result<QList<ApprovalRequest>> approvals(bool pendingOnly, int limit);
    /// Moves a pending request to `decided.state` with the decision fields, and appends `audit`.
    /// A Conflict NOT_PENDING when somebody decided it first (nothing is written then).
    Status decideApproval(const ApprovalRequest& decided, const AuditEntry& audit);

private:
    JournalStore& m_store;
};

} // namespace Interlock::Journal

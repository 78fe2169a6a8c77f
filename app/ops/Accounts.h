// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/Actor.h"
#include "app/ops/PasswordHash.h"
#include "models/domain/Clock.h"
#include "models/journal/AccountStore.h"

#include <QStringList>
#include <functional>

namespace Interlock::Journal {
class JournalStore;
}

namespace Interlock::Ops {

/// What may be shown of an account: everything but the password hash.
struct AccountInfo
{
    QString name;
    QString role;
    QStringList plants; ///< empty = every plant
    bool disabled = false;
    int failedSignIns = 0;
    qint64 lockedUntil = 0; ///< ms since the epoch; sign-in refused before it (0: not locked)
    qint64 lastSignInAt = 0;
    QString createdBy;
    qint64 createdAt = 0;
    int passwordIterations = 0;
    Actor actor() const { return Actor { name, role }; }
    /// "BEDFORD, NASHUA", or "all plants"
    QString plantsText() const;
};

/// Local accounts in the journal: creation and changes (each audited in the same transaction),
/// password rules, sign-in with lock-out.
///
/// Passwords: PBKDF2-HMAC-SHA256 (PasswordHash) with `Policy::iterations`; an account hashed
/// with fewer is re-hashed at its next successful sign-in. Weak passwords are refused with a
/// reason (checkPassword). Sign-in: an unknown name costs the same hashing as a known one and
/// gets the same answer as a wrong password; `Policy::maxFailures` consecutive failures lock the
/// account for `Policy::lockoutMs` (the count and the end are stored; the lock is audited);
/// while locked the password is not even checked. A disabled account is told so only after its
/// correct password.
///
/// Who may change accounts is not decided here: the operations service checks the permission
/// table first; the CLI (`interlock-engine user`) acts as an admin, since whoever can write the
/// journal file can do anything to it anyway. Threads: the store's thread.
class Accounts
{
public:
    /// Password hashing cost and sign-in lock-out.
    struct Policy
    {
        int iterations = PasswordHash::DefaultIterations;
        int maxFailures = 5;
        qint64 lockoutMs = 15 * 60'000;
    };

    explicit Accounts(Journal::JournalStore& store);
    Accounts(Journal::JournalStore& store, Policy policy, const Clock* clock = Clock::system());

    /// Whether the journal has any account (then the console asks for a sign-in).
    Result<bool> any();
    Result<QList<AccountInfo>> list();
    Result<AccountInfo> find(const QString& name);

    Status add(const Actor& by, const QString& name, const QString& role, const QStringList& plants,
        const QString& password, const QString& note = {});
    Status setPassword(const Actor& by, const QString& name, const QString& password, const QString& note = {});
    Status setRole(const Actor& by, const QString& name, const QString& role, const QString& note = {});
    Status setPlants(const Actor& by, const QString& name, const QStringList& plants, const QString& note = {});
    Status setDisabled(const Actor& by, const QString& name, bool disabled, const QString& note = {});
    /// Clears the lock-out and the failure count.
    Status unlock(const Actor& by, const QString& name, const QString& note = {});

    /// Checks a password. Errors (all ErrorClass::Auth): SIGN_IN_FAILED (unknown name or wrong
    /// password), LOCKED_OUT (the message says until when), ACCOUNT_DISABLED.
    Result<AccountInfo> signIn(const QString& name, const QString& password);

    /// A user name: 1-64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit.
    static Status checkName(const QString& name);
    /// Refuses empty, short (< 12 characters), over-long, name-containing, repetitive,
    /// digits-only and common passwords, saying which rule failed.
    static Status checkPassword(const QString& password, const QString& name);
    /// Trimmed, upper-case, unique site ids (1-32 of A-Z, 0-9, '_', '-'), or a Validation error.
    static Result<QStringList> normalizePlants(const QStringList& plants);
    static AccountInfo info(const Journal::Account& account);

private:
    Result<Journal::Account> load(const QString& name);
    AuditEntry audit(const Actor& by, const QString& action, const QString& note) const;
    Status change(const Actor& by, const QString& name, const QString& action, const QString& note,
        const std::function<Status(Journal::Account&)>& edit);
    static QString describe(const Journal::Account& account);

    Journal::JournalStore& m_store;
    Journal::AccountStore m_accounts;
    Policy m_policy;
    const Clock* m_clock;
};

} // namespace Interlock::Ops

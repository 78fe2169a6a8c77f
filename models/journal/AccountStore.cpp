// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/journal/AccountStore.h"

#include "models/journal/JournalStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Interlock::Journal {

namespace {
Unexpected sqlFailure(const QSqlQuery& q, const QString& what)
{
    const QSqlError e = q.lastError();
    const QString native = e.nativeErrorCode();
    const bool busy = native == QLatin1String("5") || native == QLatin1String("6");
    return fail(busy ? ErrorClass::Transient : ErrorClass::Permanent, QStringLiteral("SQL%1").arg(native),
        QStringLiteral("%1: %2").arg(what, e.text()));
}

const QString kAccountColumns = QStringLiteral(
    "id, name, role, plants, password_scheme, password_iterations, password_salt, password_hash, disabled, "
    "failed_sign_ins, last_failed_at, locked_until, last_sign_in_at, created_by, created_at, updated_at");

Account readAccount(const QSqlQuery& q)
{
    Account a;
    a.id = q.value(0).toLongLong();
    a.name = q.value(1).toString();
    a.role = q.value(2).toString();
    a.plants = q.value(3).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    a.passwordScheme = q.value(4).toString();
    a.passwordIterations = q.value(5).toInt();
    a.passwordSalt = q.value(6).toByteArray();
    a.passwordHash = q.value(7).toByteArray();
    a.disabled = q.value(8).toInt() != 0;
    a.failedSignIns = q.value(9).toInt();
    a.lastFailedAt = q.value(10).toLongLong();
    a.lockedUntil = q.value(11).toLongLong();
    a.lastSignInAt = q.value(12).toLongLong();
    a.createdBy = q.value(13).toString();
    a.createdAt = q.value(14).toLongLong();
    a.updatedAt = q.value(15).toLongLong();
    return a;
}

void bindAccount(QSqlQuery& q, const Account& a)
{
    q.bindValue(QStringLiteral(":name"), a.name);
    q.bindValue(QStringLiteral(":role"), a.role);
    // an empty list joins to a null string, which SQL would store as NULL
    q.bindValue(QStringLiteral(":plants"), QString(QLatin1String("") + a.plants.join(QLatin1Char(','))));
    q.bindValue(QStringLiteral(":scheme"), a.passwordScheme);
    q.bindValue(QStringLiteral(":iter"), a.passwordIterations);
    q.bindValue(QStringLiteral(":salt"), a.passwordSalt);
    q.bindValue(QStringLiteral(":hash"), a.passwordHash);
    q.bindValue(QStringLiteral(":disabled"), a.disabled ? 1 : 0);
    q.bindValue(QStringLiteral(":failed"), a.failedSignIns);
    q.bindValue(QStringLiteral(":lastFailed"), a.lastFailedAt);
    q.bindValue(QStringLiteral(":locked"), a.lockedUntil);
    q.bindValue(QStringLiteral(":lastSignIn"), a.lastSignInAt);
    q.bindValue(QStringLiteral(":updated"), a.updatedAt);
}

const QString kApprovalColumns
    = QStringLiteral("id, action, message_ids, note, reason, state, requested_by, requested_role, requested_at, "
                     "decided_by, decided_role, decided_at, decision_note, applied");

ApprovalRequest readApproval(const QSqlQuery& q)
{
    ApprovalRequest r;
    r.id = q.value(0).toLongLong();
    r.action = q.value(1).toString();
    for (const QString& id : q.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
        r.messageIds << id.toLongLong();
    r.note = q.value(3).toString();
    r.reason = q.value(4).toString();
    r.state = q.value(5).toString();
    r.requestedBy = q.value(6).toString();
    r.requestedRole = q.value(7).toString();
    r.requestedAt = q.value(8).toLongLong();
    r.decidedBy = q.value(9).toString();
    r.decidedRole = q.value(10).toString();
    r.decidedAt = q.value(11).toLongLong();
    r.decisionNote = q.value(12).toString();
    r.applied = q.value(13).toInt();
    return r;
}

QString joinIds(const QList<qint64>& ids)
{
    QStringList out;
    out.reserve(ids.size());
    for (qint64 id : ids)
        out << QString::number(id);
    return out.join(QLatin1Char(','));
}
} // namespace

AccountStore::AccountStore(JournalStore& store)
    : m_store(store)
{
}

Result<qint64> AccountStore::accountCount()
{
    QSqlQuery q(m_store.database());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM account")) || !q.next())
        return sqlFailure(q, QStringLiteral("account count"));
    return q.value(0).toLongLong();
}

Result<QList<Account>> AccountStore::accounts()
{
    QSqlQuery q(m_store.database());
    if (!q.exec(QStringLiteral("SELECT %1 FROM account ORDER BY name").arg(kAccountColumns)))
        return sqlFailure(q, QStringLiteral("accounts"));
    QList<Account> out;
    while (q.next())
        out << readAccount(q);
    return out;
}

Result<Account> AccountStore::account(const QString& name)
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT %1 FROM account WHERE name = :name").arg(kAccountColumns));
    q.bindValue(QStringLiteral(":name"), name);
    if (!q.exec())
        return sqlFailure(q, QStringLiteral("account"));
    if (!q.next())
        return fail(ErrorClass::Validation, QStringLiteral("NO_ACCOUNT"),
            QStringLiteral("there is no account '%1'").arg(name.left(64)));
    return readAccount(q);
}

Result<qint64> AccountStore::insertAccount(const Account& account, const AuditEntry& audit)
{
    qint64 id = 0;
    auto done = m_store.inTransaction([&]() -> Status {
        QSqlQuery exists(m_store.database());
        exists.prepare(QStringLiteral("SELECT 1 FROM account WHERE name = :name"));
        exists.bindValue(QStringLiteral(":name"), account.name);
        if (!exists.exec())
            return sqlFailure(exists, QStringLiteral("account exists"));
        if (exists.next())
            return fail(ErrorClass::Conflict, QStringLiteral("ACCOUNT_EXISTS"),
                QStringLiteral("there is an account '%1' already").arg(account.name));
        QSqlQuery q(m_store.database());
        q.prepare(QStringLiteral(
            "INSERT INTO account (name, role, plants, password_scheme, password_iterations, password_salt, "
            "password_hash, disabled, failed_sign_ins, last_failed_at, locked_until, last_sign_in_at, created_by, "
            "created_at, updated_at) VALUES (:name, :role, :plants, :scheme, :iter, :salt, :hash, :disabled, :failed, "
            ":lastFailed, :locked, :lastSignIn, :by, :created, :updated)"));
        bindAccount(q, account);
        q.bindValue(QStringLiteral(":by"), account.createdBy);
        q.bindValue(QStringLiteral(":created"), account.createdAt);
        if (!q.exec())
            return sqlFailure(q, QStringLiteral("account insert"));
        id = q.lastInsertId().toLongLong();
        return m_store.appendAudit(audit);
    });
    if (!done)
        return Unexpected { done.error() };
    return id;
}

Status AccountStore::updateAccount(const Account& account, const std::optional<AuditEntry>& audit)
{
    return m_store.inTransaction([&]() -> Status {
        QSqlQuery q(m_store.database());
        q.prepare(QStringLiteral(
            "UPDATE account SET name = :name, role = :role, plants = :plants, password_scheme = :scheme, "
            "password_iterations = :iter, password_salt = :salt, password_hash = :hash, disabled = :disabled, "
            "failed_sign_ins = :failed, last_failed_at = :lastFailed, locked_until = :locked, last_sign_in_at = "
            ":lastSignIn, updated_at = :updated WHERE id = :id"));
        bindAccount(q, account);
        q.bindValue(QStringLiteral(":id"), account.id);
        if (!q.exec())
            return sqlFailure(q, QStringLiteral("account update"));
        if (q.numRowsAffected() != 1)
            return fail(ErrorClass::Validation, QStringLiteral("NO_ACCOUNT"),
                QStringLiteral("the account '%1' is gone").arg(account.name));
        return audit ? m_store.appendAudit(*audit) : Status {};
    });
}

Result<qint64> AccountStore::insertApproval(const ApprovalRequest& r, const AuditEntry& audit)
{
    qint64 id = 0;
    auto done = m_store.inTransaction([&]() -> Status {
        QSqlQuery q(m_store.database());
        q.prepare(QStringLiteral("INSERT INTO approval (action, message_ids, note, reason, state, requested_by, "
                                 "requested_role, requested_at) VALUES (:action, :ids, :note, :reason, 'pending', "
                                 ":by, :role, :at)"));
        q.bindValue(QStringLiteral(":action"), r.action);
        q.bindValue(QStringLiteral(":ids"), joinIds(r.messageIds));
        q.bindValue(QStringLiteral(":note"), r.note);
        q.bindValue(QStringLiteral(":reason"), r.reason);
        q.bindValue(QStringLiteral(":by"), r.requestedBy);
        q.bindValue(QStringLiteral(":role"), r.requestedRole);
        q.bindValue(QStringLiteral(":at"), r.requestedAt);
        if (!q.exec())
            return sqlFailure(q, QStringLiteral("approval insert"));
        id = q.lastInsertId().toLongLong();
        AuditEntry a = audit;
        a.after = QStringLiteral("approval request %1 pending: %2").arg(id).arg(r.reason);
        return m_store.appendAudit(a);
    });
    if (!done)
        return Unexpected { done.error() };
    return id;
}

Result<ApprovalRequest> AccountStore::approval(qint64 id)
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT %1 FROM approval WHERE id = :id").arg(kApprovalColumns));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return sqlFailure(q, QStringLiteral("approval"));
    if (!q.next())
        return fail(ErrorClass::Validation, QStringLiteral("NOT_FOUND"),
            QStringLiteral("there is no approval request %1").arg(id));
    return readApproval(q);
}

Result<QList<ApprovalRequest>> AccountStore::approvals(bool pendingOnly, int limit)
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT %1 FROM approval WHERE (:pending = 0 OR state = 'pending') ORDER BY id DESC "
                             "LIMIT :n")
                  .arg(kApprovalColumns));
    q.bindValue(QStringLiteral(":pending"), pendingOnly ? 1 : 0);
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec())
        return sqlFailure(q, QStringLiteral("approvals"));
    QList<ApprovalRequest> out;
    while (q.next())
        out << readApproval(q);
    return out;
}

Status AccountStore::decideApproval(const ApprovalRequest& d, const AuditEntry& audit)
{
    return m_store.inTransaction([&]() -> Status {
        QSqlQuery q(m_store.database());
        q.prepare(QStringLiteral("UPDATE approval SET state = :state, decided_by = :by, decided_role = :role, "
                                 "decided_at = :at, decision_note = :note, applied = :applied WHERE id = :id AND "
                                 "state = 'pending'"));
        q.bindValue(QStringLiteral(":state"), d.state);
        q.bindValue(QStringLiteral(":by"), d.decidedBy);
        q.bindValue(QStringLiteral(":role"), d.decidedRole);
        q.bindValue(QStringLiteral(":at"), d.decidedAt);
        q.bindValue(QStringLiteral(":note"), d.decisionNote);
        q.bindValue(QStringLiteral(":applied"), d.applied);
        q.bindValue(QStringLiteral(":id"), d.id);
        if (!q.exec())
            return sqlFailure(q, QStringLiteral("approval decision"));
        if (q.numRowsAffected() != 1)
            return fail(ErrorClass::Conflict, QStringLiteral("NOT_PENDING"),
                QStringLiteral("approval request %1 was decided by somebody else meanwhile").arg(d.id));
        return m_store.appendAudit(audit);
    });
}

} // namespace Interlock::Journal

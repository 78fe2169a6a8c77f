// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Interlock::Journal {

/// A local account as the journal stores it (table `account`, migration 6). Times are ms since
/// the epoch; 0 means never. The password is only ever held as its salted, slow hash.
struct Account
{
    qint64 id = 0;
    QString name; ///< unique without regard to case
    QString role; ///< viewer, supervisor, integration, admin
    QStringList plants; ///< sites the account may act on; empty = every plant
    QString passwordScheme; ///< "pbkdf2-sha256"
    int passwordIterations = 0;
    QByteArray passwordSalt; ///< 16 random bytes
    QByteArray passwordHash; ///< the derived key (32 bytes)
    bool disabled = false;
    int failedSignIns = 0; ///< consecutive failures since the last success (or unlock)
    qint64 lastFailedAt = 0;
    qint64 lockedUntil = 0; ///< sign-in refused before this time
    qint64 lastSignInAt = 0;
    QString createdBy;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

/// States of a four-eyes approval request.
namespace ApprovalState {
inline const QString Pending = QStringLiteral("pending");
inline const QString Approved = QStringLiteral("approved");
inline const QString Rejected = QStringLiteral("rejected");
} // namespace ApprovalState

/// An action recorded for a second person's approval (table `approval`, migration 6).
struct ApprovalRequest
{
    qint64 id = 0;
    QString action; ///< the audit action it executes: message.replay, message.resolve, message.cancel
    QList<qint64> messageIds;
    QString note; ///< the requester's note, carried into the executed action's audit entries
    QString reason; ///< why it needs a second person: "142 messages (bulk above 100)", "parts cost 7,250.00 ..."
    QString state; ///< ApprovalState
    QString requestedBy;
    QString requestedRole;
    qint64 requestedAt = 0;
    QString decidedBy;
    QString decidedRole;
    qint64 decidedAt = 0;
    QString decisionNote;
    int applied = 0; ///< messages the approved action changed
};

} // namespace Interlock::Journal

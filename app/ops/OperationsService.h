// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/StatusReport.h"
#include "models/journal/JournalTypes.h"

#include <QObject>

namespace Interlock::Ops {

/// Who acts, for role checks and the audit trail.
struct Actor
{
    QString name;
    QString role; ///< viewer, supervisor, integration, admin
};

/// Everything the detail pane shows about one message.
struct MessageDetail
{
    Message message;
    QList<Attempt> attempts;
    QList<AuditEntry> audit;
};

/// The one interface the console talks to: queries, live change events and actions.
/// Implementations: LocalOperationsService (in-process, over the journal); a remote one later.
/// Threads: used from the thread that created it (the GUI thread). Every action checks the
/// actor's role and writes the audit trail in the same transaction as its effect.
class OperationsService : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~OperationsService() override = default;

    virtual Result<StatusReport> overview() = 0;
    /// Newest first, keyset paged: messages with id < beforeId (0 = newest).
    virtual Result<QList<Message>> page(const Journal::MessageFilter& filter, qint64 beforeId, int limit) = 0;
    virtual Result<qint64> count(const Journal::MessageFilter& filter) = 0;
    virtual Result<MessageDetail> detail(qint64 messageId) = 0;
    virtual QStringList plants() const = 0;

    /// stuck/blocked/retrying -> ready; the next attempt looks the document up before posting.
    virtual Result<int> replay(const Actor& actor, const QList<qint64>& ids, const QString& note) = 0;
    virtual Result<int> resolve(const Actor& actor, const QList<qint64>& ids, const QString& note) = 0;
    virtual Result<int> cancel(const Actor& actor, const QList<qint64>& ids, const QString& note) = 0;

Q_SIGNALS:
    /// The journal changed (at most about four times a second).
    void journalChanged();
};

} // namespace Interlock::Ops

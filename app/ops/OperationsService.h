// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/Accounts.h"
#include "app/ops/Actor.h"
#include "app/ops/AlertMonitor.h"
#include "app/ops/DryRunPlan.h"
#include "app/ops/KpiReport.h"
#include "app/ops/Permissions.h"
#include "app/ops/StatusReport.h"
#include "models/journal/AuditChain.h"
#include "models/journal/JournalTypes.h"

#include <QObject>

namespace Interlock::Ops {

/// Everything the detail pane shows about one message.
struct MessageDetail
{
    Message message;
    QList<Attempt> attempts;
    QList<AuditEntry> audit;
};

/// One change to an account, as `interlock-engine user ...` and OperationsService::changeUser
/// make it.
struct UserChange
{
    enum class Kind
    {
        Add, ///< name, role, plants, password
        Password, ///< name, password
        Role, ///< name, role
        Plants, ///< name, plants (empty: every plant)
        Disable,
        Enable,
        Unlock
    };
    Kind kind = Kind::Add;
    QString name;
    QString role;
    QStringList plants;
    QString password;
};

/// Open problems (stuck or blocked messages) that share one cause.
struct ExceptionGroup
{
    QString key; ///< stable identity: state, class, code and signature (or mapping domain and value)
    MessageState state = MessageState::Stuck;
    ErrorClass errorClass = ErrorClass::None;
    QString errorCode;
    QString signature; ///< normalized error text, or what a blocked message waits for
    QString blockedDomain; ///< blocked groups: the missing mapping's domain, or "predecessor"
    QString blockedValue; ///< blocked groups: the unmapped value (empty for "predecessor")
    QString example; ///< the error text of the newest message
    QStringList plants;
    QStringList flows;
    qint64 firstSeen = 0; ///< ms since the epoch: oldest last change among the messages
    qint64 lastSeen = 0;
    QList<Message> messages; ///< ascending id, without payloads
    qsizetype count() const { return messages.size(); }
    QList<qint64> ids() const
    {
        QList<qint64> out;
        out.reserve(messages.size());
        for (const Message& m : messages)
            out << m.id;
        return out;
    }
};

/// One unmapped CMMS value that blocks messages in one plant.
struct BlockingValue
{
    QString domain;
    QString plant;
    QString value;
    qint64 blocked = 0; ///< messages blocked on it in this plant
};

/// The one interface the console talks to: queries, live change events and actions.
/// Implementations: LocalOperationsService (in-process, over the journal); a remote one later.
/// Threads: used from the thread that created it (the GUI thread). Every action checks the
/// actor's role against the permission table (Permissions.h, which documents the matrix) and
/// the account's plant scope, and writes the audit trail in the same transaction as its effect;
/// a refused action changes nothing and fails with ErrorClass::Auth (FORBIDDEN, OUT_OF_SCOPE).
/// Four eyes: a replay, resolve or cancel over the configured thresholds is not executed but
/// recorded as a pending approval request (the action fails with code APPROVAL_PENDING, saying
/// which request waits); approve() by a second person executes it.
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

    // --- transactions: sorted pages, background count ---

    /// A keyset page in any order and direction (Journal::PageQuery). The default serves the
    /// newest-first id order through page() and refuses the others.
    virtual Result<QList<Message>> sortedPage(const Journal::PageQuery& query)
    {
        if (query.sort != Journal::MessageSort::Id || !query.descending || query.reverse)
            return fail(
                ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("sorting is not available"));
        const qint64 before = query.anchor ? query.anchor->id + (query.inclusive ? 1 : 0) : 0;
        return page(query.filter, before, query.limit);
    }
    /// Counts the messages of `query`'s filter and finds the first row of every `pageSize` rows in
    /// its order, in the background (never on the caller's thread). Reports come as
    /// rowScanProgress(ticket, ...) on this object's thread: first the count, then the anchors.
    /// The default counts with count() from the event loop and finds no anchors.
    virtual quint64 startRowScan(const Journal::PageQuery& query, int pageSize)
    {
        Q_UNUSED(pageSize)
        const quint64 ticket = ++m_rowScanTicket;
        QMetaObject::invokeMethod(
            this,
            [this, ticket, filter = query.filter] {
                const auto n = count(filter);
                Q_EMIT rowScanProgress(ticket, n ? *n : -1, QList<Journal::PageAnchor> {}, true);
            },
            Qt::QueuedConnection);
        return ticket;
    }
    /// Stops a scan: it reports nothing more.
    virtual void cancelRowScan(quint64 ticket) { Q_UNUSED(ticket) }

    /// stuck/blocked/retrying -> ready; the next attempt looks the document up before posting.
    virtual Result<int> replay(const Actor& actor, const QList<qint64>& ids, const QString& note) = 0;
    virtual Result<int> resolve(const Actor& actor, const QList<qint64>& ids, const QString& note) = 0;
    virtual Result<int> cancel(const Actor& actor, const QList<qint64>& ids, const QString& note) = 0;

    /// Stuck and blocked messages grouped by cause, largest group first.
    virtual Result<QList<ExceptionGroup>> exceptionGroups() = 0;
    /// Unmapped values that block messages (domain, plant, value), most blocked first.
    virtual Result<QList<BlockingValue>> blockingValues() = 0;
    /// How many messages a mapping of (domain, value) for `plant` (empty: all plants) would release.
    virtual Result<qint64> blockedBy(const QString& domain, const QString& plant, const QString& value) = 0;
    /// The cross-reference table; all domains when `domain` is empty.
    virtual Result<QList<Mapping>> mappings(const QString& domain) = 0;
    /// Saves a mapping (integration, admin) with its audit entry in one transaction.
    /// Returns how many blocked messages it releases; the engine heals them on its next pass.
    virtual Result<qint64> putMapping(const Actor& actor, const Mapping& mapping, const QString& note) = 0;

    // --- exception actions: edit-and-resubmit, dry run ---

    /// Largest target payload resubmit() accepts (bytes, as given).
    static constexpr qsizetype MaxResubmitPayloadBytes = 1024 * 1024;
    /// Edit-and-resubmit: replaces the target payload of a stuck or retrying message with
    /// `editedTargetPayload` (a JSON object, at most MaxResubmitPayloadBytes; stored compact) and
    /// makes it ready, with an audit entry "message.resubmit" whose before/after are the old and
    /// the new payload, all in one transaction. The engine posts the payload as stored (never
    /// transforms it again) and, when an earlier attempt may have reached the target, looks the
    /// document up first. Blocked messages are refused: they have no payload to edit until their
    /// mapping (or predecessor) is there, and a mapping heals all of them. A note is required;
    /// integration and admin only (Auth otherwise). Validation errors change nothing.
    virtual Status resubmit(const Actor& actor, qint64 id, const QByteArray& editedTargetPayload, const QString& note)
    {
        Q_UNUSED(actor)
        Q_UNUSED(id)
        Q_UNUSED(editedTargetPayload)
        Q_UNUSED(note)
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("resubmit is not available"));
    }
    /// Dry run: the HTTP calls the target connector would make for message `id` if it were
    /// dispatched now, built by the connector's own request code; nothing is sent. With
    /// `editedTargetPayload` non-empty, for that payload instead of the journaled one (the
    /// resubmit dialog's preview). A plan the connector would refuse has `problem` set.
    /// Integration and admin only (it shows the target request); audited ("message.dry_run").
    virtual Result<DryRunPlan> dryRun(const Actor& actor, qint64 id, const QByteArray& editedTargetPayload)
    {
        Q_UNUSED(actor)
        Q_UNUSED(id)
        Q_UNUSED(editedTargetPayload)
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("dry run is not available"));
    }

    // --- KPIs ---
    /// Cross-plant KPIs over a range (KpiReport documents every figure). Any role may read them.
    virtual Result<KpiReport> kpis(const KpiQuery& query)
    {
        Q_UNUSED(query)
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("KPIs are not available"));
    }

    // --- alerts ---

    /// Alert rules (thresholds per flow and plant; empty = any), by metric, plant and flow.
    virtual Result<QList<Ops::AlertRule>> alertRules()
    {
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("alerts are not available"));
    }
    /// Adds (rule.id 0) or changes a rule; integration and admin only (Auth otherwise).
    /// The rule is validated (AlertMonitor::validate) and audited ("alert.rule") in one transaction.
    /// Returns the rule's id.
    virtual Result<qint64> putAlertRule(const Actor& actor, const Ops::AlertRule& rule, const QString& note)
    {
        Q_UNUSED(actor)
        Q_UNUSED(rule)
        Q_UNUSED(note)
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("alerts are not available"));
    }
    /// Alerts, unacknowledged first, newest first; every role may read them.
    virtual Result<QList<Ops::Alert>> alerts(Ops::AlertFilter filter)
    {
        Q_UNUSED(filter)
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("alerts are not available"));
    }
    /// Acknowledges an alert with an optional comment (at most 1000 characters), audited
    /// ("alert.acknowledge") in the same transaction; viewers are refused (Auth), an alert that is
    /// already acknowledged is a Conflict.
    virtual Status acknowledgeAlert(const Actor& actor, qint64 alertId, const QString& comment)
    {
        Q_UNUSED(actor)
        Q_UNUSED(alertId)
        Q_UNUSED(comment)
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("alerts are not available"));
    }
    /// Judges the rules now (implementations also do so on journal changes and on a timer).
    /// Returns how many alerts this evaluation raised.
    virtual Result<int> evaluateAlerts()
    {
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("alerts are not available"));
    }
    /// Walks the audit trail's keyed hash chain and its head; any role may ask.
    virtual Result<Journal::AuditVerification> verifyAuditTrail()
    {
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"),
            QStringLiteral("audit verification is not available"));
    }

    // --- mappings import ---

    /// Inserts the mappings not yet present (existing ones are kept), audited ("mapping.import")
    /// in one transaction. Integration and admin; a plant-scoped account only rows of its plants.
    /// Returns how many rows were inserted.
    virtual Result<int> importMappings(const Actor& actor, const QList<Mapping>& rows, const QString& note)
    {
        Q_UNUSED(actor)
        Q_UNUSED(rows)
        Q_UNUSED(note)
        return fail(
            ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("mapping import is not available"));
    }

    // --- sign-in, roles and accounts ---

    /// Whether the permission table lets `actor`'s role do `action`: for the console to disable
    /// what the role forbids. The actions check it themselves (with the account's current role).
    virtual bool isAllowed(const Actor& actor, Action action) const { return Permissions::allows(actor.role, action); }
    /// Whether the journal has accounts: then the console asks for a sign-in. Default: none.
    virtual Result<bool> hasAccounts() { return false; }
    /// Checks a user name and password (Accounts::signIn: SIGN_IN_FAILED, LOCKED_OUT with the
    /// time it ends, ACCOUNT_DISABLED). The account on success; its actor() acts from then on.
    virtual Result<AccountInfo> signIn(const QString& name, const QString& password)
    {
        Q_UNUSED(name)
        Q_UNUSED(password)
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("sign-in is not available"));
    }
    /// The accounts, for an admin (Action::ManageUsers).
    virtual Result<QList<AccountInfo>> users(const Actor& actor)
    {
        Q_UNUSED(actor)
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("accounts are not available"));
    }
    /// One account change by an admin without plant scope, audited ("user.*").
    virtual Status changeUser(const Actor& actor, const UserChange& change, const QString& note)
    {
        Q_UNUSED(actor)
        Q_UNUSED(change)
        Q_UNUSED(note)
        return fail(ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("accounts are not available"));
    }

    // --- four eyes ---

    /// Why replay (Action::Replay), resolve or cancel of `ids` would need a second person's
    /// approval, or an empty text when it would run at once. The console asks before a bulk
    /// action so it sends one request for the whole selection instead of chunks.
    virtual Result<QString> approvalNeeded(Action action, const QList<qint64>& ids)
    {
        Q_UNUSED(action)
        Q_UNUSED(ids)
        return QString();
    }
    /// Approval requests, newest first; only the pending ones when `pendingOnly`. Any role may read them.
    virtual Result<QList<Journal::ApprovalRequest>> approvals(bool pendingOnly)
    {
        Q_UNUSED(pendingOnly)
        return QList<Journal::ApprovalRequest> {};
    }
    /// Approves a pending request and executes it in the same transaction: the approver must be
    /// another person than the requester (SELF_APPROVAL otherwise) whose role and plants allow
    /// the action. The messages' audit entries name both; "approval.approve" records the
    /// decision. Returns how many messages changed.
    virtual Result<int> approve(const Actor& actor, qint64 requestId, const QString& note)
    {
        Q_UNUSED(actor)
        Q_UNUSED(requestId)
        Q_UNUSED(note)
        return fail(
            ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("approvals are not available"));
    }
    /// Drops a pending request: its requester (withdrawing it) or anybody who could approve it.
    virtual Status reject(const Actor& actor, qint64 requestId, const QString& note)
    {
        Q_UNUSED(actor)
        Q_UNUSED(requestId)
        Q_UNUSED(note)
        return fail(
            ErrorClass::Permanent, QStringLiteral("UNSUPPORTED"), QStringLiteral("approvals are not available"));
    }

Q_SIGNALS:
    /// A new alert, emitted once per alert by each console's service that sees it (raised by its
    /// own evaluation or by another console or engine on the same journal).
    void alertRaised(const Interlock::Ops::Alert& alert);
    /// Alerts or rules changed: raised, opened again, cleared, acknowledged, edited.
    void alertsChanged();

Q_SIGNALS:
    /// The journal changed (at most about four times a second).
    void journalChanged();
    /// Progress of startRowScan(): `rows` matching messages (-1: counting failed); `anchors` the
    /// first row of every page in the scan's order, complete when `done`.
    void rowScanProgress(quint64 ticket, qint64 rows, const QList<Interlock::Journal::PageAnchor>& anchors, bool done);

protected:
    quint64 m_rowScanTicket = 0;
};

} // namespace Interlock::Ops

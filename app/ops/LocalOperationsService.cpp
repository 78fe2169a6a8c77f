// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/LocalOperationsService.h"

#include "app/ops/ErrorSignature.h"
#include "connectors/sap/SapErpTarget.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

namespace Interlock::Ops {

namespace {
/// The message actions that four eyes can hold: their audit name and the state they lead to.
struct MessageAction
{
    Action action;
    const char* audit;
    MessageState to;
};
constexpr MessageAction kMessageActions[] = {
    { Action::Replay, "message.replay", MessageState::Ready },
    { Action::Resolve, "message.resolve", MessageState::Resolved },
    { Action::Cancel, "message.cancel", MessageState::Cancelled },
};

const MessageAction* messageAction(Action action)
{
    for (const MessageAction& m : kMessageActions)
        if (m.action == action)
            return &m;
    return nullptr;
}

const MessageAction* messageAction(const QString& audit)
{
    for (const MessageAction& m : kMessageActions)
        if (audit == QLatin1String(m.audit))
            return &m;
    return nullptr;
}

Unexpected forbidden(const QString& role, Action action)
{
    return fail(ErrorClass::Auth, QStringLiteral("FORBIDDEN"),
        QStringLiteral("role '%1' may not %2 (allowed: %3)")
            .arg(role, Permissions::actionText(action), Permissions::rolesAllowed(action).join(QStringLiteral(", "))));
}

QString joinIds(const QList<qint64>& ids)
{
    QStringList out;
    out.reserve(ids.size());
    for (qint64 id : ids)
        out << QString::number(id);
    return out.join(QLatin1Char(','));
}

/// Cost of a parts posting as the KPIs count it (migration 4): |linecost|, else |quantity| x
/// unitcost, from the Maximo source payload; nullopt when the payload carries neither.
std::optional<double> partsCost(const Message& m)
{
    if (m.flow != Flow::PartsConsumption)
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(m.sourcePayload).object();
    const QJsonValue line = o.value(QLatin1String("linecost"));
    if (line.isDouble())
        return std::abs(line.toDouble());
    const QJsonValue qty = o.value(QLatin1String("quantity"));
    const QJsonValue unit = o.value(QLatin1String("unitcost"));
    if (qty.isDouble() && unit.isDouble())
        return std::abs(qty.toDouble()) * unit.toDouble();
    return std::nullopt;
}

/// The messages an action towards `to` would change: not one in flight, not one the state
/// machine forbids, and not a blocked one to be replayed (the engine releases it when its
/// mapping or predecessor is there).
QList<Message> eligibleFor(const QList<Message>& messages, MessageState to)
{
    QList<Message> out;
    for (const Message& m : messages)
        if (StateMachine::canTransition(m.state, to) && m.state != MessageState::InFlight
            && !(to == MessageState::Ready && m.state == MessageState::Blocked))
            out << m;
    return out;
}

/// The transitions of `eligible` (eligibleFor) to `to`, each with its audit entry.
QList<Journal::TransitionRequest> transitions(const Actor& as, const QList<Message>& eligible, const QString& note,
    const QString& auditAction, MessageState to, qint64 now)
{
    QList<Journal::TransitionRequest> out;
    out.reserve(eligible.size());
    for (const Message& m : eligible) {
        Journal::TransitionRequest t;
        t.messageId = m.id;
        t.from = m.state;
        t.to = to;
        if (to == MessageState::Ready)
            t.nextAttemptAt = 0;
        AuditEntry a;
        a.at = now;
        a.actor = as.name;
        a.role = as.role;
        a.action = auditAction;
        a.messageIds = QString::number(m.id);
        a.before = stateName(m.state);
        a.after = stateName(to);
        a.note = note;
        t.audit = a;
        out << t;
    }
    return out;
}
} // namespace

LocalOperationsService::LocalOperationsService(Config::EngineConfig config, QObject* parent)
    : OperationsService(parent)
    , m_config(std::move(config))
{
    connect(&m_watch, &QTimer::timeout, this, [this] {
        const qint64 v = m_store.dataVersion();
        if (v != m_dataVersion) {
            m_dataVersion = v;
            Q_EMIT journalChanged();
        }
    });
}

Status LocalOperationsService::open()
{
    // a console reads an engine's journal; it never creates one where the engine has none
    if (!QFileInfo::exists(m_config.journalPath))
        return fail(ErrorClass::Permanent, QStringLiteral("JOURNAL_MISSING"),
            QStringLiteral("no journal at %1: start the engine first, or check the config").arg(m_config.journalPath));
    if (auto s = m_store.openSqlite(m_config.journalPath); !s)
        return s;
    Accounts::Policy policy;
    policy.iterations = m_passwordIterations;
    policy.maxFailures = m_config.security.lockoutFailures;
    policy.lockoutMs = static_cast<qint64>(m_config.security.lockoutMinutes) * 60'000;
    m_accounts.emplace(m_store, policy, m_clock);
    m_dataVersion = m_store.dataVersion();
    m_watch.start(250);
    startAlerts();
    return {};
}

Result<StatusReport> LocalOperationsService::overview()
{
    return StatusReport::build(m_store, m_config, QDateTime::currentMSecsSinceEpoch());
}

Result<QList<Message>> LocalOperationsService::page(const Journal::MessageFilter& filter, qint64 beforeId, int limit)
{
    return m_store.page(filter, beforeId, std::clamp(limit, 1, 5000));
}

Result<qint64> LocalOperationsService::count(const Journal::MessageFilter& filter)
{
    return m_store.count(filter);
}

Result<QList<Message>> LocalOperationsService::sortedPage(const Journal::PageQuery& query)
{
    return m_store.page(query);
}

quint64 LocalOperationsService::startRowScan(const Journal::PageQuery& query, int pageSize)
{
    if (!m_rowScanner) {
        m_rowScanner = new RowScanner(m_config.journalPath, this);
        connect(m_rowScanner, &RowScanner::progress, this, &OperationsService::rowScanProgress);
    }
    const quint64 ticket = ++m_rowScanTicket;
    m_rowScanner->start(ticket, query, pageSize);
    return ticket;
}

void LocalOperationsService::cancelRowScan(quint64 ticket)
{
    if (m_rowScanner)
        m_rowScanner->cancel(ticket);
}

Result<MessageDetail> LocalOperationsService::detail(qint64 messageId)
{
    auto m = m_store.message(messageId);
    if (!m)
        return Unexpected { m.error() };
    auto a = m_store.attempts(messageId);
    if (!a)
        return Unexpected { a.error() };
    auto audit = m_store.audit(messageId, 200);
    if (!audit)
        return Unexpected { audit.error() };
    return MessageDetail { *m, *a, *audit };
}

QStringList LocalOperationsService::plants() const
{
    QStringList out;
    for (const auto& p : m_config.plants)
        out << p.site;
    return out;
}

// --- roles, plant scope, four eyes ---

Accounts& LocalOperationsService::accounts()
{
    Q_ASSERT(m_accounts); // open() makes it
    return *m_accounts;
}

Result<LocalOperationsService::Principal> LocalOperationsService::principal(const Actor& actor)
{
    if (!m_accounts)
        return fail(ErrorClass::Permanent, QStringLiteral("NOT_OPEN"), QStringLiteral("the journal is not open"));
    const auto any = accounts().any();
    if (!any)
        return Unexpected { any.error() };
    if (!*any) {
        // no accounts yet: the caller's word is all there is (a console started before sign-in was set up)
        const auto role = Permissions::roleFromName(actor.role);
        if (!role)
            return fail(ErrorClass::Auth, QStringLiteral("UNKNOWN_ROLE"),
                QStringLiteral("'%1' is not a role (%2)")
                    .arg(actor.role.left(40), Permissions::roleNames().join(QStringLiteral(", "))));
        return Principal { actor, *role, {} };
    }
    const auto account = accounts().find(actor.name);
    if (!account) {
        if (account.error().code == QLatin1String("NO_ACCOUNT"))
            return fail(ErrorClass::Auth, QStringLiteral("UNKNOWN_ACTOR"),
                QStringLiteral("'%1' has no account in this journal: sign in first").arg(actor.name.left(64)));
        return Unexpected { account.error() };
    }
    if (account->disabled)
        return fail(ErrorClass::Auth, QStringLiteral("ACCOUNT_DISABLED"),
            QStringLiteral("account '%1' is disabled").arg(account->name));
    // the journal's role, not the caller's: a role changed since sign-in takes effect at once
    return Principal { account->actor(), Permissions::roleFromName(account->role).value_or(Role::Viewer),
        account->plants };
}

Result<LocalOperationsService::Principal> LocalOperationsService::authorize(const Actor& actor, Action action)
{
    auto who = principal(actor);
    if (!who)
        return who;
    if (!Permissions::allows(who->role, action))
        return forbidden(who->actor.role, action);
    return who;
}

Status LocalOperationsService::checkPlant(const Principal& who, const QString& plant, const QString& what)
{
    if (who.plants.isEmpty() || (!plant.isEmpty() && who.plants.contains(plant)))
        return {};
    return fail(ErrorClass::Auth, QStringLiteral("OUT_OF_SCOPE"),
        QStringLiteral("%1 may act on %2 only, not on %3")
            .arg(who.actor.name, who.plants.join(QStringLiteral(", ")),
                plant.isEmpty() ? QStringLiteral("%1 of every plant").arg(what)
                                : QStringLiteral("%1 of %2").arg(what, plant)));
}

Status LocalOperationsService::checkScope(const Principal& who, const QList<Message>& messages)
{
    if (who.plants.isEmpty())
        return {};
    QStringList outside;
    for (const Message& m : messages)
        if (!who.plants.contains(m.plant))
            outside << QStringLiteral("%1 (%2)").arg(m.id).arg(m.plant);
    if (outside.isEmpty())
        return {};
    const qsizetype n = outside.size();
    if (n > 10) {
        outside = outside.mid(0, 10);
        outside << QStringLiteral("… %1 more").arg(n - 10);
    }
    return fail(ErrorClass::Auth, QStringLiteral("OUT_OF_SCOPE"),
        QStringLiteral("%1 may act on %2 only: %3 of the messages belong to other plants (%4); nothing was changed")
            .arg(who.actor.name, who.plants.join(QStringLiteral(", ")))
            .arg(n)
            .arg(outside.join(QStringLiteral(", "))));
}

Result<QList<Message>> LocalOperationsService::load(const QList<qint64>& ids)
{
    QList<Message> out;
    out.reserve(ids.size());
    for (qint64 id : ids) {
        auto m = m_store.message(id);
        if (m)
            out << *m;
        else if (m.error().errorClass == ErrorClass::Transient)
            return Unexpected { m.error() };
        // a message that is not there is skipped, as a state that cannot change is
    }
    return out;
}

QString LocalOperationsService::fourEyesReason(MessageState to, const QList<Message>& eligible) const
{
    const Config::SecurityConfig& sec = m_config.security;
    QStringList why;
    if (sec.fourEyesBulkAbove > 0 && eligible.size() > sec.fourEyesBulkAbove)
        why << QStringLiteral("%1 messages at once (more than %2)").arg(eligible.size()).arg(sec.fourEyesBulkAbove);
    if (sec.fourEyesCostAbove > 0 && (to == MessageState::Resolved || to == MessageState::Cancelled)) {
        QStringList costly;
        for (const Message& m : eligible) {
            const auto cost = partsCost(m);
            if (cost && *cost > static_cast<double>(sec.fourEyesCostAbove))
                costly << QStringLiteral("%1 (%2)").arg(m.id).arg(*cost, 0, 'f', 2);
        }
        if (!costly.isEmpty())
            why << QStringLiteral("parts postings costing more than %1: %2")
                       .arg(sec.fourEyesCostAbove)
                       .arg(costly.mid(0, 10).join(QStringLiteral(", ")));
    }
    return why.join(QStringLiteral("; "));
}

Result<int> LocalOperationsService::act(
    const Actor& actor, const QList<qint64>& ids, const QString& note, Action action)
{
    const MessageAction* what = messageAction(action);
    Q_ASSERT(what);
    const auto who = authorize(actor, action);
    if (!who)
        return Unexpected { who.error() };
    if (ids.size() > 1 && !Permissions::allows(who->role, Action::Bulk))
        return forbidden(who->actor.role, Action::Bulk);
    if (note.trimmed().isEmpty() && what->to != MessageState::Ready)
        return fail(ErrorClass::Validation, QStringLiteral("NOTE_REQUIRED"), QStringLiteral("a note is required"));
    const auto messages = load(ids);
    if (!messages)
        return Unexpected { messages.error() };
    if (auto s = checkScope(*who, *messages); !s)
        return Unexpected { s.error() };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString auditAction = QString::fromLatin1(what->audit);
    const QList<Message> eligible = eligibleFor(*messages, what->to);
    if (const QString reason = fourEyesReason(what->to, eligible); !reason.isEmpty()) {
        // not executed: recorded for a second person (the same request twice is one request)
        Journal::AccountStore store(m_store);
        Journal::ApprovalRequest r;
        r.action = auditAction;
        for (const Message& m : std::as_const(eligible))
            r.messageIds << m.id;
        r.note = note.trimmed();
        r.reason = reason;
        r.requestedBy = who->actor.name;
        r.requestedRole = who->actor.role;
        r.requestedAt = now;
        qint64 requestId = 0;
        if (const auto pending = store.approvals(true, 1000)) {
            for (const auto& p : *pending)
                if (p.action == r.action && p.messageIds == r.messageIds && p.requestedBy == r.requestedBy)
                    requestId = p.id;
        }
        if (requestId == 0) {
            AuditEntry a;
            a.at = now;
            a.actor = who->actor.name;
            a.role = who->actor.role;
            a.action = QStringLiteral("approval.request");
            a.messageIds = joinIds(r.messageIds);
            a.before = auditAction;
            a.note = r.note;
            auto id = store.insertApproval(r, a);
            if (!id)
                return Unexpected { id.error() };
            requestId = *id;
        }
        return fail(ErrorClass::Auth, QStringLiteral("APPROVAL_PENDING"),
            QStringLiteral("%1 of %2 message(s) needs a second person's approval (%3): request %4 waits for a %5 "
                           "other than %6")
                .arg(Permissions::actionName(action))
                .arg(eligible.size())
                .arg(reason)
                .arg(requestId)
                .arg(Permissions::rolesAllowed(action).join(QStringLiteral(", ")), who->actor.name),
            0, QString::number(requestId));
    }
    auto applied = m_store.apply(transitions(who->actor, eligible, note, auditAction, what->to, now), now);
    if (!applied)
        return Unexpected { applied.error() };
    return static_cast<int>(applied->size());
}

Result<int> LocalOperationsService::replay(const Actor& actor, const QList<qint64>& ids, const QString& note)
{
    return act(actor, ids, note, Action::Replay);
}

Result<int> LocalOperationsService::resolve(const Actor& actor, const QList<qint64>& ids, const QString& note)
{
    return act(actor, ids, note, Action::Resolve);
}

Result<int> LocalOperationsService::cancel(const Actor& actor, const QList<qint64>& ids, const QString& note)
{
    return act(actor, ids, note, Action::Cancel);
}

Result<QString> LocalOperationsService::approvalNeeded(Action action, const QList<qint64>& ids)
{
    const MessageAction* what = messageAction(action);
    const Config::SecurityConfig& sec = m_config.security;
    if (!what || (sec.fourEyesBulkAbove <= 0 && sec.fourEyesCostAbove <= 0))
        return QString(); // four eyes is off: nothing to read
    const auto messages = load(ids);
    if (!messages)
        return Unexpected { messages.error() };
    return fourEyesReason(what->to, eligibleFor(*messages, what->to));
}

Result<QList<Journal::ApprovalRequest>> LocalOperationsService::approvals(bool pendingOnly)
{
    return Journal::AccountStore(m_store).approvals(pendingOnly, 500);
}

Result<int> LocalOperationsService::approve(const Actor& actor, qint64 requestId, const QString& note)
{
    Journal::AccountStore store(m_store);
    auto request = store.approval(requestId);
    if (!request)
        return Unexpected { request.error() };
    if (request->state != Journal::ApprovalState::Pending)
        return fail(ErrorClass::Conflict, QStringLiteral("NOT_PENDING"),
            QStringLiteral("approval request %1 is %2 already (by %3)")
                .arg(requestId)
                .arg(request->state, request->decidedBy));
    const MessageAction* what = messageAction(request->action);
    if (!what)
        return fail(ErrorClass::Permanent, QStringLiteral("UNKNOWN_ACTION"),
            QStringLiteral("approval request %1 is for an unknown action '%2'").arg(requestId).arg(request->action));
    const auto who = authorize(actor, what->action);
    if (!who)
        return Unexpected { who.error() };
    if (request->messageIds.size() > 1 && !Permissions::allows(who->role, Action::Bulk))
        return forbidden(who->actor.role, Action::Bulk);
    if (who->actor.name.compare(request->requestedBy, Qt::CaseInsensitive) == 0)
        return fail(ErrorClass::Auth, QStringLiteral("SELF_APPROVAL"),
            QStringLiteral("%1 requested this; a second, different person must approve it").arg(who->actor.name));
    const auto messages = load(request->messageIds);
    if (!messages)
        return Unexpected { messages.error() };
    if (auto s = checkScope(*who, *messages); !s)
        return Unexpected { s.error() };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString both = QStringLiteral("four eyes: requested by %1 (%2), approved by %3 (%4)")
                             .arg(request->requestedBy, request->requestedRole, who->actor.name, who->actor.role);
    const QString messageNote = request->note.isEmpty() ? both : QStringLiteral("%1 [%2]").arg(request->note, both);
    const auto changes
        = transitions(who->actor, eligibleFor(*messages, what->to), messageNote, request->action, what->to, now);
    int applied = 0;
    auto done = m_store.inTransaction([&]() -> Status {
        auto changed = m_store.apply(changes, now);
        if (!changed)
            return Unexpected { changed.error() };
        applied = static_cast<int>(changed->size());
        Journal::ApprovalRequest d = *request;
        d.state = Journal::ApprovalState::Approved;
        d.decidedBy = who->actor.name;
        d.decidedRole = who->actor.role;
        d.decidedAt = now;
        d.decisionNote = note.trimmed();
        d.applied = applied;
        AuditEntry a;
        a.at = now;
        a.actor = who->actor.name;
        a.role = who->actor.role;
        a.action = QStringLiteral("approval.approve");
        a.messageIds = joinIds(request->messageIds);
        a.before = QStringLiteral("request %1 pending: %2 requested by %3 (%4): %5")
                       .arg(requestId)
                       .arg(request->action, request->requestedBy, request->requestedRole, request->reason);
        a.after = QStringLiteral("approved by %1 (%2): %3 of %4 message(s) changed")
                      .arg(who->actor.name, who->actor.role)
                      .arg(applied)
                      .arg(request->messageIds.size());
        a.note = note.trimmed();
        return store.decideApproval(d, a);
    });
    if (!done)
        return Unexpected { done.error() };
    return applied;
}

Status LocalOperationsService::reject(const Actor& actor, qint64 requestId, const QString& note)
{
    Journal::AccountStore store(m_store);
    auto request = store.approval(requestId);
    if (!request)
        return Unexpected { request.error() };
    if (request->state != Journal::ApprovalState::Pending)
        return fail(ErrorClass::Conflict, QStringLiteral("NOT_PENDING"),
            QStringLiteral("approval request %1 is %2 already").arg(requestId).arg(request->state));
    const MessageAction* what = messageAction(request->action);
    auto who = principal(actor);
    if (!who)
        return Unexpected { who.error() };
    const bool own = who->actor.name.compare(request->requestedBy, Qt::CaseInsensitive) == 0;
    if (!own) {
        // anybody who could approve it may turn it down
        if (!what || !Permissions::allows(who->role, what->action))
            return forbidden(who->actor.role, what ? what->action : Action::Bulk);
        const auto messages = load(request->messageIds);
        if (!messages)
            return Unexpected { messages.error() };
        if (auto s = checkScope(*who, *messages); !s)
            return s;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Journal::ApprovalRequest d = *request;
    d.state = Journal::ApprovalState::Rejected;
    d.decidedBy = who->actor.name;
    d.decidedRole = who->actor.role;
    d.decidedAt = now;
    d.decisionNote = note.trimmed();
    AuditEntry a;
    a.at = now;
    a.actor = who->actor.name;
    a.role = who->actor.role;
    a.action = QStringLiteral("approval.reject");
    a.messageIds = joinIds(request->messageIds);
    a.before = QStringLiteral("request %1 pending: %2 requested by %3 (%4)")
                   .arg(requestId)
                   .arg(request->action, request->requestedBy, request->requestedRole);
    a.after
        = own ? QStringLiteral("withdrawn by the requester") : QStringLiteral("rejected by %1").arg(who->actor.name);
    a.note = note.trimmed();
    return store.decideApproval(d, a);
}

// --- sign-in and accounts ---

Result<bool> LocalOperationsService::hasAccounts()
{
    if (!m_accounts)
        return false;
    return accounts().any();
}

Result<AccountInfo> LocalOperationsService::signIn(const QString& name, const QString& password)
{
    if (!m_accounts)
        return fail(ErrorClass::Permanent, QStringLiteral("NOT_OPEN"), QStringLiteral("the journal is not open"));
    return accounts().signIn(name, password);
}

Result<QList<AccountInfo>> LocalOperationsService::users(const Actor& actor)
{
    const auto who = authorize(actor, Action::ManageUsers);
    if (!who)
        return Unexpected { who.error() };
    return accounts().list();
}

Status LocalOperationsService::changeUser(const Actor& actor, const UserChange& c, const QString& note)
{
    const auto who = authorize(actor, Action::ManageUsers);
    if (!who)
        return Unexpected { who.error() };
    if (!who->plants.isEmpty())
        return fail(ErrorClass::Auth, QStringLiteral("OUT_OF_SCOPE"),
            QStringLiteral("%1 is limited to %2: managing accounts needs an admin for every plant")
                .arg(who->actor.name, who->plants.join(QStringLiteral(", "))));
    Accounts& a = accounts();
    switch (c.kind) {
    case UserChange::Kind::Add:
        return a.add(who->actor, c.name, c.role, c.plants, c.password, note);
    case UserChange::Kind::Password:
        return a.setPassword(who->actor, c.name, c.password, note);
    case UserChange::Kind::Role:
        return a.setRole(who->actor, c.name, c.role, note);
    case UserChange::Kind::Plants:
        return a.setPlants(who->actor, c.name, c.plants, note);
    case UserChange::Kind::Disable:
        return a.setDisabled(who->actor, c.name, true, note);
    case UserChange::Kind::Enable:
        return a.setDisabled(who->actor, c.name, false, note);
    case UserChange::Kind::Unlock:
        return a.unlock(who->actor, c.name, note);
    }
    return fail(ErrorClass::Validation, QStringLiteral("BAD_CHANGE"), QStringLiteral("unknown account change"));
}

Result<QList<ExceptionGroup>> LocalOperationsService::exceptionGroups()
{
    // grouping needs the normalized text, which SQL cannot compute; open problems are few
    // enough (thousands at worst) to group here
    auto problems = m_store.openProblems(50'000);
    if (!problems)
        return Unexpected { problems.error() };
    QList<ExceptionGroup> groups;
    QHash<QString, qsizetype> index;
    for (const Message& m : std::as_const(*problems)) {
        ExceptionGroup g;
        g.state = m.state;
        if (m.state == MessageState::Blocked) {
            g.blockedDomain = m.blockedDomain;
            if (m.blockedDomain == QLatin1String("predecessor")) {
                g.signature = QStringLiteral("Waiting for an earlier message of the same business key");
            } else {
                g.blockedValue = m.blockedValue;
                g.errorClass = ErrorClass::MissingMapping;
                g.signature = QStringLiteral("No %1 mapping for CMMS value '%2'").arg(m.blockedDomain, m.blockedValue);
            }
            g.key = QStringLiteral("blocked|%1|%2").arg(g.blockedDomain, g.blockedValue);
        } else {
            g.errorClass = m.errorClass;
            g.errorCode = m.errorCode;
            g.signature = ErrorSignature::normalize(m.errorText);
            g.key = QStringLiteral("stuck|") + ErrorSignature::key(m.errorClass, m.errorCode, m.errorText);
        }
        auto it = index.constFind(g.key);
        if (it == index.cend()) {
            it = index.insert(g.key, groups.size());
            g.firstSeen = m.updatedAt;
            groups << g;
        }
        ExceptionGroup& into = groups[*it];
        into.messages << m;
        if (!into.plants.contains(m.plant))
            into.plants << m.plant;
        if (!into.flows.contains(m.flow))
            into.flows << m.flow;
        into.firstSeen = std::min(into.firstSeen, m.updatedAt);
        if (m.updatedAt >= into.lastSeen) {
            into.lastSeen = m.updatedAt;
            if (!m.errorText.isEmpty())
                into.example = m.errorText;
            else if (m.blockedDomain == QLatin1String("predecessor"))
                into.example = QStringLiteral("message %1 waits for message %2").arg(m.id).arg(m.blockedValue);
            else
                into.example = into.signature;
        }
    }
    for (auto& g : groups) {
        g.plants.sort();
        g.flows.sort();
    }
    std::stable_sort(groups.begin(), groups.end(),
        [](const ExceptionGroup& a, const ExceptionGroup& b) { return a.count() > b.count(); });
    return groups;
}

Result<QList<BlockingValue>> LocalOperationsService::blockingValues()
{
    auto rows = m_store.blockedValueCounts();
    if (!rows)
        return Unexpected { rows.error() };
    QList<BlockingValue> out;
    for (const auto& r : std::as_const(*rows))
        out << BlockingValue { r.domain, r.plant, r.value, r.count };
    return out;
}

Result<qint64> LocalOperationsService::blockedBy(const QString& domain, const QString& plant, const QString& value)
{
    return m_store.countBlockedBy(domain, plant, value);
}

Result<QList<Mapping>> LocalOperationsService::mappings(const QString& domain)
{
    return m_store.mappings(domain);
}

Result<qint64> LocalOperationsService::putMapping(const Actor& actor, const Mapping& mapping, const QString& note)
{
    const auto who = authorize(actor, Action::PutMapping);
    if (!who)
        return Unexpected { who.error() };
    if (auto s = checkPlant(*who, mapping.plant.trimmed(), QStringLiteral("mappings")); !s)
        return Unexpected { s.error() };
    Mapping m = mapping;
    m.domain = m.domain.trimmed();
    m.plant = m.plant.trimmed();
    m.sourceValue = m.sourceValue.trimmed();
    m.targetValue = m.targetValue.trimmed();
    if (m.domain.isEmpty() || m.sourceValue.isEmpty() || m.targetValue.isEmpty())
        return fail(ErrorClass::Validation, QStringLiteral("MAPPING_INCOMPLETE"),
            QStringLiteral("a mapping needs a domain, a CMMS value and an ERP value"));
    if (m.sourceSystem.isEmpty())
        m.sourceSystem = QStringLiteral("maximo");
    if (m.targetSystem.isEmpty())
        m.targetSystem = QStringLiteral("sap");
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m.createdBy = who->actor.name;
    m.createdAt = now;
    const auto releases = m_store.countBlockedBy(m.domain, m.plant, m.sourceValue);
    if (!releases)
        return Unexpected { releases.error() };
    AuditEntry a;
    a.at = now;
    a.actor = who->actor.name;
    a.role = who->actor.role;
    a.action = QStringLiteral("mapping.put");
    a.after = QStringLiteral("%1 %2 %3 -> %4")
                  .arg(m.domain, m.plant.isEmpty() ? QStringLiteral("*") : m.plant, m.sourceValue, m.targetValue);
    a.note = note;
    if (auto s = m_store.putMapping(m, a); !s)
        return Unexpected { s.error() };
    return *releases;
}

Result<int> LocalOperationsService::importMappings(const Actor& actor, const QList<Mapping>& rows, const QString& note)
{
    const auto who = authorize(actor, Action::ImportMappings);
    if (!who)
        return Unexpected { who.error() };
    for (const Mapping& m : rows)
        if (auto s = checkPlant(*who, m.plant, QStringLiteral("mappings")); !s)
            return Unexpected { s.error() };
    AuditEntry a;
    a.at = QDateTime::currentMSecsSinceEpoch();
    a.actor = who->actor.name;
    a.role = who->actor.role;
    a.action = QStringLiteral("mapping.import");
    a.note = note;
    return m_store.importMappings(rows, a);
}

// --- exception actions: edit-and-resubmit, dry run ---

namespace {
/// Parses an edited target payload: a JSON object, or a Validation error saying where it is wrong.
Result<QJsonObject> parseEditedPayload(const QByteArray& payload)
{
    if (payload.size() > OperationsService::MaxResubmitPayloadBytes)
        return fail(ErrorClass::Validation, QStringLiteral("PAYLOAD_TOO_LARGE"),
            QStringLiteral("the edited payload has %1 KiB; at most %2 KiB is accepted")
                .arg((payload.size() + 1023) / 1024)
                .arg(OperationsService::MaxResubmitPayloadBytes / 1024));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError) {
        const QByteArray before = payload.left(error.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
        return fail(ErrorClass::Validation, QStringLiteral("PAYLOAD_NOT_JSON"),
            QStringLiteral("the edited payload is not valid JSON: %1 at line %2, column %3")
                .arg(error.errorString())
                .arg(line)
                .arg(column));
    }
    if (!doc.isObject())
        return fail(ErrorClass::Validation, QStringLiteral("PAYLOAD_NOT_OBJECT"),
            QStringLiteral("the edited payload must be a JSON object { … } of target fields, not %1")
                .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("a single value")));
    return doc.object();
}

QString notEditableReason(const Message& m)
{
    switch (m.state) {
    case MessageState::Blocked:
        return m.blockedDomain == QLatin1String("predecessor")
            ? QStringLiteral("it waits for message %1 of the same business key; act on that one").arg(m.blockedValue)
            : QStringLiteral("it is blocked on a missing %1 mapping for '%2': create the mapping in Mappings, which "
                             "releases every message it blocks")
                  .arg(m.blockedDomain, m.blockedValue);
    case MessageState::InFlight:
        return QStringLiteral("it is being posted right now");
    case MessageState::Received:
    case MessageState::Ready:
        return QStringLiteral("it has not failed (state %1)").arg(stateName(m.state));
    default:
        return QStringLiteral("it is %1").arg(stateName(m.state));
    }
}
} // namespace

Status LocalOperationsService::resubmit(
    const Actor& actor, qint64 id, const QByteArray& editedTargetPayload, const QString& note)
{
    const auto who = authorize(actor, Action::Resubmit);
    if (!who)
        return Unexpected { who.error() };
    if (note.trimmed().isEmpty())
        return fail(ErrorClass::Validation, QStringLiteral("NOTE_REQUIRED"),
            QStringLiteral("a note is required: what was changed, and why"));
    const auto fields = parseEditedPayload(editedTargetPayload);
    if (!fields)
        return Unexpected { fields.error() };
    auto m = m_store.message(id);
    if (!m)
        return Unexpected { m.error() };
    if (auto s = checkScope(*who, { *m }); !s)
        return s;
    if (m->state != MessageState::Stuck && m->state != MessageState::Retrying)
        return fail(ErrorClass::Validation, QStringLiteral("NOT_EDITABLE"),
            QStringLiteral("message %1 cannot be edited and resubmitted: %2").arg(id).arg(notEditableReason(*m)));
    const QByteArray compact = QJsonDocument(*fields).toJson(QJsonDocument::Compact);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Journal::TransitionRequest t;
    t.messageId = id;
    t.from = m->state;
    t.to = MessageState::Ready;
    t.targetPayload = compact;
    t.nextAttemptAt = 0;
    AuditEntry a;
    a.at = now;
    a.actor = who->actor.name;
    a.role = who->actor.role;
    a.action = QStringLiteral("message.resubmit");
    a.messageIds = QString::number(id);
    a.before = QString::fromUtf8(m->targetPayload);
    a.after = QString::fromUtf8(compact);
    a.note = note.trimmed();
    t.audit = a;
    auto applied = m_store.apply({ t }, now);
    if (!applied)
        return Unexpected { applied.error() };
    if (applied->isEmpty())
        return fail(ErrorClass::Conflict, QStringLiteral("CHANGED_MEANWHILE"),
            QStringLiteral("message %1 changed while you edited it (the engine may have retried it); nothing was "
                           "changed, open it again")
                .arg(id));
    return {};
}

Result<DryRunPlan> LocalOperationsService::dryRun(const Actor& actor, qint64 id, const QByteArray& editedTargetPayload)
{
    const auto who = authorize(actor, Action::DryRun);
    if (!who)
        return Unexpected { who.error() };
    auto m = m_store.message(id);
    if (!m)
        return Unexpected { m.error() };
    if (auto s = checkScope(*who, { *m }); !s)
        return Unexpected { s.error() };
    auto plan = planDryRun(*m, editedTargetPayload);
    if (!plan)
        return plan;
    // it shows what would be sent: who looked is on record
    AuditEntry a;
    a.at = QDateTime::currentMSecsSinceEpoch();
    a.actor = who->actor.name;
    a.role = who->actor.role;
    a.action = QStringLiteral("message.dry_run");
    a.messageIds = QString::number(id);
    a.after = plan->problem
        ? QStringLiteral("refused: %1").arg(plan->problem->message.left(200))
        : QStringLiteral("%1 call(s) planned%2")
              .arg(plan->calls.size())
              .arg(editedTargetPayload.isEmpty() ? QString() : QStringLiteral(" for an edited payload"));
    if (auto s = m_store.appendAudit(a); !s)
        return Unexpected { s.error() };
    return plan;
}

Result<DryRunPlan> LocalOperationsService::planDryRun(const Message& m, const QByteArray& editedTargetPayload)
{
    Message msg = m;
    const qint64 id = m.id;
    DryRunPlan plan;
    plan.messageId = id;
    plan.attempt = msg.attempts + 1; // the claim counts the next attempt
    if (!editedTargetPayload.isEmpty()) {
        const auto fields = parseEditedPayload(editedTargetPayload);
        if (!fields) {
            plan.problem = fields.error();
            return plan;
        }
        msg.targetPayload = QJsonDocument(*fields).toJson(QJsonDocument::Compact);
    }
    if (isTerminal(msg.state)) {
        plan.note = QStringLiteral("message is %1: nothing will be sent for it").arg(stateName(msg.state));
        return plan;
    }
    if (msg.state == MessageState::Blocked)
        plan.note = QStringLiteral("blocked: %1. When released it would send:").arg(notEditableReason(msg));
    else if (msg.state == MessageState::InFlight)
        plan.note = QStringLiteral("being posted right now; a retry would send:");
    else if (msg.state == MessageState::Received)
        plan.note = QStringLiteral("not transformed yet; the target payload below may still change");
    if (msg.targetPayload.isEmpty()) {
        plan.problem = Error { ErrorClass::Validation, QStringLiteral("NO_TARGET_PAYLOAD"),
            QStringLiteral("the message has no target payload (it was never transformed): edit and resubmit it with "
                           "one"),
            0, {} };
        return plan;
    }
    Connectors::Sap::SapConfig sc;
    for (const auto& p : m_config.plants) {
        if (p.site != msg.plant)
            continue;
        sc.baseUrl = p.erpUrl;
        sc.user = p.erpUser;
        sc.password = p.erpPassword;
        sc.sapClient = p.sapClient;
    }
    const Connectors::Sap::SapErpTarget target(sc);
    const auto parent = m_store.postedRef(msg.businessKey, Flow::WorkOrder);
    if (!parent)
        return Unexpected { parent.error() };
    const auto doc = Connectors::OutboundDocument::forMessage(msg, *parent, plan.attempt);
    plan.system = target.systemName();
    plan.endpoint = target.endpointId();
    plan.lookupFirst = doc.lookupFirst;
    plan.parentRef = doc.parentRef;
    if (doc.flow == Flow::PartsConsumption && doc.parentRef.isEmpty())
        plan.note = QStringLiteral("the work order of %1 is not in the ERP yet: this goods movement is posted after "
                                   "it (per business key order)")
                        .arg(msg.businessKey);
    auto calls = target.plan(doc);
    if (!calls)
        plan.problem = calls.error();
    else
        plan.calls = *calls;
    return plan;
}

// --- KPIs ---

Result<KpiReport> LocalOperationsService::kpis(const KpiQuery& query)
{
    return KpiReport::build(m_store, query, plants(), QDateTime::currentMSecsSinceEpoch());
}

// --- alerts ---

void LocalOperationsService::startAlerts()
{
    m_alertMonitor.emplace(m_store, m_config);
    // what was raised before this console started is in the list and the badge, not re-notified
    for (auto batch = m_store.alertsAfter(0); batch && !batch->isEmpty(); batch = m_store.alertsAfter(m_alertsSeen))
        m_alertsSeen = batch->last().id;
    m_alertSoon.setSingleShot(true);
    if (m_alertSoon.interval() == 0)
        m_alertSoon.setInterval(1000);
    if (m_alertTick.interval() == 0)
        m_alertTick.setInterval(15'000);
    connect(&m_alertSoon, &QTimer::timeout, this, [this] { evaluateAlerts(); });
    connect(&m_alertTick, &QTimer::timeout, this, [this] { evaluateAlerts(); });
    connect(this, &OperationsService::journalChanged, this, [this] {
        if (!m_alertSoon.isActive())
            m_alertSoon.start();
    });
    m_alertTick.start();
    m_alertSoon.start(); // a first judgement right after opening
}

void LocalOperationsService::setAlertTiming(int afterChangeMs, int periodMs)
{
    m_alertSoon.setInterval(std::max(0, afterChangeMs));
    m_alertTick.setInterval(std::max(1, periodMs));
}

void LocalOperationsService::announceAlerts()
{
    bool any = false;
    for (auto batch = m_store.alertsAfter(m_alertsSeen); batch && !batch->isEmpty();
         batch = m_store.alertsAfter(m_alertsSeen)) {
        for (const Alert& a : std::as_const(*batch)) {
            m_alertsSeen = std::max(m_alertsSeen, a.id);
            any = true;
            if (!a.isAcknowledged())
                Q_EMIT alertRaised(a);
        }
    }
    if (any)
        Q_EMIT alertsChanged();
}

Result<int> LocalOperationsService::evaluateAlerts()
{
    if (!m_alertMonitor)
        return fail(ErrorClass::Permanent, QStringLiteral("NOT_OPEN"), QStringLiteral("the journal is not open"));
    auto sync = m_alertMonitor->evaluate(QDateTime::currentMSecsSinceEpoch());
    if (!sync)
        return Unexpected { sync.error() };
    if (!sync->raised.isEmpty() || !sync->reopened.isEmpty() || !sync->cleared.isEmpty())
        Q_EMIT alertsChanged();
    announceAlerts();
    return static_cast<int>(sync->raised.size());
}

Result<Journal::AuditVerification> LocalOperationsService::verifyAuditTrail()
{
    return m_store.verifyAuditTrail();
}

Result<QList<AlertRule>> LocalOperationsService::alertRules()
{
    return m_store.alertRules();
}

Result<qint64> LocalOperationsService::putAlertRule(const Actor& actor, const AlertRule& rule, const QString& note)
{
    const auto who = authorize(actor, Action::PutAlertRule);
    if (!who)
        return Unexpected { who.error() };
    auto valid = AlertMonitor::validate(rule, plants());
    if (!valid)
        return Unexpected { valid.error() };
    if (auto s = checkPlant(*who, valid->plant, QStringLiteral("alert rules")); !s)
        return Unexpected { s.error() };
    if (rule.id > 0 && !who->plants.isEmpty()) {
        // nor may a scoped account take over another plant's rule by editing it
        const auto existing = m_store.alertRules();
        if (!existing)
            return Unexpected { existing.error() };
        for (const AlertRule& old : *existing)
            if (old.id == rule.id)
                if (auto s = checkPlant(*who, old.plant, QStringLiteral("alert rules")); !s)
                    return Unexpected { s.error() };
    }
    if (note.size() > 1000)
        return fail(ErrorClass::Validation, QStringLiteral("NOTE_TOO_LONG"),
            QStringLiteral("the note is %1 characters; at most 1000").arg(note.size()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    AlertRule r = *valid;
    r.updatedBy = who->actor.name;
    r.updatedAt = now;
    AuditEntry a;
    a.at = now;
    a.actor = who->actor.name;
    a.role = who->actor.role;
    a.action = QStringLiteral("alert.rule");
    a.note = note;
    auto id = m_store.putAlertRule(r, a);
    if (!id)
        return id;
    Q_EMIT alertsChanged();
    // judge the changed rule soon, not only at the next tick
    if (m_alertMonitor && !m_alertSoon.isActive())
        m_alertSoon.start();
    return id;
}

Result<QList<Alert>> LocalOperationsService::alerts(AlertFilter filter)
{
    return m_store.alerts(filter == AlertFilter::Open, 2000);
}

Status LocalOperationsService::acknowledgeAlert(const Actor& actor, qint64 alertId, const QString& comment)
{
    const auto who = authorize(actor, Action::AcknowledgeAlert);
    if (!who)
        return Unexpected { who.error() };
    const QString text = comment.trimmed();
    if (text.size() > 1000)
        return fail(ErrorClass::Validation, QStringLiteral("COMMENT_TOO_LONG"),
            QStringLiteral("the comment is %1 characters; at most 1000").arg(text.size()));
    for (const QChar c : text)
        if (c.category() == QChar::Other_Control && c != QLatin1Char('\n') && c != QLatin1Char('\t'))
            return fail(ErrorClass::Validation, QStringLiteral("COMMENT_INVALID"),
                QStringLiteral("the comment holds a control character (U+%1)")
                    .arg(c.unicode(), 4, 16, QLatin1Char('0')));
    auto existing = m_store.alert(alertId);
    if (!existing)
        return Unexpected { existing.error() };
    if (auto s = checkPlant(*who, existing->plant, QStringLiteral("alerts")); !s)
        return s;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    AuditEntry a;
    a.at = now;
    a.actor = who->actor.name;
    a.role = who->actor.role;
    a.action = QStringLiteral("alert.acknowledge");
    a.before = QStringLiteral("alert %1 %2").arg(alertId).arg(existing->state);
    a.after = QStringLiteral("alert %1 acknowledged: %2 %3 %4 %5 >= %6")
                  .arg(alertId)
                  .arg(existing->plant, existing->flow, existing->metric,
                      AlertMonitor::formatValue(existing->metric, existing->observed),
                      AlertMonitor::formatValue(existing->metric, existing->threshold));
    a.note = text;
    if (auto s = m_store.acknowledgeAlert(alertId, who->actor.name, text, a, now); !s)
        return s;
    Q_EMIT alertsChanged();
    return {};
}

} // namespace Interlock::Ops

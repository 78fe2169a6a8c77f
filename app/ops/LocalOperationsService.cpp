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

namespace Interlock::Ops {

namespace {
bool mayAct(const Actor& a)
{
    return a.role == QLatin1String("supervisor") || a.role == QLatin1String("integration")
        || a.role == QLatin1String("admin");
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

Result<int> LocalOperationsService::act(
    const Actor& actor, const QList<qint64>& ids, const QString& note, const QString& action, MessageState to)
{
    if (!mayAct(actor))
        return fail(ErrorClass::Auth, QStringLiteral("FORBIDDEN"),
            QStringLiteral("role '%1' may not %2 messages").arg(actor.role, action));
    if (note.trimmed().isEmpty() && to != MessageState::Ready)
        return fail(ErrorClass::Validation, QStringLiteral("NOTE_REQUIRED"), QStringLiteral("a note is required"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Journal::TransitionRequest> changes;
    for (qint64 id : ids) {
        auto m = m_store.message(id);
        if (!m)
            continue;
        if (!StateMachine::canTransition(m->state, to) || m->state == MessageState::InFlight)
            continue;
        Journal::TransitionRequest t;
        t.messageId = id;
        t.from = m->state;
        t.to = to;
        if (to == MessageState::Ready) {
            t.nextAttemptAt = 0;
            if (m->state == MessageState::Blocked) {
                // a blocked message goes back through the transform; the engine re-checks its mappings
                continue;
            }
        }
        AuditEntry a;
        a.at = now;
        a.actor = actor.name;
        a.role = actor.role;
        a.action = action;
        a.messageIds = QString::number(id);
        a.before = stateName(m->state);
        a.after = stateName(to);
        a.note = note;
        t.audit = a;
        changes << t;
    }
    auto applied = m_store.apply(changes, now);
    if (!applied)
        return Unexpected { applied.error() };
    return static_cast<int>(applied->size());
}

Result<int> LocalOperationsService::replay(const Actor& actor, const QList<qint64>& ids, const QString& note)
{
    return act(actor, ids, note, QStringLiteral("message.replay"), MessageState::Ready);
}

Result<int> LocalOperationsService::resolve(const Actor& actor, const QList<qint64>& ids, const QString& note)
{
    return act(actor, ids, note, QStringLiteral("message.resolve"), MessageState::Resolved);
}

Result<int> LocalOperationsService::cancel(const Actor& actor, const QList<qint64>& ids, const QString& note)
{
    return act(actor, ids, note, QStringLiteral("message.cancel"), MessageState::Cancelled);
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
    if (!mayAct(actor))
        return fail(ErrorClass::Auth, QStringLiteral("FORBIDDEN"),
            QStringLiteral("role '%1' may not change mappings").arg(actor.role));
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
    m.createdBy = actor.name;
    m.createdAt = now;
    const auto releases = m_store.countBlockedBy(m.domain, m.plant, m.sourceValue);
    if (!releases)
        return Unexpected { releases.error() };
    AuditEntry a;
    a.at = now;
    a.actor = actor.name;
    a.role = actor.role;
    a.action = QStringLiteral("mapping.put");
    a.after = QStringLiteral("%1 %2 %3 -> %4")
                  .arg(m.domain, m.plant.isEmpty() ? QStringLiteral("*") : m.plant, m.sourceValue, m.targetValue);
    a.note = note;
    if (auto s = m_store.putMapping(m, a); !s)
        return Unexpected { s.error() };
    return *releases;
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
    if (!mayAct(actor))
        return fail(ErrorClass::Auth, QStringLiteral("FORBIDDEN"),
            QStringLiteral("role '%1' may not resubmit messages").arg(actor.role));
    if (note.trimmed().isEmpty())
        return fail(ErrorClass::Validation, QStringLiteral("NOTE_REQUIRED"),
            QStringLiteral("a note is required: what was changed, and why"));
    const auto fields = parseEditedPayload(editedTargetPayload);
    if (!fields)
        return Unexpected { fields.error() };
    auto m = m_store.message(id);
    if (!m)
        return Unexpected { m.error() };
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
    a.actor = actor.name;
    a.role = actor.role;
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

Result<DryRunPlan> LocalOperationsService::dryRun(qint64 id, const QByteArray& editedTargetPayload)
{
    auto m = m_store.message(id);
    if (!m)
        return Unexpected { m.error() };
    Message msg = *m;
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
    if (!mayAct(actor))
        return fail(ErrorClass::Auth, QStringLiteral("FORBIDDEN"),
            QStringLiteral("role '%1' may not change alert rules").arg(actor.role));
    auto valid = AlertMonitor::validate(rule, plants());
    if (!valid)
        return Unexpected { valid.error() };
    if (note.size() > 1000)
        return fail(ErrorClass::Validation, QStringLiteral("NOTE_TOO_LONG"),
            QStringLiteral("the note is %1 characters; at most 1000").arg(note.size()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    AlertRule r = *valid;
    r.updatedBy = actor.name;
    r.updatedAt = now;
    AuditEntry a;
    a.at = now;
    a.actor = actor.name;
    a.role = actor.role;
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
    if (!mayAct(actor))
        return fail(ErrorClass::Auth, QStringLiteral("FORBIDDEN"),
            QStringLiteral("role '%1' may not acknowledge alerts").arg(actor.role));
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
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    AuditEntry a;
    a.at = now;
    a.actor = actor.name;
    a.role = actor.role;
    a.action = QStringLiteral("alert.acknowledge");
    a.before = QStringLiteral("alert %1 %2").arg(alertId).arg(existing->state);
    a.after = QStringLiteral("alert %1 acknowledged: %2 %3 %4 %5 >= %6")
                  .arg(alertId)
                  .arg(existing->plant, existing->flow, existing->metric,
                      AlertMonitor::formatValue(existing->metric, existing->observed),
                      AlertMonitor::formatValue(existing->metric, existing->threshold));
    a.note = text;
    if (auto s = m_store.acknowledgeAlert(alertId, actor.name, text, a, now); !s)
        return s;
    Q_EMIT alertsChanged();
    return {};
}

} // namespace Interlock::Ops

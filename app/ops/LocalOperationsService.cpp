// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/LocalOperationsService.h"

#include "app/ops/ErrorSignature.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>

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

// --- KPIs ---

// --- alerts ---

} // namespace Interlock::Ops

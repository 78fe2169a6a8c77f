// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/LocalOperationsService.h"

#include <QDateTime>
#include <QFileInfo>

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

} // namespace Interlock::Ops

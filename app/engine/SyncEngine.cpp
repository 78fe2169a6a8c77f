// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine/SyncEngine.h"

#include "app/engine/MappingCsv.h"
#include "connectors/http/HttpClient.h"
#include "connectors/maximo/MaximoSource.h"
#include "connectors/sap/SapErpTarget.h"
#include "connectors/transform/MaximoChangeOrder.h"
#include "connectors/transform/MaximoToSap.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcEngine, "interlock.engine", QtInfoMsg)

namespace Interlock::Engine {

using Journal::TransitionRequest;

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

SyncEngine::SyncEngine(Config::EngineConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_engineId(QStringLiteral("engine-") + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8))
    , m_rng(QRandomGenerator::securelySeeded())
{
    m_backoff.baseMs = m_config.retryBaseMs;
    m_backoff.capMs = m_config.retryCapMs;
}

SyncEngine::~SyncEngine()
{
    // Connectors answer their outstanding posts when destroyed; those answers must not reach
    // members that are already gone, so the connectors go first, while everything still exists.
    m_destroying = true;
    m_running = false;
    for (auto& p : m_plants) {
        delete p->target;
        p->target = nullptr;
        delete p->source;
        p->source = nullptr;
    }
    delete m_http;
    m_http = nullptr;
}

Status SyncEngine::start()
{
    // One engine per SQLite journal: the lock file makes that so. A lock left by a killed
    // engine is stale (its process is gone) and QLockFile takes it over.
    m_lock = std::make_unique<QLockFile>(m_config.journalPath + QStringLiteral(".engine-lock"));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(2000)) {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        return fail(ErrorClass::Permanent, QStringLiteral("JOURNAL_LOCKED"),
            QStringLiteral("another engine (pid %1 on %2) runs on journal %3")
                .arg(pid)
                .arg(host, m_config.journalPath));
    }
    if (auto s = m_store.openSqlite(m_config.journalPath); !s)
        return s;
    // We hold the engine lock, so every in_flight message belongs to an engine that is gone.
    auto recovered = m_store.recoverLeases(nowMs(), true, m_engineId);
    if (!recovered)
        return Unexpected { recovered.error() };
    if (*recovered > 0)
        qCInfo(lcEngine) << "recovered" << *recovered << "messages left in flight by a previous engine";
    seedMappings();
    refreshMappings();

    m_http = new Connectors::Http::HttpClient(this);
    for (const Config::PlantConfig& pc : m_config.plants) {
        auto plant = std::make_unique<Plant>();
        plant->config = pc;
        plant->breaker = CircuitBreaker(m_config.breakerThreshold, m_config.breakerOpenMs, m_config.breakerMaxOpenMs);
        Connectors::Maximo::MaximoConfig mc;
        mc.baseUrl = pc.cmmsUrl;
        mc.apiKey = pc.cmmsApiKey;
        mc.site = pc.site;
        mc.pageSize = pc.cmmsPageSize;
        mc.timeoutMs = m_config.requestTimeoutMs;
        mc.maxResponseBytes = m_config.maxResponseBytes;
        plant->source = new Connectors::Maximo::MaximoSource(mc, m_http, this);
        Connectors::Sap::SapConfig sc;
        sc.baseUrl = pc.erpUrl;
        sc.user = pc.erpUser;
        sc.password = pc.erpPassword;
        sc.sapClient = pc.sapClient;
        sc.timeoutMs = m_config.requestTimeoutMs;
        sc.maxResponseBytes = m_config.maxResponseBytes;
        plant->target = new Connectors::Sap::SapErpTarget(sc, m_http, this);
        plant->pollTimer = new QTimer(this);
        plant->pollTimer->setSingleShot(true);
        Plant* raw = plant.get();
        connect(plant->pollTimer, &QTimer::timeout, this, [this, raw] { poll(*raw); });
        m_plants.push_back(std::move(plant));
    }
    m_running = true;
    connect(&m_dispatchTimer, &QTimer::timeout, this, &SyncEngine::dispatch);
    connect(&m_prepareTimer, &QTimer::timeout, this, &SyncEngine::prepare);
    connect(&m_flushTimer, &QTimer::timeout, this, &SyncEngine::flush);
    connect(&m_recoverTimer, &QTimer::timeout, this, &SyncEngine::recoverExpired);
    m_dispatchTimer.start(m_config.dispatchIntervalMs);
    m_prepareTimer.start(50);
    m_flushTimer.start(m_config.flushIntervalMs);
    m_recoverTimer.start(static_cast<int>(std::min<qint64>(m_config.leaseMs / 2, 10'000)));
    const qint64 now = nowMs();
    for (auto& p : m_plants) {
        saveHealth(*p, now);
        p->pollTimer->start(0);
    }
    qCInfo(lcEngine) << m_engineId << "started on" << m_config.journalPath << "with" << m_plants.size() << "plants";
    return {};
}

void SyncEngine::seedMappings()
{
    if (m_config.mappingsCsv.isEmpty())
        return;
    auto existing = m_store.mappings();
    if (!existing || !existing->isEmpty())
        return;
    auto rows = MappingCsv::load(
        m_config.mappingsCsv, QStringLiteral("maximo"), QStringLiteral("sap"), QStringLiteral("engine"), nowMs());
    if (!rows) {
        qCWarning(lcEngine) << "seed mappings not loaded:" << rows.error().message;
        return;
    }
    AuditEntry a;
    a.at = nowMs();
    a.actor = m_engineId;
    a.role = QStringLiteral("system");
    a.action = QStringLiteral("mapping.import");
    a.note = QStringLiteral("seed mappings from %1").arg(QFileInfo(m_config.mappingsCsv).fileName());
    if (auto n = m_store.importMappings(*rows, a); n)
        qCInfo(lcEngine) << "seeded" << *n << "mappings";
}

void SyncEngine::refreshMappings()
{
    const QString version = m_store.mappingVersion();
    if (version == m_mappingVersion && !version.isEmpty())
        return;
    if (auto rows = m_store.mappings(); rows) {
        m_mappings = Connectors::MappingLookup(*rows);
        m_mappingVersion = version;
    }
}

void SyncEngine::poll(Plant& plant)
{
    if (!m_running || m_stopping || plant.polling)
        return;
    auto wm = m_store.watermark(plant.source->systemName(), plant.config.site);
    if (!wm) {
        Q_EMIT journalTrouble(wm.error().summary());
        plant.pollTimer->start(m_config.pollIntervalMs);
        return;
    }
    plant.polling = true;
    Plant* raw = &plant;
    plant.source->fetchChanges(*wm, [this, raw](Result<Connectors::SourceBatch> batch) {
        if (m_destroying)
            return;
        Plant& p = *raw;
        p.polling = false;
        if (!m_running)
            return;
        int next = m_config.pollIntervalMs;
        if (!batch) {
            ++p.pollFailures;
            p.pollError = batch.error().summary();
            qCWarning(lcEngine) << "poll of" << p.config.site << "failed:" << p.pollError;
            next = static_cast<int>(
                std::min<qint64>(m_config.pollIntervalMs * (1LL << std::min(p.pollFailures, 5)), 30'000));
        } else {
            p.pollFailures = 0;
            p.pollError.clear();
            const qint64 now = nowMs();
            QStringList keys;
            for (const SourceChange& c : batch->changes)
                keys << c.businessKey;
            keys.removeDuplicates();
            const auto known = m_store.knownBusinessKeys(keys);
            const QList<SourceChange> ordered = Connectors::MaximoChangeOrder::apply(
                batch->changes, known ? *known : QSet<QString>(keys.begin(), keys.end()));
            auto ingested = m_store.ingest(ordered, p.source->systemName(), p.config.site, batch->watermark, now);
            if (!ingested) {
                // the watermark did not move: the same changes are read again next time
                m_journalOk = false;
                Q_EMIT journalTrouble(ingested.error().summary());
                qCWarning(lcEngine) << "ingest failed, will re-read:" << ingested.error().summary();
            } else {
                m_journalOk = true;
                if (ingested->inserted > 0)
                    prepare();
            }
            if (batch->truncated)
                next = 0;
        }
        saveHealth(p, nowMs());
        if (!m_stopping)
            p.pollTimer->start(next);
    });
}

void SyncEngine::prepare()
{
    if (!m_running || m_stopping)
        return;
    refreshMappings();
    const Connectors::MaximoToSap transform(m_mappings);
    QList<TransitionRequest> changes;
    auto handle = [&](const Message& m) {
        const Connectors::TransformResult r = transform.transform(m);
        TransitionRequest t;
        t.messageId = m.id;
        t.from = m.state;
        if (r.ok()) {
            t.to = MessageState::Ready;
            t.targetPayload = QJsonDocument(r.fields).toJson(QJsonDocument::Compact);
            t.nextAttemptAt = 0;
            t.clearError = true;
        } else if (r.error->errorClass == ErrorClass::MissingMapping) {
            if (m.state == MessageState::Blocked && m.blockedDomain == r.missingDomain
                && m.blockedValue == r.missingValue)
                return;
            if (m.state == MessageState::Blocked) {
                // healed one mapping, another one is missing: Blocked -> Ready -> Blocked is
                // noise; record the new cause by a round trip through Ready in one commit
                TransitionRequest toReady = t;
                toReady.to = MessageState::Ready;
                changes << toReady;
                t.from = MessageState::Ready;
            }
            t.to = MessageState::Blocked;
            t.blockedDomain = r.missingDomain;
            t.blockedValue = r.missingValue;
            t.error = *r.error;
        } else {
            t.to = MessageState::Stuck;
            t.error = *r.error;
        }
        changes << t;
    };
    if (auto received = m_store.messagesInState(MessageState::Received, m_config.batchSize); received) {
        for (const Message& m : *received)
            handle(m);
    }
    if (auto healable = m_store.healableBlocked(m_config.batchSize); healable) {
        for (const Message& m : *healable)
            handle(m);
    }
    // per business key order: a message behind a parked (stuck/blocked) one waits as blocked on
    // it, and goes back to ready when nothing before it is parked any more
    if (auto waiting = m_store.waitingBehindParked(m_config.batchSize); waiting) {
        for (const auto& [m, parked] : *waiting) {
            TransitionRequest t;
            t.messageId = m.id;
            t.from = m.state;
            t.to = MessageState::Blocked;
            t.blockedDomain = QStringLiteral("predecessor");
            t.blockedValue = QString::number(parked);
            changes << t;
        }
    }
    if (auto releasable = m_store.releasablePredecessorBlocked(m_config.batchSize); releasable) {
        for (const Message& m : *releasable) {
            TransitionRequest t;
            t.messageId = m.id;
            t.from = MessageState::Blocked;
            t.to = MessageState::Ready;
            t.nextAttemptAt = 0;
            changes << t;
        }
    }
    if (changes.isEmpty())
        return;
    auto applied = m_store.apply(changes, nowMs());
    if (!applied) {
        m_journalOk = false;
        Q_EMIT journalTrouble(applied.error().summary());
    }
}

void SyncEngine::dispatch()
{
    if (!m_running || m_stopping || !m_journalOk)
        return;
    const qint64 now = nowMs();
    for (auto& pp : m_plants) {
        Plant& plant = *pp;
        const auto before = plant.breaker.state();
        const int allowance = plant.breaker.allowance(now, plant.inFlight, m_config.maxInFlightPerPlant);
        if (plant.breaker.state() != before)
            saveHealth(plant, now);
        if (allowance <= 0)
            continue;
        auto claimed = m_store.claim(m_engineId, plant.config.site, allowance, m_config.leaseMs, now);
        if (!claimed) {
            m_journalOk = false;
            Q_EMIT journalTrouble(claimed.error().summary());
            return;
        }
        if (claimed->size() < allowance && plant.breaker.state() == CircuitBreaker::State::HalfOpen)
            plant.breaker.releaseProbe(); // nothing was due: the probe goes with the next message
        for (const Message& m : *claimed) {
            // attempts was incremented by the claim: > 1 means an earlier attempt may have
            // reached the target (timeout, crash, lost answer, replay), so look before creating
            // again. The target payload is sent as journaled (an edited resubmit included).
            auto parent = m_store.postedRef(m.businessKey, Flow::WorkOrder);
            const auto doc = Connectors::OutboundDocument::forMessage(m, parent ? *parent : QString(), m.attempts);
            ++plant.inFlight;
            Plant* raw = &plant;
            const qint64 started = nowMs();
            plant.target->post(doc, [this, raw, m, started](Connectors::PostOutcome outcome) {
                if (m_destroying)
                    return; // the lease covers it: the next engine looks the document up first
                --raw->inFlight;
                onOutcome(*raw, m, started, outcome);
            });
        }
    }
}

void SyncEngine::onOutcome(Plant& plant, const Message& m, qint64 startedAt, const Connectors::PostOutcome& outcome)
{
    const qint64 now = nowMs();
    Attempt a;
    a.startedAt = startedAt;
    a.durationMs = outcome.durationMs;
    a.httpStatus = outcome.httpStatus;
    a.request = outcome.request;
    a.excerpt = outcome.excerpt;
    a.engine = m_engineId;
    TransitionRequest t;
    t.messageId = m.id;
    t.from = MessageState::InFlight;
    bool healthChanged = false;
    if (outcome.ref.has_value()) {
        healthChanged = plant.breaker.recordSuccess(now);
        t.to = MessageState::Posted;
        t.targetRef = outcome.ref.value();
        t.clearError = true;
        if (outcome.foundByLookup)
            a.excerpt = QStringLiteral("already in the target as %1 (an earlier attempt had posted it); not posted "
                                       "again")
                            .arg(outcome.ref.value());
    } else {
        const Error& e = outcome.ref.error();
        a.errorClass = e.errorClass;
        a.errorCode = e.code;
        if (a.excerpt.isEmpty())
            a.excerpt = e.message.left(2000);
        healthChanged = plant.breaker.recordFailure(e.errorClass, now, e.summary());
        t.error = e;
        if (isRetryable(e.errorClass)) {
            if (m.attempts >= m_config.maxAttempts) {
                t.to = MessageState::Stuck;
                Error exhausted = e;
                exhausted.message
                    = QStringLiteral("retries exhausted after %1 attempts; last: %2").arg(m.attempts).arg(e.message);
                t.error = exhausted;
            } else {
                t.to = MessageState::Retrying;
                t.nextAttemptAt = now + m_backoff.delayMs(m.attempts, m_rng);
            }
        } else if (e.errorClass == ErrorClass::MissingMapping) {
            t.to = MessageState::Blocked;
        } else {
            t.to = MessageState::Stuck;
        }
    }
    t.attempt = a;
    m_pending << t;
    if (healthChanged) {
        qCInfo(lcEngine) << "breaker of" << plant.config.site << "is now" << plant.breaker.stateName();
        saveHealth(plant, now);
    }
    if (m_pending.size() >= m_config.batchSize)
        flush();
    if (m_stopping) {
        bool idle = true;
        for (auto& p : m_plants)
            idle = idle && p->inFlight == 0;
        if (idle)
            finishStop();
    }
}

void SyncEngine::flush()
{
    if (m_pending.isEmpty() || !m_store.isOpen())
        return;
    auto applied = m_store.apply(m_pending, nowMs());
    if (!applied) {
        // nothing of the group committed; keep it and try again (leases cover a long outage)
        m_journalOk = false;
        Q_EMIT journalTrouble(applied.error().summary());
        qCWarning(lcEngine) << "commit of" << m_pending.size() << "state changes failed:" << applied.error().summary();
        return;
    }
    m_journalOk = true;
    m_pending.clear();
}

void SyncEngine::recoverExpired()
{
    if (!m_running)
        return;
    auto n = m_store.recoverLeases(nowMs(), false, m_engineId);
    if (n && *n > 0)
        qCWarning(lcEngine) << *n << "leases expired and were taken back";
}

void SyncEngine::saveHealth(Plant& plant, qint64 now)
{
    Journal::EndpointHealth erp;
    erp.endpoint = QStringLiteral("erp:") + plant.config.site;
    erp.breaker = plant.breaker.stateName();
    erp.since = plant.breaker.since();
    erp.consecutiveFailures = plant.breaker.consecutiveFailures();
    erp.lastError = plant.breaker.lastError().left(500);
    erp.updatedAt = now;
    Journal::EndpointHealth cmms;
    cmms.endpoint = QStringLiteral("cmms:") + plant.config.site;
    cmms.breaker = plant.pollFailures >= 3 ? QStringLiteral("open") : QStringLiteral("closed");
    cmms.consecutiveFailures = plant.pollFailures;
    cmms.lastError = plant.pollError.left(500);
    cmms.since = now;
    cmms.updatedAt = now;
    if (!m_store.putEndpointHealth(erp) || !m_store.putEndpointHealth(cmms))
        qCWarning(lcEngine) << "could not record endpoint health";
}

void SyncEngine::stop(int graceMs)
{
    if (!m_running) {
        Q_EMIT stopped();
        return;
    }
    m_stopping = true;
    m_dispatchTimer.stop();
    m_prepareTimer.stop();
    m_recoverTimer.stop();
    for (auto& p : m_plants)
        p->pollTimer->stop();
    bool idle = true;
    for (auto& p : m_plants)
        idle = idle && p->inFlight == 0;
    if (idle) {
        finishStop();
        return;
    }
    m_stopTimer.setSingleShot(true);
    connect(&m_stopTimer, &QTimer::timeout, this, &SyncEngine::finishStop, Qt::UniqueConnection);
    m_stopTimer.start(graceMs);
}

void SyncEngine::finishStop()
{
    if (!m_running)
        return;
    m_stopTimer.stop();
    flush();
    m_flushTimer.stop();
    m_running = false;
    const qint64 now = nowMs();
    for (auto& p : m_plants)
        saveHealth(*p, now);
    m_store.close();
    if (m_lock)
        m_lock->unlock();
    qCInfo(lcEngine) << m_engineId << "stopped";
    Q_EMIT stopped();
}

} // namespace Interlock::Engine

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/config/EngineConfig.h"
#include "app/engine/Backoff.h"
#include "app/engine/CircuitBreaker.h"
#include "connectors/CmmsSource.h"
#include "connectors/ErpTarget.h"
#include "connectors/transform/MappingLookup.h"
#include "models/journal/JournalStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLockFile>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <functional>
#include <memory>

namespace Interlock::Connectors::Http {
class HttpClient;
}

namespace Interlock::Engine {

/// The sync engine: polls each plant's CMMS, journals what it reads, maps it, and posts it to
/// the plant's ERP, keeping the journal's rules (DESIGN.md): idempotent ingest, per business key
/// order, retries with back-off and jitter, `blocked` on a missing mapping, `stuck` after the
/// retry budget, a circuit breaker per target endpoint, leases, and lookup-before-repost after
/// any attempt that may have reached the target.
///
/// Threads: lives in one thread (created there, or moved there before start()); owns its own
/// journal connection and HTTP client. Group commit: state changes of many messages are
/// committed together every flushIntervalMs or batchSize changes; a message's next step is
/// never taken before its previous change committed (the claim reads committed state).
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    explicit SyncEngine(Config::EngineConfig config, QObject* parent = nullptr);
    ~SyncEngine() override;

    /// Opens the journal (taking its engine lock), recovers leases left by a dead engine,
    /// seeds mappings into an empty mapping table, and starts polling and dispatching.
    Status start();
    /// Stops claiming and polling, waits up to `graceMs` for requests in flight, commits what
    /// they returned, closes the journal, then emits stopped().
    void stop(int graceMs = 5000);
    QString engineId() const { return m_engineId; }
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void stopped();
    /// The journal refused a write; the engine pauses that work and retries.
    void journalTrouble(const QString& text);

private:
    struct Plant
    {
        Config::PlantConfig config;
        Connectors::CmmsSource* source = nullptr;
        Connectors::ErpTarget* target = nullptr;
        CircuitBreaker breaker;
        int inFlight = 0;
        bool polling = false;
        int pollFailures = 0;
        QString pollError;
        QTimer* pollTimer = nullptr;
    };

    void poll(Plant& plant);
    void prepare();
    void dispatch();
    void flush();
    void recoverExpired();
    void onOutcome(Plant& plant, const Message& message, qint64 startedAt, const Connectors::PostOutcome& outcome);
    void saveHealth(Plant& plant, qint64 now);
    void refreshMappings();
    void seedMappings();
    void finishStop();

    Config::EngineConfig m_config;
    QString m_engineId;
    Journal::JournalStore m_store;
    std::unique_ptr<QLockFile> m_lock;
    Connectors::Http::HttpClient* m_http = nullptr;
    std::vector<std::unique_ptr<Plant>> m_plants;
    Connectors::MappingLookup m_mappings;
    QString m_mappingVersion;
    Backoff m_backoff;
    QRandomGenerator m_rng;
    QList<Journal::TransitionRequest> m_pending;
    QTimer m_dispatchTimer;
    QTimer m_prepareTimer;
    QTimer m_flushTimer;
    QTimer m_recoverTimer;
    QTimer m_stopTimer;
    bool m_running = false;
    bool m_stopping = false;
    bool m_journalOk = true;
    bool m_destroying = false;
};

} // namespace Interlock::Engine

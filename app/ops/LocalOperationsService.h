// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/config/EngineConfig.h"
#include "app/ops/OperationsService.h"
#include "app/ops/RowScanner.h"
#include "models/journal/JournalStore.h"

#include <QTimer>

namespace Interlock::Ops {

/// OperationsService over a journal opened in this process (its own connection, so it reads
/// beside a running engine). Change events come from SQLite's data_version, polled at 4 Hz.
class LocalOperationsService : public OperationsService
{
    Q_OBJECT
public:
    explicit LocalOperationsService(Config::EngineConfig config, QObject* parent = nullptr);
    Status open();

    Result<StatusReport> overview() override;
    Result<QList<Message>> page(const Journal::MessageFilter& filter, qint64 beforeId, int limit) override;
    Result<qint64> count(const Journal::MessageFilter& filter) override;
    Result<MessageDetail> detail(qint64 messageId) override;
    QStringList plants() const override;
    Result<QList<Message>> sortedPage(const Journal::PageQuery& query) override;
    quint64 startRowScan(const Journal::PageQuery& query, int pageSize) override;
    void cancelRowScan(quint64 ticket) override;
    Result<int> replay(const Actor& actor, const QList<qint64>& ids, const QString& note) override;
    Result<int> resolve(const Actor& actor, const QList<qint64>& ids, const QString& note) override;
    Result<int> cancel(const Actor& actor, const QList<qint64>& ids, const QString& note) override;
    Result<QList<ExceptionGroup>> exceptionGroups() override;
    Result<QList<BlockingValue>> blockingValues() override;
    Result<qint64> blockedBy(const QString& domain, const QString& plant, const QString& value) override;
    Result<QList<Mapping>> mappings(const QString& domain) override;
    Result<qint64> putMapping(const Actor& actor, const Mapping& mapping, const QString& note) override;

    // --- exception actions: edit-and-resubmit, dry run ---
    Status resubmit(const Actor& actor, qint64 id, const QByteArray& editedTargetPayload, const QString& note) override;
    Result<DryRunPlan> dryRun(qint64 id, const QByteArray& editedTargetPayload) override;

    // --- KPIs ---
    Result<KpiReport> kpis(const KpiQuery& query) override;

    // --- alerts ---
    // Alerts are judged here, in each console's service: about a second after the journal changed
    // (changes coalesced) and on a timer, because time alone moves lag and backlog age. Several
    // consoles on one journal are safe (one live alert per rule and cell, enforced by the store);
    // the engine does not judge alerts, so no alert is raised while no console runs; the first
    // console to start catches up.
    Result<QList<AlertRule>> alertRules() override;
    Result<qint64> putAlertRule(const Actor& actor, const AlertRule& rule, const QString& note) override;
    Result<QList<Alert>> alerts(AlertFilter filter) override;
    Status acknowledgeAlert(const Actor& actor, qint64 alertId, const QString& comment) override;
    Result<int> evaluateAlerts() override;
    Result<Journal::AuditVerification> verifyAuditTrail() override;
    /// Delay after a journal change (default 1 s) and period (default 15 s) of the evaluation.
    /// Call after open(), which sets the defaults.
    void setAlertTiming(int afterChangeMs, int periodMs);

private:
    void startAlerts();
    void announceAlerts();
    std::optional<AlertMonitor> m_alertMonitor;
    QTimer m_alertSoon;
    QTimer m_alertTick;
    qint64 m_alertsSeen = 0; ///< highest alert id already announced by alertRaised

private:
    Result<int> act(
        const Actor& actor, const QList<qint64>& ids, const QString& note, const QString& action, MessageState to);
    Config::EngineConfig m_config;
    Journal::JournalStore m_store;
    RowScanner* m_rowScanner = nullptr; ///< child: counts and anchors on worker threads
    QTimer m_watch;
    qint64 m_dataVersion = -1;
};

} // namespace Interlock::Ops

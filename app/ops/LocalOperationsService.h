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
///
/// Roles: when the journal has accounts, an actor is the account of that name, with the role and
/// plants the journal holds now (an unknown or disabled name is refused); without accounts the
/// actor is taken as given, for every plant (a console started before any account exists). Four
/// eyes: the thresholds of the config's "$.security.fourEyes".
class LocalOperationsService : public OperationsService
{
    Q_OBJECT
public:
    explicit LocalOperationsService(Config::EngineConfig config, QObject* parent = nullptr);
    Status open();
    /// The clock of sign-in and lock-out (tests move it by hand). Call before open().
    void setClock(const Clock* clock) { m_clock = clock; }
    /// Hash iterations for passwords set through this service (tests lower it; default
    /// PasswordHash::DefaultIterations). Call before open().
    void setPasswordIterations(int iterations) { m_passwordIterations = iterations; }

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
    Result<DryRunPlan> dryRun(const Actor& actor, qint64 id, const QByteArray& editedTargetPayload) override;

    // --- mappings import ---
    Result<int> importMappings(const Actor& actor, const QList<Mapping>& rows, const QString& note) override;

    // --- sign-in, roles and accounts ---
    Result<bool> hasAccounts() override;
    Result<AccountInfo> signIn(const QString& name, const QString& password) override;
    Result<QList<AccountInfo>> users(const Actor& actor) override;
    Status changeUser(const Actor& actor, const UserChange& change, const QString& note) override;

    // --- four eyes ---
    Result<QString> approvalNeeded(Action action, const QList<qint64>& ids) override;
    Result<QList<Journal::ApprovalRequest>> approvals(bool pendingOnly) override;
    Result<int> approve(const Actor& actor, qint64 requestId, const QString& note) override;
    Status reject(const Actor& actor, qint64 requestId, const QString& note) override;

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
    /// Who acts, as the journal knows them: effective name and role, and plant scope (empty: all).
    struct Principal
    {
        Actor actor; ///< the account's name and current role
        Role role = Role::Viewer;
        QStringList plants;
    };
    Result<Principal> principal(const Actor& actor);
    /// principal() allowed to do `action` by the permission table, or an Auth error FORBIDDEN.
    Result<Principal> authorize(const Actor& actor, Action action);
    /// An Auth error OUT_OF_SCOPE when `plant` (empty: every plant) is outside the principal's plants.
    static Status checkPlant(const Principal& who, const QString& plant, const QString& what);
    /// An Auth error OUT_OF_SCOPE naming every message outside the principal's plants.
    static Status checkScope(const Principal& who, const QList<Message>& messages);
    Result<QList<Message>> load(const QList<qint64>& ids);
    /// Why acting on `eligible` (messages that would change) towards `to` needs four eyes; empty if not.
    QString fourEyesReason(MessageState to, const QList<Message>& eligible) const;
    Result<int> act(const Actor& actor, const QList<qint64>& ids, const QString& note, Action action);
    /// The dry run itself, for a message already checked.
    Result<DryRunPlan> planDryRun(const Message& message, const QByteArray& editedTargetPayload);
    Accounts& accounts();

    const Clock* m_clock = Clock::system();
    int m_passwordIterations = PasswordHash::DefaultIterations;
    std::optional<Accounts> m_accounts;
    Config::EngineConfig m_config;
    Journal::JournalStore m_store;
    RowScanner* m_rowScanner = nullptr; ///< child: counts and anchors on worker threads
    QTimer m_watch;
    qint64 m_dataVersion = -1;
};

} // namespace Interlock::Ops

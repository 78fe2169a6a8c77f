// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"
#include "ui/common/ConsoleView.h"

#include <QPointer>
#include <QTimer>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QSystemTrayIcon;
class QTableWidget;

namespace Interlock::Ui {

class AcknowledgeDialog;
class AlertBanner;
class AlertRuleDialog;

/// Top: the alerts, unacknowledged first (state, plant, flow, metric, value against threshold,
/// raised, cleared, who acknowledged and their comment), with Acknowledge… (Ctrl+Shift+A).
/// Bottom: the rules (thresholds per flow and plant), with add, edit and enable/disable.
///
/// Notifications: each alert the service announces (OperationsService::alertRaised) is notified
/// once: a desktop notification through the system tray when there is one, otherwise a banner
/// at the top of the window. Alerts announced together make one notification. The navigation
/// badge ("Alerts (3)", via badgeChanged) counts the unacknowledged alerts.
class AlertsView : public ConsoleView
{
    Q_OBJECT
public:
    AlertsView(Ops::OperationsService* service, const Ops::Actor& actor, QWidget* parent = nullptr);

    QString title() const override { return QStringLiteral("Alerts"); }
    void refresh() override;

    QList<Ops::Alert> alerts() const { return m_alerts; }
    QList<Ops::AlertRule> rules() const { return m_rules; }
    int unacknowledgedCount() const { return m_unacknowledged; }
    bool selectAlert(qint64 id);
    bool selectRule(qint64 id);
    /// Opens the acknowledge dialog for the selected alert (window-modal, not blocking); nullptr
    /// when nothing acknowledgeable is selected.
    AcknowledgeDialog* acknowledgeSelected();
    AlertRuleDialog* addRule();
    AlertRuleDialog* editSelectedRule();
    /// Enables a disabled rule or disables an enabled one.
    void toggleSelectedRule();

Q_SIGNALS:
    void statusMessage(const QString& text);
    /// The navigation text: "Alerts", or "Alerts (N)" with N unacknowledged alerts.
    void badgeChanged(const QString& text);
    /// A notification was shown (tray message or banner), once per batch of new alerts.
    void notified(const QString& title, const QString& text);
    /// The person asked to see the alerts (banner or tray message clicked).
    void showRequested();

private:
    void onAlertRaised(const Ops::Alert& alert);
    void notifyPending();
    void showAlerts();
    void showRules();
    void updateActions();
    void say(const QString& text);
    const Ops::Alert* selectedAlert() const;
    const Ops::AlertRule* selectedRule() const;

    QPointer<Ops::OperationsService> m_service;
    Ops::Actor m_actor;
    bool m_mayAck = false; ///< the role may acknowledge alerts (Ops::Permissions)
    bool m_mayEditRules = false; ///< the role may add and change rules
    QList<Ops::Alert> m_alerts;
    QList<Ops::AlertRule> m_rules;
    int m_unacknowledged = -1;
    QList<Ops::Alert> m_pending; ///< raised, not yet notified
    QTimer m_notifyTimer;
    QLabel* m_summary = nullptr;
    QComboBox* m_filter = nullptr;
    QTableWidget* m_alertTable = nullptr;
    QPushButton* m_ack = nullptr;
    QAction* m_ackAction = nullptr;
    QLabel* m_result = nullptr;
    QTableWidget* m_ruleTable = nullptr;
    QPushButton* m_addRule = nullptr;
    QPushButton* m_editRule = nullptr;
    QPushButton* m_toggleRule = nullptr;
    QPointer<AlertBanner> m_banner;
    QSystemTrayIcon* m_tray = nullptr;
};

} // namespace Interlock::Ui

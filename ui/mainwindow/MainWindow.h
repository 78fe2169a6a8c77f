// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"
#include "ui/signin/ConsoleUser.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;

namespace Interlock::Ui {

class ConsoleView;
class ExceptionsView;
class MappingsView;
class OverviewView;
class TransactionsView;

/// The console's main window: navigation on the left, one ConsoleView per page, and a status
/// bar with the journal, the engine's state and the time of the last update. It refreshes on
/// OperationsService::journalChanged only (the service throttles it); it never polls.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// `service` must outlive the window. `journalLabel` is shown in the status bar. Every view
    /// acts as `user` (signed in, or the local supervisor of a journal without accounts).
    MainWindow(Ops::OperationsService* service, const QString& journalLabel,
        const ConsoleUser& user = ConsoleUser::localSupervisor(), QWidget* parent = nullptr);

    /// Who the console acts as.
    const Ops::Actor& actor() const { return m_actor; }

    OverviewView* overview() const { return m_overview; }
    TransactionsView* transactions() const { return m_transactions; }
    ExceptionsView* exceptions() const { return m_exceptions; }
    MappingsView* mappings() const { return m_mappings; }
    /// Adds a page to the navigation (Exceptions, Mappings, KPIs slot in here).
    void addView(ConsoleView* view);
    /// Every page in navigation order.
    QList<ConsoleView*> views() const { return m_views; }
    void showView(ConsoleView* view);
    ConsoleView* currentView() const;

    /// Opens the transactions of one overview cell (plant or flow may be empty: all).
    void drillDown(const QString& plant, const QString& flow);
    /// Opens Transactions filtered to the business key of message `id`, with it selected.
    void goToMessage(qint64 id, const QString& businessKey);

    /// Opens Transactions filtered by `text` (business key, idempotency key or document number).
    void search(const QString& text);

public Q_SLOTS:
    void refreshNow();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void updateStatus(const Ops::StatusReport& report);
    void restoreLayout();
    void saveLayout() const;

    QPointer<Ops::OperationsService> m_service;
    Ops::Actor m_actor;
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_stack = nullptr;
    QList<ConsoleView*> m_views;
    QList<ConsoleView*> m_stale;
    OverviewView* m_overview = nullptr;
    TransactionsView* m_transactions = nullptr;
    ExceptionsView* m_exceptions = nullptr;
    MappingsView* m_mappings = nullptr;
    QLabel* m_journal = nullptr;
    QLabel* m_engine = nullptr;
    QLabel* m_updated = nullptr;
    QLabel* m_user = nullptr;
    QLineEdit* m_search = nullptr;
    QString m_restoreView; ///< title of the view shown when the window was last closed
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"
#include "ui/common/ConsoleView.h"

#include <QPointer>
#include <functional>
#include <optional>

class QComboBox;
class QDateTimeEdit;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace Interlock::Ui {

class MessageDetailPane;
class TransactionTableModel;

/// The transaction browser: filters, the keyset-paged table, an "N new" bar for live rows,
/// the detail pane of the current message and the actions on the selected messages.
class TransactionsView : public ConsoleView
{
    Q_OBJECT
public:
    /// Asks the person for a note (title, prompt); nullopt when they cancel.
    using NoteProvider = std::function<std::optional<QString>(const QString& title, const QString& prompt)>;

    TransactionsView(Ops::OperationsService* service, Ops::Actor actor, QWidget* parent = nullptr);

    QString title() const override { return QStringLiteral("Transactions"); }
    void refresh() override;

    /// Sets the filter widgets to `filter` and applies it (drill-down from the overview).
    void showFilter(const Journal::MessageFilter& filter);
    Journal::MessageFilter currentFilter() const;
    TransactionTableModel* model() const { return m_model; }
    void setNoteProvider(NoteProvider provider) { m_askNote = std::move(provider); }

    /// Selects a message worth looking at (failed attempts first, else any with an attempt); false when empty.
    bool selectInterestingMessage();
    /// Selects message `id` if the current filter shows it; false otherwise.
    bool selectMessage(qint64 id);

    /// Time range presets of the filter bar (on the time a message was received).
    enum class TimeRange
    {
        Any,
        LastHour,
        Last24Hours,
        Last7Days,
        Custom
    };
    Q_ENUM(TimeRange)
    /// Sets the time range widgets (from/to only for Custom, ms since the epoch) and applies.
    void setTimeRange(TimeRange range, qint64 fromMs = 0, qint64 toMs = 0);
    TimeRange timeRange() const;

    /// Saved filters (QSettings "transactions/savedFilters"): the filter bar under a name; a
    /// relative time range stays relative. Saving under an existing name replaces it.
    QStringList savedFilterNames() const;
    void saveFilter(const QString& name);
    bool applySavedFilter(const QString& name);
    void deleteSavedFilter(const QString& name);

    void replaySelected();
    void resolveSelected();
    void cancelSelected();

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    void applyFilter();
    void saveFilterAsked();
    void reloadSavedFilters();
    void saveHeaderState() const;
    void restoreHeaderState();
    void showColumnMenu(const QPoint& pos);
    void showCurrentDetail(bool force);
    void updateActions();
    void updateNewRowsBar();
    QList<qint64> selectedIds() const;
    void runAction(const QString& verb, const QString& done,
        const std::function<Result<int>(const QList<qint64>&, const QString&)>& call, bool needsNote);

    QPointer<Ops::OperationsService> m_service;
    Ops::Actor m_actor;
    NoteProvider m_askNote;
    TransactionTableModel* m_model = nullptr;
    QComboBox* m_plant = nullptr;
    QComboBox* m_flow = nullptr;
    QComboBox* m_state = nullptr;
    QComboBox* m_errorClass = nullptr;
    QLineEdit* m_text = nullptr;
    QComboBox* m_time = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QComboBox* m_saved = nullptr;
    QPushButton* m_saveFilter = nullptr;
    QPushButton* m_deleteFilter = nullptr;
    QTimer* m_textDebounce = nullptr;
    QLabel* m_count = nullptr;
    QFrame* m_newRowsBar = nullptr;
    QPushButton* m_newRowsButton = nullptr;
    QLabel* m_selection = nullptr;
    QPushButton* m_replay = nullptr;
    QPushButton* m_resolve = nullptr;
    QPushButton* m_cancel = nullptr;
    QTableView* m_table = nullptr;
    MessageDetailPane* m_detail = nullptr;
    qint64 m_detailStamp = 0; ///< updatedAt of the shown message: re-read only when it moved
    int m_detailAttempts = -1;
    bool m_applyingFilter = false;
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"
#include "ui/transactions/TransactionRow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

namespace Interlock::Ui {

/// The journal's messages, newest first, loaded in keyset pages of pageSize() rows from
/// OperationsService::page() as the view scrolls (canFetchMore/fetchMore); never all at once.
/// A new filter starts a new generation (model reset). Rows that arrive later are counted
/// (pendingNewRows) and inserted at the top only when showNewRows() is called, so the view
/// does not jump. Used from the GUI thread only.
class TransactionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        ReceivedColumn,
        PlantColumn,
        FlowColumn,
        OperationColumn,
        BusinessKeyColumn,
        StateColumn,
        AttemptsColumn,
        ErrorClassColumn,
        ErrorTextColumn,
        TargetRefColumn,
        LagColumn,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, ///< the unformatted value (qint64 times, enum as int, ...)
        MessageIdRole,
    };

    explicit TransactionTableModel(Ops::OperationsService* service, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    void setFilter(const Journal::MessageFilter& filter);
    const Journal::MessageFilter& filter() const { return m_filter; }
    /// Reloads from the newest message (new generation).
    void reload();
    quint64 generation() const { return m_generation; }

    qint64 messageId(int row) const;
    int rowOfMessage(qint64 id) const; ///< -1 when not loaded (binary search: rows are newest first)
    qint64 totalCount() const { return m_totalCount; } ///< matching messages in the journal; -1 unknown

    /// Called when the journal changed: refreshes the rows in [firstRow, lastRow] (what the view
    /// shows), counts rows newer than the first loaded one and updates the total.
    void journalChanged(int firstRow, int lastRow);
    int pendingNewRows() const { return m_pendingNew; }
    bool pendingNewRowsCapped() const { return m_pendingCapped; }
    /// Replaces the loaded rows of these messages (after an action: they may have left the filter).
    void updateMessages(const QList<Message>& messages);
    /// Inserts the pending newer rows at the top (persistent indexes, so the selection stays).
    void showNewRows();

    static int pageSize() { return 500; }

Q_SIGNALS:
    void totalCountChanged(qint64 count);
    void pendingNewRowsChanged(int count);
    void loadFailed(const QString& message);

private:
    void loadPage(bool notify);
    TransactionRow toRow(const Message& m);
    quint16 intern(const QString& s);
    const QString& pooled(quint16 i) const { return m_pool.at(i); }
    void updateCount();
    void setPending(int n, bool capped);

    QPointer<Ops::OperationsService> m_service;
    Journal::MessageFilter m_filter;
    QList<TransactionRow> m_rows;
    qint64 m_topId = 0; ///< newest id this generation has seen (rows above it are 'new')
    qint64 m_lastCountAt = 0;
    QStringList m_pool;
    QHash<QString, quint16> m_poolIndex;
    quint64 m_generation = 0;
    bool m_exhausted = false;
    qint64 m_totalCount = -1;
    int m_pendingNew = 0;
    bool m_pendingCapped = false;
};

} // namespace Interlock::Ui

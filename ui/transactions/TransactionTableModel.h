// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"
#include "ui/transactions/TransactionRow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <map>
#include <optional>

namespace Interlock::Ui {

/// The journal's messages in one sortable, filterable list over millions of rows, never loaded
/// whole. Rows live in a bounded LRU cache of keyset-paged segments (at most maxCachedRows());
/// a row that is not cached shows a placeholder and is fetched from the event loop, from the
/// nearest cached neighbour, from the end of the list (read in reverse order) or from the
/// anchor (first row of each page) the service's background scan found. The row count comes
/// from that scan too; until it arrives the list grows by fetchMore() and totalCount() is -1
/// ("≥ rowCount()"). A new filter or sort starts a new generation (model reset). Rows that
/// arrive later are counted (pendingNewRows) and shown only when showNewRows() is called, so
/// the view does not jump. Used from the GUI thread only.
class TransactionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        ReceivedColumn,
        EventColumn,
        UpdatedColumn,
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
    ~TransactionTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    /// Header clicks: ID and Received sort by arrival, Event by event time, Last change by the
    /// last change; other columns are not sortable (ignored).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setFilter(const Journal::MessageFilter& filter);
    const Journal::MessageFilter& filter() const { return m_query.filter; }
    void setSort(Journal::MessageSort sort, bool descending);
    Journal::MessageSort sortKey() const { return m_query.sort; }
    bool sortDescending() const { return m_query.descending; }
    static int sortColumn(Journal::MessageSort sort);
    static bool isSortable(int column);
    /// Reloads from the first row (new generation).
    void reload();
    quint64 generation() const { return m_generation; }

    qint64 messageId(int row) const; ///< 0 when the row is not loaded
    int rowOfMessage(qint64 id) const; ///< -1 when not loaded
    qint64 totalCount() const { return m_totalCount; } ///< matching messages in the journal; -1 not yet known
    bool isRowLoaded(int row) const;
    /// Loads the rows in [first, last] now (the view's visible range, a jump to the end).
    void ensureLoaded(int first, int last);
    int cachedRows() const; ///< rows held in the cache now
    int cachedSegments() const { return static_cast<int>(m_segments.size()); }
    bool anchorsReady() const { return m_anchorsReady; }
    int maxCachedRows() const { return m_maxCachedRows; }
    void setMaxCachedRows(int rows) { m_maxCachedRows = std::max(rows, pageSize()); }

    /// Called when the journal changed: refreshes the rows in [firstRow, lastRow] (what the view
    /// shows), counts rows newer than the newest one shown and, now and then, recounts.
    void journalChanged(int firstRow, int lastRow);
    int pendingNewRows() const { return m_pendingNew; }
    bool pendingNewRowsCapped() const { return m_pendingCapped; }
    /// Replaces the loaded rows of these messages (after an action: they may have left the filter).
    void updateMessages(const QList<Message>& messages);
    /// Shows the pending newer rows: inserted at the top in the newest-first order (persistent
    /// indexes, so the selection stays), a reload in the other orders.
    void showNewRows();

    static int pageSize() { return 500; }

Q_SIGNALS:
    void totalCountChanged(qint64 count);
    void pendingNewRowsChanged(int count);
    void loadFailed(const QString& message);

private:
    struct Segment
    {
        QList<TransactionRow> rows;
        mutable quint64 used = 0;
    };
    const TransactionRow* cachedRow(int row) const;
    Result<QList<Message>> fetch(std::optional<Journal::PageAnchor> anchor, bool inclusive, bool reverse, int limit);
    bool loadRow(int row);
    void insertSegment(int first, const QList<Message>& msgs);
    void evict(int keepFirst);
    void scheduleLoad(int row) const;
    void loadWanted();
    Journal::PageAnchor anchorOf(const TransactionRow& r) const;
    void startScan(bool countOnly);
    void onScan(quint64 ticket, qint64 rows, const QList<Journal::PageAnchor>& anchors, bool done);
    TransactionRow toRow(const Message& m);
    quint16 intern(const QString& s);
    const QString& pooled(quint16 i) const { return m_pool.at(i); }
    void setTotal(qint64 total);
    void setPending(int n, bool capped);
    qint64 newestId();

    QPointer<Ops::OperationsService> m_service;
    Journal::PageQuery m_query;
    std::map<int, Segment> m_segments; ///< by first row
    int m_rowCount = 0;
    bool m_exhausted = false; ///< the forward walk reached the end (before the count was known)
    mutable QSet<int> m_wanted; ///< rows asked for and not cached
    mutable bool m_loadScheduled = false;
    mutable quint64 m_useClock = 0;
    int m_maxCachedRows = 40 * 500;
    QList<Journal::PageAnchor> m_anchors; ///< first row of every page at the time of the scan
    int m_anchorShift = 0; ///< rows inserted at the top since
    bool m_anchorsReady = false;
    quint64 m_scanTicket = 0;
    bool m_scanCountOnly = false;
    qint64 m_lastCountAt = 0;
    qint64 m_topId = 0; ///< newest id this generation has seen (rows above it are 'new')
    QStringList m_pool;
    QHash<QString, quint16> m_poolIndex;
    quint64 m_generation = 0;
    qint64 m_totalCount = -1;
    int m_pendingNew = 0;
    bool m_pendingCapped = false;
};

} // namespace Interlock::Ui

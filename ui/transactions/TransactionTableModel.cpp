// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/transactions/TransactionTableModel.h"

#include "ui/common/Format.h"

#include <QDateTime>
#include <QFont>
#include <algorithm>
#include <limits>

namespace Interlock::Ui {

namespace {
constexpr int kNewRowProbe = 100; ///< newer rows counted per change; beyond that the bar says "100+"
constexpr int kMaxRefreshRows = 300;
constexpr qint64 kCountIntervalMs = 5000; ///< recount (in the background) at most this often
constexpr int kWalkPages = 4; ///< a row this many pages from a cached one is reached by walking

bool isOpen(MessageState s)
{
    return !isTerminal(s);
}
} // namespace

TransactionTableModel::TransactionTableModel(Ops::OperationsService* service, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    m_pool << QString();
    m_poolIndex.insert(QString(), 0);
    m_query.limit = pageSize();
    if (service)
        connect(service, &Ops::OperationsService::rowScanProgress, this, &TransactionTableModel::onScan);
}

TransactionTableModel::~TransactionTableModel()
{
    if (m_service && m_scanTicket)
        m_service->cancelRowScan(m_scanTicket);
}

int TransactionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int TransactionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

quint16 TransactionTableModel::intern(const QString& s)
{
    auto it = m_poolIndex.constFind(s);
    if (it != m_poolIndex.cend())
        return *it;
    if (m_pool.size() >= 0xffff)
        return 0; // absurdly many distinct plants/flows: show them blank rather than overflow
    const auto i = static_cast<quint16>(m_pool.size());
    m_pool << s;
    m_poolIndex.insert(s, i);
    return i;
}

TransactionRow TransactionTableModel::toRow(const Message& m)
{
    TransactionRow r;
    r.id = m.id;
    r.receivedAt = m.receivedAt;
    r.eventAt = m.eventAt;
    r.postedAt = m.postedAt;
    r.updatedAt = m.updatedAt;
    r.businessKey = m.businessKey;
    r.errorText = m.errorText;
    r.targetRef = m.targetRef;
    r.plant = intern(m.plant);
    r.flow = intern(m.flow);
    r.operation = intern(m.operation);
    r.attempts = static_cast<quint16>(std::clamp(m.attempts, 0, 0xffff));
    r.state = m.state;
    r.errorClass = m.errorClass;
    return r;
}

QVariant TransactionTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TransactionRow* cached = cachedRow(index.row());
    const int col = index.column();
    if (!cached) {
        // not in the cache: a placeholder now, the page from the event loop
        if (role == Qt::DisplayRole || role == MessageIdRole || role == RawValueRole)
            scheduleLoad(index.row());
        if (role == Qt::DisplayRole && col == IdColumn)
            return QStringLiteral("…");
        if (role == Qt::ForegroundRole)
            return QColor(0x9e, 0x9e, 0x9e);
        return {};
    }
    const TransactionRow& r = *cached;
    auto lagMs = [&r]() -> qint64 {
        if (r.state == MessageState::Posted && r.postedAt > 0 && r.eventAt > 0)
            return r.postedAt - r.eventAt;
        if (isOpen(r.state) && r.eventAt > 0)
            return QDateTime::currentMSecsSinceEpoch() - r.eventAt;
        return -1;
    };
    switch (role) {
    case MessageIdRole:
        return r.id;
    case Qt::DisplayRole:
        switch (col) {
        case IdColumn:
            return QString::number(r.id);
        case ReceivedColumn:
            return Format::timestamp(r.receivedAt);
        case EventColumn:
            return Format::timestamp(r.eventAt);
        case UpdatedColumn:
            return Format::timestamp(r.updatedAt);
        case PlantColumn:
            return pooled(r.plant);
        case FlowColumn:
            return Format::flowLabel(pooled(r.flow));
        case OperationColumn:
            return pooled(r.operation);
        case BusinessKeyColumn:
            return r.businessKey;
        case StateColumn:
            return Format::stateLabel(r.state);
        case AttemptsColumn:
            return QString::number(r.attempts);
        case ErrorClassColumn:
            return r.errorClass == ErrorClass::None ? QString() : errorClassName(r.errorClass);
        case ErrorTextColumn:
            return r.errorText;
        case TargetRefColumn:
            return r.targetRef;
        case LagColumn: {
            const qint64 lag = lagMs();
            if (lag < 0)
                return QString();
            return r.state == MessageState::Posted ? Format::duration(lag)
                                                   : QStringLiteral("%1 …").arg(Format::duration(lag));
        }
        default:
            return {};
        }
    case RawValueRole:
        switch (col) {
        case IdColumn:
            return r.id;
        case ReceivedColumn:
            return r.receivedAt;
        case EventColumn:
            return r.eventAt;
        case UpdatedColumn:
            return r.updatedAt;
        case PlantColumn:
            return pooled(r.plant);
        case FlowColumn:
            return pooled(r.flow);
        case OperationColumn:
            return pooled(r.operation);
        case BusinessKeyColumn:
            return r.businessKey;
        case StateColumn:
            return static_cast<int>(r.state);
        case AttemptsColumn:
            return static_cast<int>(r.attempts);
        case ErrorClassColumn:
            return static_cast<int>(r.errorClass);
        case ErrorTextColumn:
            return r.errorText;
        case TargetRefColumn:
            return r.targetRef;
        case LagColumn:
            return lagMs();
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (col == StateColumn)
            return Format::stateColor(r.state);
        if (col == ErrorTextColumn || col == ErrorClassColumn)
            return r.state == MessageState::Stuck ? QColor(0xb7, 0x1c, 0x1c) : QColor(0x5f, 0x63, 0x68);
        if (col == LagColumn && r.state != MessageState::Posted)
            return QColor(0x78, 0x90, 0x9c);
        return {};
    case Qt::FontRole:
        if (col == StateColumn) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (col == IdColumn || col == AttemptsColumn || col == LagColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (col == ErrorTextColumn && !r.errorText.isEmpty())
            return r.errorText;
        if (col == LagColumn && r.state != MessageState::Posted && isOpen(r.state))
            return QStringLiteral("Not posted yet: time since the source event");
        if (col == LagColumn && r.state == MessageState::Posted)
            return QStringLiteral("Source event to posting in the ERP");
        return {};
    default:
        return {};
    }
}

QVariant TransactionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section >= 0 && section < ColumnCount)
        return isSortable(section) ? QStringLiteral("Click to sort") : QVariant();
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return QStringLiteral("ID");
    case ReceivedColumn:
        return QStringLiteral("Received");
    case EventColumn:
        return QStringLiteral("Event time");
    case UpdatedColumn:
        return QStringLiteral("Last change");
    case PlantColumn:
        return QStringLiteral("Plant");
    case FlowColumn:
        return QStringLiteral("Flow");
    case OperationColumn:
        return QStringLiteral("Operation");
    case BusinessKeyColumn:
        return QStringLiteral("Business key");
    case StateColumn:
        return QStringLiteral("State");
    case AttemptsColumn:
        return QStringLiteral("Att.");
    case ErrorClassColumn:
        return QStringLiteral("Error class");
    case ErrorTextColumn:
        return QStringLiteral("Error");
    case TargetRefColumn:
        return QStringLiteral("Target ref");
    case LagColumn:
        return QStringLiteral("Lag");
    default:
        return {};
    }
}

int TransactionTableModel::sortColumn(Journal::MessageSort sort)
{
    switch (sort) {
    case Journal::MessageSort::EventAt:
        return EventColumn;
    case Journal::MessageSort::UpdatedAt:
        return UpdatedColumn;
    case Journal::MessageSort::Id:
        break;
    }
    return IdColumn;
}

bool TransactionTableModel::isSortable(int column)
{
    return column == IdColumn || column == ReceivedColumn || column == EventColumn || column == UpdatedColumn;
}

void TransactionTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    const auto key = column == EventColumn ? Journal::MessageSort::EventAt
        : column == UpdatedColumn          ? Journal::MessageSort::UpdatedAt
                                           : Journal::MessageSort::Id;
    setSort(key, order == Qt::DescendingOrder);
}

void TransactionTableModel::setSort(Journal::MessageSort sort, bool descending)
{
    if (sort == m_query.sort && descending == m_query.descending && m_generation > 0)
        return;
    m_query.sort = sort;
    m_query.descending = descending;
    if (m_generation > 0) // before the first load there is nothing to reload
        reload();
}

bool TransactionTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted && m_totalCount < 0 && m_service;
}

void TransactionTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    // before the count is known the list grows page by page from its last row
    const TransactionRow* last = cachedRow(m_rowCount - 1);
    if (!last && m_rowCount > 0)
        return;
    auto page = fetch(last ? std::optional(anchorOf(*last)) : std::nullopt, false, false, pageSize());
    if (!page) {
        m_exhausted = true;
        Q_EMIT loadFailed(page.error().summary());
        return;
    }
    if (page->size() < pageSize())
        m_exhausted = true;
    if (page->isEmpty() || m_totalCount >= 0)
        return;
    const int first = m_rowCount;
    beginInsertRows({}, first, first + static_cast<int>(page->size()) - 1);
    m_rowCount += static_cast<int>(page->size());
    insertSegment(first, *page);
    endInsertRows();
    if (m_exhausted)
        setTotal(m_rowCount);
}

Result<QList<Message>> TransactionTableModel::fetch(
    std::optional<Journal::PageAnchor> anchor, bool inclusive, bool reverse, int limit)
{
    Journal::PageQuery q = m_query;
    q.anchor = anchor;
    q.inclusive = inclusive;
    q.reverse = reverse;
    q.limit = limit;
    q.withPayloads = false;
    auto page = m_service->sortedPage(q);
    if (page && reverse)
        std::reverse(page->begin(), page->end());
    return page;
}

Journal::PageAnchor TransactionTableModel::anchorOf(const TransactionRow& r) const
{
    switch (m_query.sort) {
    case Journal::MessageSort::EventAt:
        return { r.eventAt, r.id };
    case Journal::MessageSort::UpdatedAt:
        return { r.updatedAt, r.id };
    case Journal::MessageSort::Id:
        break;
    }
    return { r.id, r.id };
}

const TransactionRow* TransactionTableModel::cachedRow(int row) const
{
    auto it = m_segments.upper_bound(row);
    if (it == m_segments.begin())
        return nullptr;
    --it;
    const int offset = row - it->first;
    if (offset < 0 || offset >= it->second.rows.size())
        return nullptr;
    it->second.used = m_useClock++; // LRU: what the view reads stays cached
    return &it->second.rows.at(offset);
}

bool TransactionTableModel::isRowLoaded(int row) const
{
    auto it = m_segments.upper_bound(row);
    if (it == m_segments.begin())
        return false;
    --it;
    return row - it->first < it->second.rows.size();
}

int TransactionTableModel::cachedRows() const
{
    int n = 0;
    for (const auto& [first, seg] : m_segments)
        n += static_cast<int>(seg.rows.size());
    return n;
}

void TransactionTableModel::insertSegment(int first, const QList<Message>& msgs)
{
    Segment seg;
    seg.rows.reserve(msgs.size());
    for (const Message& m : msgs)
        seg.rows << toRow(m);
    seg.used = m_useClock++;
    m_segments[first] = std::move(seg);
    evict(first);
}

void TransactionTableModel::evict(int keepFirst)
{
    int cached = cachedRows();
    while (cached > maxCachedRows() && m_segments.size() > 1) {
        auto victim = m_segments.end();
        for (auto it = m_segments.begin(); it != m_segments.end(); ++it)
            if (it->first != keepFirst && (victim == m_segments.end() || it->second.used < victim->second.used))
                victim = it;
        if (victim == m_segments.end())
            break;
        cached -= static_cast<int>(victim->second.rows.size());
        m_segments.erase(victim);
    }
}

void TransactionTableModel::scheduleLoad(int row) const
{
    m_wanted.insert(row);
    if (m_loadScheduled)
        return;
    m_loadScheduled = true;
    QMetaObject::invokeMethod(
        const_cast<TransactionTableModel*>(this), [this] { const_cast<TransactionTableModel*>(this)->loadWanted(); },
        Qt::QueuedConnection);
}

void TransactionTableModel::loadWanted()
{
    m_loadScheduled = false;
    const QList<int> rows(m_wanted.cbegin(), m_wanted.cend());
    m_wanted.clear();
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end());
    int lo = -1;
    int hi = -1;
    for (int row : std::as_const(sorted)) {
        if (row >= m_rowCount || isRowLoaded(row))
            continue;
        if (!loadRow(row)) {
            if (!m_anchorsReady)
                m_wanted.insert(row); // again once the anchors are there
            continue;
        }
        lo = lo < 0 ? row : std::min(lo, row);
        hi = std::max(hi, row);
    }
    if (lo >= 0) {
        // the loaded segments may reach beyond the asked rows; the view repaints what it shows
        const int first = std::max(0, lo - pageSize());
        const int last = std::min(m_rowCount - 1, hi + pageSize());
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
}

void TransactionTableModel::ensureLoaded(int first, int last)
{
    first = std::max(0, first);
    last = std::min(last, m_rowCount - 1);
    for (int row = first; row <= last; ++row)
        if (!isRowLoaded(row))
            scheduleLoad(row);
    if (m_loadScheduled)
        loadWanted();
}

bool TransactionTableModel::loadRow(int row)
{
    if (!m_service)
        return false;
    const int ps = pageSize();
    auto failed = [this](const Error& e) {
        Q_EMIT loadFailed(e.summary());
        return false;
    };
    for (int guard = 0; guard < 4 * kWalkPages + 4; ++guard) {
        if (isRowLoaded(row))
            return true;
        // neighbours: the segment before `row` and the one after it
        auto next = m_segments.upper_bound(row);
        int prevEnd = 0;
        const TransactionRow* prevLast = nullptr;
        if (next != m_segments.begin()) {
            auto prev = std::prev(next);
            prevEnd = prev->first + static_cast<int>(prev->second.rows.size());
            if (!prev->second.rows.isEmpty())
                prevLast = &prev->second.rows.constLast();
        }
        const int nextFirst = next == m_segments.end() ? m_rowCount : next->first;
        const TransactionRow* nextFirstRow
            = next == m_segments.end() || next->second.rows.isEmpty() ? nullptr : &next->second.rows.constFirst();
        // 1. forward from the segment before, when it is close
        if ((prevLast || prevEnd == 0) && row - prevEnd < kWalkPages * ps) {
            const int limit = std::min(ps, nextFirst - prevEnd);
            auto page = fetch(prevLast ? std::optional(anchorOf(*prevLast)) : std::nullopt, false, false, limit);
            if (!page)
                return failed(page.error());
            if (page->isEmpty())
                return false; // the journal has fewer rows than counted (rows left the filter)
            insertSegment(prevEnd, *page);
            continue;
        }
        // 2. backwards from the segment after, or from the end of the list
        const bool nearEnd = m_totalCount >= 0 && nextFirst - row < kWalkPages * ps;
        if (nearEnd && (nextFirstRow || nextFirst == m_rowCount)) {
            const int start = std::max(prevEnd, nextFirst - ps);
            auto page = fetch(
                nextFirstRow ? std::optional(anchorOf(*nextFirstRow)) : std::nullopt, false, true, nextFirst - start);
            if (!page)
                return failed(page.error());
            if (page->isEmpty())
                return false;
            // fewer rows than asked (the end moved): they still end right before nextFirst
            insertSegment(nextFirst - static_cast<int>(page->size()), *page);
            continue;
        }
        // 3. from the anchor of its page (the background scan)
        if (m_anchorsReady) {
            const int k = (row - m_anchorShift) / ps;
            if (row >= m_anchorShift && k < m_anchors.size()) {
                const int start = m_anchorShift + k * ps;
                const int end = std::min(nextFirst, start + ps);
                auto page = fetch(m_anchors.at(k), true, false, end - start);
                if (!page)
                    return failed(page.error());
                if (page->isEmpty())
                    return false;
                QList<Message> rows = *page;
                int first = start;
                if (first < prevEnd) { // the segment before already holds the first few
                    rows = rows.mid(prevEnd - first);
                    first = prevEnd;
                }
                if (rows.isEmpty())
                    return false;
                insertSegment(first, rows);
                continue;
            }
        }
        // 4. nothing to start from yet: near the end of a list whose count is known, walk from
        // there; otherwise wait for the anchors
        if (m_totalCount >= 0 && !nearEnd && m_rowCount - row < 2 * kWalkPages * ps) {
            auto page = fetch(std::nullopt, false, true, std::min(ps, m_rowCount - prevEnd));
            if (!page)
                return failed(page.error());
            if (page->isEmpty())
                return false;
            insertSegment(m_rowCount - static_cast<int>(page->size()), *page);
            continue;
        }
        return false;
    }
    return isRowLoaded(row);
}

void TransactionTableModel::setFilter(const Journal::MessageFilter& filter)
{
    m_query.filter = filter;
    reload();
}

qint64 TransactionTableModel::newestId()
{
    Journal::PageQuery q;
    q.filter = m_query.filter;
    q.limit = 1;
    auto page = m_service->sortedPage(q);
    return page && !page->isEmpty() ? page->constFirst().id : 0;
}

void TransactionTableModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_segments.clear();
    m_wanted.clear();
    m_rowCount = 0;
    m_exhausted = false;
    m_anchors.clear();
    m_anchorShift = 0;
    m_anchorsReady = false;
    m_topId = 0;
    const qint64 oldTotal = m_totalCount;
    m_totalCount = -1;
    if (m_service && m_scanTicket)
        m_service->cancelRowScan(m_scanTicket);
    m_scanTicket = 0;
    // the first page belongs to the reset: views see one reset with rows
    if (m_service) {
        auto page = fetch(std::nullopt, false, false, pageSize());
        if (!page) {
            m_exhausted = true;
            Q_EMIT loadFailed(page.error().summary());
        } else {
            m_rowCount = static_cast<int>(page->size());
            if (!page->isEmpty())
                insertSegment(0, *page);
            if (page->size() < pageSize()) {
                m_exhausted = true;
                m_totalCount = m_rowCount;
                m_anchorsReady = true; // one page: nothing to jump to
            }
            if (m_query.sort == Journal::MessageSort::Id && m_query.descending)
                m_topId = page->isEmpty() ? 0 : page->constFirst().id;
            else
                m_topId = newestId();
        }
    }
    endResetModel();
    setPending(0, false);
    if (m_totalCount != oldTotal)
        Q_EMIT totalCountChanged(m_totalCount);
    if (m_service && !m_exhausted)
        startScan(false);
    m_lastCountAt = QDateTime::currentMSecsSinceEpoch();
}

void TransactionTableModel::startScan(bool countOnly)
{
    if (m_scanTicket)
        m_service->cancelRowScan(m_scanTicket);
    m_scanCountOnly = countOnly;
    m_scanTicket = m_service->startRowScan(m_query, countOnly ? 0 : pageSize());
}

void TransactionTableModel::onScan(quint64 ticket, qint64 rows, const QList<Journal::PageAnchor>& anchors, bool done)
{
    if (ticket != m_scanTicket || ticket == 0)
        return;
    if (done)
        m_scanTicket = 0;
    if (rows < 0) {
        Q_EMIT loadFailed(QStringLiteral("counting the messages failed"));
        return;
    }
    if (m_scanCountOnly) {
        // a recount: the list itself stays as it is (new rows wait behind the bar)
        setTotal(std::max<qint64>(rows, m_rowCount));
        return;
    }
    if (m_totalCount < 0) {
        // the whole list becomes scrollable; rows not cached load when shown. No more fetchMore()
        // from here on, already while views react to the insertion.
        m_exhausted = true;
        const int target = static_cast<int>(std::min<qint64>(rows, std::numeric_limits<int>::max()));
        if (target > m_rowCount) {
            beginInsertRows({}, m_rowCount, target - 1);
            m_rowCount = target;
            endInsertRows();
        }
        setTotal(std::max<qint64>(rows, m_rowCount));
    }
    if (done) {
        m_anchors = anchors;
        m_anchorShift = 0;
        m_anchorsReady = true;
        if (!m_wanted.isEmpty())
            loadWanted();
    }
}

void TransactionTableModel::setTotal(qint64 total)
{
    if (total == m_totalCount)
        return;
    m_totalCount = total;
    Q_EMIT totalCountChanged(total);
}

qint64 TransactionTableModel::messageId(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return 0;
    const TransactionRow* r = cachedRow(row);
    return r ? r->id : 0;
}

int TransactionTableModel::rowOfMessage(qint64 id) const
{
    for (const auto& [first, seg] : m_segments)
        for (qsizetype i = 0; i < seg.rows.size(); ++i)
            if (seg.rows.at(i).id == id)
                return first + static_cast<int>(i);
    return -1;
}

void TransactionTableModel::setPending(int n, bool capped)
{
    if (n == m_pendingNew && capped == m_pendingCapped)
        return;
    m_pendingNew = n;
    m_pendingCapped = capped;
    Q_EMIT pendingNewRowsChanged(n);
}

void TransactionTableModel::journalChanged(int firstRow, int lastRow)
{
    if (!m_service)
        return;
    // 1. the rows on screen: state, attempts, errors and references move on
    if (m_rowCount > 0) {
        firstRow = std::clamp(firstRow, 0, m_rowCount - 1);
        lastRow = std::clamp(lastRow, firstRow, std::min(m_rowCount - 1, firstRow + kMaxRefreshRows));
        while (firstRow <= lastRow && !isRowLoaded(firstRow))
            ++firstRow;
        const TransactionRow* top = firstRow <= lastRow ? cachedRow(firstRow) : nullptr;
        auto fresh = top ? fetch(anchorOf(*top), true, false, lastRow - firstRow + 1)
                         : Result<QList<Message>>(QList<Message> {});
        if (top && fresh) {
            int changedFirst = -1;
            int changedLast = -1;
            for (const Message& m : *fresh) {
                int row = -1;
                for (int r = firstRow; r <= lastRow && row < 0; ++r) {
                    const TransactionRow* c = cachedRow(r);
                    if (c && c->id == m.id)
                        row = r;
                }
                if (row < 0)
                    continue;
                TransactionRow& r = const_cast<TransactionRow&>(*cachedRow(row));
                if (r.state == m.state && r.attempts == m.attempts && r.errorClass == m.errorClass
                    && r.errorText == m.errorText && r.targetRef == m.targetRef && r.postedAt == m.postedAt)
                    continue;
                r = toRow(m);
                changedFirst = changedFirst < 0 ? row : std::min(changedFirst, row);
                changedLast = std::max(changedLast, row);
            }
            if (changedFirst >= 0)
                Q_EMIT dataChanged(index(changedFirst, 0), index(changedLast, ColumnCount - 1));
        }
    }
    // 2. newer rows: counted, not shown (the view shows an "N new" bar)
    Journal::PageQuery probe;
    probe.filter = m_query.filter;
    probe.limit = kNewRowProbe + 1;
    auto newest = m_service->sortedPage(probe);
    if (newest) {
        int n = 0;
        for (const Message& m : *newest)
            if (m.id > m_topId)
                ++n;
        if (m_rowCount == 0 && n > 0) {
            reload(); // nothing on screen to keep stable: just show them
            return;
        }
        setPending(std::min(n, kNewRowProbe), n > kNewRowProbe);
    }
    // 3. the count, in the background and not too often
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_scanTicket == 0 && now - m_lastCountAt >= kCountIntervalMs) {
        m_lastCountAt = now;
        startScan(true);
    }
}

void TransactionTableModel::updateMessages(const QList<Message>& messages)
{
    for (const Message& m : messages) {
        const int row = rowOfMessage(m.id);
        if (row < 0)
            continue;
        const_cast<TransactionRow&>(*cachedRow(row)) = toRow(m);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void TransactionTableModel::showNewRows()
{
    if (!m_service || m_pendingNew == 0)
        return;
    const bool newestFirst = m_query.sort == Journal::MessageSort::Id && m_query.descending;
    if (m_pendingCapped || !newestFirst) {
        reload();
        return;
    }
    Journal::PageQuery q;
    q.filter = m_query.filter;
    q.limit = m_pendingNew + kNewRowProbe;
    auto newest = m_service->sortedPage(q);
    if (!newest) {
        Q_EMIT loadFailed(newest.error().summary());
        return;
    }
    QList<Message> fresh;
    for (const Message& m : *newest)
        if (m.id > m_topId)
            fresh << m;
    if (fresh.isEmpty() || fresh.size() > kNewRowProbe * 2) {
        reload();
        return;
    }
    const int n = static_cast<int>(fresh.size());
    beginInsertRows({}, 0, n - 1);
    std::map<int, Segment> shifted;
    for (auto& [first, seg] : m_segments)
        shifted.emplace(first + n, std::move(seg));
    m_segments = std::move(shifted);
    m_rowCount += n;
    m_anchorShift += n;
    m_topId = fresh.constFirst().id;
    insertSegment(0, fresh);
    endInsertRows();
    if (m_totalCount >= 0)
        setTotal(m_totalCount + n);
    setPending(0, false);
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/transactions/TransactionTableModel.h"

#include "ui/common/Format.h"

#include <QDateTime>
#include <QFont>
#include <algorithm>

namespace Interlock::Ui {

namespace {
constexpr int kNewRowProbe = 100; ///< newer rows counted per change; beyond that the bar says "100+"
constexpr int kMaxRefreshRows = 300;
constexpr qint64 kCountIntervalMs = 1000;

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
}

int TransactionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
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
    const TransactionRow& r = m_rows.at(index.row());
    const int col = index.column();
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
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return QStringLiteral("ID");
    case ReceivedColumn:
        return QStringLiteral("Received");
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

bool TransactionTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted && m_service;
}

void TransactionTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    loadPage(true);
}

void TransactionTableModel::loadPage(bool notify)
{
    const qint64 beforeId = m_rows.isEmpty() ? 0 : m_rows.constLast().id;
    auto page = m_service->page(m_filter, beforeId, pageSize());
    if (!page) {
        m_exhausted = true;
        Q_EMIT loadFailed(page.error().summary());
        return;
    }
    const QList<Message>& msgs = *page;
    if (msgs.size() < pageSize())
        m_exhausted = true;
    if (msgs.isEmpty())
        return;
    if (m_rows.isEmpty())
        m_topId = std::max(m_topId, msgs.constFirst().id);
    const int first = static_cast<int>(m_rows.size());
    if (notify)
        beginInsertRows({}, first, first + static_cast<int>(msgs.size()) - 1);
    m_rows.reserve(m_rows.size() + msgs.size());
    for (const Message& m : msgs)
        m_rows << toRow(m);
    if (notify)
        endInsertRows();
}

void TransactionTableModel::setFilter(const Journal::MessageFilter& filter)
{
    m_filter = filter;
    reload();
}

void TransactionTableModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_rows.clear();
    m_rows.squeeze();
    m_exhausted = false;
    m_topId = 0;
    // the first page belongs to the reset: views see one reset with rows, and an empty result
    // is known to be empty (m_topId stays 0) before anyone asks to fetch more
    if (m_service)
        loadPage(false);
    endResetModel();
    setPending(0, false);
    m_lastCountAt = 0;
    updateCount();
}

qint64 TransactionTableModel::messageId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int TransactionTableModel::rowOfMessage(qint64 id) const
{
    // rows are sorted by id, descending
    auto it = std::lower_bound(
        m_rows.cbegin(), m_rows.cend(), id, [](const TransactionRow& r, qint64 v) { return r.id > v; });
    if (it == m_rows.cend() || it->id != id)
        return -1;
    return static_cast<int>(it - m_rows.cbegin());
}

void TransactionTableModel::updateCount()
{
    if (!m_service)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_lastCountAt > 0 && now - m_lastCountAt < kCountIntervalMs)
        return;
    m_lastCountAt = now;
    auto c = m_service->count(m_filter);
    const qint64 total = c ? *c : -1;
    if (total != m_totalCount) {
        m_totalCount = total;
        Q_EMIT totalCountChanged(total);
    }
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
    if (!m_rows.isEmpty()) {
        firstRow = std::clamp(firstRow, 0, static_cast<int>(m_rows.size()) - 1);
        lastRow
            = std::clamp(lastRow, firstRow, std::min(static_cast<int>(m_rows.size()) - 1, firstRow + kMaxRefreshRows));
        auto fresh = m_service->page(m_filter, m_rows.at(firstRow).id + 1, lastRow - firstRow + 1);
        if (fresh) {
            int changedFirst = -1;
            int changedLast = -1;
            for (const Message& m : *fresh) {
                const int row = rowOfMessage(m.id);
                if (row < 0)
                    continue;
                TransactionRow& r = m_rows[row];
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
    auto newest = m_service->page(m_filter, 0, kNewRowProbe + 1);
    if (newest) {
        int n = 0;
        for (const Message& m : *newest)
            if (m.id > m_topId)
                ++n;
        if (m_rows.isEmpty() && n > 0) {
            reload(); // nothing on screen to keep stable: just show them
            return;
        }
        setPending(std::min(n, kNewRowProbe), n > kNewRowProbe);
    }
    updateCount();
}

void TransactionTableModel::updateMessages(const QList<Message>& messages)
{
    for (const Message& m : messages) {
        const int row = rowOfMessage(m.id);
        if (row < 0)
            continue;
        m_rows[row] = toRow(m);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void TransactionTableModel::showNewRows()
{
    if (!m_service || m_pendingNew == 0)
        return;
    if (m_pendingCapped) {
        reload();
        return;
    }
    auto newest = m_service->page(m_filter, 0, m_pendingNew + kNewRowProbe);
    if (!newest) {
        Q_EMIT loadFailed(newest.error().summary());
        return;
    }
    QList<TransactionRow> fresh;
    for (const Message& m : *newest)
        if (m.id > m_topId)
            fresh << toRow(m);
    if (fresh.isEmpty() || fresh.size() > kNewRowProbe * 2) {
        reload();
        return;
    }
    beginInsertRows({}, 0, static_cast<int>(fresh.size()) - 1);
    m_topId = fresh.constFirst().id;
    m_rows = fresh + m_rows;
    endInsertRows();
    setPending(0, false);
    m_lastCountAt = 0;
    updateCount();
}

} // namespace Interlock::Ui

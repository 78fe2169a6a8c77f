// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <optional>

namespace Interlock::Journal {

/// What an ingest did: new messages and source changes that were already journaled.
struct IngestResult
{
    int inserted = 0;
    int duplicates = 0;
};

/// One state change with everything that must commit with it. Only the fields that are set
/// are written. The store refuses a change the StateMachine does not allow, and skips one
/// whose message is no longer in `from` (somebody else changed it first).
struct TransitionRequest
{
    qint64 messageId = 0;
    MessageState from = MessageState::Received;
    MessageState to = MessageState::Ready;
    std::optional<QByteArray> targetPayload;
    std::optional<QString> targetRef;
    std::optional<qint64> nextAttemptAt;
    std::optional<Error> error; ///< sets error_class/code/text
    bool clearError = false;
    QString blockedDomain; ///< with to == Blocked
    QString blockedValue;
    bool resetAttempts = false;
    std::optional<Attempt> attempt; ///< appended in the same transaction
    std::optional<AuditEntry> audit; ///< appended (hash-chained) in the same transaction
};

/// Filter for the transaction browser and for bulk queries. Empty fields do not filter.
struct MessageFilter
{
    QString plant;
    QString flow;
    QList<MessageState> states;
    QString errorClass;
    QString text; ///< substring of business key, idempotency key or target reference
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

/// Orders of the transaction browser. Each is keyset-paged on (key, id), so a page is a range
/// read wherever it is in the journal (indexes of migration 5).
enum class MessageSort
{
    Id, ///< arrival order
    EventAt, ///< when the change happened at the source
    UpdatedAt ///< last change of the message
};

/// A position in a sorted list of messages: the sort key and the id of one row.
struct PageAnchor
{
    qint64 key = 0; ///< the value of the sort column (the id itself for MessageSort::Id)
    qint64 id = 0;
};

/// One keyset page: `limit` messages matching `filter` in the given order, starting at (or,
/// with `inclusive` false, after) `anchor` in the direction of the walk; from the first row of
/// that order when there is no anchor. `reverse` walks the same order backwards (the end of
/// the list first), which is how the last rows of a long list are read without paging to them.
struct PageQuery
{
    MessageFilter filter;
    MessageSort sort = MessageSort::Id;
    bool descending = true; ///< newest first
    std::optional<PageAnchor> anchor;
    bool inclusive = false;
    bool reverse = false;
    int limit = 500;
    bool withPayloads = false; ///< the table needs no payloads; leaving them out keeps pages small
};

/// Numbers for one plant × flow cell of the overview and of `interlock-engine status`.
struct CellStats
{
    QString plant;
    QString flow;
    QHash<MessageState, qint64> counts;
    qint64 lagP50Ms = -1; ///< source event to posting, over the lag window; -1 when nothing was posted
    qint64 lagP95Ms = -1;
    qint64 postedInWindow = 0;
    double throughputPerMin = 0; ///< posted per minute over the last five minutes
    qint64 oldestBacklogAgeMs
        = 0; ///< age of the oldest message the engine still owes (received/ready/in_flight/retrying)
    qint64 backlog = 0;
    qint64 count(MessageState s) const { return counts.value(s, 0); }
};

/// How many blocked messages of one plant wait for one unmapped (domain, value).
struct BlockedValueCount
{
    QString domain;
    QString plant;
    QString value;
    qint64 count = 0;
};

/// Circuit breaker state of one target endpoint, as the engine last wrote it.
struct EndpointHealth
{
    QString endpoint;
    QString breaker; ///< "closed", "open", "half_open"
    qint64 since = 0;
    int consecutiveFailures = 0;
    QString lastError;
    qint64 updatedAt = 0;
};

} // namespace Interlock::Journal

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Error.h"
#include "models/domain/MessageState.h"

#include <QByteArray>
#include <QString>

namespace Interlock {

/// Flow names as stored in the journal.
namespace Flow {
inline const QString WorkOrder = QStringLiteral("work_order");
inline const QString PartsConsumption = QStringLiteral("parts_consumption");
} // namespace Flow

/// Mapping domains (cross-reference tables).
namespace Domain {
inline const QString Plant = QStringLiteral("plant");
inline const QString Equipment = QStringLiteral("equipment");
inline const QString Material = QStringLiteral("material");
inline const QString StorageLocation = QStringLiteral("storage_location");
inline const QString CostCenter = QStringLiteral("cost_center");
inline const QString WorkOrderStatus = QStringLiteral("wo_status");
} // namespace Domain

/// One business change read from a source system, before it is journaled.
struct SourceChange
{
    QString flow; ///< Flow::WorkOrder, Flow::PartsConsumption
    QString operation; ///< "upsert" (work order header), "goods_issue"
    QString plant; ///< the source system's plant/site code (mapped later)
    QString sourceSystem; ///< e.g. "maximo"
    QString targetSystem; ///< e.g. "sap"
    QString businessKey; ///< ordering key, e.g. "BEDFORD/1001"
    QString idempotencyKey; ///< unique per source change: the same change read twice has the same key
    QByteArray payload; ///< compact JSON as read from the source
    qint64 eventAtMs = 0; ///< when the change happened at the source
};

/// One journaled message. Times are milliseconds since the Unix epoch (UTC).
struct Message
{
    qint64 id = 0;
    QString flow;
    QString operation;
    QString plant;
    QString sourceSystem;
    QString targetSystem;
    QString businessKey;
    int seq = 0; ///< order within businessKey, 1-based
    QString idempotencyKey;
    QByteArray sourcePayload;
    QByteArray targetPayload; ///< mapped payload (empty until transformed)
    MessageState state = MessageState::Received;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString leaseOwner;
    qint64 leaseUntil = 0;
    ErrorClass errorClass = ErrorClass::None;
    QString errorCode;
    QString errorText;
    QString blockedDomain; ///< the mapping domain that blocks it (state Blocked)
    QString blockedValue; ///< the unmapped source value
    QString targetRef; ///< document number in the target (order number, material document)
    qint64 eventAt = 0;
    qint64 receivedAt = 0;
    qint64 postedAt = 0;
    qint64 updatedAt = 0;
};

/// One call (or group of calls for one posting) to a target.
struct Attempt
{
    qint64 id = 0;
    qint64 messageId = 0;
    qint64 startedAt = 0;
    int durationMs = 0;
    int httpStatus = 0;
    ErrorClass errorClass = ErrorClass::None;
    QString errorCode;
    QString request; ///< "POST /sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV/A_MaterialDocumentHeader"
    QString excerpt; ///< bounded, redacted excerpt of the response or error
    QString engine; ///< which engine instance made it
};

/// One cross-reference mapping row. plant empty means "all plants".
struct Mapping
{
    qint64 id = 0;
    QString domain;
    QString plant;
    QString sourceSystem;
    QString sourceValue;
    QString targetSystem;
    QString targetValue;
    QString createdBy;
    qint64 createdAt = 0;
};

/// One audit trail entry; hash = SHA-256(prevHash + canonical fields).
struct AuditEntry
{
    qint64 id = 0;
    qint64 at = 0;
    QString actor;
    QString role;
    QString action;
    QString messageIds; ///< comma separated
    QString before;
    QString after;
    QString note;
    QString prevHash;
    QString hash;
};

} // namespace Interlock

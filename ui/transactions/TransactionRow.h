// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Enums.h"

#include <QString>
#include <QtGlobal>

namespace Interlock::Ui {

/// One loaded row of the transaction table: only what the columns show, no payloads.
/// plant, flow and operation are indices into the model's string pool (a few distinct values
/// repeated over millions of rows).
struct TransactionRow
{
    qint64 id = 0;
    qint64 receivedAt = 0;
    qint64 eventAt = 0;
    qint64 postedAt = 0;
    qint64 updatedAt = 0;
    QString businessKey;
    QString errorText;
    QString targetRef;
    quint16 plant = 0;
    quint16 flow = 0;
    quint16 operation = 0;
    quint16 attempts = 0;
    MessageState state = MessageState::Received;
    ErrorClass errorClass = ErrorClass::None;
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Enums.h"

#include <QList>
#include <QString>

namespace Interlock {

QString stateName(MessageState s); ///< lower_snake name as stored in the journal ("in_flight")
MessageState stateFromName(const QString& name, bool* ok = nullptr);
QList<MessageState> allStates();
bool isTerminal(MessageState s);

/// The one place that decides which state changes are legal. Everything that changes a
/// message's state (engine, operations service, recovery) asks here first.
class StateMachine
{
public:
    static bool canTransition(MessageState from, MessageState to);
    static QList<MessageState> successors(MessageState from);
};

} // namespace Interlock

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/MessageState.h"

#include <array>

namespace Interlock {

namespace {
struct StateInfo
{
    MessageState state;
    const char* name;
};
constexpr std::array<StateInfo, 10> kStates { {
    { MessageState::Received, "received" },
    { MessageState::Ready, "ready" },
    { MessageState::InFlight, "in_flight" },
    { MessageState::Posted, "posted" },
    { MessageState::Retrying, "retrying" },
    { MessageState::Blocked, "blocked" },
    { MessageState::Stuck, "stuck" },
    { MessageState::Resolved, "resolved" },
    { MessageState::Cancelled, "cancelled" },
    { MessageState::Superseded, "superseded" },
} };
} // namespace

QString stateName(MessageState s)
{
    for (const auto& i : kStates)
        if (i.state == s)
            return QString::fromLatin1(i.name);
    return QStringLiteral("unknown");
}

MessageState stateFromName(const QString& name, bool* ok)
{
    for (const auto& i : kStates) {
        if (name == QLatin1String(i.name)) {
            if (ok)
                *ok = true;
            return i.state;
        }
    }
    if (ok)
        *ok = false;
    return MessageState::Received;
}

QList<MessageState> allStates()
{
    QList<MessageState> out;
    for (const auto& i : kStates)
        out << i.state;
    return out;
}

bool isTerminal(MessageState s)
{
    return s == MessageState::Posted || s == MessageState::Resolved || s == MessageState::Cancelled
        || s == MessageState::Superseded;
}

QList<MessageState> StateMachine::successors(MessageState from)
{
    using S = MessageState;
    switch (from) {
    case S::Received:
        // transformed, blocked on a mapping, or refused as malformed
        return { S::Ready, S::Blocked, S::Stuck, S::Cancelled, S::Superseded };
    case S::Ready:
        return { S::InFlight, S::Blocked, S::Cancelled, S::Superseded, S::Stuck };
    case S::InFlight:
        // Ready: lease expired (the worker died); the next attempt looks the document up first
        return { S::Posted, S::Retrying, S::Stuck, S::Blocked, S::Ready };
    case S::Retrying:
        return { S::InFlight, S::Ready, S::Stuck, S::Blocked, S::Cancelled, S::Superseded };
    case S::Blocked:
        return { S::Ready, S::Stuck, S::Resolved, S::Cancelled, S::Superseded };
    case S::Stuck:
        // replay (Ready), edited resubmit goes through Ready too
        return { S::Ready, S::Resolved, S::Cancelled, S::Superseded };
    case S::Posted:
    case S::Resolved:
    case S::Cancelled:
    case S::Superseded:
        return {};
    }
    return {};
}

bool StateMachine::canTransition(MessageState from, MessageState to)
{
    return successors(from).contains(to);
}

} // namespace Interlock

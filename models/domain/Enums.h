// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QObject>

// moc allows one Q_NAMESPACE per namespace, so every enum of namespace Interlock that needs
// meta information (names for the journal, the UI and settings) lives in this one header.
namespace Interlock {

Q_NAMESPACE

/// How a failure must be treated. The engine's decision (retry, block, park) follows from the class alone.
enum class ErrorClass
{
    None,
    Transient, ///< connection refused/reset, timeout before the request left, 429, 5xx, CSRF expiry: retry with
               ///< back-off
    Permanent, ///< business rule rejected (locked order, unknown material in the target): a human must act
    Validation, ///< the payload itself is malformed or fails a field rule: a human must act
    MissingMapping, ///< a cross-reference value has no mapping: block until the mapping appears
    Auth, ///< credentials refused: endpoint-wide, opens the breaker
    Conflict, ///< ETag mismatch (412) or If-Match missing (428): re-read and retry
    Ambiguous ///< the request left but no answer came back: look the document up before posting again
};
Q_ENUM_NS(ErrorClass)

/// The life cycle of one journaled message (DESIGN.md, "The journal").
enum class MessageState
{
    Received, ///< journaled, not yet transformed
    Ready, ///< transformed, waiting for its turn (per business key) and for its target
    InFlight, ///< leased by an engine; a request may be on the wire
    Posted, ///< the target confirmed it; target_ref holds the document number (terminal)
    Retrying, ///< transient failure; next_attempt_at holds the back-off deadline
    Blocked, ///< a mapping is missing; released when it appears
    Stuck, ///< permanent failure or retries exhausted: a person must act
    Resolved, ///< closed by a person with a note (terminal)
    Cancelled, ///< withdrawn by a person (terminal)
    Superseded ///< a newer version of the same object made it obsolete (terminal)
};
Q_ENUM_NS(MessageState)

} // namespace Interlock

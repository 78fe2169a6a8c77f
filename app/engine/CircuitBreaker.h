// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Error.h"

#include <QString>

namespace Interlock::Engine {

/// Circuit breaker for one target endpoint. Closed: requests flow. After `threshold`
/// consecutive endpoint failures (transient, ambiguous, auth) it opens: no requests for
/// `openMs` (doubling on every failed probe, up to `maxOpenMs`). Then half-open: one probe
/// request; its success closes the breaker, its failure opens it again.
/// Business failures (validation, missing mapping, conflict) say nothing about the endpoint.
/// Times are milliseconds since the epoch, passed in (no clock of its own). Not thread-safe.
class CircuitBreaker
{
public:
    enum class State
    {
        Closed,
        Open,
        HalfOpen
    };

    CircuitBreaker(int threshold = 5, qint64 openMs = 5'000, qint64 maxOpenMs = 60'000);

    /// How many more requests may start now, given `inFlight` already running.
    int allowance(qint64 now, int inFlight, int maxInFlight);
    /// Returns true when the state changed.
    bool recordSuccess(qint64 now);
    bool recordFailure(ErrorClass c, qint64 now, const QString& what);
    /// The half-open probe slot was granted but no request was sent: grant it again later.
    void releaseProbe() { m_probeOut = false; }

    State state() const { return m_state; }
    QString stateName() const;
    qint64 since() const { return m_since; }
    qint64 openUntil() const { return m_openUntil; }
    int consecutiveFailures() const { return m_failures; }
    QString lastError() const { return m_lastError; }

private:
    int m_threshold;
    qint64 m_baseOpenMs;
    qint64 m_maxOpenMs;
    qint64 m_currentOpenMs;
    State m_state = State::Closed;
    qint64 m_since = 0;
    qint64 m_openUntil = 0;
    int m_failures = 0;
    bool m_probeOut = false;
    QString m_lastError;
};

} // namespace Interlock::Engine

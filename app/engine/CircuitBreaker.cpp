// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine/CircuitBreaker.h"

#include <algorithm>

namespace Interlock::Engine {

CircuitBreaker::CircuitBreaker(int threshold, qint64 openMs, qint64 maxOpenMs)
    : m_threshold(std::max(1, threshold))
    , m_baseOpenMs(openMs)
    , m_maxOpenMs(std::max(openMs, maxOpenMs))
    , m_currentOpenMs(openMs)
{
}

QString CircuitBreaker::stateName() const
{
    switch (m_state) {
    case State::Closed:
        return QStringLiteral("closed");
    case State::Open:
        return QStringLiteral("open");
    case State::HalfOpen:
        return QStringLiteral("half_open");
    }
    return {};
}

int CircuitBreaker::allowance(qint64 now, int inFlight, int maxInFlight)
{
    if (m_state == State::Open && now >= m_openUntil) {
        m_state = State::HalfOpen;
        m_since = now;
        m_probeOut = false;
    }
    switch (m_state) {
    case State::Closed:
        return std::max(0, maxInFlight - inFlight);
    case State::Open:
        return 0;
    case State::HalfOpen:
        if (m_probeOut || inFlight > 0)
            return 0;
        m_probeOut = true;
        return 1;
    }
    return 0;
}

bool CircuitBreaker::recordSuccess(qint64 now)
{
    m_failures = 0;
    m_probeOut = false;
    if (m_state == State::Closed)
        return false;
    m_state = State::Closed;
    m_since = now;
    m_currentOpenMs = m_baseOpenMs;
    return true;
}

bool CircuitBreaker::recordFailure(ErrorClass c, qint64 now, const QString& what)
{
    if (c != ErrorClass::Transient && c != ErrorClass::Ambiguous && c != ErrorClass::Auth)
        return false;
    m_lastError = what;
    ++m_failures;
    if (m_state == State::HalfOpen) {
        m_currentOpenMs = std::min(m_maxOpenMs, m_currentOpenMs * 2);
        m_state = State::Open;
        m_since = now;
        m_openUntil = now + m_currentOpenMs;
        m_probeOut = false;
        return true;
    }
    if (m_state == State::Closed && m_failures >= m_threshold) {
        m_state = State::Open;
        m_since = now;
        m_openUntil = now + m_currentOpenMs;
        return true;
    }
    return false;
}

} // namespace Interlock::Engine

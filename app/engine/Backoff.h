// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>

namespace Interlock::Engine {

/// Exponential back-off with full jitter: the delay before attempt n+1 is uniform in
/// [0, min(cap, base * 2^(n-1))]. Spreads retries of many messages after a shared failure.
struct Backoff
{
    qint64 baseMs = 500;
    qint64 capMs = 30'000;

    /// Upper bound of the delay after `attempts` failed attempts (attempts >= 1).
    qint64 ceilingMs(int attempts) const;
    qint64 delayMs(int attempts, QRandomGenerator& rng) const;
};

} // namespace Interlock::Engine

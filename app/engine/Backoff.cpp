// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine/Backoff.h"

#include <algorithm>

namespace Interlock::Engine {

qint64 Backoff::ceilingMs(int attempts) const
{
    const int shift = std::clamp(attempts - 1, 0, 30);
    const qint64 grown = baseMs << shift;
    return std::min(capMs, std::max<qint64>(grown, 0));
}

qint64 Backoff::delayMs(int attempts, QRandomGenerator& rng) const
{
    const qint64 ceiling = ceilingMs(attempts);
    if (ceiling <= 0)
        return 0;
    return static_cast<qint64>(rng.bounded(static_cast<quint64>(ceiling) + 1));
}

} // namespace Interlock::Engine

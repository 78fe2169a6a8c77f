// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace Interlock {

/// Source of "now" in milliseconds since the epoch. Tests replace it with a fake clock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch(); }
    static Clock* system()
    {
        static Clock c;
        return &c;
    }
};

} // namespace Interlock

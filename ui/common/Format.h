// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/StatusReport.h"
#include "models/domain/Enums.h"

#include <QColor>
#include <QString>

namespace Interlock::Ui {

/// How the console spells and colours journal values. One place, so every view agrees.
class Format
{
public:
    static QString duration(qint64 ms); ///< "850 ms", "4.2 s", "12 min", "3.1 h"; "—" when negative
    static QString timestamp(qint64 msSinceEpoch); ///< local "yyyy-MM-dd HH:mm:ss"
    static QString timeOfDay(qint64 msSinceEpoch); ///< local "HH:mm:ss"
    static QString number(qint64 n); ///< grouped thousands
    static QString stateLabel(MessageState s); ///< "in flight"
    static QColor stateColor(MessageState s); ///< readable on the current palette (light or dark)
    static QString flowLabel(const QString& flow); ///< "Work orders", "Parts consumption"
    static QString breakerLabel(const QString& breaker); ///< "closed", "half-open", "open"
    static QColor healthColor(Ops::Health h); ///< strong accent
    static QColor healthTint(Ops::Health h); ///< a soft background of the current palette
    static QString healthLabel(Ops::Health h);
    static QColor mutedColor(); ///< secondary text on the current palette

private:
    static QColor baseStateColor(MessageState s); ///< tuned for a light background
    static QColor baseHealthColor(Ops::Health h);
};

} // namespace Interlock::Ui

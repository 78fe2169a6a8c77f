// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"

#include <QList>
#include <QSet>

namespace Interlock::Connectors {

/// Restores, per work order, the order in which things happened at the source when one poll
/// saw several of them at once (Maximo dates have one-second resolution, and polling sees only
/// a work order's latest header).
///
/// Within one work order the changes are put in `_rowstamp` order (Maximo's row version
/// counter), with two rules on top: a work order not yet in the journal (`knownKeys`) is created
/// before any of its rows; and when such a new work order's latest header is closing
/// (CLOSE/CAN) but rows were issued before it, a header change with status INPRG goes first
/// (what Maximo held while the parts were issued; key suffixed "#open", payload marked
/// "interlockSynthetic"), then the rows, then the closing header. Otherwise the ERP order would
/// be created closed and refuse the goods issues. Work orders keep their first-appearance order.
/// Pure function; the same input gives the same output, so a re-read batch gives the same keys.
class MaximoChangeOrder
{
public:
    static QList<SourceChange> apply(const QList<SourceChange>& changes, const QSet<QString>& knownKeys);
};

} // namespace Interlock::Connectors

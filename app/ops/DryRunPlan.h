// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/ErpTarget.h"
#include "models/domain/Error.h"

#include <QList>
#include <QString>
#include <optional>

namespace Interlock::Ops {

/// What the engine would send for one message if it were dispatched now: the connector's own
/// request plan (ErpTarget::plan), secrets redacted. Nothing is sent to build it.
struct DryRunPlan
{
    qint64 messageId = 0;
    QString system; ///< target system ("sap")
    QString endpoint; ///< the target's base URL
    int attempt = 0; ///< the attempt number the next claim gives it (1-based)
    bool lookupFirst = false; ///< the plan starts by looking the document up (an earlier attempt may have posted it)
    QString parentRef; ///< the ERP order a goods issue or an update goes against (empty: none posted yet)
    QString note; ///< why nothing would be sent, or what decides the calls
    QList<Connectors::PlannedCall> calls; ///< in order
    std::optional<Error> problem; ///< the error the connector would report before sending anything
};

} // namespace Interlock::Ops

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Interlock::Ops {

/// Who acts, for role checks and the audit trail. When the journal has accounts, the operations
/// service takes the role and plant scope from the account named `name` (the journal is the
/// authority, so a changed or disabled account takes effect at once); `role` is what the caller
/// believes. Without accounts the actor is taken as given, for every plant.
struct Actor
{
    QString name;
    QString role; ///< viewer, supervisor, integration, admin
};

} // namespace Interlock::Ops

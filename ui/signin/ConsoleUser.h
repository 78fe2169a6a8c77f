// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/Accounts.h"
#include "app/ops/Actor.h"

namespace Interlock::Ui {

/// Who runs the console: the actor every view acts as, and how the status bar names it.
struct ConsoleUser
{
    Ops::Actor actor;
    QString statusText; ///< "Signed in: alice (supervisor · BEDFORD)", "no accounts: local supervisor"
    QString toolTip;

    /// A signed-in account.
    static ConsoleUser signedIn(const Ops::AccountInfo& account);
    /// The journal has no accounts: the desktop user, as a supervisor (as before sign-in existed).
    static ConsoleUser localSupervisor();
    /// `interlock --demo`: the desktop user as an admin over the throw-away demo journal, so every
    /// action of the console can be shown.
    static ConsoleUser demo();
};

} // namespace Interlock::Ui

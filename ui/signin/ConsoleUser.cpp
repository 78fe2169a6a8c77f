// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/signin/ConsoleUser.h"

namespace Interlock::Ui {

namespace {
QString desktopUser()
{
    return qEnvironmentVariable("USER", QStringLiteral("operator"));
}
} // namespace

ConsoleUser ConsoleUser::signedIn(const Ops::AccountInfo& account)
{
    ConsoleUser u;
    u.actor = account.actor();
    // short, so the status bar never widens the window: the tooltip names every plant
    const QString scope = account.plants.size() > 2 ? QStringLiteral("%1 plants").arg(account.plants.size())
                                                    : account.plants.join(QLatin1Char(','));
    u.statusText = account.plants.isEmpty()
        ? QStringLiteral("Signed in: %1 (%2)").arg(account.name, account.role)
        : QStringLiteral("Signed in: %1 (%2 · %3)").arg(account.name, account.role, scope);
    u.toolTip = QStringLiteral("Acts as %1, role %2, on %3").arg(account.name, account.role, account.plantsText());
    return u;
}

ConsoleUser ConsoleUser::localSupervisor()
{
    ConsoleUser u;
    u.actor = Ops::Actor { desktopUser(), QStringLiteral("supervisor") };
    u.statusText = QStringLiteral("no accounts: local supervisor");
    u.toolTip = QStringLiteral("The journal has no accounts, so nobody signs in and the console acts as %1, a "
                               "supervisor. Add accounts with: interlock-engine user add NAME --role R")
                    .arg(u.actor.name);
    return u;
}

ConsoleUser ConsoleUser::demo()
{
    ConsoleUser u;
    u.actor = Ops::Actor { desktopUser(), QStringLiteral("admin") };
    u.statusText = QStringLiteral("demo: local admin");
    u.toolTip = QStringLiteral("The demo journal is thrown away on exit; nobody signs in. The console acts as %1, "
                               "an admin")
                    .arg(u.actor.name);
    return u;
}

} // namespace Interlock::Ui

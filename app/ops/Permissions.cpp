// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/Permissions.h"

#include <array>

namespace Interlock::Ops {

namespace {
constexpr int kRoles = 4;

struct Row
{
    Action action;
    const char* name;
    const char* text;
    std::array<bool, kRoles> allowed; ///< viewer, supervisor, integration, admin
};

// clang-format off
constexpr std::array kTable {
    //   action                   name                 text                         viewer supervisor integration admin
    Row { Action::Replay,           "replay",            "replay messages",           { false, true,  true,  true } },
    Row { Action::Resolve,          "resolve",           "resolve messages",          { false, true,  true,  true } },
    Row { Action::Cancel,           "cancel",            "cancel messages",           { false, true,  true,  true } },
    Row { Action::Bulk,             "bulk",              "act on several messages",   { false, true,  true,  true } },
    Row { Action::AcknowledgeAlert, "acknowledge_alert", "acknowledge alerts",        { false, true,  true,  true } },
    Row { Action::Resubmit,         "resubmit",          "resubmit edited messages",{ false, false, true,  true } },
    Row { Action::DryRun,           "dry_run",           "dry-run messages",          { false, false, true,  true } },
    Row { Action::PutMapping,       "put_mapping",       "change mappings",           { false, false, true,  true } },
    Row { Action::ImportMappings,   "import_mappings",   "import mappings",           { false, false, true,  true } },
    Row { Action::PutAlertRule,     "put_alert_rule",    "change alert rules",        { false, false, true,  true } },
    Row { Action::ManageUsers,      "manage_users",      "manage user accounts",      { false, false, false, true } },
};
// clang-format on

const Row& row(Action action)
{
    for (const Row& r : kTable)
        if (r.action == action)
            return r;
    Q_UNREACHABLE();
}
} // namespace

bool Permissions::allows(Role role, Action action)
{
    return row(action).allowed.at(static_cast<size_t>(role));
}

bool Permissions::allows(const QString& role, Action action)
{
    const auto r = roleFromName(role);
    return r && allows(*r, action);
}

std::optional<Role> Permissions::roleFromName(const QString& name)
{
    for (Role r : { Role::Viewer, Role::Supervisor, Role::Integration, Role::Admin })
        if (roleName(r) == name)
            return r;
    return std::nullopt;
}

QString Permissions::roleName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QStringLiteral("viewer");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Integration:
        return QStringLiteral("integration");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    Q_UNREACHABLE();
}

QStringList Permissions::roleNames()
{
    return { roleName(Role::Viewer), roleName(Role::Supervisor), roleName(Role::Integration), roleName(Role::Admin) };
}

QString Permissions::actionText(Action action)
{
    return QString::fromLatin1(row(action).text);
}

QString Permissions::actionName(Action action)
{
    return QString::fromLatin1(row(action).name);
}

QList<Action> Permissions::allActions()
{
    QList<Action> out;
    for (const Row& r : kTable)
        out << r.action;
    return out;
}

QStringList Permissions::rolesAllowed(Action action)
{
    QStringList out;
    for (Role r : { Role::Viewer, Role::Supervisor, Role::Integration, Role::Admin })
        if (allows(r, action))
            out << roleName(r);
    return out;
}

} // namespace Interlock::Ops

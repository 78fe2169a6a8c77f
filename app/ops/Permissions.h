// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace Interlock::Ops {

/// The four roles, from the least to the most trusted.
enum class Role
{
    Viewer, ///< a manager: reads everything, changes nothing
    Supervisor, ///< a maintenance supervisor: acts on stuck and blocked messages, acknowledges alerts
    Integration, ///< integration support: also edits payloads, mappings and alert rules
    Admin ///< everything, including the accounts
};

/// Every action the operations service performs on somebody's behalf. Reads (overview,
/// transactions, details, KPIs, alerts, mappings, approval requests) need no permission.
enum class Action
{
    Replay,
    Resolve,
    Cancel,
    Bulk, ///< replay, resolve or cancel of more than one message in one request (also needs that action)
    AcknowledgeAlert,
    Resubmit,
    DryRun,
    PutMapping,
    ImportMappings,
    PutAlertRule,
    ManageUsers
};

/// The permission table (action × role): the one place that says who may do what. The
/// operations service checks it on every action, whoever calls (console, CLI, a future remote
/// API); the console also uses it to disable what the signed-in role may not do.
///
/// | action            | viewer | supervisor | integration | admin |
/// |-------------------|:------:|:----------:|:-----------:|:-----:|
/// | replay            |        |     ✓      |      ✓      |   ✓   |
/// | resolve           |        |     ✓      |      ✓      |   ✓   |
/// | cancel            |        |     ✓      |      ✓      |   ✓   |
/// | bulk              |        |     ✓      |      ✓      |   ✓   |
/// | acknowledge alert |        |     ✓      |      ✓      |   ✓   |
/// | resubmit (edit)   |        |            |      ✓      |   ✓   |
/// | dry run           |        |            |      ✓      |   ✓   |
/// | put mapping       |        |            |      ✓      |   ✓   |
/// | import mappings   |        |            |      ✓      |   ✓   |
/// | alert rules       |        |            |      ✓      |   ✓   |
/// | manage users      |        |            |             |   ✓   |
///
/// Plant scope narrows every allowed action to the account's plants: a message, mapping, alert
/// or rule of another plant is refused, and so is an all-plants mapping or rule for a scoped
/// account. Managing users needs an admin without plant scope (a scoped admin could otherwise
/// widen its own scope). Four eyes (LocalOperationsService) comes on top: the approver needs the
/// same permission and scope as the action itself.
class Permissions
{
public:
    static bool allows(Role role, Action action);
    /// allows() for a role name; an unknown name is allowed nothing.
    static bool allows(const QString& role, Action action);

    static std::optional<Role> roleFromName(const QString& name);
    static QString roleName(Role role);
    /// "viewer", "supervisor", "integration", "admin"
    static QStringList roleNames();
    /// The words an error message uses: "replay messages", "change mappings", ...
    static QString actionText(Action action);
    /// The stable identifier used in tests and logs: "replay", "put_mapping", ...
    static QString actionName(Action action);
    static QList<Action> allActions();
    /// The roles that may do `action`, for messages such as "needs integration or admin".
    static QStringList rolesAllowed(Action action);
};

} // namespace Interlock::Ops

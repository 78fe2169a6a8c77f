// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Interlock::Ops {

/// The sub-commands of `interlock-engine`, each returning the process exit code:
///   run       --config FILE            the headless engine until SIGTERM/SIGINT
///   status    --config FILE [--json]   0 healthy, 1 degraded, 2 critical, 3 cannot read
///   mapping   add --config FILE --domain D --source V --target T [--plant P] [--actor NAME] [--note TEXT]
///   mapping   import --config FILE --csv FILE;  mapping list --config FILE
///   audit     verify --config FILE | --journal PATH   0 intact, 1 broken (names the first bad entry), 3 cannot read
///   secret    set NAME (value on stdin) | list | delete NAME   the encrypted SecretStore (SecretCommands)
///   generate  --journal PATH --rows N [--plants A,B,C] [--days D] [--seed S] [--append]
///             fills a journal with realistic traffic (JournalGenerator); 1 when it holds messages already
///   user      add NAME --role R [--plants A,B] | passwd NAME | role NAME [--role R] [--plants A,B|all]
///             | disable NAME | enable NAME | unlock NAME | list [--json]   (--journal PATH | --config FILE)
///             local accounts, acting as an admin (--actor NAME, default $USER). add and passwd read the
///             password from a prompt with echo off, or the first line of standard input when it is
///             not a terminal; never from the command line. 1 when refused (weak password, name taken)
/// Needs a QCoreApplication; `run` enters its event loop.
class EngineCommands
{
public:
    static int main(const QStringList& arguments);
};

} // namespace Interlock::Ops

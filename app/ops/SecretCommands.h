// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIODevice>
#include <QStringList>

namespace Interlock::Ops {

/// `interlock-engine secret set|list|delete NAME` over the SecretStore the environment names.
/// `set` reads the value from `input` (stdin in the engine; one trailing newline dropped), never
/// from the command line, where other users could read it. Prints names, never values.
class SecretCommands
{
public:
    /// `args`: the positional arguments after "secret". Returns the exit code (0 done, 1 refused, 3 error).
    static int run(const QStringList& args, QIODevice& input);
};

} // namespace Interlock::Ops

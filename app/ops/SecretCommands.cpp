// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/SecretCommands.h"

#include "app/config/SecretStore.h"

#include <cstdio>

namespace Interlock::Ops {

namespace {
void say(FILE* f, const QString& s)
{
    const QByteArray b = s.toUtf8();
    std::fwrite(b.constData(), 1, static_cast<size_t>(b.size()), f);
    std::fflush(f);
}

int failed(const Error& e)
{
    say(stderr, QStringLiteral("interlock-engine: %1\n").arg(e.message));
    return e.errorClass == ErrorClass::Validation ? 1 : 3;
}
} // namespace

int SecretCommands::run(const QStringList& args, QIODevice& input)
{
    const QString verb = args.value(0);
    const QString name = args.value(1);
    Config::SecretStore store = Config::SecretStore::fromEnvironment();
    if (verb == QLatin1String("list") && args.size() == 1) {
        auto names = store.names();
        if (!names)
            return failed(names.error());
        for (const QString& n : *names)
            say(stdout, n + QLatin1Char('\n'));
        return 0;
    }
    if (verb == QLatin1String("set") && args.size() == 2) {
        QByteArray value = input.readAll();
        if (value.endsWith('\n'))
            value.chop(1);
        if (value.endsWith('\r'))
            value.chop(1);
        if (value.isEmpty()) {
            say(stderr, QStringLiteral("interlock-engine: secret set reads the value from stdin; it was empty\n"));
            return 1;
        }
        if (auto s = store.set(name, QString::fromUtf8(value)); !s)
            return failed(s.error());
        say(stdout, QStringLiteral("secret '%1' stored in %2\n").arg(name, store.file()));
        return 0;
    }
    if (verb == QLatin1String("delete") && args.size() == 2) {
        if (auto s = store.remove(name); !s)
            return failed(s.error());
        say(stdout, QStringLiteral("secret '%1' deleted\n").arg(name));
        return 0;
    }
    say(stderr,
        QStringLiteral(
            "usage: interlock-engine secret set NAME (value on stdin) | secret list | secret delete NAME\n"));
    return 3;
}

} // namespace Interlock::Ops

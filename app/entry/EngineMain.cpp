// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// interlock-engine: the headless sync engine and its operator commands (no widgets linked).
#include "app/ops/EngineCommands.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("interlock-engine"));
    QCoreApplication::setOrganizationName(QStringLiteral("Interlock"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    return Interlock::Ops::EngineCommands::main(QCoreApplication::arguments());
}

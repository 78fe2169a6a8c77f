// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QString>
#include <QTest>

namespace Interlock::Test {

/// Reads tests/data/<relativePath> (INTERLOCK_TEST_DATA_DIR is set by tests/connectors/CMakeLists.txt).
inline QByteArray readTestData(const char* relativePath)
{
    QFile f(QStringLiteral(INTERLOCK_TEST_DATA_DIR "/") + QString::fromUtf8(relativePath));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", relativePath);
    return f.readAll();
}

} // namespace Interlock::Test

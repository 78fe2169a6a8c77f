// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Clock.h"

#include <QString>
#include <QTemporaryDir>

namespace Interlock::Test {

/// A clock the test moves by hand.
class FakeClock : public Clock
{
public:
    explicit FakeClock(qint64 start = 1'700'000'000'000)
        : m_now(start)
    {
    }
    qint64 nowMs() const override { return m_now; }
    void advance(qint64 ms) { m_now += ms; }
    void set(qint64 ms) { m_now = ms; }

private:
    qint64 m_now;
};

/// A private temporary folder holding a journal file; removed with the object.
class TempJournal
{
public:
    TempJournal();
    QString path() const { return m_dir.filePath(QStringLiteral("journal.sqlite")); }
    QString dir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

} // namespace Interlock::Test

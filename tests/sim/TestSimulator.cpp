// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sim/Simulator.h"

#include <QTest>

class TestSimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void starts();
};

void TestSimulator::starts()
{
    Interlock::Sim::Simulator sim({});
    QVERIFY(sim.start().has_value());
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "TestSimulator.moc"

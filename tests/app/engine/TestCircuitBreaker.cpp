// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine/CircuitBreaker.h"

#include <QTest>

using namespace Interlock;
using namespace Interlock::Engine;
using S = CircuitBreaker::State;

class TestCircuitBreaker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensAfterThresholdAndProbes()
    {
        CircuitBreaker b(3, 1000, 4000);
        QCOMPARE(b.allowance(0, 0, 10), 10);
        QCOMPARE(b.allowance(0, 4, 10), 6);
        QVERIFY(!b.recordFailure(ErrorClass::Transient, 1, QStringLiteral("503")));
        QVERIFY(!b.recordFailure(ErrorClass::Ambiguous, 2, QStringLiteral("timeout")));
        QVERIFY(b.recordFailure(ErrorClass::Transient, 3, QStringLiteral("503")));
        QCOMPARE(b.state(), S::Open);
        QCOMPARE(b.allowance(500, 0, 10), 0);
        // after openMs: half-open, one probe at a time
        QCOMPARE(b.allowance(1003, 0, 10), 1);
        QCOMPARE(b.state(), S::HalfOpen);
        QCOMPARE(b.allowance(1004, 0, 10), 0);
        // probe fails: open again for twice as long
        QVERIFY(b.recordFailure(ErrorClass::Transient, 1100, QStringLiteral("503")));
        QCOMPARE(b.state(), S::Open);
        QCOMPARE(b.openUntil(), 1100 + 2000);
        QCOMPARE(b.allowance(3000, 0, 10), 0);
        QCOMPARE(b.allowance(3100, 0, 10), 1);
        QVERIFY(b.recordFailure(ErrorClass::Auth, 3200, QStringLiteral("401")));
        QCOMPARE(b.openUntil(), 3200 + 4000);
        QVERIFY(b.recordFailure(ErrorClass::Transient, 3300, QStringLiteral("x")) == false); // already open
        QCOMPARE(b.allowance(7300, 0, 10), 1);
        QVERIFY(b.recordFailure(ErrorClass::Transient, 7400, QStringLiteral("503")));
        QCOMPARE(b.openUntil(), 7400 + 4000); // capped at maxOpenMs
        // probe succeeds: closed, full allowance, open time back to the base
        QCOMPARE(b.allowance(11'400, 0, 10), 1);
        QVERIFY(b.recordSuccess(11'450));
        QCOMPARE(b.state(), S::Closed);
        QCOMPARE(b.allowance(11'500, 0, 10), 10);
        for (int i = 0; i < 3; ++i)
            b.recordFailure(ErrorClass::Transient, 12'000 + i, QStringLiteral("503"));
        QCOMPARE(b.openUntil(), 12'002 + 1000);
    }
    void businessFailuresDoNotCount()
    {
        CircuitBreaker b(2, 1000, 1000);
        for (auto c :
            { ErrorClass::Permanent, ErrorClass::Validation, ErrorClass::MissingMapping, ErrorClass::Conflict })
            for (int i = 0; i < 5; ++i)
                QVERIFY(!b.recordFailure(c, i, QStringLiteral("business")));
        QCOMPARE(b.state(), S::Closed);
        b.recordFailure(ErrorClass::Transient, 10, QStringLiteral("503"));
        b.recordSuccess(11); // a success resets the run of failures
        b.recordFailure(ErrorClass::Transient, 12, QStringLiteral("503"));
        QCOMPARE(b.state(), S::Closed);
    }
    void unusedProbeIsGrantedAgain()
    {
        CircuitBreaker b(1, 100, 100);
        b.recordFailure(ErrorClass::Transient, 0, QStringLiteral("503"));
        QCOMPARE(b.allowance(200, 0, 5), 1);
        QCOMPARE(b.allowance(201, 0, 5), 0);
        b.releaseProbe();
        QCOMPARE(b.allowance(202, 0, 5), 1);
        QCOMPARE(b.allowance(203, 1, 5), 0); // a request in flight: no second probe
    }
};

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "TestCircuitBreaker.moc"

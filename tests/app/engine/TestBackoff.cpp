// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine/Backoff.h"

#include <QTest>

using namespace Interlock::Engine;

class TestBackoff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ceilingGrowsExponentiallyUpToTheCap()
    {
        Backoff b { 100, 5000 };
        QCOMPARE(b.ceilingMs(1), 100);
        QCOMPARE(b.ceilingMs(2), 200);
        QCOMPARE(b.ceilingMs(3), 400);
        QCOMPARE(b.ceilingMs(6), 3200);
        QCOMPARE(b.ceilingMs(7), 5000);
        QCOMPARE(b.ceilingMs(1000), 5000); // no overflow for absurd attempt counts
        QCOMPARE(b.ceilingMs(0), 100);
        QCOMPARE(b.ceilingMs(-5), 100);
    }
    void delaysStayWithinBoundsAndAreSpread()
    {
        Backoff b { 100, 5000 };
        QRandomGenerator rng(42);
        for (int attempt = 1; attempt <= 12; ++attempt) {
            qint64 lo = std::numeric_limits<qint64>::max(), hi = -1;
            double sum = 0;
            const int n = 4000;
            for (int i = 0; i < n; ++i) {
                const qint64 d = b.delayMs(attempt, rng);
                QVERIFY(d >= 0);
                QVERIFY2(d <= b.ceilingMs(attempt), qPrintable(QString::number(d)));
                lo = std::min(lo, d);
                hi = std::max(hi, d);
                sum += static_cast<double>(d);
            }
            // full jitter: uniform over [0, ceiling], so the mean is near half the ceiling and
            // the draws reach both ends of the range
            const double ceiling = static_cast<double>(b.ceilingMs(attempt));
            QVERIFY(lo <= ceiling * 0.02);
            QVERIFY(hi >= ceiling * 0.98);
            QVERIFY(std::abs(sum / n - ceiling / 2) < ceiling * 0.05);
        }
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "TestBackoff.moc"

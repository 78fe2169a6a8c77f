// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/ErrorSignature.h"

#include <QTest>

using namespace Interlock;
using Ops::ErrorSignature;

class TestErrorSignature : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void masksData_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("material and plant") << QStringLiteral("Material SP-0004 is not maintained in plant 1720")
                                            << QStringLiteral("Material <code> is not maintained in plant <n>");
        QTest::newRow("order number") << QStringLiteral("Order 4000063 is closed; goods movements are not possible")
                                      << QStringLiteral("Order <n> is closed; goods movements are not possible");
        QTest::newRow("two numbers") << QStringLiteral("Order 4000012 belongs to plant 1710, not 1720")
                                     << QStringLiteral("Order <n> belongs to plant <n>, not <n>");
        QTest::newRow("alphanumeric location")
            << QStringLiteral("Storage location 172A does not exist in plant 1720.")
            << QStringLiteral("Storage location <code> does not exist in plant <n>.");
        QTest::newRow("single quotes") << QStringLiteral("Resource not found for segment 'MaintenanceOrder(42)'")
                                       << QStringLiteral("Resource not found for segment <value>");
        QTest::newRow("double quotes") << QStringLiteral("The date value \"2026-13-01\" is not a valid ISO 8601 date.")
                                       << QStringLiteral("The date value <value> is not a valid ISO <n> date.");
        QTest::newRow("decimal and key") << QStringLiteral("Quantity 3.000 too large for NASHUA/1021")
                                         << QStringLiteral("Quantity <n> too large for <code>");
        QTest::newRow("words kept") << QStringLiteral("Service unavailable") << QStringLiteral("Service unavailable");
        QTest::newRow("spaces collapsed")
            << QStringLiteral("  Plant\t 1720   does not exist ") << QStringLiteral("Plant <n> does not exist");
        QTest::newRow("empty") << QString() << QString();
    }
    void masksData()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(ErrorSignature::normalize(text), expected);
    }

    void keySeparatesClassAndCode()
    {
        const QString a = QStringLiteral("Material SP-0004 is not maintained in plant 1720");
        const QString b = QStringLiteral("Material SP-0017 is not maintained in plant 1710");
        QCOMPARE(ErrorSignature::key(ErrorClass::Permanent, QStringLiteral("M7/021"), a),
            ErrorSignature::key(ErrorClass::Permanent, QStringLiteral("M7/021"), b));
        QVERIFY(ErrorSignature::key(ErrorClass::Permanent, QStringLiteral("M7/021"), a)
            != ErrorSignature::key(ErrorClass::Validation, QStringLiteral("M7/021"), a));
        QVERIFY(ErrorSignature::key(ErrorClass::Permanent, QStringLiteral("M7/021"), a)
            != ErrorSignature::key(ErrorClass::Permanent, QStringLiteral("M7/022"), a));
    }
};

QTEST_GUILESS_MAIN(TestErrorSignature)
#include "TestErrorSignature.moc"

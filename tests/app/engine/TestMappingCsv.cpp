// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine/MappingCsv.h"

#include <QTest>

using namespace Interlock;
using namespace Interlock::Engine;

class TestMappingCsv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesHeaderQuotesAndComments()
    {
        const QByteArray csv = "domain,plant,source_value,target_value\r\n"
                               "# comment\n"
                               "material,,0-0001,SP-0001\n"
                               "storage_location,BEDFORD,\"CENTRAL\",171A\n"
                               "equipment,,\"A,1\",\"1000\"\"1\"\n\n";
        auto rows = MappingCsv::parse(csv, QStringLiteral("maximo"), QStringLiteral("sap"), QStringLiteral("t"), 5);
        QVERIFY2(rows.has_value(), qPrintable(rows.has_value() ? QString() : rows.error().message));
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->at(1).plant, QStringLiteral("BEDFORD"));
        QCOMPARE(rows->at(2).sourceValue, QStringLiteral("A,1"));
        QCOMPARE(rows->at(2).targetValue, QStringLiteral("1000\"1"));
        // and back
        auto again = MappingCsv::parse(
            MappingCsv::write(*rows), QStringLiteral("maximo"), QStringLiteral("sap"), QStringLiteral("t"), 5);
        QCOMPARE(again->size(), 3);
        QCOMPARE(again->at(2).targetValue, QStringLiteral("1000\"1"));
    }
    void rejectsBadLinesWithTheirNumber_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("code");
        QTest::newRow("columns") << QByteArray("material,,a\n") << QStringLiteral("CSV_COLUMNS");
        QTest::newRow("domain") << QByteArray("domain,plant,source_value,target_value\nrocket,,a,b\n")
                                << QStringLiteral("CSV_DOMAIN");
        QTest::newRow("quote") << QByteArray("material,,\"a,b\n") << QStringLiteral("CSV_QUOTE");
        QTest::newRow("empty") << QByteArray("material,,,b\n") << QStringLiteral("CSV_VALUE");
        QTest::newRow("long") << QByteArray("material,,") + QByteArray(500, 'x') + QByteArray(",b\n")
                              << QStringLiteral("CSV_VALUE");
    }
    void rejectsBadLinesWithTheirNumber()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, code);
        auto rows = MappingCsv::parse(csv, QStringLiteral("maximo"), QStringLiteral("sap"), QStringLiteral("t"), 5);
        QVERIFY(!rows.has_value());
        QCOMPARE(rows.error().code, code);
        QVERIFY(rows.error().message.startsWith(QLatin1String("line ")));
    }
};

QTEST_GUILESS_MAIN(TestMappingCsv)
#include "TestMappingCsv.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sap/ODataV2.h"

#include <QTest>

using Interlock::ErrorClass;
using Interlock::Connectors::Sap::ODataV2;

class TestODataV2 : public QObject
{
    Q_OBJECT
private slots:
    void unwrapEntity()
    {
        auto e = ODataV2::unwrapEntity("{\"d\":{\"MaintenanceOrder\":\"4000001\",\"__metadata\":{\"etag\":\"W/1\"}}}");
        QVERIFY(e.has_value());
        QCOMPARE(e->value(QLatin1String("MaintenanceOrder")).toString(), QStringLiteral("4000001"));
        QCOMPARE(ODataV2::unwrapEntity("{\"value\":[]}").error().errorClass, ErrorClass::Validation);
        QCOMPARE(ODataV2::unwrapEntity("<html>").error().errorClass, ErrorClass::Validation);
        QCOMPARE(ODataV2::unwrapEntity("{\"d\":[1]}").error().errorClass, ErrorClass::Validation);
    }
    void unwrapResults()
    {
        auto r = ODataV2::unwrapResults(R"({"d":{"results":[{"a":1},{"a":2}],"__count":"2"}})");
        QVERIFY(r.has_value());
        QCOMPARE(r->size(), 2);
        auto bare = ODataV2::unwrapResults(R"({"d":[{"a":1}]})");
        QVERIFY(bare.has_value());
        QCOMPARE(bare->size(), 1);
        QVERIFY(!ODataV2::unwrapResults(R"({"d":{"MaintenanceOrder":"1"}})").has_value());
        QVERIFY(!ODataV2::unwrapResults("").has_value());
    }
    void dates()
    {
        QCOMPARE(ODataV2::parseDate(QStringLiteral("/Date(1501027200000)/")).value_or(-1), 1501027200000LL);
        QCOMPARE(ODataV2::parseDate(QStringLiteral("/Date(1542801052000+0000)/")).value_or(-1), 1542801052000LL);
        QCOMPARE(ODataV2::parseDate(QStringLiteral("\\/Date(-1000)\\/")).value_or(0), -1000LL);
        QVERIFY(!ODataV2::parseDate(QStringLiteral("2024-01-01")).has_value());
        QVERIFY(!ODataV2::parseDate(QStringLiteral("/Date(abc)/")).has_value());
        QVERIFY(!ODataV2::parseDate(QStringLiteral("/Date(99999999999999999999)/")).has_value());
        QCOMPARE(ODataV2::formatDate(1700000000000), QStringLiteral("/Date(1700000000000)/"));
        QCOMPARE(ODataV2::formatDateTimeOffset(1700000000000), QStringLiteral("/Date(1700000000000+0000)/"));
        QCOMPARE(ODataV2::parseDate(ODataV2::formatDateTimeOffset(42)).value_or(0), 42LL);
    }
    void decimals()
    {
        QCOMPARE(ODataV2::decimalString(QJsonValue(2.0)).value_or(QString()), QStringLiteral("2"));
        QCOMPARE(ODataV2::decimalString(QJsonValue(2.5)).value_or(QString()), QStringLiteral("2.5"));
        QCOMPARE(ODataV2::decimalString(QJsonValue(0.125)).value_or(QString()), QStringLiteral("0.125"));
        QCOMPARE(
            ODataV2::decimalString(QJsonValue(QStringLiteral("2.500"))).value_or(QString()), QStringLiteral("2.500"));
        QVERIFY(!ODataV2::decimalString(QJsonValue(QStringLiteral("1e3"))).has_value());
        QVERIFY(!ODataV2::decimalString(QJsonValue(QStringLiteral("2,5"))).has_value());
        QVERIFY(!ODataV2::decimalString(QJsonValue(QJsonObject())).has_value());
        QVERIFY(!ODataV2::decimalString(QJsonValue()).has_value());
        // a number out of Edm.Decimal's range is refused like the same digits as a string
        QVERIFY(!ODataV2::decimalString(QJsonValue(-4.4e77)).has_value());
        QVERIFY(!ODataV2::decimalString(QJsonValue(1e24)).has_value());
        QVERIFY(ODataV2::decimalString(QJsonValue(9.9e23)).has_value());
    }
    void literals()
    {
        QCOMPARE(ODataV2::quote(QStringLiteral("O'BRIEN")), QStringLiteral("'O''BRIEN'"));
        QCOMPARE(ODataV2::filterEq(QStringLiteral("YY1_ExternalReference_ORD"), QStringLiteral("BEDFORD/1001")),
            QStringLiteral("YY1_ExternalReference_ORD eq 'BEDFORD/1001'"));
        QCOMPARE(ODataV2::keyPath(QStringLiteral("MaintenanceOrder"), QStringLiteral("4000001")),
            QStringLiteral("MaintenanceOrder('4000001')"));
        QCOMPARE(ODataV2::quote(QStringLiteral("'' or 1 eq 1")), QStringLiteral("''''' or 1 eq 1'"));
    }
    void scalarText()
    {
        QCOMPARE(ODataV2::scalarText(QJsonValue(2)), QStringLiteral("2"));
        QCOMPARE(ODataV2::scalarText(QJsonValue(QStringLiteral("2"))), QStringLiteral("2"));
        QCOMPARE(ODataV2::scalarText(QJsonValue(true)), QStringLiteral("true"));
        QCOMPARE(ODataV2::scalarText(QJsonValue()), QString());
    }
};

QTEST_GUILESS_MAIN(TestODataV2)
#include "TestODataV2.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/transform/MaximoToSap.h"

#include <QTest>

using namespace Interlock;
using namespace Interlock::Connectors;

namespace {
Mapping map(const QString& domain, const QString& plant, const QString& from, const QString& to)
{
    return Mapping { 0, domain, plant, QStringLiteral("maximo"), from, QStringLiteral("sap"), to, {}, 0 };
}

Message msg(const QString& flow, const QByteArray& payload, const QString& op = QStringLiteral("upsert"))
{
    Message m;
    m.flow = flow;
    m.operation = op;
    m.sourcePayload = payload;
    return m;
}
} // namespace

class TestMaximoToSap : public QObject
{
    Q_OBJECT
    MappingLookup m_lookup { {
        map(Domain::Plant, {}, QStringLiteral("BEDFORD"), QStringLiteral("1710")),
        map(Domain::WorkOrderStatus, {}, QStringLiteral("APPR"), QStringLiteral("REL")),
        map(Domain::Equipment, {}, QStringLiteral("A1001"), QStringLiteral("10000001")),
        map(Domain::CostCenter, QStringLiteral("BEDFORD"), QStringLiteral("6000-100"), QStringLiteral("1710-100")),
        map(Domain::Material, {}, QStringLiteral("0-0001"), QStringLiteral("SP-0001")),
        map(Domain::StorageLocation, QStringLiteral("BEDFORD"), QStringLiteral("CENTRAL"), QStringLiteral("171A")),
        map(Domain::StorageLocation, {}, QStringLiteral("CENTRAL"), QStringLiteral("WRONG")),
    } };

private Q_SLOTS:
    void workOrder()
    {
        const MaximoToSap t(m_lookup);
        const auto r = t.transform(msg(Flow::WorkOrder,
            R"({"wonum":"1001","siteid":"BEDFORD","status":"APPR2","status_maxvalue":"APPR","assetnum":"A1001",
                "glaccount":"6000-100","worktype":"PM","wopriority":2,"description":"Replace the seal of pump P-101 and check the coupling alignment"})"));
        QVERIFY(r.ok());
        QCOMPARE(r.fields.value(QLatin1String("MaintenancePlanningPlant")).toString(), QStringLiteral("1710"));
        QCOMPARE(r.fields.value(QLatin1String("MaintenanceOrderSystemStatus")).toString(), QStringLiteral("REL"));
        QCOMPARE(r.fields.value(QLatin1String("Equipment")).toString(), QStringLiteral("10000001"));
        QCOMPARE(r.fields.value(QLatin1String("ResponsibleCostCenter")).toString(), QStringLiteral("1710-100"));
        QCOMPARE(r.fields.value(QLatin1String("MaintenanceOrderType")).toString(), QStringLiteral("PM02"));
        QCOMPARE(r.fields.value(QLatin1String("MaintPriority")).toString(), QStringLiteral("2"));
        QCOMPARE(r.fields.value(QLatin1String("MaintenanceOrderDesc")).toString().size(), 40);
    }
    void goodsIssuePrefersPlantSpecificMapping()
    {
        const MaximoToSap t(m_lookup);
        const auto r = t.transform(msg(Flow::PartsConsumption,
            R"({"wonum":"1001","siteid":"BEDFORD","matusetransid":88,"itemnum":"0-0001","quantity":2,"storeloc":"CENTRAL","issueunit":"EACH"})",
            QStringLiteral("goods_issue")));
        QVERIFY(r.ok());
        QCOMPARE(r.fields.value(QLatin1String("StorageLocation")).toString(), QStringLiteral("171A"));
        QCOMPARE(r.fields.value(QLatin1String("GoodsMovementType")).toString(), QStringLiteral("261"));
        QCOMPARE(r.fields.value(QLatin1String("QuantityInEntryUnit")).toString(), QStringLiteral("2.000"));
        QCOMPARE(r.fields.value(QLatin1String("EntryUnit")).toString(), QStringLiteral("PC"));
        QCOMPARE(
            r.fields.value(QLatin1String("MaterialDocumentItemText")).toString(), QStringLiteral("BEDFORD/MATU/88"));
        const auto ret = t.transform(msg(Flow::PartsConsumption,
            R"({"wonum":"1001","siteid":"BEDFORD","matusetransid":"89","itemnum":"0-0001","quantity":"1.5","storeloc":"CENTRAL"})",
            QStringLiteral("goods_return")));
        QVERIFY(ret.ok());
        QCOMPARE(ret.fields.value(QLatin1String("GoodsMovementType")).toString(), QStringLiteral("262"));
        QCOMPARE(ret.fields.value(QLatin1String("QuantityInEntryUnit")).toString(), QStringLiteral("1.500"));
    }
    void missingMappingNamesDomainAndValue()
    {
        const MaximoToSap t(m_lookup);
        const auto r = t.transform(msg(Flow::PartsConsumption,
            R"({"wonum":"1001","siteid":"BEDFORD","matusetransid":90,"itemnum":"9-9001","quantity":1,"storeloc":"CENTRAL"})",
            QStringLiteral("goods_issue")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->errorClass, ErrorClass::MissingMapping);
        QCOMPARE(r.missingDomain, Domain::Material);
        QCOMPARE(r.missingValue, QStringLiteral("9-9001"));
    }
    void hostilePayloadsAreValidationErrors_data()
    {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << Flow::WorkOrder << QByteArray("{\"wonum\":") << QStringLiteral("PAYLOAD_JSON");
        QTest::newRow("array") << Flow::WorkOrder << QByteArray("[1,2]") << QStringLiteral("PAYLOAD_JSON");
        QTest::newRow("no site") << Flow::WorkOrder << QByteArray(R"({"wonum":"1"})") << QStringLiteral("FIELD_SITEID");
        QTest::newRow("site object") << Flow::WorkOrder << QByteArray(R"({"wonum":"1","siteid":{"a":1}})")
                                     << QStringLiteral("FIELD_SITEID");
        QTest::newRow("huge code") << Flow::WorkOrder
                                   << QByteArray(R"({"siteid":"BEDFORD","wonum":")") + QByteArray(5000, '9') + "\"}"
                                   << QStringLiteral("FIELD_WONUM");
        QTest::newRow("quantity text")
            << Flow::PartsConsumption
            << QByteArray(
                   R"({"wonum":"1","siteid":"BEDFORD","matusetransid":1,"itemnum":"0-0001","quantity":"two","storeloc":"CENTRAL"})")
            << QStringLiteral("FIELD_QUANTITY");
        QTest::newRow("quantity zero")
            << Flow::PartsConsumption
            << QByteArray(
                   R"({"wonum":"1","siteid":"BEDFORD","matusetransid":1,"itemnum":"0-0001","quantity":0,"storeloc":"CENTRAL"})")
            << QStringLiteral("FIELD_QUANTITY");
        QTest::newRow("quantity huge")
            << Flow::PartsConsumption
            << QByteArray(
                   R"({"wonum":"1","siteid":"BEDFORD","matusetransid":1,"itemnum":"0-0001","quantity":1e12,"storeloc":"CENTRAL"})")
            << QStringLiteral("FIELD_QUANTITY");
        // Qt's parser refuses a number out of double range: the payload is not valid JSON
        QTest::newRow("quantity overflow")
            << Flow::PartsConsumption
            << QByteArray(
                   R"({"wonum":"1","siteid":"BEDFORD","matusetransid":1,"itemnum":"0-0001","quantity":1e400,"storeloc":"CENTRAL"})")
            << QStringLiteral("PAYLOAD_JSON");
        QTest::newRow("too large") << Flow::WorkOrder << QByteArray(2 * 1024 * 1024, ' ')
                                   << QStringLiteral("PAYLOAD_TOO_LARGE");
        QTest::newRow("unknown flow") << QStringLiteral("rocket") << QByteArray(R"({"siteid":"BEDFORD"})")
                                      << QStringLiteral("FLOW_UNKNOWN");
    }
    void hostilePayloadsAreValidationErrors()
    {
        QFETCH(QString, flow);
        QFETCH(QByteArray, payload);
        QFETCH(QString, code);
        const MaximoToSap t(m_lookup);
        const auto r = t.transform(msg(flow, payload, QStringLiteral("goods_issue")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->errorClass, ErrorClass::Validation);
        QCOMPARE(r.error->code, code);
        QVERIFY(r.error->message.size() < 300);
    }
};

QTEST_GUILESS_MAIN(TestMaximoToSap)
#include "TestMaximoToSap.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sap/SapErpTarget.h"
#include "connectors/sim/Simulator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <optional>

using namespace Interlock;
using namespace Interlock::Connectors;
using Interlock::Connectors::Sap::SapConfig;
using Interlock::Connectors::Sap::SapErpTarget;
using Interlock::Sim::SimOptions;
using Interlock::Sim::Simulator;

namespace {

OutboundDocument orderDoc(const QString& key, const QString& desc = QStringLiteral("Replace seal P-101"))
{
    OutboundDocument d;
    d.messageId = 1;
    d.flow = Flow::WorkOrder;
    d.operation = QStringLiteral("upsert");
    d.plant = QStringLiteral("1710");
    d.businessKey = key;
    d.idempotencyKey = QStringLiteral("maximo:") + key + QStringLiteral("@1");
    d.fields = QJsonObject { { QStringLiteral("MaintenanceOrderType"), QStringLiteral("PM01") },
        { QStringLiteral("MaintenanceOrderDesc"), desc },
        { QStringLiteral("MaintenancePlanningPlant"), QStringLiteral("1710") },
        { QStringLiteral("Equipment"), QStringLiteral("10000003") },
        { QStringLiteral("MaintPriority"), QStringLiteral("2") },
        { QStringLiteral("MaintenanceOrderSystemStatus"), QStringLiteral("REL") } };
    return d;
}

OutboundDocument issueDoc(const QString& order, qint64 id, const QString& material = QStringLiteral("SP-0031"))
{
    OutboundDocument d;
    d.messageId = 2;
    d.flow = Flow::PartsConsumption;
    d.operation = QStringLiteral("goods_issue");
    d.plant = QStringLiteral("1710");
    d.businessKey = QStringLiteral("BEDFORD/1001");
    d.idempotencyKey = QStringLiteral("maximo:BEDFORD/MATU/") + QString::number(id);
    d.parentRef = order;
    d.fields = QJsonObject {
        { QStringLiteral("Material"), material }, { QStringLiteral("Plant"), QStringLiteral("1710") },
        { QStringLiteral("StorageLocation"), QStringLiteral("171A") },
        { QStringLiteral("QuantityInEntryUnit"), QStringLiteral("2") },
        { QStringLiteral("EntryUnit"), QStringLiteral("EA") },
        { QStringLiteral("GoodsMovementType"), QStringLiteral("261") },
        { QStringLiteral("MaterialDocumentItemText"), QString(QStringLiteral("BEDFORD/MATU/") + QString::number(id)) }
    };
    return d;
}

PostOutcome post(SapErpTarget& target, const OutboundDocument& doc)
{
    std::optional<PostOutcome> out;
    target.post(doc, [&](PostOutcome o) { out = std::move(o); });
    static_cast<void>(QTest::qWaitFor([&] { return out.has_value(); }, 20000));
    return out.value_or(PostOutcome {});
}

QString why(const PostOutcome& o)
{
    return o.ref.has_value() ? *o.ref : o.ref.error().summary() + QStringLiteral(" | ") + o.excerpt;
}

int countDocs(const QJsonObject& ledger, const QString& headerText)
{
    int n = 0;
    for (const QJsonValue& v : ledger.value(QLatin1String("materialDocuments")).toArray())
        n += v.toObject().value(QLatin1String("headerText")).toString() == headerText ? 1 : 0;
    return n;
}

} // namespace

class TestSapErpTargetSim : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        SimOptions o;
        o.generate = false;
        o.plants = 2;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->start().has_value());
        m_config = SapConfig { QUrl(m_sim->erpUrl().toString() + QStringLiteral("/sap/opu/odata/sap")),
            QStringLiteral("INTERLOCK"), QStringLiteral("sim-password"), QString(), 5000 };
    }
    void init()
    {
        m_sim->setFaults(QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("errorRate"), 0 } } } });
    }

    void createUpdateAndLookupOrder()
    {
        SapErpTarget target(m_config);
        auto created = post(target, orderDoc(QStringLiteral("BEDFORD/1001")));
        QVERIFY2(created.ref.has_value(), qPrintable(why(created)));
        m_order = *created.ref;
        QCOMPARE(created.httpStatus, 201);

        auto retry = orderDoc(QStringLiteral("BEDFORD/1001"));
        retry.lookupFirst = true;
        auto found = post(target, retry);
        QVERIFY2(found.ref.has_value(), qPrintable(why(found)));
        QCOMPARE(*found.ref, m_order);
        QVERIFY(found.foundByLookup);
        QCOMPARE(m_sim->ledger().value(QLatin1String("orders")).toArray().size(), 1);

        // Found by the lookup with a change: merged with the ETag from the lookup row.
        auto retryChanged = orderDoc(QStringLiteral("BEDFORD/1001"), QStringLiteral("Replace seal (retry)"));
        retryChanged.lookupFirst = true;
        auto foundChanged = post(target, retryChanged);
        QVERIFY2(foundChanged.ref.has_value(), qPrintable(why(foundChanged)));
        QCOMPARE(*foundChanged.ref, m_order);
        QVERIFY(foundChanged.foundByLookup);
        QCOMPARE(foundChanged.httpStatus, 204);
        QCOMPARE(m_sim->ledger().value(QLatin1String("orders")).toArray().size(), 1);

        auto changed = orderDoc(QStringLiteral("BEDFORD/1001"), QStringLiteral("Replace seal and bearing"));
        changed.parentRef = m_order;
        changed.fields.insert(QStringLiteral("MaintenanceOrderSystemStatus"), QStringLiteral("TECO"));
        auto merged = post(target, changed);
        QVERIFY2(merged.ref.has_value(), qPrintable(why(merged)));
        QCOMPARE(merged.httpStatus, 204);
        const QJsonObject order = m_sim->ledger().value(QLatin1String("orders")).toArray().first().toObject();
        QCOMPARE(order.value(QLatin1String("status")).toString(), QStringLiteral("TECO"));
        changed.fields.insert(QStringLiteral("MaintenanceOrderSystemStatus"), QStringLiteral("REL"));
        QVERIFY(post(target, changed).ref.has_value());
    }

    void concurrentUpdatesSurvive412()
    {
        SapErpTarget target(m_config);
        auto a = orderDoc(QStringLiteral("BEDFORD/1001"), QStringLiteral("Update A"));
        auto b = orderDoc(QStringLiteral("BEDFORD/1001"), QStringLiteral("Update B"));
        a.parentRef = b.parentRef = m_order;
        int done = 0;
        int ok = 0;
        QString errors;
        for (const auto& d : { a, b }) {
            target.post(d, [&](PostOutcome o) {
                ++done;
                ok += o.ref.has_value() ? 1 : 0;
                if (!o.ref.has_value())
                    errors += why(o);
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 2, 20000);
        QVERIFY2(ok == 2, qPrintable(errors));
    }

    void csrfRefetchAfterExpiry()
    {
        SapErpTarget target(m_config);
        QVERIFY(post(target, issueDoc(m_order, 9001)).ref.has_value());
        QCOMPARE(target.csrfFetchCount(), 1);
        m_sim->expireCsrfTokens();
        int done = 0;
        int ok = 0;
        for (int i = 0; i < 4; ++i) {
            target.post(issueDoc(m_order, 9100 + i), [&](PostOutcome o) {
                ++done;
                ok += o.ref.has_value() ? 1 : 0;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 4, 20000);
        QCOMPARE(ok, 4);
        QCOMPARE(target.csrfFetchCount(), 2);
    }

    void goodsIssueLookupNoDuplicate()
    {
        SapErpTarget target(m_config);
        auto first = post(target, issueDoc(m_order, 88));
        QVERIFY2(first.ref.has_value(), qPrintable(why(first)));
        QVERIFY(first.ref->startsWith(QLatin1String("20")));
        auto again = issueDoc(m_order, 88);
        again.lookupFirst = true;
        auto found = post(target, again);
        QVERIFY2(found.ref.has_value(), qPrintable(why(found)));
        QVERIFY(found.foundByLookup);
        QCOMPARE(*found.ref, *first.ref);
        QCOMPARE(countDocs(m_sim->ledger(),
                     SapErpTarget::materialDocumentHeaderText(QStringLiteral("maximo:BEDFORD/MATU/88"))),
            1);
    }

    void droppedWriteIsAmbiguousThenFound()
    {
        SapConfig quick = m_config;
        quick.timeoutMs = 700;
        SapErpTarget target(quick);
        QVERIFY(post(target, issueDoc(m_order, 7000)).ref.has_value()); // token fetched before the fault
        m_sim->setFaults(
            QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("dropAfterProcessRate"), 1.0 } } } });
        auto dropped = post(target, issueDoc(m_order, 7001));
        m_sim->setFaults(
            QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("dropAfterProcessRate"), 0.0 } } } });
        QVERIFY(!dropped.ref.has_value());
        QCOMPARE(dropped.ref.error().errorClass, ErrorClass::Ambiguous);
        auto again = issueDoc(m_order, 7001);
        again.lookupFirst = true;
        auto found = post(target, again);
        QVERIFY2(found.ref.has_value(), qPrintable(why(found)));
        QVERIFY(found.foundByLookup);
        QCOMPARE(countDocs(m_sim->ledger(),
                     SapErpTarget::materialDocumentHeaderText(QStringLiteral("maximo:BEDFORD/MATU/7001"))),
            1);
    }

    void lockedOrderIsTransient()
    {
        SapErpTarget target(m_config);
        m_sim->setOrderLocked(m_order, true);
        auto change = orderDoc(QStringLiteral("BEDFORD/1001"), QStringLiteral("While locked"));
        change.parentRef = m_order;
        auto merge = post(target, change);
        auto issue = post(target, issueDoc(m_order, 5001));
        m_sim->setOrderLocked(m_order, false);
        QVERIFY(!merge.ref.has_value());
        QCOMPARE(merge.ref.error().errorClass, ErrorClass::Transient);
        QCOMPARE(merge.httpStatus, 400);
        QVERIFY(!issue.ref.has_value());
        QCOMPARE(issue.ref.error().errorClass, ErrorClass::Transient);
        QVERIFY(post(target, issueDoc(m_order, 5001)).ref.has_value());
    }

    void permanentFailures()
    {
        SapErpTarget target(m_config);
        auto unknown = post(target, issueDoc(m_order, 6001, QStringLiteral("9-9001")));
        QVERIFY(!unknown.ref.has_value());
        QCOMPARE(unknown.ref.error().errorClass, ErrorClass::Permanent);
        QCOMPARE(unknown.ref.error().code, QStringLiteral("M7/021"));
        QVERIFY(unknown.excerpt.contains(QLatin1String("9-9001")));
        QCOMPARE(unknown.request,
            QStringLiteral("POST /sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV/A_MaterialDocumentHeader"));

        auto noOrder = post(target, issueDoc(QStringLiteral("4999999"), 6002));
        QCOMPARE(noOrder.ref.error().errorClass, ErrorClass::Permanent);

        auto badPlant = orderDoc(QStringLiteral("BEDFORD/X1"));
        badPlant.fields.insert(QStringLiteral("MaintenancePlanningPlant"), QStringLiteral("9999"));
        QCOMPARE(post(target, badPlant).ref.error().errorClass, ErrorClass::Permanent);

        SapConfig wrong = m_config;
        wrong.password = QStringLiteral("nope");
        SapErpTarget denied(wrong);
        auto auth = post(denied, orderDoc(QStringLiteral("BEDFORD/X2")));
        QCOMPARE(auth.ref.error().errorClass, ErrorClass::Auth);
    }

    void outageIsTransient()
    {
        SapErpTarget target(m_config);
        m_sim->setFaults(
            QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("outageForSec"), 3 } } } });
        auto down = post(target, issueDoc(m_order, 8001));
        m_sim->setFaults(
            QJsonObject { { QStringLiteral("erp"), QJsonObject { { QStringLiteral("outageForSec"), 0 } } } });
        QVERIFY(!down.ref.has_value());
        QCOMPARE(down.ref.error().errorClass, ErrorClass::Transient);
        QVERIFY(post(target, issueDoc(m_order, 8001)).ref.has_value());
    }

    void cleanupTestCase() { m_sim.reset(); }

private:
    std::unique_ptr<Simulator> m_sim;
    SapConfig m_config;
    QString m_order;
};

QTEST_GUILESS_MAIN(TestSapErpTargetSim)
#include "TestSapErpTargetSim.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/config/EngineConfig.h"
#include "models/domain/Message.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Interlock;
using namespace Interlock::Config;

namespace {
QByteArray config(
    const QByteArray& engine = "{}", const QByteArray& apiKey = "\"env:TEST_KEY\"", const QByteArray& slo = "{}")
{
    return R"({"version":1,"journal":{"path":"j.sqlite"},"slo":)" + slo + R"(,"engine":)" + engine
        + R"(,"plants":[{"site":"BEDFORD",
        "cmms":{"type":"maximo","baseUrl":"http://127.0.0.1:1","apiKey":)"
        + apiKey + R"(},
        "erp":{"type":"sap","baseUrl":"http://127.0.0.1:2/sap/opu/odata/sap","user":"U","password":"env:TEST_PW"}}]})";
}
} // namespace

class TestEngineConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("TEST_KEY", "k3y");
        qputenv("TEST_PW", "pw");
    }
    void loadsAndResolvesSecrets()
    {
        auto c = EngineConfig::fromJson(config(R"({"pollIntervalMs":250,"maxAttempts":3})"), QStringLiteral("/etc/il"));
        QVERIFY2(c.has_value(), qPrintable(c.has_value() ? QString() : c.error().message));
        QCOMPARE(c->journalPath, QStringLiteral("/etc/il/j.sqlite"));
        QCOMPARE(c->pollIntervalMs, 250);
        QCOMPARE(c->maxAttempts, 3);
        QCOMPARE(c->plants.size(), 1);
        QCOMPARE(c->plants.at(0).cmmsApiKey, QStringLiteral("k3y"));
        QCOMPARE(c->plants.at(0).erpPassword, QStringLiteral("pw"));
    }
    void secretFromFile()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("key")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("from-file\nignored\n");
        f.close();
        auto s = EngineConfig::resolveSecret(QStringLiteral("file:") + f.fileName());
        QCOMPARE(s.value(), QStringLiteral("from-file"));
    }
    void maxResponseBytes()
    {
        auto byDefault = EngineConfig::fromJson(config(), QStringLiteral("/tmp"));
        QVERIFY(byDefault.has_value());
        QCOMPARE(byDefault->maxResponseBytes, qint64(16 * 1024 * 1024));
        auto set = EngineConfig::fromJson(config(R"({"maxResponseBytes":1048576})"), QStringLiteral("/tmp"));
        QVERIFY(set.has_value());
        QCOMPARE(set->maxResponseBytes, qint64(1024 * 1024));
        auto tiny = EngineConfig::fromJson(config(R"({"maxResponseBytes":10})"), QStringLiteral("/tmp"));
        QVERIFY(!tiny.has_value());
        QVERIFY(tiny.error().message.contains(QStringLiteral("$.engine.maxResponseBytes")));
    }
    void secretFileHostile()
    {
        // a device or a folder is refused at once (reading /dev/zero for a line would never end)
        for (const char* path : { "/dev/zero", "/tmp" }) {
            auto s = EngineConfig::resolveSecret(QStringLiteral("file:") + QLatin1String(path));
            QVERIFY(!s.has_value());
            QVERIFY(s.error().message.contains(QStringLiteral("not a regular file")));
        }
        // one long line is read only up to a bound
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("long")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1 << 20, 'x'));
        f.close();
        auto s = EngineConfig::resolveSecret(QStringLiteral("file:") + f.fileName());
        QVERIFY(s.has_value());
        QVERIFY(s->size() < 4096);
    }
    void sloOverridesPerPlantAndFlow()
    {
        // defaults from $.slo; a flow override, a plant override and a cell override: most specific wins
        auto c = EngineConfig::fromJson(config("{}", "\"env:TEST_KEY\"",
                                            R"({"stuckWarn":1,"stuckCrit":100,"lagP95WarnMs":60000,"overrides":[
                {"flow":"parts_consumption","lagP95WarnMs":600000},
                {"plant":"BEDFORD","stuckWarn":5},
                {"plant":"BEDFORD","flow":"parts_consumption","stuckCrit":7}]})"),
            QStringLiteral("/tmp"));
        QVERIFY2(c.has_value(), qPrintable(c.has_value() ? QString() : c.error().message));
        QCOMPARE(c->sloOverrides.size(), 3);
        const Slo wo = c->sloFor(QStringLiteral("BEDFORD"), Flow::WorkOrder);
        QCOMPARE(wo.stuckWarn, 5); // plant override
        QCOMPARE(wo.lagP95WarnMs, 60'000); // defaults
        const Slo parts = c->sloFor(QStringLiteral("BEDFORD"), Flow::PartsConsumption);
        QCOMPARE(parts.stuckCrit, 7); // the cell override, built on the defaults only
        QCOMPARE(parts.stuckWarn, 1);
        QCOMPARE(parts.lagP95WarnMs, 60'000);
        const Slo otherPlant = c->sloFor(QStringLiteral("NASHUA"), Flow::PartsConsumption);
        QCOMPARE(otherPlant.lagP95WarnMs, 600'000); // flow override
        QCOMPARE(otherPlant.stuckWarn, 1);
        const Slo allPlants = c->sloFor(QString(), Flow::WorkOrder);
        QCOMPARE(allPlants.stuckWarn, 1);
    }
    void refusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("not json") << QByteArray("{\"version\":1,") << QStringLiteral("$:");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("$:");
        QTest::newRow("version") << QByteArray(R"({"version":2})") << QStringLiteral("$.version");
        QTest::newRow("plain secret") << config("{}", "\"k3y\"") << QStringLiteral("$.plants[0].cmms.apiKey");
        QTest::newRow("unset env") << config("{}", "\"env:NOPE_NOT_SET\"") << QStringLiteral("$.plants[0].cmms.apiKey");
        QTest::newRow("wrong type") << config(R"({"pollIntervalMs":"fast"})")
                                    << QStringLiteral("$.engine.pollIntervalMs");
        QTest::newRow("fraction") << config(R"({"batchSize":1.5})") << QStringLiteral("$.engine.batchSize");
        QTest::newRow("range") << config(R"({"maxInFlightPerPlant":100000})")
                               << QStringLiteral("$.engine.maxInFlightPerPlant");
        QTest::newRow("lease") << config(R"({"leaseMs":5000,"requestTimeoutMs":10000})")
                               << QStringLiteral("$.engine.leaseMs");
        QTest::newRow("override not array")
            << config("{}", "\"env:TEST_KEY\"", R"({"overrides":{}})") << QStringLiteral("$.slo.overrides");
        QTest::newRow("override without cell") << config("{}", "\"env:TEST_KEY\"", R"({"overrides":[{"stuckWarn":3}]})")
                                               << QStringLiteral("$.slo.overrides[0]");
        QTest::newRow("override unknown flow")
            << config("{}", "\"env:TEST_KEY\"", R"({"overrides":[{"flow":"payroll; drop table x"}]})")
            << QStringLiteral("$.slo.overrides[0].flow");
        QTest::newRow("override unknown plant")
            << config("{}", "\"env:TEST_KEY\"", R"({"overrides":[{"plant":"ATLANTIS"}]})")
            << QStringLiteral("$.slo.overrides[0].plant");
        QTest::newRow("override wrong type")
            << config("{}", "\"env:TEST_KEY\"", R"({"overrides":[{"plant":"BEDFORD","stuckWarn":"many"}]})")
            << QStringLiteral("$.slo.overrides[0].stuckWarn");
        QTest::newRow("override twice") << config("{}", "\"env:TEST_KEY\"",
            R"({"overrides":[{"plant":"BEDFORD","flow":"work_order"},{"flow":"work_order","plant":"BEDFORD"}]})")
                                        << QStringLiteral("$.slo.overrides[1]");
        QTest::newRow("no plants") << QByteArray(R"({"version":1,"journal":{"path":"j"},"plants":[]})")
                                   << QStringLiteral("$.plants");
    }
    void refusesBadInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        auto c = EngineConfig::fromJson(json, QStringLiteral("/tmp"));
        QVERIFY(!c.has_value());
        QCOMPARE(c.error().errorClass, ErrorClass::Validation);
        QVERIFY2(c.error().message.startsWith(where), qPrintable(c.error().message));
        // a refused secret never appears in the message
        QVERIFY(!c.error().message.contains(QLatin1String("k3y")));
    }
};

QTEST_GUILESS_MAIN(TestEngineConfig)
#include "TestEngineConfig.moc"

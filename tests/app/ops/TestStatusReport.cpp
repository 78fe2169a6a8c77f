// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/StatusReport.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QTest>

using namespace Interlock;
using namespace Interlock::Ops;

class TestStatusReport : public QObject
{
    Q_OBJECT

    static SourceChange change(const QString& key, const QString& plant, const QString& flow)
    {
        SourceChange c;
        c.flow = flow;
        c.operation = QStringLiteral("upsert");
        c.plant = plant;
        c.sourceSystem = QStringLiteral("maximo");
        c.targetSystem = QStringLiteral("sap");
        c.businessKey = plant + QLatin1Char('/') + key;
        c.idempotencyKey = key;
        c.payload = "{}";
        c.eventAtMs = 1000;
        return c;
    }

private Q_SLOTS:
    void judgesCellsAgainstTheSlo()
    {
        Test::TempJournal tmp;
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        Config::EngineConfig cfg;
        for (const char* site : { "BEDFORD", "NASHUA" }) {
            Config::PlantConfig p;
            p.site = QString::fromLatin1(site);
            cfg.plants << p;
        }
        cfg.slo.lagP95WarnMs = 10'000;
        cfg.slo.lagP95CritMs = 60'000;
        cfg.slo.stuckWarn = 1;
        cfg.slo.stuckCrit = 2;
        // BEDFORD work orders: 4 posted with 20 s lag; NASHUA parts: 2 stuck
        QList<SourceChange> cs;
        for (int i = 0; i < 4; ++i)
            cs << change(QStringLiteral("b%1").arg(i), QStringLiteral("BEDFORD"), Flow::WorkOrder);
        cs << change(QStringLiteral("n1"), QStringLiteral("NASHUA"), Flow::PartsConsumption)
           << change(QStringLiteral("n2"), QStringLiteral("NASHUA"), Flow::PartsConsumption);
        QVERIFY(store.ingest(cs, {}, {}, {}, 1000).has_value());
        QList<Journal::TransitionRequest> ts;
        for (const auto& m : store.messagesInState(MessageState::Received, 100).value()) {
            Journal::TransitionRequest t;
            t.messageId = m.id;
            t.from = MessageState::Received;
            t.to = m.plant == QLatin1String("BEDFORD") ? MessageState::Ready : MessageState::Stuck;
            ts << t;
        }
        QVERIFY(store.apply(ts, 1000).has_value());
        auto claimed = store.claim(QStringLiteral("e"), QStringLiteral("BEDFORD"), 10, 60'000, 1000).value();
        QCOMPARE(claimed.size(), 4);
        ts.clear();
        for (const auto& m : claimed) {
            Journal::TransitionRequest t;
            t.messageId = m.id;
            t.from = MessageState::InFlight;
            t.to = MessageState::Posted;
            t.targetRef = QStringLiteral("4000001");
            ts << t;
        }
        QVERIFY(store.apply(ts, 21'000).has_value());
        QVERIFY(store
                    .putEndpointHealth({ QStringLiteral("erp:NASHUA"), QStringLiteral("open"), 20'000, 5,
                        QStringLiteral("Transient HTTP503"), 20'000 })
                    .has_value());

        auto r = StatusReport::build(store, cfg, 22'000);
        QVERIFY(r.has_value());
        QCOMPARE(r->cells.size(), 4); // every configured plant × both flows
        QCOMPARE(r->overall, Health::Critical);
        QCOMPARE(r->exitCode(), 2);
        for (const auto& c : r->cells) {
            if (c.stats.plant == QLatin1String("BEDFORD") && c.stats.flow == Flow::WorkOrder) {
                QCOMPARE(c.stats.count(MessageState::Posted), 4);
                QCOMPARE(c.stats.lagP95Ms, 20'000);
                QCOMPARE(c.health, Health::Degraded); // lag above warn, below critical
                QCOMPARE(c.breaker, QStringLiteral("unknown"));
            }
            if (c.stats.plant == QLatin1String("NASHUA") && c.stats.flow == Flow::PartsConsumption) {
                QCOMPARE(c.stats.count(MessageState::Stuck), 2);
                QCOMPARE(c.health, Health::Critical);
                QVERIFY(c.reasons.contains(QStringLiteral("ERP breaker open")));
                QVERIFY(c.reasons.contains(QStringLiteral("2 stuck")));
            }
            if (c.stats.plant == QLatin1String("BEDFORD") && c.stats.flow == Flow::PartsConsumption)
                QCOMPARE(c.health, Health::Healthy);
        }
        // a looser SLO for BEDFORD work orders turns that cell healthy, and only that cell
        Config::SloOverride loose;
        loose.plant = QStringLiteral("BEDFORD");
        loose.flow = Flow::WorkOrder;
        loose.slo = cfg.slo;
        loose.slo.lagP95WarnMs = 30'000;
        cfg.sloOverrides << loose;
        auto again = StatusReport::build(store, cfg, 22'000);
        QVERIFY(again.has_value());
        for (const auto& c : again->cells) {
            if (c.stats.plant == QLatin1String("BEDFORD") && c.stats.flow == Flow::WorkOrder)
                QCOMPARE(c.health, Health::Healthy);
            if (c.stats.plant.isEmpty() && c.stats.flow == Flow::WorkOrder)
                QCOMPARE(c.health, Health::Degraded); // the all-plants row keeps the defaults
        }
        const QJsonObject json = r->toJson();
        QCOMPARE(json.value(QLatin1String("exitCode")).toInt(), 2);
        QCOMPARE(json.value(QLatin1String("cells")).toArray().size(), 4);
        QVERIFY(r->toText().contains(QLatin1String("overall: critical")));
    }
};

QTEST_GUILESS_MAIN(TestStatusReport)
#include "TestStatusReport.moc"

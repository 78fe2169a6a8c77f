// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/AlertMonitor.h"
#include "app/ops/LocalOperationsService.h"
#include "tests/support/TestSupport.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <limits>
#include <memory>

using namespace Interlock;
using namespace Interlock::Ops;

/// Alert rules judged against a journal built by hand: raise once, clear, open again, close,
/// several evaluators, and the validation of what people type.
class TestAlertMonitor : public QObject
{
    Q_OBJECT

    static constexpr qint64 kNow = 1'700'000'000'000;

    Config::EngineConfig config(const QString& path) const
    {
        Config::EngineConfig cfg;
        cfg.journalPath = path;
        for (const char* site : { "BEDFORD", "NASHUA" }) {
            Config::PlantConfig p;
            p.site = QString::fromLatin1(site);
            cfg.plants << p;
        }
        return cfg;
    }

    /// Journals `n` parts postings of `plant` and parks them as stuck. Returns their ids.
    QList<qint64> addStuck(Journal::JournalStore& store, const QString& plant, int n)
    {
        QList<SourceChange> cs;
        for (int i = 0; i < n; ++i) {
            SourceChange c;
            c.flow = Flow::PartsConsumption;
            c.operation = QStringLiteral("goods_issue");
            c.plant = plant;
            c.sourceSystem = QStringLiteral("maximo");
            c.targetSystem = QStringLiteral("sap");
            c.businessKey = QStringLiteral("%1/%2").arg(plant).arg(++m_seq);
            c.idempotencyKey = QStringLiteral("k%1").arg(m_seq);
            c.payload = "{}";
            c.eventAtMs = kNow;
            cs << c;
        }
        if (!store.ingest(cs, {}, {}, {}, kNow))
            qFatal("ingest failed");
        QList<Journal::TransitionRequest> ts;
        QList<qint64> ids;
        for (const auto& m : store.messagesInState(MessageState::Received, 1000).value()) {
            Journal::TransitionRequest t;
            t.messageId = m.id;
            t.from = MessageState::Received;
            t.to = MessageState::Stuck;
            t.error = Error { ErrorClass::Permanent, QStringLiteral("M7/021"), QStringLiteral("material"), 400, {} };
            ts << t;
            ids << m.id;
        }
        if (!store.apply(ts, kNow))
            qFatal("apply failed");
        return ids;
    }

    void resolveAll(Journal::JournalStore& store, const QList<qint64>& ids)
    {
        QList<Journal::TransitionRequest> ts;
        for (qint64 id : ids) {
            Journal::TransitionRequest t;
            t.messageId = id;
            t.from = MessageState::Stuck;
            t.to = MessageState::Resolved;
            ts << t;
        }
        if (!store.apply(ts, kNow))
            qFatal("apply failed");
    }

    static qint64 putRule(Journal::JournalStore& store, const QString& plant, const QString& metric, double threshold)
    {
        AlertRule r;
        r.plant = plant;
        r.metric = metric;
        r.threshold = threshold;
        r.updatedBy = QStringLiteral("test");
        AuditEntry a;
        a.actor = QStringLiteral("test");
        a.role = QStringLiteral("admin");
        a.action = QStringLiteral("alert.rule");
        return store.putAlertRule(r, a).value();
    }

    int m_seq = 0;

private Q_SLOTS:
    void freshJournalHasDefaultRules()
    {
        Test::TempJournal tmp;
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        QVERIFY(store.schemaVersion() >= 3);
        const auto rules = store.alertRules().value();
        QStringList metrics;
        for (const auto& r : rules) {
            QVERIFY(r.enabled);
            QVERIFY(r.plant.isEmpty() && r.flow.isEmpty());
            QVERIFY(AlertMonitor::validate(r, {}).has_value());
            metrics << r.metric;
        }
        metrics.sort();
        QStringList all = Journal::AlertMetric::all();
        all.sort();
        QCOMPARE(metrics, all);
    }

    void raisesOnceClearsAndRaisesAgainAfterAcknowledge()
    {
        Test::TempJournal tmp;
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        const auto cfg = config(tmp.path());
        const qint64 rule = putRule(store, QStringLiteral("NASHUA"), Journal::AlertMetric::StuckCount, 2);
        AlertMonitor monitor(store, cfg);

        QCOMPARE(monitor.evaluate(kNow)->changed(), false); // nothing stuck
        auto stuck = addStuck(store, QStringLiteral("NASHUA"), 3);
        addStuck(store, QStringLiteral("BEDFORD"), 3); // below the default rule (5): no alert

        auto sync = monitor.evaluate(kNow).value();
        QCOMPARE(sync.raised.size(), 1);
        const qint64 first = sync.raised.first();
        auto a = store.alert(first).value();
        QCOMPARE(a.ruleId, rule);
        QCOMPARE(a.plant, QStringLiteral("NASHUA"));
        QCOMPARE(a.flow, Flow::PartsConsumption);
        QCOMPARE(a.metric, Journal::AlertMetric::StuckCount);
        QCOMPARE(a.observed, 3.0);
        QCOMPARE(a.threshold, 2.0);
        QCOMPARE(a.state, Journal::AlertState::Open);

        // re-evaluation while the condition holds: no second alert, no write
        const qint64 version = store.dataVersion();
        for (int i = 0; i < 3; ++i)
            QVERIFY(!monitor.evaluate(kNow + i).value().changed());
        QCOMPARE(store.dataVersion(), version);
        QCOMPARE(store.alerts(false, 100)->size(), 1);

        // condition stops: cleared, but still waiting for a person
        resolveAll(store, stuck);
        sync = monitor.evaluate(kNow + 10).value();
        QCOMPARE(sync.cleared, QList<qint64> { first });
        a = store.alert(first).value();
        QCOMPARE(a.state, Journal::AlertState::Cleared);
        QCOMPARE(a.clearedAt, kNow + 10);
        QVERIFY(a.isLive());

        // it comes back before anybody acknowledged: the same alert opens again, no new one
        stuck = addStuck(store, QStringLiteral("NASHUA"), 2);
        sync = monitor.evaluate(kNow + 20).value();
        QVERIFY(sync.raised.isEmpty());
        QCOMPARE(sync.reopened, QList<qint64> { first });
        QCOMPARE(store.alert(first)->state, Journal::AlertState::Open);

        // acknowledged while holding: stays, no second alert
        AuditEntry audit;
        audit.actor = QStringLiteral("sup");
        audit.role = QStringLiteral("supervisor");
        audit.action = QStringLiteral("alert.acknowledge");
        QVERIFY(store.acknowledgeAlert(first, QStringLiteral("sup"), QStringLiteral("on it"), audit, kNow + 25));
        QCOMPARE(store.alert(first)->state, Journal::AlertState::Acknowledged);
        QVERIFY(!monitor.evaluate(kNow + 30)->changed());
        const auto again = store.acknowledgeAlert(first, QStringLiteral("sup2"), QString(), audit, kNow + 26);
        QVERIFY(!again);
        QCOMPARE(again.error().code, QStringLiteral("ALREADY_ACKNOWLEDGED"));

        // acknowledged and cleared: closed; the next breach is a new alert
        resolveAll(store, stuck);
        QCOMPARE(monitor.evaluate(kNow + 40)->cleared.size(), 1);
        QVERIFY(!store.alert(first)->isLive());
        QCOMPARE(store.alerts(true, 100)->size(), 0);
        addStuck(store, QStringLiteral("NASHUA"), 4);
        sync = monitor.evaluate(kNow + 50).value();
        QCOMPARE(sync.raised.size(), 1);
        QVERIFY(sync.raised.first() != first);
        QCOMPARE(store.alert(sync.raised.first())->observed, 4.0);
        QCOMPARE(store.alerts(false, 100)->size(), 2);
        QCOMPARE(store.alerts(false, 100)->first().id, sync.raised.first()); // unacknowledged first
    }

    void disablingARuleClearsItsAlerts()
    {
        Test::TempJournal tmp;
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        const auto cfg = config(tmp.path());
        const qint64 rule = putRule(store, QStringLiteral("NASHUA"), Journal::AlertMetric::StuckCount, 1);
        addStuck(store, QStringLiteral("NASHUA"), 1);
        AlertMonitor monitor(store, cfg);
        QCOMPARE(monitor.evaluate(kNow)->raised.size(), 1);
        auto r = store.alertRules().value();
        AlertRule edited;
        for (const auto& x : r)
            if (x.id == rule)
                edited = x;
        edited.enabled = false;
        AuditEntry a;
        a.actor = QStringLiteral("t");
        a.role = QStringLiteral("admin");
        a.action = QStringLiteral("alert.rule");
        QVERIFY(store.putAlertRule(edited, a));
        QCOMPARE(monitor.evaluate(kNow + 1)->cleared.size(), 1);
    }

    void twoMonitorsOnOneJournalRaiseOneAlert()
    {
        Test::TempJournal tmp;
        Journal::JournalStore a;
        Journal::JournalStore b;
        QVERIFY(a.openSqlite(tmp.path()).has_value());
        QVERIFY(b.openSqlite(tmp.path()).has_value());
        const auto cfg = config(tmp.path());
        putRule(a, QStringLiteral("BEDFORD"), Journal::AlertMetric::StuckCount, 1);
        addStuck(a, QStringLiteral("BEDFORD"), 2);
        AlertMonitor ma(a, cfg);
        AlertMonitor mb(b, cfg);
        const auto ra = ma.evaluate(kNow).value();
        const auto rb = mb.evaluate(kNow).value();
        QCOMPARE(ra.raised.size() + rb.raised.size(), 1);
        QCOMPARE(b.alerts(false, 100)->size(), 1);

        // both decide on a stale read at the same moment: the partial unique index keeps one
        const auto live = b.alerts(true, 1).value().first();
        Journal::AlertBreach same { live.ruleId, live.plant, live.flow, live.metric, 2, 1 };
        QSqlQuery q(b.database());
        q.prepare(QStringLiteral("INSERT INTO alert (rule_id, plant, flow, metric, observed, threshold, raised_at, "
                                 "state) VALUES (:r, :p, :f, :m, 2, 1, 0, 'open')"));
        q.bindValue(QStringLiteral(":r"), same.ruleId);
        q.bindValue(QStringLiteral(":p"), same.plant);
        q.bindValue(QStringLiteral(":f"), same.flow);
        q.bindValue(QStringLiteral(":m"), same.metric);
        QVERIFY(!q.exec());
        QVERIFY(q.lastError().text().contains(QLatin1String("UNIQUE")));
        QVERIFY(b.syncAlerts({ same }, kNow + 1)->raised.isEmpty());
        QCOMPARE(a.alerts(false, 100)->size(), 1);
    }

    void theMostSpecificRuleJudgesACell()
    {
        auto rule = [](qint64 id, const QString& plant, const QString& flow, double t, bool enabled = true) {
            AlertRule r;
            r.id = id;
            r.plant = plant;
            r.flow = flow;
            r.metric = Journal::AlertMetric::StuckCount;
            r.threshold = t;
            r.enabled = enabled;
            return r;
        };
        auto cell = [](const QString& plant, const QString& flow, qint64 stuck) {
            CellReport c;
            c.stats.plant = plant;
            c.stats.flow = flow;
            c.stats.counts[MessageState::Stuck] = stuck;
            return c;
        };
        const QList<AlertRule> rules { rule(1, {}, {}, 10), rule(2, QStringLiteral("NASHUA"), {}, 2),
            rule(3, QStringLiteral("NASHUA"), Flow::WorkOrder, 50), rule(4, {}, Flow::PartsConsumption, 3, false) };
        const QList<CellReport> cells { cell(QStringLiteral("NASHUA"), Flow::PartsConsumption, 5),
            cell(QStringLiteral("NASHUA"), Flow::WorkOrder, 20), cell(QStringLiteral("BEDFORD"), Flow::WorkOrder, 9),
            cell(QStringLiteral("BEDFORD"), Flow::PartsConsumption, 12) };
        const auto b = AlertMonitor::breaches(rules, cells, {});
        QCOMPARE(b.size(), 2);
        QCOMPARE(b.at(0).ruleId, 2); // plant rule beats "any"; NASHUA work orders: 20 < 50
        QCOMPARE(b.at(0).flow, Flow::PartsConsumption);
        QCOMPARE(b.at(1).ruleId, 1); // the disabled flow rule is as if it were not there
        QCOMPARE(b.at(1).plant, QStringLiteral("BEDFORD"));
        QCOMPARE(b.at(1).observed, 12.0);
    }

    void observesEachMetric()
    {
        CellReport c;
        c.stats.lagP95Ms = -1;
        QVERIFY(!AlertMonitor::observe(Journal::AlertMetric::LagP95Ms, c, nullptr)); // nothing posted
        c.stats.lagP95Ms = 420'000;
        QCOMPARE(*AlertMonitor::observe(Journal::AlertMetric::LagP95Ms, c, nullptr), 420'000.0);
        c.stats.oldestBacklogAgeMs = 99;
        QVERIFY(!AlertMonitor::observe(Journal::AlertMetric::BacklogAgeMs, c, nullptr)); // no backlog
        c.stats.backlog = 3;
        QCOMPARE(*AlertMonitor::observe(Journal::AlertMetric::BacklogAgeMs, c, nullptr), 99.0);
        Journal::AttemptRate rate { QStringLiteral("P"), Flow::WorkOrder, AlertMonitor::kMinAttempts - 1, 10 };
        QVERIFY(!AlertMonitor::observe(Journal::AlertMetric::FailureRate, c, &rate)); // too few calls
        rate.attempts = 40;
        QCOMPARE(*AlertMonitor::observe(Journal::AlertMetric::FailureRate, c, &rate), 25.0);
        QCOMPARE(AlertMonitor::formatValue(Journal::AlertMetric::FailureRate, 25.0), QStringLiteral("25 %"));
        QCOMPARE(AlertMonitor::formatValue(Journal::AlertMetric::LagP95Ms, 300'000), QStringLiteral("5 min"));
    }

    void failureRateFromRecentAttempts()
    {
        Test::TempJournal tmp;
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        const auto ids = addStuck(store, QStringLiteral("BEDFORD"), 1);
        QSqlQuery q(store.database());
        q.prepare(QStringLiteral("INSERT INTO attempt (message_id, started_at, error_class) VALUES (:m, :at, :ec)"));
        for (int i = 0; i < 30; ++i) {
            q.bindValue(QStringLiteral(":m"), ids.first());
            q.bindValue(QStringLiteral(":at"), i < 10 ? kNow - AlertMonitor::kFailureWindowMs - 1 : kNow - 1000);
            // 10 old failures (outside the window), then 20 recent calls of which 5 failed
            q.bindValue(QStringLiteral(":ec"),
                i < 10 || i >= 25 ? QVariant(QStringLiteral("transient")) : QVariant(QMetaType(QMetaType::QString)));
            QVERIFY(q.exec());
        }
        const auto rates = store.attemptRates(kNow - AlertMonitor::kFailureWindowMs).value();
        QCOMPARE(rates.size(), 1);
        QCOMPARE(rates.first().attempts, 20);
        QCOMPARE(rates.first().failed, 5);
        putRule(store, QStringLiteral("BEDFORD"), Journal::AlertMetric::FailureRate, 25);
        AlertMonitor monitor(store, config(tmp.path()));
        const auto sync = monitor.evaluate(kNow).value();
        QCOMPARE(sync.raised.size(), 1);
        QCOMPARE(store.alert(sync.raised.first())->observed, 25.0);
    }

    void refusesBadRules_data()
    {
        QTest::addColumn<QString>("plant");
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QString>("metric");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<QString>("code");
        const QString stuck = Journal::AlertMetric::StuckCount;
        QTest::newRow("negative") << QString() << QString() << stuck << -1.0 << "THRESHOLD_INVALID";
        QTest::newRow("zero") << QString() << QString() << stuck << 0.0 << "THRESHOLD_INVALID";
        QTest::newRow("nan") << QString() << QString() << stuck << std::numeric_limits<double>::quiet_NaN()
                             << "THRESHOLD_INVALID";
        QTest::newRow("infinite") << QString() << QString() << Journal::AlertMetric::LagP95Ms
                                  << std::numeric_limits<double>::infinity() << "THRESHOLD_INVALID";
        QTest::newRow("fraction of a message") << QString() << QString() << stuck << 1.5 << "THRESHOLD_INVALID";
        QTest::newRow("rate above 100 %")
            << QString() << QString() << Journal::AlertMetric::FailureRate << 150.0 << "THRESHOLD_INVALID";
        QTest::newRow("unknown metric") << QString() << QString() << "cpu_load" << 1.0 << "UNKNOWN_METRIC";
        QTest::newRow("empty metric") << QString() << QString() << QString() << 1.0 << "UNKNOWN_METRIC";
        QTest::newRow("sql in metric") << QString() << QString() << "stuck_count'; DROP TABLE alert; --" << 1.0
                                       << "UNKNOWN_METRIC";
        QTest::newRow("sql in plant") << "NASHUA' OR '1'='1" << QString() << stuck << 1.0 << "PLANT_INVALID";
        QTest::newRow("markup in plant") << "<b>NASHUA</b>" << QString() << stuck << 1.0 << "PLANT_INVALID";
        QTest::newRow("control in plant")
            << QStringLiteral("NAS\x01HUA") << QString() << stuck << 1.0 << "PLANT_INVALID";
        QTest::newRow("huge plant") << QString(10'000, QLatin1Char('A')) << QString() << stuck << 1.0
                                    << "PLANT_INVALID";
        QTest::newRow("unknown plant") << "DOVER" << QString() << stuck << 1.0 << "UNKNOWN_PLANT";
        QTest::newRow("unknown flow") << QString() << "payroll" << stuck << 1.0 << "UNKNOWN_FLOW";
        QTest::newRow("newline in flow") << QString() << QStringLiteral("work_order\n") + QString(300, QLatin1Char('x'))
                                         << stuck << 1.0 << "UNKNOWN_FLOW";
    }

    void refusesBadRules()
    {
        QFETCH(QString, plant);
        QFETCH(QString, flow);
        QFETCH(QString, metric);
        QFETCH(double, threshold);
        QFETCH(QString, code);
        Test::TempJournal tmp;
        {
            Journal::JournalStore store;
            QVERIFY(store.openSqlite(tmp.path()).has_value());
        }
        LocalOperationsService service(config(tmp.path()));
        QVERIFY(service.open().has_value());
        const int before = static_cast<int>(service.alertRules()->size());
        AlertRule r;
        r.plant = plant;
        r.flow = flow;
        r.metric = metric;
        r.threshold = threshold;
        const auto put = service.putAlertRule(Actor { QStringLiteral("ian"), QStringLiteral("integration") }, r, {});
        QVERIFY(!put);
        QCOMPARE(put.error().errorClass, ErrorClass::Validation);
        QCOMPARE(put.error().code, code);
        QVERIFY(!put.error().message.isEmpty());
        QVERIFY2(put.error().message.size() < 200, qPrintable(put.error().message)); // hostile input not echoed whole
        QVERIFY(!put.error().message.contains(QChar(1)));
        QCOMPARE(service.alertRules()->size(), before);
    }

    void serviceChecksRolesAuditsAndAnnouncesOnce()
    {
        Test::TempJournal tmp;
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        LocalOperationsService service(config(tmp.path()));
        QVERIFY(service.open().has_value());
        QSignalSpy raised(&service, &OperationsService::alertRaised);
        const Actor viewer { QStringLiteral("manager"), QStringLiteral("viewer") };
        const Actor sup { QStringLiteral("sue"), QStringLiteral("supervisor") };
        AlertRule r;
        r.plant = QStringLiteral(" NASHUA ");
        r.flow = Flow::PartsConsumption;
        r.metric = Journal::AlertMetric::StuckCount;
        r.threshold = 1;
        const auto refused = service.putAlertRule(viewer, r, {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().errorClass, ErrorClass::Auth);
        // rules are integration support's; a supervisor acknowledges alerts but does not set rules
        QCOMPARE(service.putAlertRule(sup, r, {}).error().code, QStringLiteral("FORBIDDEN"));
        const Actor ian { QStringLiteral("sue"), QStringLiteral("integration") };
        const auto id = service.putAlertRule(ian, r, QStringLiteral("night shift wants to know"));
        QVERIFY2(id.has_value(), qPrintable(id ? QString() : id.error().summary()));
        const auto dup = service.putAlertRule(ian, r, {});
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, QStringLiteral("RULE_EXISTS"));
        auto audit = store.audit(0, 10).value();
        QCOMPARE(audit.first().action, QStringLiteral("alert.rule"));
        QCOMPARE(audit.first().actor, QStringLiteral("sue"));
        QVERIFY(audit.first().after.contains(QLatin1String("plant NASHUA")));
        QCOMPARE(audit.first().note, QStringLiteral("night shift wants to know"));

        addStuck(store, QStringLiteral("NASHUA"), 2);
        QCOMPARE(service.evaluateAlerts().value(), 1);
        QCOMPARE(service.evaluateAlerts().value(), 0);
        QCOMPARE(raised.size(), 1);
        const auto alert = qvariant_cast<Alert>(raised.first().first());
        QCOMPARE(alert.plant, QStringLiteral("NASHUA"));
        QCOMPARE(service.alerts(AlertFilter::Open)->size(), 1);

        // viewers read but do not acknowledge
        QVERIFY(!service.alerts(AlertFilter::All)->isEmpty());
        const auto no = service.acknowledgeAlert(viewer, alert.id, QStringLiteral("seen"));
        QVERIFY(!no);
        QCOMPARE(no.error().errorClass, ErrorClass::Auth);
        const auto bad = service.acknowledgeAlert(sup, alert.id, QStringLiteral("bell\x07"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, QStringLiteral("COMMENT_INVALID"));
        QVERIFY(!service.acknowledgeAlert(sup, alert.id, QString(1001, QLatin1Char('x'))));
        QVERIFY(!service.acknowledgeAlert(sup, 999'999, QString()));
        QVERIFY(service.acknowledgeAlert(sup, alert.id, QStringLiteral("  material master being fixed  ")));
        const auto stored = store.alert(alert.id).value();
        QCOMPARE(stored.acknowledgedBy, QStringLiteral("sue"));
        QCOMPARE(stored.comment, QStringLiteral("material master being fixed"));
        audit = store.audit(0, 1).value();
        QCOMPARE(audit.first().action, QStringLiteral("alert.acknowledge"));
        QCOMPARE(audit.first().note, QStringLiteral("material master being fixed"));
        QVERIFY(audit.first().after.contains(QStringLiteral("alert %1 acknowledged").arg(alert.id)));
        QCOMPARE(store.verifyAudit().value(), 0);

        // a second console on the same journal announces what the first raised, once
        LocalOperationsService other(config(tmp.path()));
        QVERIFY(other.open().has_value());
        QSignalSpy otherRaised(&other, &OperationsService::alertRaised);
        addStuck(store, QStringLiteral("BEDFORD"), 5); // the default rule: 5 stuck
        QCOMPARE(service.evaluateAlerts().value(), 1);
        QCOMPARE(other.evaluateAlerts().value(), 0);
        QCOMPARE(otherRaised.size(), 1);
        QCOMPARE(qvariant_cast<Alert>(otherRaised.first().first()).plant, QStringLiteral("BEDFORD"));
        QCOMPARE(raised.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestAlertMonitor)
#include "TestAlertMonitor.moc"

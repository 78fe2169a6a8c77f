// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/KpiReport.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"

#include <QTest>
#include <memory>

using namespace Interlock;
using Journal::TransitionRequest;
using S = MessageState;

namespace {
constexpr qint64 kH = 3'600'000;
constexpr qint64 kMin = 60'000;
constexpr qint64 T0 = 472'222 * kH; // a whole UTC hour
} // namespace

/// KpiReport over a journal built by hand, with every figure known in advance.
class TestKpiReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void figuresPerPlant();
    void seriesAndPlantFilter();
    void emptyRangeIsRefused();

private:
    qint64 ingest(const QString& plant, const QString& flow, const QByteArray& payload, qint64 eventAt, qint64 at);
    void step(
        qint64 id, S from, S to, qint64 now, std::optional<Attempt> attempt = {}, std::optional<AuditEntry> audit = {});
    void claim(const QString& plant, qint64 id, qint64 now);
    Attempt attempt(qint64 startedAt, bool failed);
    AuditEntry human(const QString& action, qint64 id, const QString& before, const QString& after, qint64 at);

    std::unique_ptr<Test::TempJournal> m_tmp;
    std::unique_ptr<Journal::JournalStore> m_store;
    int m_seq = 0;
    qint64 m_m6Received = 0;
    qint64 m_m7Received = 0;
};

qint64 TestKpiReport::ingest(
    const QString& plant, const QString& flow, const QByteArray& payload, qint64 eventAt, qint64 at)
{
    SourceChange c;
    c.flow = flow;
    c.operation = flow == Flow::WorkOrder ? QStringLiteral("upsert") : QStringLiteral("goods_issue");
    c.plant = plant;
    c.sourceSystem = QStringLiteral("maximo");
    c.targetSystem = QStringLiteral("sap");
    c.businessKey = QStringLiteral("%1/%2").arg(plant).arg(++m_seq);
    c.idempotencyKey = QStringLiteral("k%1").arg(m_seq);
    c.payload = payload;
    c.eventAtMs = eventAt;
    if (!m_store->ingest({ c }, {}, {}, {}, at).has_value())
        qFatal("ingest failed");
    return m_store->messagesInState(S::Received, 1000).value().last().id;
}

void TestKpiReport::step(qint64 id, S from, S to, qint64 now, std::optional<Attempt> a, std::optional<AuditEntry> audit)
{
    TransitionRequest t;
    t.messageId = id;
    t.from = from;
    t.to = to;
    t.nextAttemptAt = 0;
    t.attempt = a;
    t.audit = audit;
    if (to == S::Stuck || to == S::Retrying)
        t.error = Error { ErrorClass::Permanent, QStringLiteral("E1"), QStringLiteral("refused"), 400, {} };
    if (to == S::Blocked) {
        t.blockedDomain = Domain::Material;
        t.blockedValue = QStringLiteral("0-0099");
    }
    const auto r = m_store->apply({ t }, now);
    if (!r || r->size() != 1)
        qFatal("apply failed");
}

void TestKpiReport::claim(const QString& plant, qint64 id, qint64 now)
{
    const auto claimed = m_store->claim(QStringLiteral("test"), plant, 10, 60'000, now);
    if (!claimed || claimed->size() != 1 || claimed->first().id != id)
        qFatal("claim failed");
}

Attempt TestKpiReport::attempt(qint64 startedAt, bool failed)
{
    Attempt a;
    a.startedAt = startedAt;
    a.httpStatus = failed ? 400 : 201;
    if (failed) {
        a.errorClass = ErrorClass::Permanent;
        a.errorCode = QStringLiteral("E1");
    }
    return a;
}

AuditEntry TestKpiReport::human(
    const QString& action, qint64 id, const QString& before, const QString& after, qint64 at)
{
    AuditEntry e;
    e.at = at;
    e.actor = QStringLiteral("alice");
    e.role = QStringLiteral("supervisor");
    e.action = action;
    e.messageIds = QString::number(id);
    e.before = before;
    e.after = after;
    e.note = QStringLiteral("test");
    return e;
}

void TestKpiReport::initTestCase()
{
    m_tmp = std::make_unique<Test::TempJournal>();
    m_store = std::make_unique<Journal::JournalStore>();
    QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
    QVERIFY(m_store->schemaVersion() >= 4);
    const QString B = QStringLiteral("BEDFORD");
    const QString N = QStringLiteral("NASHUA");
    // posts `id` of `plant` at `p` on a first call that succeeds
    const auto postFirst = [&](const QString& plant, qint64 id, qint64 p) {
        step(id, S::Received, S::Ready, p - 500);
        claim(plant, id, p - 200);
        step(id, S::InFlight, S::Posted, p, attempt(p - 200, false));
    };
    // m0: BEDFORD, posted before the range: counted nowhere
    postFirst(B,
        ingest(B, Flow::PartsConsumption, R"({"quantity":1,"unitcost":999})", T0 - 2 * kH - 1000, T0 - 2 * kH - 900),
        T0 - 2 * kH);
    // m1: BEDFORD parts 2 x 12.5, lag 1 s, first pass
    postFirst(B,
        ingest(B, Flow::PartsConsumption, R"({"quantity":2,"unitcost":12.5})", T0 + 30 * kMin - 1000, T0 + 29 * kMin),
        T0 + 30 * kMin);
    // m2: BEDFORD parts, linecost 100 wins over quantity x unitcost, lag 2 s, first pass
    postFirst(B,
        ingest(B, Flow::PartsConsumption, R"({"quantity":3,"unitcost":1,"linecost":100.0})", T0 + 90 * kMin - 2000,
            T0 + 89 * kMin),
        T0 + 90 * kMin);
    // m3: BEDFORD work order: the first call fails, the second posts: lag 60 s, not first pass
    const qint64 m3 = ingest(B, Flow::WorkOrder, "{}", T0 + 90 * kMin - 60'000, T0 + 59 * kMin);
    step(m3, S::Received, S::Ready, T0 + 59 * kMin);
    claim(B, m3, T0 + 60 * kMin);
    step(m3, S::InFlight, S::Retrying, T0 + 60 * kMin, attempt(T0 + 60 * kMin, true));
    claim(B, m3, T0 + 90 * kMin - 200);
    step(m3, S::InFlight, S::Posted, T0 + 90 * kMin, attempt(T0 + 90 * kMin - 200, false));
    // m4: NASHUA parts without cost, stuck by the transform, replayed by a person, posted on the
    // first call: lag 45 min, not first pass; exception from receipt to posting = 45 min
    const qint64 m4 = ingest(N, Flow::PartsConsumption, R"({"quantity":1})", T0 + 105 * kMin, T0 + 105 * kMin);
    step(m4, S::Received, S::Stuck, T0 + 106 * kMin);
    step(m4, S::Stuck, S::Ready, T0 + 130 * kMin, {},
        human(QStringLiteral("message.replay"), m4, QStringLiteral("stuck"), QStringLiteral("ready"), T0 + 130 * kMin));
    claim(N, m4, T0 + 150 * kMin - 200);
    step(m4, S::InFlight, S::Posted, T0 + 150 * kMin, attempt(T0 + 150 * kMin - 200, false));
    // m5: NASHUA work order fails at 3 h, resolved by a person at 3.5 h: exception of 30 min
    const qint64 m5 = ingest(N, Flow::WorkOrder, "{}", T0 + 175 * kMin, T0 + 175 * kMin);
    step(m5, S::Received, S::Ready, T0 + 176 * kMin);
    claim(N, m5, T0 + 180 * kMin);
    step(m5, S::InFlight, S::Stuck, T0 + 180 * kMin, attempt(T0 + 180 * kMin, true));
    step(m5, S::Stuck, S::Resolved, T0 + 210 * kMin, {},
        human(QStringLiteral("message.resolve"), m5, QStringLiteral("stuck"), QStringLiteral("resolved"),
            T0 + 210 * kMin));
    // m6: NASHUA backlog; m7: BEDFORD blocked on a mapping
    m_m6Received = T0 + 190 * kMin;
    ingest(N, Flow::PartsConsumption, "{}", m_m6Received, m_m6Received);
    m_m7Received = T0 + 200 * kMin;
    step(ingest(B, Flow::PartsConsumption, "not json", m_m7Received, m_m7Received), S::Received, S::Blocked,
        m_m7Received + 1);
    // neither a system entry nor a mapping (no message ids) is a manual touch
    AuditEntry system = human(QStringLiteral("mapping.import"), m5, {}, {}, T0 + 200 * kMin);
    system.role = QStringLiteral("system");
    QVERIFY(m_store->appendAudit(system).has_value());
    AuditEntry mapping = human(QStringLiteral("mapping.put"), 0, {}, {}, T0 + 200 * kMin);
    mapping.messageIds.clear();
    QVERIFY(m_store->appendAudit(mapping).has_value());
}

void TestKpiReport::figuresPerPlant()
{
    Ops::KpiQuery q { T0, T0 + 4 * kH, {} };
    const qint64 now = T0 + 5 * kH;
    auto r = Ops::KpiReport::build(*m_store, q, { QStringLiteral("BEDFORD"), QStringLiteral("NASHUA") }, now);
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().summary()));
    QCOMPARE(r->fromMs, T0);
    QCOMPARE(r->toMs, T0 + 4 * kH);
    QCOMPARE(r->bucketMs, kH);
    QCOMPARE(r->plants, QStringList({ QStringLiteral("BEDFORD"), QStringLiteral("NASHUA") }));

    const Ops::KpiFigures b = r->perPlant.value(QStringLiteral("BEDFORD"));
    QCOMPARE(b.posted, 3);
    QCOMPARE(b.throughputPerHour, 0.75);
    QCOMPARE(b.lagP50Ms, 2000);
    QCOMPARE(b.lagP95Ms, 60'000);
    QCOMPARE(b.attempts, 4);
    QCOMPARE(b.failedAttempts, 1);
    QCOMPARE(b.failureRate, 0.25);
    QCOMPARE(b.firstPass, 2);
    QCOMPARE(b.firstPassRate, 2.0 / 3.0);
    QCOMPARE(b.manualTouches, 0);
    QCOMPARE(b.partsPosted, 2);
    QCOMPARE(b.partsCosted, 2);
    QCOMPARE(b.partsCost, 125.0);
    QCOMPARE(b.backlog, 0);
    QCOMPARE(b.parked, 1);
    QCOMPARE(b.oldestParkedAgeMs, now - m_m7Received);
    QCOMPARE(b.exceptionsResolved, 0);
    QCOMPARE(b.resolveP50Ms, -1);

    const Ops::KpiFigures n = r->perPlant.value(QStringLiteral("NASHUA"));
    QCOMPARE(n.posted, 1);
    QCOMPARE(n.lagP50Ms, 45 * kMin);
    QCOMPARE(n.attempts, 2);
    QCOMPARE(n.failedAttempts, 1);
    QCOMPARE(n.failureRate, 0.5);
    QCOMPARE(n.firstPass, 0);
    QCOMPARE(n.firstPassRate, 0.0);
    QCOMPARE(n.manualTouches, 2);
    QCOMPARE(n.touchedMessages, 2);
    QCOMPARE(n.exceptionsResolved, 2);
    QCOMPARE(n.resolveP50Ms, 30 * kMin);
    QCOMPARE(n.resolveP90Ms, 45 * kMin);
    QCOMPARE(n.partsPosted, 1);
    QCOMPARE(n.partsCosted, 0);
    QCOMPARE(n.backlog, 1);
    QCOMPARE(n.oldestBacklogAgeMs, now - m_m6Received);
    QCOMPARE(n.parked, 0);

    const Ops::KpiFigures t = r->total;
    QCOMPARE(t.posted, 4);
    QCOMPARE(t.throughputPerHour, 1.0);
    QCOMPARE(t.lagP50Ms, 2000);
    QCOMPARE(t.lagP95Ms, 45 * kMin);
    QCOMPARE(t.attempts, 6);
    QCOMPARE(t.failedAttempts, 2);
    QCOMPARE(t.firstPass, 2);
    QCOMPARE(t.firstPassRate, 0.5);
    QCOMPARE(t.manualTouches, 2);
    QCOMPARE(t.partsCost, 125.0);
    QCOMPARE(t.laborPosted, 0);
    QCOMPARE(r->notes.size(), 2);
    QVERIFY(r->notes.at(0).contains(QStringLiteral("covers 2 of 3")));
    QVERIFY(r->notes.at(1).startsWith(QStringLiteral("Labor cost cannot be derived")));
}

void TestKpiReport::seriesAndPlantFilter()
{
    Ops::KpiQuery q { T0 + 10 * kMin, T0 + 4 * kH - 10 * kMin, QStringLiteral("NASHUA") };
    auto r = Ops::KpiReport::build(*m_store, q, { QStringLiteral("BEDFORD"), QStringLiteral("NASHUA") }, T0 + 5 * kH);
    QVERIFY(r.has_value());
    QCOMPARE(r->fromMs, T0); // widened to whole hours
    QCOMPARE(r->toMs, T0 + 4 * kH);
    QCOMPARE(r->plants, QStringList { QStringLiteral("NASHUA") });
    QCOMPARE(r->total.posted, 1);
    QCOMPARE(r->total.manualTouches, 2);
    const auto series = r->series.value(QString());
    QCOMPARE(series.size(), 4);
    QCOMPARE(series.at(2).startMs, T0 + 2 * kH);
    QCOMPARE(series.at(2).figures.posted, 1);
    QCOMPARE(series.at(2).figures.manualTouches, 1);
    QCOMPARE(series.at(3).figures.failedAttempts, 1);
    QCOMPARE(series.at(3).figures.manualTouches, 1);

    auto all = Ops::KpiReport::build(*m_store, { T0, T0 + 4 * kH, {} }, {}, T0 + 5 * kH);
    QVERIFY(all.has_value());
    const auto bedford = all->series.value(QStringLiteral("BEDFORD"));
    QCOMPARE(bedford.size(), 4);
    QCOMPARE(bedford.at(0).figures.posted, 1);
    QCOMPARE(bedford.at(1).figures.posted, 2);
    QCOMPARE(bedford.at(1).figures.lagP95Ms, 60'000);
    QCOMPARE(bedford.at(1).figures.attempts, 3);
    QCOMPARE(bedford.at(1).figures.partsCost, 100.0);
    QCOMPARE(bedford.at(1).figures.throughputPerHour, 2.0);
}

void TestKpiReport::emptyRangeIsRefused()
{
    auto r = Ops::KpiReport::build(*m_store, { T0 + kH, T0, {} }, {}, T0);
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().errorClass, ErrorClass::Validation);
    QCOMPARE(Ops::KpiReport::bucketFor(24 * kH), kH);
    QCOMPARE(Ops::KpiReport::bucketFor(7 * 24 * kH), 3 * kH);
    QCOMPARE(Ops::KpiReport::bucketFor(30 * 24 * kH), 12 * kH);
}

QTEST_GUILESS_MAIN(TestKpiReport)
#include "TestKpiReport.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/maximo/MaximoSource.h"
#include "connectors/sim/Simulator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <optional>

using namespace Interlock;
using namespace Interlock::Connectors;
using Interlock::Connectors::Maximo::MaximoConfig;
using Interlock::Connectors::Maximo::MaximoSource;
using Interlock::Sim::SimOptions;
using Interlock::Sim::Simulator;

namespace {

Result<SourceBatch> fetch(MaximoSource& source, const QString& watermark)
{
    std::optional<Result<SourceBatch>> out;
    source.fetchChanges(watermark, [&](Result<SourceBatch> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
        return fail(ErrorClass::Transient, QStringLiteral("TEST"), QStringLiteral("no answer"));
    return std::move(*out);
}

QString changedate(const SourceChange& c)
{
    return QJsonDocument::fromJson(c.payload).object().value(QLatin1String("changedate")).toString();
}

void waitForNextSecond()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    while (QDateTime::currentSecsSinceEpoch() == now)
        QTest::qWait(50);
}

} // namespace

class TestMaximoSourceSim : public QObject
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
    }

    void watermarkPaging()
    {
        const QString site = QStringLiteral("BEDFORD");
        QStringList early;
        for (int i = 0; i < 10; ++i)
            early << m_sim->createWorkOrder(site, QStringLiteral("APPR"));
        m_sim->addMaterialIssue(site, early.first(), QStringLiteral("0-0031"), 2.0);
        waitForNextSecond();
        for (int i = 0; i < 15; ++i)
            m_sim->createWorkOrder(site, QStringLiteral("WAPPR"));
        m_sim->createWorkOrder(QStringLiteral("NASHUA")); // another site: never read

        MaximoSource source(MaximoConfig { m_sim->cmmsUrl(), QStringLiteral("sim-apikey"), site, 10, 20, 10000 });
        auto first = fetch(source, QString());
        QVERIFY2(first.has_value(), qPrintable(first.has_value() ? QString() : first.error().summary()));
        QVERIFY(first->pages >= 3);
        QVERIFY(!first->truncated);
        QSet<QString> keys;
        int headers = 0;
        int boundary = 0;
        for (const auto& c : std::as_const(first->changes)) {
            QVERIFY2(!keys.contains(c.idempotencyKey), qPrintable(c.idempotencyKey));
            keys.insert(c.idempotencyKey);
            QCOMPARE(c.plant, site);
            if (c.flow == Flow::WorkOrder) {
                ++headers;
                boundary += changedate(c) == first->watermark ? 1 : 0;
            }
        }
        QCOMPARE(headers, 25);
        QCOMPARE(first->changes.size(), 26); // + the material issue
        QVERIFY(!first->watermark.isEmpty());
        QVERIFY(boundary >= 1 && boundary <= 15);
        for (qsizetype i = 1; i < first->changes.size(); ++i)
            QVERIFY(first->changes.at(i - 1).eventAtMs <= first->changes.at(i).eventAtMs);

        // New and changed records after the watermark, plus the boundary records read again.
        waitForNextSecond();
        const QString fresh = m_sim->createWorkOrder(site);
        m_sim->changeStatus(site, early.at(3), QStringLiteral("INPRG"));
        auto second = fetch(source, first->watermark);
        QVERIFY(second.has_value());
        int again = 0;
        int news = 0;
        for (const auto& c : std::as_const(second->changes)) {
            if (c.flow == Flow::WorkOrder)
                QVERIFY(changedate(c) >= first->watermark);
            if (keys.contains(c.idempotencyKey))
                ++again;
            else
                ++news;
        }
        QCOMPARE(again, boundary);
        QCOMPARE(news, 2);
        QVERIFY(QDateTime::fromString(second->watermark, Qt::ISODate)
            > QDateTime::fromString(first->watermark, Qt::ISODate));
    }

    void materialIssueAfterHeader()
    {
        const QString site = QStringLiteral("NASHUA");
        const QString wonum = m_sim->createWorkOrder(site, QStringLiteral("APPR"));
        MaximoSource source(MaximoConfig { m_sim->cmmsUrl(), QStringLiteral("sim-apikey"), site, 50, 20, 10000 });
        auto before = fetch(source, QString());
        QVERIFY(before.has_value());
        waitForNextSecond();
        const qint64 id = m_sim->addMaterialIssue(site, wonum, QStringLiteral("0-0005"), 3.0);
        auto after = fetch(source, before->watermark);
        QVERIFY(after.has_value());
        const QString issueKey = QStringLiteral("maximo:") + site + QStringLiteral("/MATU/") + QString::number(id);
        qsizetype header = -1;
        qsizetype issue = -1;
        for (qsizetype i = 0; i < after->changes.size(); ++i) {
            const auto& c = after->changes.at(i);
            if (c.businessKey == site + QLatin1Char('/') + wonum && c.flow == Flow::WorkOrder)
                header = i;
            if (c.idempotencyKey == issueKey) {
                issue = i;
                QCOMPARE(c.operation, QStringLiteral("goods_issue"));
                QCOMPARE(QJsonDocument::fromJson(c.payload).object().value(QLatin1String("wonum")).toString(), wonum);
            }
        }
        QVERIFY(issue >= 0);
        QVERIFY(header >= 0 && header < issue);
        // Adding a row does not change the header rowstamp: the header key is the one read before.
        bool sameHeaderKey = false;
        for (const auto& c : std::as_const(before->changes))
            sameHeaderKey = sameHeaderKey || c.idempotencyKey == after->changes.at(header).idempotencyKey;
        QVERIFY(sameHeaderKey);
    }

    void wrongKeyAndOutage()
    {
        MaximoSource bad(
            MaximoConfig { m_sim->cmmsUrl(), QStringLiteral("wrong"), QStringLiteral("BEDFORD"), 10, 20, 10000 });
        auto auth = fetch(bad, QString());
        QVERIFY(!auth.has_value());
        QCOMPARE(auth.error().errorClass, ErrorClass::Auth);
        QCOMPARE(auth.error().code, QStringLiteral("BMXAA0021E"));

        m_sim->setFaults(
            QJsonObject { { QStringLiteral("cmms"), QJsonObject { { QStringLiteral("outageForSec"), 3 } } } });
        MaximoSource source(
            MaximoConfig { m_sim->cmmsUrl(), QStringLiteral("sim-apikey"), QStringLiteral("BEDFORD"), 10, 20, 3000 });
        auto down = fetch(source, QString());
        QVERIFY(!down.has_value());
        QCOMPARE(down.error().errorClass, ErrorClass::Transient);
        m_sim->setFaults(
            QJsonObject { { QStringLiteral("cmms"), QJsonObject { { QStringLiteral("outageForSec"), 0 } } } });
        QVERIFY(fetch(source, QString()).has_value());
    }

    void cleanupTestCase() { m_sim.reset(); }

private:
    std::unique_ptr<Simulator> m_sim;
};

QTEST_GUILESS_MAIN(TestMaximoSourceSim)
#include "TestMaximoSourceSim.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/maximo/MaximoSource.h"
#include "tests/connectors/ConnectorTestData.h"
#include "tests/connectors/FakeHttpServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <optional>

using namespace Interlock;
using namespace Interlock::Connectors;
using Interlock::Connectors::Maximo::MaximoConfig;
using Interlock::Connectors::Maximo::MaximoSource;
using Interlock::Test::FakeHttpServer;
using Interlock::Test::readTestData;

namespace {

QByteArray wo(const QString& wonum, const QString& changedate, int rowstamp)
{
    return QStringLiteral("{\"wonum\":\"%1\",\"siteid\":\"BEDFORD\",\"description\":\"d\",\"status\":\"APPR\","
                          "\"changedate\":\"%2\",\"_rowstamp\":\"%3\"}")
        .arg(wonum, changedate, QString::number(rowstamp))
        .toUtf8();
}

Result<SourceBatch> fetch(MaximoSource& source, const QString& watermark)
{
    std::optional<Result<SourceBatch>> out;
    source.fetchChanges(watermark, [&](Result<SourceBatch> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
        return fail(ErrorClass::Transient, QStringLiteral("TEST"), QStringLiteral("no answer"));
    return std::move(*out);
}

} // namespace

class TestMaximoSource : public QObject
{
    Q_OBJECT
private slots:
    void parsePage()
    {
        auto page = MaximoSource::parsePage(readTestData("maximo/page1.json"));
        QVERIFY2(page.has_value(), qPrintable(page.has_value() ? QString() : page.error().summary()));
        QCOMPARE(page->members, 2);
        QCOMPARE(page->changes.size(), 4);
        QCOMPARE(page->maxChangedate, QStringLiteral("2026-11-24T10:00:05+00:00"));
        QCOMPARE(page->nextPageHref, QStringLiteral("http://127.0.0.1:9/maximo/api/os/mxapiwodetail?pageno=2"));

        const SourceChange& h = page->changes.at(0);
        QCOMPARE(h.flow, Flow::WorkOrder);
        QCOMPARE(h.operation, QStringLiteral("upsert"));
        QCOMPARE(h.plant, QStringLiteral("BEDFORD"));
        QCOMPARE(h.sourceSystem, QStringLiteral("maximo"));
        QCOMPARE(h.targetSystem, QStringLiteral("sap"));
        QCOMPARE(h.businessKey, QStringLiteral("BEDFORD/1001"));
        QCOMPARE(h.idempotencyKey, QStringLiteral("maximo:BEDFORD/1001@123456"));
        QCOMPARE(h.eventAtMs,
            QDateTime::fromString(QStringLiteral("2026-11-24T10:00:05Z"), Qt::ISODate).toMSecsSinceEpoch());
        const QJsonObject payload = QJsonDocument::fromJson(h.payload).object();
        QVERIFY(!payload.contains(QLatin1String("matusetrans")));
        QCOMPARE(payload.value(QLatin1String("description")).toString(), QStringLiteral("Replace seal P-101"));

        const SourceChange& issue = page->changes.at(1);
        QCOMPARE(issue.flow, Flow::PartsConsumption);
        QCOMPARE(issue.operation, QStringLiteral("goods_issue"));
        QCOMPARE(issue.businessKey, QStringLiteral("BEDFORD/1001"));
        QCOMPARE(issue.idempotencyKey, QStringLiteral("maximo:BEDFORD/MATU/88"));
        const QJsonObject row = QJsonDocument::fromJson(issue.payload).object();
        QCOMPARE(row.value(QLatin1String("wonum")).toString(), QStringLiteral("1001"));
        QCOMPARE(row.value(QLatin1String("siteid")).toString(), QStringLiteral("BEDFORD"));
        QCOMPARE(row.value(QLatin1String("itemnum")).toString(), QStringLiteral("0-0031"));

        QCOMPARE(page->changes.at(2).operation, QStringLiteral("goods_return"));
        QCOMPARE(page->changes.at(2).idempotencyKey, QStringLiteral("maximo:BEDFORD/MATU/90"));
        QCOMPARE(page->changes.at(3).idempotencyKey, QStringLiteral("maximo:BEDFORD/1002@777"));
    }

    void sortKeepsHeaderFirst()
    {
        auto page = MaximoSource::parsePage(readTestData("maximo/page1.json"));
        QVERIFY(page.has_value());
        QList<SourceChange> changes = page->changes;
        MaximoSource::sortChanges(changes);
        QStringList keys;
        for (const auto& c : changes)
            keys << c.idempotencyKey;
        // The return (09:59) is older than its header (10:00:05) but must not precede it.
        QCOMPARE(keys,
            QStringList({ QStringLiteral("maximo:BEDFORD/1001@123456"), QStringLiteral("maximo:BEDFORD/MATU/90"),
                QStringLiteral("maximo:BEDFORD/1002@777"), QStringLiteral("maximo:BEDFORD/MATU/88") }));
    }

    void malformedAndHostile_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("truncated") << readTestData("maximo/malformed_truncated.json");
        QTest::newRow("wrong types") << readTestData("maximo/hostile_types.json");
        QTest::newRow("not json") << QByteArray("<html>login</html>");
        QTest::newRow("array root") << QByteArray("[]");
        QTest::newRow("member object") << QByteArray("{\"member\":{}}");
        QTest::newRow("member scalar") << QByteArray("{\"member\":[1]}");
        QTest::newRow("bad date") << QByteArray(
            "{\"member\":[{\"wonum\":\"1\",\"siteid\":\"S\",\"changedate\":\"yesterday\",\"_rowstamp\":\"1\"}]}");
        QTest::newRow("no rowstamp") << QByteArray(
            "{\"member\":[{\"wonum\":\"1\",\"siteid\":\"S\",\"changedate\":\"2026-11-24T10:00:05+00:00\"}]}");
        QTest::newRow("bad issuetype") << QByteArray("{\"member\":[{\"wonum\":\"1\",\"siteid\":\"S\",\"changedate\":"
                                                     "\"2026-11-24T10:00:05+00:00\",\"_rowstamp\":\"1\","
                                                     "\"matusetrans\":[{\"matusetransid\":1,\"issuetype\":\"STEAL\","
                                                     "\"transdate\":\"2026-11-24T10:00:05+00:00\"}]}]}");
        QTest::newRow("fractional id") << QByteArray("{\"member\":[{\"wonum\":\"1\",\"siteid\":\"S\",\"changedate\":"
                                                     "\"2026-11-24T10:00:05+00:00\",\"_rowstamp\":\"1\","
                                                     "\"matusetrans\":[{\"matusetransid\":1.5,\"issuetype\":\"ISSUE\","
                                                     "\"transdate\":\"2026-11-24T10:00:05+00:00\"}]}]}");
        QTest::newRow("deep nesting") << QByteArray(20000, '[');
    }
    void malformedAndHostile()
    {
        QFETCH(QByteArray, body);
        auto page = MaximoSource::parsePage(body);
        QVERIFY(!page.has_value());
        QCOMPARE(page.error().errorClass, ErrorClass::Validation);
        QVERIFY(page.error().detail.size() <= 700);
    }

    void hugeStringsAndEmptyPage()
    {
        const QByteArray big(3'000'000, 'A');
        const QByteArray body = "{\"member\":[{\"wonum\":\"1003\",\"siteid\":\"BEDFORD\",\"description\":\"" + big
            + "\",\"changedate\":\"2026-11-24T10:00:05+00:00\",\"_rowstamp\":\"5\"}],\"responseInfo\":{\"pagenum\":1}}";
        auto page = MaximoSource::parsePage(body);
        QVERIFY(page.has_value());
        QCOMPARE(page->changes.size(), 1);
        QVERIFY(page->nextPageHref.isEmpty());
        auto empty = MaximoSource::parsePage("{\"member\":[],\"responseInfo\":{\"nextPage\":\"http://x/?pageno=2\"}}");
        QVERIFY(empty.has_value());
        QCOMPARE(empty->members, 0);
        QCOMPARE(empty->nextPageHref, QStringLiteral("http://x/?pageno=2"));
    }

    void firstPageUrl()
    {
        MaximoSource source(MaximoConfig {
            QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("k"), QStringLiteral("BEDFORD"), 10, 20, 1000 });
        const QByteArray url = source.firstPageUrl(QStringLiteral("2026-11-24T10:00:05+00:00")).toEncoded();
        QVERIFY2(url.startsWith("http://127.0.0.1:1/maximo/api/os/mxapiwodetail?lean=1&"), url.constData());
        QVERIFY2(url.contains("oslc.orderBy=%2Bchangedate,%2Bwonum"), url.constData());
        QVERIFY2(url.contains("oslc.pageSize=10"), url.constData());
        QVERIFY2(url.contains("matusetrans%7B"), url.constData());
        const QString where = QUrl::fromPercentEncoding(url.mid(url.indexOf("oslc.where=") + 11).split('&').first());
        QCOMPARE(where, QStringLiteral("siteid=\"BEDFORD\" and changedate>=\"2026-11-24T10:00:05+00:00\""));
        // The + of the offset must travel encoded.
        QVERIFY2(url.contains("10%3A00%3A05%2B00%3A00"), url.constData());
        const QByteArray first = source.firstPageUrl(QString()).toEncoded();
        QVERIFY(!first.contains("changedate%3E"));
    }

    void pagingApiKeyNoCookies()
    {
        // A small Maximo: filters changedate>=, sorts by changedate then wonum, pages by pageno, and
        // points nextPage at another host (which must never be contacted).
        struct Rec
        {
            QString wonum;
            int sec;
            int rowstamp;
        };
        QList<Rec> recs;
        for (int i = 1; i <= 6; ++i)
            recs.append({ QString::number(1000 + i), i, i });
        bool updateAfterFirstPage = true;
        FakeHttpServer server;
        server.setHandler([&](const FakeHttpServer::Request& r) {
            if (r.header("apikey") != "sim-apikey")
                return FakeHttpServer::json(401, readTestData("maximo/error_status_number_auth.json"));
            const QString q = r.query();
            const auto w
                = QRegularExpression(QStringLiteral("changedate>=\"2026-11-24T10:00:(\\d\\d)\\+00:00\"")).match(q);
            const int from = w.hasMatch() ? w.captured(1).toInt() : 0;
            const int size = QRegularExpression(QStringLiteral("oslc.pageSize=(\\d+)")).match(q).captured(1).toInt();
            const auto p = QRegularExpression(QStringLiteral("pageno=(\\d+)")).match(q);
            const int pageNo = p.hasMatch() ? p.captured(1).toInt() : 1;
            QList<Rec> hits;
            for (const Rec& x : std::as_const(recs)) {
                if (x.sec >= from)
                    hits.append(x);
            }
            std::sort(hits.begin(), hits.end(),
                [](const Rec& a, const Rec& b) { return a.sec != b.sec ? a.sec < b.sec : a.wonum < b.wonum; });
            QByteArray members;
            for (qsizetype i = (pageNo - 1) * size; i < qMin<qsizetype>(hits.size(), pageNo * size); ++i) {
                members += (members.isEmpty() ? "" : ",")
                    + wo(hits[i].wonum,
                        QStringLiteral("2026-11-24T10:00:%1+00:00").arg(hits[i].sec, 2, 10, QLatin1Char('0')),
                        hits[i].rowstamp);
            }
            const bool more = pageNo * size < hits.size();
            if (updateAfterFirstPage) {
                // Work order 1001 (already served) changes while the client pages: with offset
                // paging, 1003 would slide onto page 1 and never be read.
                updateAfterFirstPage = false;
                recs[0].sec = 9;
                recs[0].rowstamp = 99;
            }
            return FakeHttpServer::json(200,
                "{\"member\":[" + members + "],\"responseInfo\":{"
                    + (more ? QByteArray("\"nextPage\":{\"href\":\"http://evil.example/maximo?pageno=2\"}")
                            : QByteArray())
                    + "}}",
                { { "Set-Cookie", "JSESSIONID=abc; Path=/" } });
        });
        MaximoSource source(
            MaximoConfig { server.url(), QStringLiteral("sim-apikey"), QStringLiteral("BEDFORD"), 2, 20, 5000 });
        auto batch = fetch(source, QString());
        QVERIFY2(batch.has_value(), qPrintable(batch.has_value() ? QString() : batch.error().summary()));
        QStringList keys;
        for (const auto& c : std::as_const(batch->changes))
            keys << c.idempotencyKey;
        QCOMPARE(keys,
            QStringList({ QStringLiteral("maximo:BEDFORD/1001@1"), QStringLiteral("maximo:BEDFORD/1002@2"),
                QStringLiteral("maximo:BEDFORD/1003@3"), QStringLiteral("maximo:BEDFORD/1004@4"),
                QStringLiteral("maximo:BEDFORD/1005@5"), QStringLiteral("maximo:BEDFORD/1006@6"),
                QStringLiteral("maximo:BEDFORD/1001@99") }));
        QCOMPARE(batch->watermark, QStringLiteral("2026-11-24T10:00:09+00:00"));
        QVERIFY(!batch->truncated);
        for (const auto& r : server.requests()) {
            QVERIFY(r.header("Cookie").isEmpty());
            QCOMPARE(r.header("apikey"), QByteArray("sim-apikey"));
        }

        // More records in one second than a page holds: stepped through by pageno.
        recs.clear();
        for (int i = 1; i <= 5; ++i)
            recs.append({ QString::number(2000 + i), 7, 100 + i });
        auto crowded = fetch(source, QStringLiteral("2026-11-24T10:00:07+00:00"));
        QVERIFY(crowded.has_value());
        QCOMPARE(crowded->changes.size(), 5);
        QCOMPARE(crowded->pages, 3);
        QCOMPARE(crowded->watermark, QStringLiteral("2026-11-24T10:00:07+00:00"));
    }

    void truncatedAndErrors()
    {
        FakeHttpServer server;
        const QByteArray base = server.url().toEncoded();
        int n = 0;
        server.setHandler([&](const FakeHttpServer::Request&) {
            ++n;
            return FakeHttpServer::json(200,
                "{\"member\":[" + wo(QString::number(n), QStringLiteral("2026-11-24T10:00:0%1+00:00").arg(n), n)
                    + "],\"responseInfo\":{\"nextPage\":{\"href\":\"" + base
                    + "/maximo/api/os/mxapiwodetail?pageno=9\"}}}");
        });
        MaximoSource source(MaximoConfig { server.url(), QStringLiteral("k"), QStringLiteral("BEDFORD"), 1, 3, 5000 });
        auto batch = fetch(source, QString());
        QVERIFY(batch.has_value());
        QCOMPARE(batch->pages, 3);
        QVERIFY(batch->truncated);
        QCOMPARE(batch->watermark, QStringLiteral("2026-11-24T10:00:03+00:00"));

        // A server that ignores the query and repeats itself: bounded by maxPages.
        server.setHandler([&](const FakeHttpServer::Request&) {
            return FakeHttpServer::json(200,
                "{\"member\":[" + wo(QStringLiteral("1"), QStringLiteral("2026-11-24T10:00:01+00:00"), 1)
                    + "],\"responseInfo\":{\"nextPage\":{\"href\":\"http://evil.example/maximo?pageno=2\"}}}");
        });
        auto stuck = fetch(source, QString());
        QVERIFY(stuck.has_value());
        QVERIFY(stuck->truncated);
        QCOMPARE(stuck->changes.size(), 1);

        server.setHandler([&](const FakeHttpServer::Request&) {
            return FakeHttpServer::json(401, readTestData("maximo/error_status_number_auth.json"));
        });
        auto auth = fetch(source, QString());
        QVERIFY(!auth.has_value());
        QCOMPARE(auth.error().errorClass, ErrorClass::Auth);
        QCOMPARE(auth.error().code, QStringLiteral("BMXAA0021E"));

        server.setHandler([&](const FakeHttpServer::Request&) { return FakeHttpServer::json(200, "{\"member\":[{]"); });
        auto bad = fetch(source, QString());
        QVERIFY(!bad.has_value());
        QCOMPARE(bad.error().errorClass, ErrorClass::Validation);

        server.setHandler([&](const FakeHttpServer::Request&) {
            return FakeHttpServer::Reply { 200, {}, {}, true, false };
        });
        MaximoSource slow(MaximoConfig { server.url(), QStringLiteral("k"), QStringLiteral("BEDFORD"), 1, 3, 300 });
        auto timeout = fetch(slow, QString());
        QVERIFY(!timeout.has_value());
        QCOMPARE(timeout.error().errorClass, ErrorClass::Transient);
        QCOMPARE(timeout.error().code, QStringLiteral("TIMEOUT"));
    }

    void busyAndDestroyed()
    {
        FakeHttpServer server;
        server.setHandler([&](const FakeHttpServer::Request&) {
            return FakeHttpServer::Reply { 200, {}, {}, true, false };
        });
        auto source = std::make_unique<MaximoSource>(
            MaximoConfig { server.url(), QStringLiteral("k"), QStringLiteral("BEDFORD"), 1, 3, 10000 });
        int calls = 0;
        std::optional<Result<SourceBatch>> first;
        std::optional<Result<SourceBatch>> second;
        source->fetchChanges(QString(), [&](Result<SourceBatch> r) {
            ++calls;
            first = std::move(r);
        });
        source->fetchChanges(QString(), [&](Result<SourceBatch> r) {
            ++calls;
            second = std::move(r);
        });
        QVERIFY(!second.has_value()); // never inside fetchChanges()
        QTRY_VERIFY(second.has_value());
        QCOMPARE(second->error().code, QStringLiteral("BUSY"));
        source.reset();
        QVERIFY(first.has_value());
        QCOMPARE(first->error().code, QStringLiteral("CANCELLED"));
        QTest::qWait(50);
        QCOMPARE(calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestMaximoSource)
#include "TestMaximoSource.moc"

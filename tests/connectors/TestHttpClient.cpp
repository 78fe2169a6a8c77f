// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/http/HttpClient.h"
#include "tests/connectors/FakeHttpServer.h"

#include <QTcpServer>
#include <QTest>
#include <optional>

using namespace Interlock::Connectors::Http;
using Interlock::Test::FakeHttpServer;

namespace {
std::optional<HttpResponse> run(HttpClient& client, const HttpRequest& req, QObject* context = nullptr)
{
    std::optional<HttpResponse> out;
    client.send(req, context, [&](const HttpResponse& r) { out = r; });
    static_cast<void>(QTest::qWaitFor([&] { return out.has_value(); }, 10000));
    return out;
}
} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        FakeHttpServer server;
        server.setHandler([](const FakeHttpServer::Request& r) {
            return FakeHttpServer::json(201, "{\"echo\":\"" + r.body + "\",\"m\":\"" + r.method + "\"}",
                { { "ETag", "W/\"7\"" }, { "Set-Cookie", "SID=1; Path=/" } });
        });
        HttpClient client;
        auto r = run(client,
            HttpRequest(QByteArrayLiteral("MERGE"), QUrl(server.url().toString() + QStringLiteral("/x")))
                .header("Content-Type", "application/json")
                .body("abc"));
        QVERIFY(r.has_value());
        QCOMPARE(r->status, 201);
        QCOMPARE(r->header("etag"), QByteArray("W/\"7\""));
        QCOMPARE(r->body, QByteArray("{\"echo\":\"abc\",\"m\":\"MERGE\"}"));
        QVERIFY(r->requestSent);
        QVERIFY(!r->timedOut);
        QVERIFY(r->durationMs >= 0);
        QCOMPARE(client.inFlight(), 0);

        // The cookie set above is never sent back: the client keeps no cookies.
        auto again = run(client, HttpRequest::get(QUrl(server.url().toString() + QStringLiteral("/y"))));
        QVERIFY(again.has_value());
        QVERIFY(server.requests().last().header("Cookie").isEmpty());
    }

    void errorStatusAndRedirectNotFollowed()
    {
        FakeHttpServer server;
        server.setHandler([](const FakeHttpServer::Request& r) {
            if (r.target == "/go")
                return FakeHttpServer::Reply { 302, { { "Location", "/login" } }, "moved", false, false };
            return FakeHttpServer::json(503, "{}");
        });
        HttpClient client;
        auto r = run(client, HttpRequest::get(QUrl(server.url().toString() + QStringLiteral("/a"))));
        QCOMPARE(r->status, 503);
        QVERIFY(r->hasStatus());
        QVERIFY(!r->isSuccess());
        auto redirect = run(client, HttpRequest::get(QUrl(server.url().toString() + QStringLiteral("/go"))));
        QCOMPARE(redirect->status, 302);
        QCOMPARE(server.requests().size(), 2);
    }

    void oversizedBodyRefused()
    {
        FakeHttpServer server;
        server.setHandler([](const FakeHttpServer::Request& r) {
            return FakeHttpServer::json(200, QByteArray(r.target == "/big" ? 300'000 : 1000, 'x'));
        });
        HttpClient client;
        const QString base = server.url().toString();
        auto big = run(client, HttpRequest::get(QUrl(base + QStringLiteral("/big"))).maxResponseBytes(100'000));
        QVERIFY(big.has_value());
        QVERIFY(big->bodyTooLarge);
        QVERIFY(!big->isSuccess());
        QVERIFY(big->body.isEmpty());
        QVERIFY(!big->timedOut);
        QCOMPARE(big->maxBodyBytes, qint64(100'000));
        QVERIFY(big->errorString.contains(QStringLiteral("100000")));
        auto small = run(client, HttpRequest::get(QUrl(base + QStringLiteral("/small"))).maxResponseBytes(100'000));
        QVERIFY(small.has_value());
        QVERIFY(small->isSuccess());
        QCOMPARE(small->body.size(), 1000);
        // the default applies without a call, and a value below 1 means the default
        QCOMPARE(HttpRequest().maxResponseBytesLimit(), HttpRequest::DefaultMaxResponseBytes);
        QCOMPARE(HttpRequest().maxResponseBytes(0).maxResponseBytesLimit(), HttpRequest::DefaultMaxResponseBytes);
        QCOMPARE(client.inFlight(), 0);
    }

    void timeout()
    {
        FakeHttpServer server;
        server.setHandler([](const FakeHttpServer::Request&) {
            return FakeHttpServer::Reply { 200, {}, {}, true, false };
        });
        HttpClient client;
        auto r = run(
            client, HttpRequest::post(QUrl(server.url().toString() + QStringLiteral("/slow")), "{}").timeout(300));
        QVERIFY(r.has_value());
        QCOMPARE(r->status, 0);
        QVERIFY(r->timedOut);
        QVERIFY(r->requestSent);
        QVERIFY(r->durationMs >= 250);
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        HttpClient client;
        auto r = run(client,
            HttpRequest::get(QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(port) + QStringLiteral("/"))));
        QVERIFY(r.has_value());
        QCOMPARE(r->status, 0);
        QCOMPARE(r->networkError, QNetworkReply::ConnectionRefusedError);
        QVERIFY(!r->timedOut);
        QVERIFY(!r->requestSent);
    }

    void destroyedContextAndAbort()
    {
        FakeHttpServer server;
        server.setHandler([](const FakeHttpServer::Request&) { return FakeHttpServer::json(200, "{}"); });
        HttpClient client;
        int called = 0;
        auto* context = new QObject;
        client.send(HttpRequest::get(server.url()), context, [&](const HttpResponse&) { ++called; });
        delete context;
        const quint64 id = client.send(HttpRequest::get(server.url()), nullptr, [&](const HttpResponse&) { ++called; });
        client.abort(id);
        QTest::qWait(300);
        QCOMPARE(called, 0);
        QCOMPARE(client.inFlight(), 0);

        // Destroying the client with requests in flight calls nothing and leaks nothing.
        server.setHandler([](const FakeHttpServer::Request&) {
            return FakeHttpServer::Reply { 200, {}, {}, true, false };
        });
        auto owned = std::make_unique<HttpClient>();
        owned->send(HttpRequest::get(server.url()), nullptr, [&](const HttpResponse&) { ++called; });
        QTest::qWait(50);
        owned.reset();
        QTest::qWait(50);
        QCOMPARE(called, 0);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "TestHttpClient.moc"

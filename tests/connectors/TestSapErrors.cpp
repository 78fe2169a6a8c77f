// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sap/SapErrors.h"
#include "tests/connectors/ConnectorTestData.h"

#include <QTest>

using Interlock::ErrorClass;
using Interlock::Connectors::Http::HttpResponse;
using Interlock::Connectors::Sap::SapErrors;
using Interlock::Test::readTestData;

namespace {
HttpResponse response(int status, const QByteArray& body, QList<QPair<QByteArray, QByteArray>> headers = {})
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    r.requestSent = true;
    return r;
}
} // namespace

class TestSapErrors : public QObject
{
    Q_OBJECT
private slots:
    void parseWithErrordetails()
    {
        const auto b = SapErrors::parseBody(readTestData("sap/error_locked_errordetails.json"));
        QVERIFY(b.valid);
        QCOMPARE(b.code, QStringLiteral("IWO_BAPI/121"));
        QCOMPARE(b.message, QStringLiteral("Order 4000001 is being processed by user MUELLER"));
        QCOMPARE(b.transactionId, QStringLiteral("C83CB3D2A1420000E00609D31E196BD4"));
        QCOMPARE(b.details.size(), 1);
        QCOMPARE(b.details.first().severity, QStringLiteral("error"));
    }
    void parseWithoutDetails()
    {
        const auto b = SapErrors::parseBody(readTestData("sap/error_unknown_material_no_details.json"));
        QVERIFY(b.valid);
        QCOMPARE(b.code, QStringLiteral("M7/021"));
        QVERIFY(b.details.isEmpty());
    }
    void parseErrordetailWrapper()
    {
        const auto b = SapErrors::parseBody(readTestData("sap/error_errordetail_wrapper.json"));
        QVERIFY(b.valid);
        QCOMPARE(b.details.size(), 2);
        QCOMPARE(b.details.at(0).target, QStringLiteral("QuantityInEntryUnit"));
        QCOMPARE(b.details.at(1).code, QStringLiteral("M7/001"));
    }
    void parseHostile()
    {
        const auto b = SapErrors::parseBody(readTestData("sap/error_hostile.json"));
        QVERIFY(b.valid);
        QVERIFY(b.code.isEmpty());
        QVERIFY(b.message.isEmpty());
        QCOMPARE(b.details.size(), 1);
        QCOMPARE(b.details.first().message, QStringLiteral("odd"));
        QVERIFY(!SapErrors::parseBody(readTestData("sap/error_gateway_html.html")).valid);
        QVERIFY(!SapErrors::parseBody(QByteArray()).valid);
        QVERIFY(!SapErrors::parseBody("[1,2]").valid);
        // A huge message is bounded.
        const QByteArray huge
            = "{\"error\":{\"code\":\"X\",\"message\":{\"value\":\"" + QByteArray(5'000'000, 'a') + "\"}}}";
        QVERIFY(SapErrors::parseBody(huge).message.size() <= 1000);
    }

    void classify_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("isWrite");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("code");
        const QByteArray locked = readTestData("sap/error_locked_errordetails.json");
        const QByteArray material = readTestData("sap/error_unknown_material_no_details.json");
        const QByteArray format = readTestData("sap/error_errordetail_wrapper.json");
        const QByteArray closed = readTestData("sap/error_closed_order.json");
        const QByteArray html = readTestData("sap/error_gateway_html.html");
        QTest::newRow("400 lock") << 400 << locked << true << int(ErrorClass::Transient)
                                  << QStringLiteral("IWO_BAPI/121");
        QTest::newRow("400 unknown material")
            << 400 << material << true << int(ErrorClass::Permanent) << QStringLiteral("M7/021");
        QTest::newRow("400 format") << 400 << format << true << int(ErrorClass::Validation)
                                    << QStringLiteral("/IWBEP/CM_MGW_RT/022");
        QTest::newRow("400 closed") << 400 << closed << true << int(ErrorClass::Permanent) << QStringLiteral("IW/031");
        QTest::newRow("400 locked by")
            << 400 << QByteArray(R"({"error":{"code":"X/1","message":{"value":"Material SP-1 is locked by user A"}}})")
            << true << int(ErrorClass::Transient) << QStringLiteral("X/1");
        QTest::newRow("401") << 401 << QByteArray() << true << int(ErrorClass::Auth) << QStringLiteral("HTTP401");
        QTest::newRow("403 authz") << 403 << material << true << int(ErrorClass::Auth) << QStringLiteral("M7/021");
        QTest::newRow("404") << 404 << material << false << int(ErrorClass::Permanent) << QStringLiteral("M7/021");
        QTest::newRow("412") << 412 << QByteArray() << true << int(ErrorClass::Conflict) << QStringLiteral("HTTP412");
        QTest::newRow("428") << 428 << QByteArray() << true << int(ErrorClass::Conflict) << QStringLiteral("HTTP428");
        QTest::newRow("429") << 429 << QByteArray() << true << int(ErrorClass::Transient) << QStringLiteral("HTTP429");
        QTest::newRow("500") << 500 << material << true << int(ErrorClass::Transient) << QStringLiteral("M7/021");
        QTest::newRow("502 html") << 502 << html << true << int(ErrorClass::Transient) << QStringLiteral("HTTP502");
        QTest::newRow("503 html") << 503 << html << false << int(ErrorClass::Transient) << QStringLiteral("HTTP503");
        QTest::newRow("504") << 504 << QByteArray() << true << int(ErrorClass::Transient) << QStringLiteral("HTTP504");
        QTest::newRow("400 html") << 400 << html << true << int(ErrorClass::Permanent) << QStringLiteral("HTTP400");
        QTest::newRow("302 login page") << 302 << html << false << int(ErrorClass::Permanent)
                                        << QStringLiteral("HTTP302");
    }
    void classify()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, isWrite);
        QFETCH(int, expected);
        QFETCH(QString, code);
        const auto e = SapErrors::fromResponse(response(status, body), isWrite);
        QCOMPARE(int(e.errorClass), expected);
        QCOMPARE(e.code, code);
        QCOMPARE(e.httpStatus, status);
        QVERIFY(!e.message.isEmpty());
        QVERIFY(e.detail.size() <= 2100);
        if (!body.isEmpty())
            QVERIFY(!e.detail.isEmpty());
    }

    void csrfRequired()
    {
        const auto r = response(403, "CSRF token validation failed", { { "x-csrf-token", "Required" } });
        QVERIFY(SapErrors::isCsrfRequired(r));
        const auto e = SapErrors::fromResponse(r, true);
        QCOMPARE(e.errorClass, ErrorClass::Transient);
        QCOMPARE(e.code, QStringLiteral("CSRF"));
        QVERIFY(!SapErrors::isCsrfRequired(response(403, "")));
    }

    void oversizedAnswer()
    {
        HttpResponse r;
        r.status = 201;
        r.bodyTooLarge = true;
        r.maxBodyBytes = 2048;
        QVERIFY(!r.isSuccess());
        const auto write = SapErrors::fromResponse(r, true);
        QCOMPARE(write.errorClass, ErrorClass::Ambiguous); // the document may have been posted
        QCOMPARE(write.code, QStringLiteral("RESPONSE_TOO_LARGE"));
        QVERIFY(write.message.contains(QStringLiteral("2048")));
        QCOMPARE(SapErrors::fromResponse(r, false).errorClass, ErrorClass::Permanent);
    }

    void networkFailures()
    {
        HttpResponse refused;
        refused.networkError = QNetworkReply::ConnectionRefusedError;
        refused.errorString = QStringLiteral("Connection refused");
        QCOMPARE(SapErrors::fromResponse(refused, true).errorClass, ErrorClass::Transient);

        HttpResponse host;
        host.networkError = QNetworkReply::HostNotFoundError;
        QCOMPARE(SapErrors::fromResponse(host, true).errorClass, ErrorClass::Transient);

        HttpResponse writeTimeout;
        writeTimeout.timedOut = true;
        writeTimeout.requestSent = true;
        writeTimeout.networkError = QNetworkReply::OperationCanceledError;
        QCOMPARE(SapErrors::fromResponse(writeTimeout, true).errorClass, ErrorClass::Ambiguous);
        QCOMPARE(SapErrors::fromResponse(writeTimeout, false).errorClass, ErrorClass::Transient);

        HttpResponse unsentTimeout = writeTimeout;
        unsentTimeout.requestSent = false;
        QCOMPARE(SapErrors::fromResponse(unsentTimeout, true).errorClass, ErrorClass::Transient);

        HttpResponse reset;
        reset.networkError = QNetworkReply::RemoteHostClosedError;
        reset.requestSent = true;
        QCOMPARE(SapErrors::fromResponse(reset, true).errorClass, ErrorClass::Ambiguous);
        QCOMPARE(SapErrors::fromResponse(reset, false).errorClass, ErrorClass::Transient);
    }

    void lockTexts()
    {
        QVERIFY(SapErrors::isLockMessage(QStringLiteral("Order 4000001 is being processed by user X")));
        QVERIFY(SapErrors::isLockMessage(QStringLiteral("Material SP-1 is locked by user Y")));
        QVERIFY(SapErrors::isLockMessage(QStringLiteral("Plant data of material is locked")));
        QVERIFY(!SapErrors::isLockMessage(QStringLiteral("Material does not exist")));
    }
};

QTEST_GUILESS_MAIN(TestSapErrors)
#include "TestSapErrors.moc"

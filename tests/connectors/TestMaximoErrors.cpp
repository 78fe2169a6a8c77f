// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/maximo/MaximoErrors.h"
#include "tests/connectors/ConnectorTestData.h"

#include <QTest>

using Interlock::ErrorClass;
using Interlock::Connectors::Http::HttpResponse;
using Interlock::Connectors::Maximo::MaximoErrors;
using Interlock::Test::readTestData;

class TestMaximoErrors : public QObject
{
    Q_OBJECT
private slots:
    void parse()
    {
        const auto s = MaximoErrors::parseBody(readTestData("maximo/error_status_string.json"));
        QVERIFY(s.valid);
        QCOMPARE(s.reasonCode, QStringLiteral("BMXAA4590E"));
        QCOMPARE(s.statusCode, 400);
        QVERIFY(s.message.startsWith(QLatin1String("BMXAA4590E - Could not change")));
        const auto n = MaximoErrors::parseBody(readTestData("maximo/error_status_number_auth.json"));
        QVERIFY(n.valid);
        QCOMPARE(n.statusCode, 401);
        QVERIFY(!MaximoErrors::parseBody("<html>503</html>").valid);
        QVERIFY(!MaximoErrors::parseBody(R"({"Error":"flat"})").valid);
        QVERIFY(!MaximoErrors::parseBody(QByteArray()).valid);
    }

    void classify_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("code");
        QTest::newRow("400") << 400 << readTestData("maximo/error_status_string.json") << int(ErrorClass::Validation)
                             << QStringLiteral("BMXAA4590E");
        QTest::newRow("401") << 401 << readTestData("maximo/error_status_number_auth.json") << int(ErrorClass::Auth)
                             << QStringLiteral("BMXAA0021E");
        QTest::newRow("412") << 412 << readTestData("maximo/error_conflict.json") << int(ErrorClass::Conflict)
                             << QStringLiteral("BMXAA8229W");
        QTest::newRow("404") << 404 << QByteArray() << int(ErrorClass::Permanent) << QStringLiteral("HTTP404");
        QTest::newRow("429") << 429 << QByteArray() << int(ErrorClass::Transient) << QStringLiteral("HTTP429");
        QTest::newRow("500") << 500 << QByteArray("<html>boom</html>") << int(ErrorClass::Transient)
                             << QStringLiteral("HTTP500");
        QTest::newRow("503") << 503 << QByteArray() << int(ErrorClass::Transient) << QStringLiteral("HTTP503");
    }
    void classify()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, expected);
        QFETCH(QString, code);
        HttpResponse r;
        r.status = status;
        r.body = body;
        const auto e = MaximoErrors::fromResponse(r);
        QCOMPARE(int(e.errorClass), expected);
        QCOMPARE(e.code, code);
        QCOMPARE(e.httpStatus, status);
        QVERIFY(!e.message.isEmpty());
    }

    void network()
    {
        HttpResponse r;
        r.networkError = QNetworkReply::ConnectionRefusedError;
        QCOMPARE(MaximoErrors::fromResponse(r).errorClass, ErrorClass::Transient);
        r.timedOut = true;
        QCOMPARE(MaximoErrors::fromResponse(r).code, QStringLiteral("TIMEOUT"));
    }

    void oversizedPage()
    {
        HttpResponse r;
        r.status = 200;
        r.bodyTooLarge = true;
        r.maxBodyBytes = 1024;
        r.networkError = QNetworkReply::OperationCanceledError;
        QVERIFY(!r.isSuccess());
        const auto e = MaximoErrors::fromResponse(r);
        QCOMPARE(e.errorClass, ErrorClass::Permanent);
        QCOMPARE(e.code, QStringLiteral("RESPONSE_TOO_LARGE"));
        QVERIFY(e.message.contains(QStringLiteral("1024")));
    }
};

QTEST_GUILESS_MAIN(TestMaximoErrors)
#include "TestMaximoErrors.moc"

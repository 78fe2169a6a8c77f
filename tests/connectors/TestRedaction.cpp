// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/http/Redaction.h"

#include <QTest>

using Interlock::Connectors::Http::Redaction;

class TestRedaction : public QObject
{
    Q_OBJECT
private slots:
    void headerLines_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret");
        QTest::newRow("authorization") << QStringLiteral(
            "GET / HTTP/1.1\r\nAuthorization: Basic SU5URVJMT0NLOnNpbS1wYXNzd29yZA==\r\nAccept: */*")
                                       << QStringLiteral("SU5URVJMT0NLOnNpbS1wYXNzd29yZA==");
        QTest::newRow("apikey") << QStringLiteral("apikey: k3y-very-secret\nAccept: application/json")
                                << QStringLiteral("k3y-very-secret");
        QTest::newRow("csrf") << QStringLiteral("x-csrf-token: Zx9QaBcD==\n") << QStringLiteral("Zx9QaBcD==");
        QTest::newRow("cookie") << QStringLiteral(
            "Cookie: SAP_SESSIONID_SIM_100=abcdef123; sap-usercontext=sap-client=100")
                                << QStringLiteral("abcdef123");
        QTest::newRow("set-cookie") << QStringLiteral("Set-Cookie: JSESSIONID=0000XYZ:1; Path=/; HttpOnly")
                                    << QStringLiteral("0000XYZ");
        QTest::newRow("json password") << QStringLiteral("{\"user\":\"a\",\"password\":\"hunter2\"}")
                                       << QStringLiteral("hunter2");
        QTest::newRow("json token nested escape")
            << QStringLiteral("{\"x\":\"{\\\"access_token\\\":\\\"eyJabc.def\\\"}\"}") << QStringLiteral("eyJabc.def");
        QTest::newRow("query") << QStringLiteral("GET /maximo/api/os/x?lean=1&apikey=QWERTY12&oslc.pageSize=10")
                               << QStringLiteral("QWERTY12");
        QTest::newRow("bearer inline") << QStringLiteral("sent Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig to host")
                                       << QStringLiteral("eyJhbGciOiJIUzI1NiJ9");
        QTest::newRow("session cookie text")
            << QStringLiteral("session SAP_SESSIONID_PRD_100=s3cr3tsid expired") << QStringLiteral("s3cr3tsid");
    }
    void headerLines()
    {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        const QString out = Redaction::redact(text);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY(out.contains(Redaction::Mask));
    }

    void keepsOrdinaryText()
    {
        const QString text
            = QStringLiteral("{\"error\":{\"code\":\"M7/021\",\"message\":{\"value\":\"Material SP-0001 unknown\"}}}");
        QCOMPARE(Redaction::redact(text), text);
    }

    void excerptIsBounded()
    {
        const QByteArray body = QByteArray("{\"password\":\"pw\",\"d\":\"") + QByteArray(100000, 'x') + "\"}";
        const QString e = Redaction::excerpt(body, 2048);
        QVERIFY(e.size() <= 2048 + 40);
        QVERIFY(!e.contains(QLatin1String("\"pw\"")));
        QVERIFY(e.contains(QLatin1String("bytes]")));
        QCOMPARE(Redaction::excerpt(QByteArray("short")), QStringLiteral("short"));
    }

    void invalidUtf8DoesNotCrash()
    {
        const QByteArray junk("\xff\xfe\x00\x01password=abc\xc3", 17);
        const QString e = Redaction::excerpt(junk);
        QVERIFY(!e.contains(QLatin1String("abc")));
    }

    void secretHeaders()
    {
        QVERIFY(Redaction::isSecretHeader("Authorization"));
        QVERIFY(Redaction::isSecretHeader("APIKEY"));
        QVERIFY(Redaction::isSecretHeader("x-csrf-token"));
        QVERIFY(Redaction::isSecretHeader("Set-Cookie"));
        QVERIFY(!Redaction::isSecretHeader("Content-Type"));
        const QString h
            = Redaction::headersText({ { "Authorization", "Basic abc" }, { "Accept", "application/json" } });
        QVERIFY(!h.contains(QLatin1String("abc")));
        QVERIFY(h.contains(QLatin1String("Accept: application/json")));
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "TestRedaction.moc"

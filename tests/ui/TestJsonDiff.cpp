// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/JsonDiff.h"

#include <QTest>

using namespace Interlock;
using Interlock::Ui::JsonDiff;

namespace {
QString render(const QList<JsonDiff::Line>& diff)
{
    QStringList out;
    for (const auto& l : diff)
        out << (l.op == JsonDiff::Op::Added            ? QStringLiteral("+")
                       : l.op == JsonDiff::Op::Removed ? QStringLiteral("-")
                                                       : QStringLiteral(" "))
                + l.text;
    return out.join(QLatin1Char('|'));
}
QStringList split(const char* s)
{
    return QString::fromLatin1(s).split(QLatin1Char(','), Qt::SkipEmptyParts);
}
} // namespace

/// The line diff behind the resubmit dialog.
class TestJsonDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lines_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QString>("diff");
        QTest::newRow("same") << split("a,b,c") << split("a,b,c") << QStringLiteral(" a| b| c");
        QTest::newRow("changed middle") << split("a,b,c") << split("a,x,c") << QStringLiteral(" a|-b|+x| c");
        QTest::newRow("added at end") << split("a,b") << split("a,b,c") << QStringLiteral(" a| b|+c");
        QTest::newRow("removed at start") << split("a,b,c") << split("b,c") << QStringLiteral("-a| b| c");
        QTest::newRow("from nothing") << QStringList() << split("a,b") << QStringLiteral("+a|+b");
        QTest::newRow("to nothing") << split("a") << QStringList() << QStringLiteral("-a");
        QTest::newRow("interleaved") << split("a,b,c,d,e") << split("a,c,x,e,f")
                                     << QStringLiteral(" a|-b| c|-d|+x| e|+f");
    }
    void lines()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QString, diff);
        QCOMPARE(render(JsonDiff::lines(before, after)), diff);
    }

    void jsonIsComparedPrettyAndSorted()
    {
        const auto diff = JsonDiff::ofJson(R"({"b":1,"a":"x"})", R"({"a":"y","b":1})");
        QCOMPARE(render(diff), QStringLiteral(" {|-    \"a\": \"x\",|+    \"a\": \"y\",|     \"b\": 1| }"));
        QCOMPARE(JsonDiff::count(diff, JsonDiff::Op::Added), 1);
        QCOMPARE(JsonDiff::pretty("not json"), QStringLiteral("not json"));
        QCOMPARE(JsonDiff::pretty("  "), QString());
    }

    void hugeInputsFallBackToABlockReplacement()
    {
        QStringList a, b;
        for (int i = 0; i < 5000; ++i) {
            a << QStringLiteral("a%1").arg(i);
            b << QStringLiteral("b%1").arg(i);
        }
        a.prepend(QStringLiteral("{"));
        b.prepend(QStringLiteral("{"));
        const auto diff = JsonDiff::lines(a, b);
        QCOMPARE(diff.size(), 10001);
        QCOMPARE(diff.first().op, JsonDiff::Op::Same);
        QCOMPARE(JsonDiff::count(diff, JsonDiff::Op::Removed), 5000);
        QCOMPARE(JsonDiff::count(diff, JsonDiff::Op::Added), 5000);
    }
};

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "TestJsonDiff.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/transform/MaximoChangeOrder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Interlock;
using namespace Interlock::Connectors;

namespace {
SourceChange header(const QString& wonum, const QString& status, int rowstamp, qint64 at)
{
    SourceChange c;
    c.flow = Flow::WorkOrder;
    c.businessKey = QStringLiteral("S/") + wonum;
    c.idempotencyKey = QStringLiteral("maximo:S/%1@%2").arg(wonum).arg(rowstamp);
    c.payload = QJsonDocument(QJsonObject { { QStringLiteral("wonum"), wonum }, { QStringLiteral("status"), status },
                                  { QStringLiteral("_rowstamp"), QString::number(rowstamp) } })
                    .toJson(QJsonDocument::Compact);
    c.eventAtMs = at;
    return c;
}

SourceChange row(const QString& wonum, int id, int rowstamp, qint64 at)
{
    SourceChange c;
    c.flow = Flow::PartsConsumption;
    c.businessKey = QStringLiteral("S/") + wonum;
    c.idempotencyKey = QStringLiteral("maximo:S/MATU/%1").arg(id);
    c.payload = QJsonDocument(QJsonObject { { QStringLiteral("matusetransid"), id },
                                  { QStringLiteral("_rowstamp"), QString::number(rowstamp) } })
                    .toJson(QJsonDocument::Compact);
    c.eventAtMs = at;
    return c;
}

QStringList keys(const QList<SourceChange>& cs)
{
    QStringList out;
    for (const auto& c : cs)
        out << c.idempotencyKey;
    return out;
}
} // namespace

class TestMaximoChangeOrder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newWorkOrderIsCreatedBeforeItsRows()
    {
        // connector order: header first; rows older by rowstamp
        const auto out = MaximoChangeOrder::apply(
            { header(QStringLiteral("1"), QStringLiteral("INPRG"), 50, 2000), row(QStringLiteral("1"), 7, 40, 2000) },
            {});
        QCOMPARE(keys(out), (QStringList { QStringLiteral("maximo:S/1@50"), QStringLiteral("maximo:S/MATU/7") }));
    }
    void knownWorkOrderClosedInTheSameSecondClosesAfterItsRows()
    {
        const auto out = MaximoChangeOrder::apply(
            { header(QStringLiteral("1"), QStringLiteral("CLOSE"), 50, 2000), row(QStringLiteral("1"), 7, 40, 2000),
                row(QStringLiteral("1"), 8, 60, 2000) },
            { QStringLiteral("S/1") });
        QCOMPARE(keys(out),
            (QStringList { QStringLiteral("maximo:S/MATU/7"), QStringLiteral("maximo:S/1@50"),
                QStringLiteral("maximo:S/MATU/8") }));
    }
    void newWorkOrderCollapsedToClosedIsOpenedFirst()
    {
        const auto out = MaximoChangeOrder::apply(
            { header(QStringLiteral("1"), QStringLiteral("CLOSE"), 90, 3000), row(QStringLiteral("1"), 7, 40, 1000),
                header(QStringLiteral("2"), QStringLiteral("APPR"), 91, 3000) },
            {});
        QCOMPARE(keys(out),
            (QStringList { QStringLiteral("maximo:S/1@90#open"), QStringLiteral("maximo:S/MATU/7"),
                QStringLiteral("maximo:S/1@90"), QStringLiteral("maximo:S/2@91") }));
        const QJsonObject open = QJsonDocument::fromJson(out.at(0).payload).object();
        QCOMPARE(open.value(QLatin1String("status")).toString(), QStringLiteral("INPRG"));
        QVERIFY(open.contains(QLatin1String("interlockSynthetic")));
        QVERIFY(out.at(0).eventAtMs < out.at(1).eventAtMs);
        // the same batch read again gives the same keys (idempotent ingest dedupes them)
        QCOMPARE(keys(MaximoChangeOrder::apply({ header(QStringLiteral("1"), QStringLiteral("CLOSE"), 90, 3000),
                                                   row(QStringLiteral("1"), 7, 40, 1000) },
                     {})),
            keys(out).mid(0, 3));
    }
    void knownClosedWorkOrderIsNotReopened()
    {
        const auto out = MaximoChangeOrder::apply(
            { header(QStringLiteral("1"), QStringLiteral("CLOSE"), 90, 3000), row(QStringLiteral("1"), 7, 40, 1000) },
            { QStringLiteral("S/1") });
        QCOMPARE(keys(out), (QStringList { QStringLiteral("maximo:S/MATU/7"), QStringLiteral("maximo:S/1@90") }));
    }
};

QTEST_GUILESS_MAIN(TestMaximoChangeOrder)
#include "TestMaximoChangeOrder.moc"

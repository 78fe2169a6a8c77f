// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/LocalOperationsService.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"
#include "ui/kpis/KpiCsv.h"
#include "ui/kpis/KpisView.h"

#include <QChartView>
#include <QFile>
#include <QTableWidget>
#include <QTest>
#include <memory>

using namespace Interlock;

/// The KPIs view over a small hand-built journal, its CSV writer and its PDF report.
class TestKpisView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvQuotesAndDefusesFormulas();
    void showsTheJournalsFiguresAndWritesPdf();
};

void TestKpisView::csvQuotesAndDefusesFormulas()
{
    using Ui::KpiCsv;
    QCOMPARE(KpiCsv::cell(QVariant(qint64(1234567))), QStringLiteral("1234567"));
    QCOMPARE(KpiCsv::cell(QVariant(0.125)), QStringLiteral("0.125"));
    QCOMPARE(KpiCsv::cell(QVariant(-2.5)), QStringLiteral("-2.5")); // a number stays a number
    QCOMPARE(KpiCsv::cell(QVariant()), QString());
    QCOMPARE(KpiCsv::cell(QStringLiteral("BEDFORD")), QStringLiteral("BEDFORD"));
    QCOMPARE(KpiCsv::cell(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(KpiCsv::cell(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    QCOMPARE(KpiCsv::cell(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
    QCOMPARE(KpiCsv::cell(QStringLiteral("=cmd|' /C calc'!A0")), QStringLiteral("\"'=cmd|' /C calc'!A0\""));
    QCOMPARE(KpiCsv::cell(QStringLiteral("+1")), QStringLiteral("\"'+1\""));
    QCOMPARE(KpiCsv::cell(QStringLiteral("-1")), QStringLiteral("\"'-1\""));
    QCOMPARE(KpiCsv::cell(QStringLiteral("@SUM(A1)")), QStringLiteral("\"'@SUM(A1)\""));
    const QByteArray csv = KpiCsv::write({ QStringLiteral("plant"), QStringLiteral("posted") },
        { { QStringLiteral("=HYPERLINK(\"x\")"), qint64(3) }, { QStringLiteral("LYON, FR"), QVariant() } });
    QCOMPARE(csv, QByteArray("plant,posted\r\n\"'=HYPERLINK(\"\"x\"\")\",3\r\n\"LYON, FR\",\r\n"));
}

void TestKpisView::showsTheJournalsFiguresAndWritesPdf()
{
    Test::TempJournal tmp;
    {
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(tmp.path()).has_value());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        int seq = 0;
        for (const auto& [plant, qty] :
            { std::pair { "BEDFORD", 2 }, std::pair { "BEDFORD", 4 }, std::pair { "NASHUA", 1 } }) {
            SourceChange c;
            c.flow = Flow::PartsConsumption;
            c.operation = QStringLiteral("goods_issue");
            c.plant = QString::fromLatin1(plant);
            c.sourceSystem = QStringLiteral("maximo");
            c.targetSystem = QStringLiteral("sap");
            c.businessKey = QStringLiteral("K%1").arg(++seq);
            c.idempotencyKey = c.businessKey;
            c.payload = QByteArray("{\"quantity\":") + QByteArray::number(qty) + ",\"unitcost\":10}";
            c.eventAtMs = now - 3'600'000 - 2000;
            QVERIFY(store.ingest({ c }, {}, {}, {}, now - 3'600'000 - 1000).has_value());
            const qint64 id = store.messagesInState(MessageState::Received, 10).value().last().id;
            Journal::TransitionRequest a;
            a.messageId = id;
            a.from = MessageState::Received;
            a.to = MessageState::Ready;
            QVERIFY(store.apply({ a }, now - 3'600'000 - 900).has_value());
            QCOMPARE(store.claim(QStringLiteral("t"), c.plant, 10, 60'000, now - 3'600'000 - 500).value().size(), 1);
            Journal::TransitionRequest p;
            p.messageId = id;
            p.from = MessageState::InFlight;
            p.to = MessageState::Posted;
            Attempt at;
            at.startedAt = now - 3'600'000 - 500;
            p.attempt = at;
            QVERIFY(store.apply({ p }, now - 3'600'000).has_value());
        }
    }
    Config::EngineConfig cfg;
    cfg.journalPath = tmp.path();
    for (const char* site : { "BEDFORD", "NASHUA" }) {
        Config::PlantConfig p;
        p.site = QString::fromLatin1(site);
        cfg.plants << p;
    }
    Ops::LocalOperationsService service(cfg);
    QVERIFY(service.open().has_value());

    Ui::KpisView view(&service);
    QCOMPARE(view.title(), QStringLiteral("KPIs"));
    view.resize(1440, 900);
    view.show();
    view.reload();
    auto* table = view.findChild<QTableWidget*>(QStringLiteral("kpiTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 3); // BEDFORD, NASHUA, All plants
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("BEDFORD"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("2"));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("1"));
    QCOMPARE(table->item(2, 0)->text(), QStringLiteral("All plants"));
    QCOMPARE(table->item(2, 1)->text(), QStringLiteral("3"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("2.0")); // lag p95 2 s
    QCOMPARE(table->item(0, 6)->text(), QStringLiteral("100.0")); // first pass %
    QCOMPARE(table->item(0, 13)->text(), QStringLiteral("60.00")); // parts cost 2x10 + 4x10
    QCOMPARE(table->item(2, 13)->text(), QStringLiteral("70.00"));
    QCOMPARE(view.report().total.partsCost, 70.0);
    QVERIFY(view.findChild<QChartView*>(QStringLiteral("kpiBarChart"))->chart()->series().size() == 1);

    QTemporaryDir dir;
    QString error;
    const QString csv = dir.filePath(QStringLiteral("t.csv"));
    QVERIFY(view.exportTableCsv(csv, error));
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = c.readAll().split('\n');
    QVERIFY(lines.at(0).startsWith("plant,posted,throughput_per_hour,lag_p50_ms"));
    QVERIFY(lines.at(1).startsWith("BEDFORD,2,"));
    const QString pdf = dir.filePath(QStringLiteral("r.pdf"));
    QVERIFY2(view.exportPdf(pdf, error), qPrintable(error));
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.size() > 10'000);
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
}

QTEST_MAIN(TestKpisView)
#include "TestKpisView.moc"

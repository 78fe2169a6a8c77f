// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The transaction browser over a real generated journal: sorting, time range, the end of the
// list, the bounded cache, the background count, saved filters and hostile filter text.
#include "app/ops/JournalGenerator.h"
#include "app/ops/LocalOperationsService.h"
#include "tests/support/TestSupport.h"
#include "ui/transactions/TransactionTableModel.h"
#include "ui/transactions/TransactionsView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace Interlock;
using Interlock::Ui::TransactionsView;
using Interlock::Ui::TransactionTableModel;

class TestTransactionsView : public QObject
{
    Q_OBJECT

    Test::TempJournal m_tmp;
    std::unique_ptr<Ops::LocalOperationsService> m_service;
    qint64 m_endAt = 0;
    static constexpr int kRows = 2600;

    QList<qint64> column(const QString& sql)
    {
        Journal::JournalStore store;
        if (!store.openSqlite(m_tmp.path()))
            return {};
        QSqlQuery q(store.database());
        QList<qint64> out;
        if (q.exec(sql))
            while (q.next())
                out << q.value(0).toLongLong();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(
            QStringLiteral("interlock-test-%1").arg(QCoreApplication::applicationPid()));
        QCoreApplication::setApplicationName(QStringLiteral("TestTransactionsView"));
        QSettings().clear();
        Ops::GeneratorOptions o;
        o.rows = kRows;
        o.days = 2;
        m_endAt = QDateTime::currentMSecsSinceEpoch();
        o.endAt = m_endAt;
        QVERIFY(Ops::JournalGenerator::generate(m_tmp.path(), o).has_value());
        // business keys hostile to LIKE and to SQL quoting, to be found literally
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(m_tmp.path()).has_value());
        QList<SourceChange> changes;
        const QStringList keys { QStringLiteral("BEDFORD/50%_off"), QStringLiteral("BEDFORD/5000Xoff"),
            QStringLiteral("BEDFORD/it's \"quoted\"; DROP TABLE message;--"), QStringLiteral("BEDFORD/back\\slash") };
        for (const QString& k : keys) {
            SourceChange c;
            c.flow = Flow::WorkOrder;
            c.operation = QStringLiteral("upsert");
            c.plant = QStringLiteral("BEDFORD");
            c.sourceSystem = QStringLiteral("maximo");
            c.targetSystem = QStringLiteral("sap");
            c.businessKey = k;
            c.idempotencyKey = QStringLiteral("hostile:") + k;
            c.payload = "{}";
            c.eventAtMs = m_endAt - 1000;
            changes << c;
        }
        QVERIFY(store.ingest(changes, {}, {}, {}, m_endAt).has_value());
        store.close();
        Config::EngineConfig config;
        config.journalPath = m_tmp.path();
        m_service = std::make_unique<Ops::LocalOperationsService>(config);
        QVERIFY(m_service->open().has_value());
    }

    void cleanupTestCase()
    {
        QSettings().clear();
        m_service.reset();
    }

    void countArrivesInTheBackground()
    {
        TransactionTableModel model(m_service.get());
        QSignalSpy counted(&model, &TransactionTableModel::totalCountChanged);
        model.reload();
        QCOMPARE(model.rowCount(), TransactionTableModel::pageSize());
        QCOMPARE(model.totalCount(), -1); // "≥ 500" until the scan reports
        // after the reset: Qt 6.4's tester fetches more from inside modelReset (see TestTransactionTableModel)
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model.totalCount(), kRows + 4);
        QCOMPARE(model.rowCount(), kRows + 4); // the whole list is scrollable now
        QTRY_VERIFY(model.anchorsReady());
    }

    void endOfTheListIsTheOldestRow()
    {
        TransactionTableModel model(m_service.get());
        model.reload();
        QTRY_VERIFY(model.totalCount() >= 0);
        const int last = model.rowCount() - 1;
        QVERIFY(!model.isRowLoaded(last));
        model.ensureLoaded(last - 30, last); // read from the other end, not by paging to it
        QCOMPARE(model.messageId(last), 1);
        QCOMPARE(model.messageId(last - 30), 31);
        QVERIFY(model.cachedRows() <= 2 * TransactionTableModel::pageSize());
        // the middle, from the anchors of the background scan
        QTRY_VERIFY(model.anchorsReady());
        const int mid = model.rowCount() / 2 + 17;
        model.ensureLoaded(mid, mid);
        const qint64 expected
            = column(QStringLiteral("SELECT id FROM message ORDER BY id DESC LIMIT 1 OFFSET %1").arg(mid)).value(0);
        QCOMPARE(model.messageId(mid), expected);
    }

    void cacheStaysBounded()
    {
        TransactionTableModel model(m_service.get());
        model.setMaxCachedRows(1000);
        model.reload();
        QTRY_VERIFY(model.anchorsReady());
        for (int row : { 0, 2500, 1200, 600, 1900, 2599, 100, 1500 }) {
            model.ensureLoaded(row, row);
            QVERIFY(model.isRowLoaded(row));
            QVERIFY2(model.cachedRows() <= 1000, qPrintable(QString::number(model.cachedRows())));
        }
        // and every row read is the right one
        const QList<qint64> ids = column(QStringLiteral("SELECT id FROM message ORDER BY id DESC"));
        for (int row : { 0, 2500, 1200, 600, 1900, 2599, 100, 1500 }) {
            model.ensureLoaded(row, row);
            QCOMPARE(model.messageId(row), ids.at(row));
        }
    }

    void sortsByEventTimeAndLastChange()
    {
        TransactionTableModel model(m_service.get());
        model.reload();
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.sort(TransactionTableModel::EventColumn, Qt::DescendingOrder);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.sortKey(), Journal::MessageSort::EventAt);
        const auto raw = [&model](int row, int col) {
            return model.index(row, col).data(TransactionTableModel::RawValueRole).toLongLong();
        };
        model.fetchMore({});
        for (int r = 1; r < 1000; ++r)
            QVERIFY(raw(r - 1, TransactionTableModel::EventColumn) >= raw(r, TransactionTableModel::EventColumn));
        model.sort(TransactionTableModel::EventColumn, Qt::AscendingOrder);
        QCOMPARE(raw(0, TransactionTableModel::EventColumn),
            column(QStringLiteral("SELECT MIN(event_at) FROM message")).value(0));
        // the end of the ascending list is the newest event
        QTRY_VERIFY(model.totalCount() >= 0);
        model.ensureLoaded(model.rowCount() - 1, model.rowCount() - 1);
        QCOMPARE(raw(model.rowCount() - 1, TransactionTableModel::EventColumn),
            column(QStringLiteral("SELECT MAX(event_at) FROM message")).value(0));
        model.sort(TransactionTableModel::UpdatedColumn, Qt::DescendingOrder);
        model.fetchMore({});
        for (int r = 1; r < 1000; ++r)
            QVERIFY(raw(r - 1, TransactionTableModel::UpdatedColumn) >= raw(r, TransactionTableModel::UpdatedColumn));
        // with a filter: a broad one (read along the sort index) and a selective one (sorted matches),
        // page after page, exactly the order SQL gives
        for (const auto& [plant, state] : { std::pair { QStringLiteral("BEDFORD"), MessageState::Posted },
                 std::pair { QString(), MessageState::Stuck } }) {
            Journal::MessageFilter f;
            f.plant = plant;
            f.states = { state };
            model.setFilter(f);
            model.sort(TransactionTableModel::EventColumn, Qt::DescendingOrder);
            while (model.canFetchMore({}))
                model.fetchMore({});
            QTRY_VERIFY(model.totalCount() >= 0);
            const QList<qint64> expected
                = column(QStringLiteral("SELECT id FROM message WHERE state = '%1' %2 ORDER BY event_at DESC, id DESC")
                             .arg(stateName(state),
                                 plant.isEmpty() ? QString() : QStringLiteral("AND plant = '%1'").arg(plant)));
            QCOMPARE(model.rowCount(), expected.size());
            model.ensureLoaded(0, model.rowCount() - 1);
            for (int r = 0; r < model.rowCount(); ++r)
                QCOMPARE(model.messageId(r), expected.at(r));
        }
        model.setFilter({});
        // not sortable: nothing happens
        model.sort(TransactionTableModel::PlantColumn, Qt::AscendingOrder);
        QCOMPARE(model.sortKey(), Journal::MessageSort::EventAt);
    }

    void timeRangeAndHostileText()
    {
        TransactionsView view(m_service.get(), Ops::Actor { QStringLiteral("t"), QStringLiteral("viewer") });
        auto* model = view.model();
        view.setTimeRange(TransactionsView::TimeRange::LastHour);
        QVERIFY(view.currentFilter().fromMs > 0);
        const qint64 from = view.currentFilter().fromMs;
        QVERIFY(model->rowCount() > 0);
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(model->index(r, TransactionTableModel::ReceivedColumn)
                        .data(TransactionTableModel::RawValueRole)
                        .toLongLong()
                >= from);
        view.setTimeRange(TransactionsView::TimeRange::Custom, m_endAt - 30LL * 3'600'000, m_endAt - 29LL * 3'600'000);
        QVERIFY(model->rowCount() > 0);
        for (int r = 0; r < model->rowCount(); ++r) {
            const qint64 at = model->index(r, TransactionTableModel::ReceivedColumn)
                                  .data(TransactionTableModel::RawValueRole)
                                  .toLongLong();
            QVERIFY(at >= m_endAt - 30LL * 3'600'000 - 60'000 && at < m_endAt - 29LL * 3'600'000);
        }
        view.setTimeRange(TransactionsView::TimeRange::Any);
        QCOMPARE(view.currentFilter().fromMs, 0);

        Journal::MessageFilter f;
        const auto keysFor = [&](const QString& text) {
            f.text = text;
            view.showFilter(f);
            QStringList keys;
            for (int r = 0; r < model->rowCount(); ++r)
                keys << model->index(r, TransactionTableModel::BusinessKeyColumn).data().toString();
            return keys;
        };
        QCOMPARE(keysFor(QStringLiteral("50%_off")), QStringList { QStringLiteral("BEDFORD/50%_off") });
        QCOMPARE(keysFor(QStringLiteral("%")), QStringList { QStringLiteral("BEDFORD/50%_off") });
        QCOMPARE(keysFor(QStringLiteral("_off")), QStringList { QStringLiteral("BEDFORD/50%_off") });
        QCOMPARE(keysFor(QStringLiteral("it's \"quoted\"; DROP")),
            QStringList { QStringLiteral("BEDFORD/it's \"quoted\"; DROP TABLE message;--") });
        QCOMPARE(keysFor(QStringLiteral("back\\slash")), QStringList { QStringLiteral("BEDFORD/back\\slash") });
        QCOMPARE(keysFor(QString(20000, QLatin1Char('x'))), QStringList {});
        QCOMPARE(keysFor(QString(5000, QLatin1Char('%'))), QStringList {});
        // the journal is intact
        view.showFilter({});
        QTRY_COMPARE(model->totalCount(), kRows + 4);
    }

    void savedFiltersRoundTrip()
    {
        {
            TransactionsView view(m_service.get(), Ops::Actor { QStringLiteral("t"), QStringLiteral("viewer") });
            Journal::MessageFilter f;
            f.plant = QStringLiteral("NASHUA");
            f.states = { MessageState::Stuck, MessageState::Blocked };
            f.text = QStringLiteral("NASHUA/");
            view.showFilter(f);
            view.setTimeRange(TransactionsView::TimeRange::Last7Days);
            view.saveFilter(QStringLiteral("Nashua problems"));
            view.showFilter({});
            view.setTimeRange(TransactionsView::TimeRange::Custom, 1000, 2000);
            view.saveFilter(QStringLiteral("ancient"));
            QCOMPARE(view.savedFilterNames(),
                (QStringList { QStringLiteral("ancient"), QStringLiteral("Nashua problems") }));
        }
        // another view (a later session) reads them back from QSettings
        TransactionsView view(m_service.get(), Ops::Actor { QStringLiteral("t"), QStringLiteral("viewer") });
        QVERIFY(view.applySavedFilter(QStringLiteral("Nashua problems")));
        const Journal::MessageFilter f = view.currentFilter();
        QCOMPARE(f.plant, QStringLiteral("NASHUA"));
        QCOMPARE(f.states, (QList<MessageState> { MessageState::Stuck, MessageState::Blocked }));
        QCOMPARE(f.text, QStringLiteral("NASHUA/"));
        QCOMPARE(view.timeRange(), TransactionsView::TimeRange::Last7Days);
        QVERIFY(f.fromMs > QDateTime::currentMSecsSinceEpoch() - 7 * 86'400'000LL - 60'000); // relative: from now
        QVERIFY(view.applySavedFilter(QStringLiteral("ancient")));
        QCOMPARE(view.currentFilter().fromMs, 1000);
        QCOMPARE(view.currentFilter().toMs, 2000);
        QCOMPARE(view.model()->rowCount(), 0);
        view.deleteSavedFilter(QStringLiteral("ancient"));
        QCOMPARE(view.savedFilterNames(), QStringList { QStringLiteral("Nashua problems") });
        QVERIFY(!view.applySavedFilter(QStringLiteral("ancient")));
    }

    void headerStateAndFindShortcut()
    {
        {
            TransactionsView view(m_service.get(), Ops::Actor { QStringLiteral("t"), QStringLiteral("viewer") });
            auto* table = view.findChild<QTableView*>(QStringLiteral("transactionTable"));
            QVERIFY(table);
            table->horizontalHeader()->setSortIndicator(TransactionTableModel::EventColumn, Qt::AscendingOrder);
            QCOMPARE(view.model()->sortKey(), Journal::MessageSort::EventAt);
            table->setColumnWidth(TransactionTableModel::BusinessKeyColumn, 333);
        }
        TransactionsView view(m_service.get(), Ops::Actor { QStringLiteral("t"), QStringLiteral("viewer") });
        auto* table = view.findChild<QTableView*>(QStringLiteral("transactionTable"));
        QCOMPARE(view.model()->sortKey(), Journal::MessageSort::EventAt);
        QVERIFY(!view.model()->sortDescending());
        QCOMPARE(table->columnWidth(TransactionTableModel::BusinessKeyColumn), 333);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        table->setFocus();
        QTest::keySequence(&view, QKeySequence::Find);
        QTRY_VERIFY(view.findChild<QLineEdit*>(QStringLiteral("textFilter"))->hasFocus());
    }
};

QTEST_MAIN(TestTransactionsView)
#include "TestTransactionsView.moc"

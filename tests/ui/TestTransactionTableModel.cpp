// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/transactions/TransactionTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Interlock;
using Interlock::Ui::TransactionTableModel;

namespace {

/// An in-memory OperationsService: generated messages, the same keyset contract as the journal.
class FakeOperationsService : public Ops::OperationsService
{
public:
    QList<Message> messages; ///< ascending ids
    QList<qint64> pageCalls; ///< beforeId of every page() call
    int countCalls = 0;

    void add(int n)
    {
        static const QStringList plants { QStringLiteral("BEDFORD"), QStringLiteral("NASHUA"),
            QStringLiteral("TEXAS") };
        for (int i = 0; i < n; ++i) {
            Message m;
            m.id = messages.isEmpty() ? 1 : messages.constLast().id + 1;
            m.plant = plants.at(m.id % plants.size());
            m.flow = m.id % 2 ? Flow::WorkOrder : Flow::PartsConsumption;
            m.operation = m.id % 2 ? QStringLiteral("upsert") : QStringLiteral("goods_issue");
            m.businessKey = QStringLiteral("%1/%2").arg(m.plant).arg(1000 + m.id / 3);
            m.state = m.id % 10 == 0 ? MessageState::Stuck : MessageState::Posted;
            m.attempts = 1;
            m.eventAt = 1'700'000'000'000 + m.id * 1000;
            m.receivedAt = m.eventAt + 100;
            m.postedAt = m.state == MessageState::Posted ? m.eventAt + 2500 : 0;
            if (m.state == MessageState::Stuck) {
                m.errorClass = ErrorClass::Permanent;
                m.errorText = QStringLiteral("Order is locked by another user");
            }
            messages << m;
        }
    }
    bool matches(const Journal::MessageFilter& f, const Message& m) const
    {
        return (f.plant.isEmpty() || f.plant == m.plant) && (f.flow.isEmpty() || f.flow == m.flow)
            && (f.states.isEmpty() || f.states.contains(m.state))
            && (f.errorClass.isEmpty() || f.errorClass == errorClassName(m.errorClass))
            && (f.text.isEmpty() || m.businessKey.contains(f.text));
    }
    Result<Ops::StatusReport> overview() override { return Ops::StatusReport {}; }
    Result<QList<Message>> page(const Journal::MessageFilter& filter, qint64 beforeId, int limit) override
    {
        pageCalls << beforeId;
        QList<Message> out;
        for (auto it = messages.crbegin(); it != messages.crend() && out.size() < limit; ++it)
            if ((beforeId == 0 || it->id < beforeId) && matches(filter, *it))
                out << *it;
        return out;
    }
    Result<qint64> count(const Journal::MessageFilter& filter) override
    {
        ++countCalls;
        return static_cast<qint64>(
            std::count_if(messages.cbegin(), messages.cend(), [&](const Message& m) { return matches(filter, m); }));
    }
    Result<Ops::MessageDetail> detail(qint64) override
    {
        return fail(ErrorClass::Permanent, QStringLiteral("NA"), QStringLiteral("not in this fake"));
    }
    QStringList plants() const override { return { QStringLiteral("BEDFORD"), QStringLiteral("NASHUA") }; }
    Result<int> replay(const Ops::Actor&, const QList<qint64>&, const QString&) override { return 0; }
    Result<int> resolve(const Ops::Actor&, const QList<qint64>&, const QString&) override { return 0; }
    Result<int> cancel(const Ops::Actor&, const QList<qint64>&, const QString&) override { return 0; }
    Result<QList<Ops::ExceptionGroup>> exceptionGroups() override { return QList<Ops::ExceptionGroup> {}; }
    Result<QList<Ops::BlockingValue>> blockingValues() override { return QList<Ops::BlockingValue> {}; }
    Result<qint64> blockedBy(const QString&, const QString&, const QString&) override { return 0; }
    Result<QList<Mapping>> mappings(const QString&) override { return QList<Mapping> {}; }
    Result<qint64> putMapping(const Ops::Actor&, const Mapping&, const QString&) override { return 0; }
};

} // namespace

class TestTransactionTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelTester();
    void keysetPaging();
    void filterResetsModel();
    void newRowsWaitBehindTheBar();
    void visibleRowsFollowTheJournal();
    void rawValueRole();
};

void TestTransactionTableModel::modelTester()
{
    // Paging under the tester: three fetchMore() pages.
    {
        FakeOperationsService service;
        service.add(1234);
        TransactionTableModel model(&service);
        model.reload();
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 1234);
        service.messages[1000].state = MessageState::Cancelled;
        model.journalChanged(200, 260); // dataChanged on a range
        service.add(7);
        model.journalChanged(0, 20);
        model.showNewRows(); // rowsInserted at the top
        QCOMPARE(model.rowCount(), 1241);
    }
    // Resets under the tester. Qt 6.4's tester runs its checks (which call fetchMore) from
    // modelReset before it clears its "reset in flight" flag, so a reset that leaves more to fetch
    // is reported as a nested insert; here every filter fits in one page.
    {
        FakeOperationsService service;
        service.add(300);
        TransactionTableModel model(&service);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QCOMPARE(model.rowCount(), 300);
        Journal::MessageFilter f;
        f.plant = QStringLiteral("NASHUA");
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 100);
        service.add(9);
        model.journalChanged(0, 20);
        model.showNewRows();
        QCOMPARE(model.rowCount(), 103);
        f.text = QStringLiteral("nothing matches this");
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 0);
    }
}

void TestTransactionTableModel::keysetPaging()
{
    FakeOperationsService service;
    service.add(1234);
    TransactionTableModel model(&service);
    QSignalSpy counts(&model, &TransactionTableModel::totalCountChanged);
    model.reload();
    QCOMPARE(model.rowCount(), TransactionTableModel::pageSize());
    QCOMPARE(service.pageCalls, QList<qint64> { 0 });
    QCOMPARE(model.totalCount(), -1); // counted in the background, not yet known
    QCOMPARE(counts.size(), 0);
    QCOMPARE(model.messageId(0), 1234);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 1000);
    // the second page starts below the last id loaded: keyset, not offset
    QCOMPARE(service.pageCalls.constLast(), 1234 - 499);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 1234);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.totalCount(), 1234); // the walk reached the end: known without the count
    QCOMPARE(counts.size(), 1);
    QCOMPARE(service.pageCalls.size(), 3);
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY2(model.messageId(r) == model.messageId(r - 1) - 1, "rows must be newest first without gaps");
    QCOMPARE(model.rowOfMessage(700), 1234 - 700);
    QCOMPARE(model.rowOfMessage(99999), -1);
}

void TestTransactionTableModel::filterResetsModel()
{
    FakeOperationsService service;
    service.add(300);
    TransactionTableModel model(&service);
    model.reload();
    const quint64 gen = model.generation();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    Journal::MessageFilter f;
    f.plant = QStringLiteral("BEDFORD");
    f.states = { MessageState::Stuck };
    model.setFilter(f);
    QCOMPARE(resets.size(), 1);
    QVERIFY(model.generation() > gen);
    QVERIFY(model.rowCount() > 0);
    QCOMPARE(model.totalCount(), model.rowCount());
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r, TransactionTableModel::PlantColumn).data().toString(), QStringLiteral("BEDFORD"));
        QCOMPARE(model.index(r, TransactionTableModel::StateColumn).data().toString(), QStringLiteral("stuck"));
    }
    f = {};
    f.text = QStringLiteral("no such key");
    model.setFilter(f);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.totalCount(), 0);
}

void TestTransactionTableModel::newRowsWaitBehindTheBar()
{
    FakeOperationsService service;
    service.add(50);
    TransactionTableModel model(&service);
    model.reload();
    const QPersistentModelIndex first = model.index(0, 0);
    QSignalSpy pending(&model, &TransactionTableModel::pendingNewRowsChanged);
    service.add(3);
    model.journalChanged(0, 20);
    QCOMPARE(model.pendingNewRows(), 3);
    QCOMPARE(pending.size(), 1);
    QCOMPARE(model.rowCount(), 50); // nothing jumps
    model.showNewRows();
    QCOMPARE(model.rowCount(), 53);
    QCOMPARE(model.messageId(0), 53);
    QCOMPARE(model.pendingNewRows(), 0);
    QCOMPARE(first.row(), 3); // the old first row moved down with its persistent index
    // more than the probe: a reload instead of an insert
    service.add(250);
    model.journalChanged(0, 20);
    QVERIFY(model.pendingNewRowsCapped());
    model.showNewRows();
    QCOMPARE(model.messageId(0), 303);
}

void TestTransactionTableModel::visibleRowsFollowTheJournal()
{
    FakeOperationsService service;
    service.add(40);
    TransactionTableModel model(&service);
    model.reload();
    const int row = model.rowOfMessage(30);
    QCOMPARE(model.index(row, TransactionTableModel::StateColumn).data().toString(), QStringLiteral("stuck"));
    service.messages[29].state = MessageState::Resolved;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.journalChanged(0, 39);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(row, TransactionTableModel::StateColumn).data().toString(), QStringLiteral("resolved"));
    model.journalChanged(0, 39);
    QCOMPARE(changed.size(), 1); // nothing moved: no signal
}

void TestTransactionTableModel::rawValueRole()
{
    FakeOperationsService service;
    service.add(10);
    TransactionTableModel model(&service);
    model.reload();
    const int row = model.rowOfMessage(10);
    const auto raw = [&](int col) { return model.index(row, col).data(TransactionTableModel::RawValueRole); };
    QCOMPARE(raw(TransactionTableModel::IdColumn).toLongLong(), 10);
    QCOMPARE(raw(TransactionTableModel::StateColumn).toInt(), static_cast<int>(MessageState::Stuck));
    QCOMPARE(raw(TransactionTableModel::FlowColumn).toString(), Flow::PartsConsumption);
    QCOMPARE(
        model.index(row, TransactionTableModel::FlowColumn).data().toString(), QStringLiteral("Parts consumption"));
    QCOMPARE(raw(TransactionTableModel::ErrorClassColumn).toInt(), static_cast<int>(ErrorClass::Permanent));
    const int posted = model.rowOfMessage(9);
    QCOMPARE(
        model.index(posted, TransactionTableModel::LagColumn).data(TransactionTableModel::RawValueRole).toLongLong(),
        2500);
    QCOMPARE(model.index(posted, TransactionTableModel::LagColumn).data().toString(), QStringLiteral("2.5 s"));
    QCOMPARE(model.data(model.index(row, 0), TransactionTableModel::MessageIdRole).toLongLong(), 10);
}

QTEST_GUILESS_MAIN(TestTransactionTableModel)
#include "TestTransactionTableModel.moc"

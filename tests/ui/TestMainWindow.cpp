// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/demo/DemoEnvironment.h"
#include "app/ops/LocalOperationsService.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/overview/OverviewCard.h"
#include "ui/transactions/TransactionTableModel.h"
#include "ui/transactions/TransactionsView.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <memory>

using namespace Interlock;

/// End to end: simulated plants and the engine produce traffic, the console shows it.
class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void overviewShowsPostedMessages();
    void transactionTableFillsAndShowsDetail();
    void drillDownSetsTheFilter();
    void resolveWithNoteWritesTheAuditTrail();
    void statusBarShowsJournalAndEngine();

private:
    template <typename T> T* find(const QString& name) const
    {
        auto* w = m_window->findChild<T*>(name);
        if (!w)
            qWarning("no widget named %s", qPrintable(name));
        return w;
    }
    QString firstPlant() const { return m_service->plants().value(0); }

    std::unique_ptr<Demo::DemoEnvironment> m_env;
    std::unique_ptr<Ops::LocalOperationsService> m_service;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    m_env = std::make_unique<Demo::DemoEnvironment>(Demo::DemoOptions { 2, 20, true, {} });
    const auto started = m_env->start();
    QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().summary()));
    m_service = std::make_unique<Ops::LocalOperationsService>(m_env->config());
    const auto opened = m_service->open();
    QVERIFY2(opened.has_value(), qPrintable(opened ? QString() : opened.error().summary()));
    QCOMPARE(m_service->plants().size(), 2);
    m_window = std::make_unique<Ui::MainWindow>(m_service.get(), m_env->config().journalPath);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->objectName(), QStringLiteral("mainWindow"));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Interlock — operations console"));
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    m_service.reset();
    if (m_env)
        m_env->stop();
    m_env.reset();
}

void TestMainWindow::overviewShowsPostedMessages()
{
    auto* nav = find<QListWidget>(QStringLiteral("navigation"));
    QVERIFY(nav);
    QCOMPARE(nav->count(), 6);
    QCOMPARE(nav->item(0)->text(), QStringLiteral("Overview"));
    QCOMPARE(nav->item(1)->text(), QStringLiteral("Transactions"));
    QCOMPARE(nav->item(2)->text(), QStringLiteral("Exceptions"));
    QCOMPARE(nav->item(3)->text(), QStringLiteral("Mappings"));
    QCOMPARE(nav->item(4)->text(), QStringLiteral("KPIs"));
    QVERIFY(nav->item(5)->text().startsWith(QStringLiteral("Alerts"))); // "Alerts (2)" with unacknowledged ones
    nav->setCurrentRow(0);
    auto* totals = find<Ui::OverviewCard>(QStringLiteral("card_all_work_order"));
    QVERIFY(totals);
    auto* posted = totals->findChild<QLabel*>(QStringLiteral("statPosted"));
    QVERIFY(posted);
    QTRY_VERIFY_WITH_TIMEOUT(posted->property("value").toLongLong() > 0, 60'000);
    // every plant has a card per flow, and the banner says something
    for (const QString& plant : m_service->plants())
        for (const QString& flow : { QStringLiteral("work_order"), QStringLiteral("parts_consumption") })
            QVERIFY2(find<Ui::OverviewCard>(QStringLiteral("card_%1_%2").arg(plant, flow)),
                qPrintable(plant + QLatin1Char('/') + flow));
    auto* banner = find<QLabel>(QStringLiteral("healthBanner"));
    QVERIFY(banner);
    QVERIFY(!banner->text().isEmpty());
}

void TestMainWindow::transactionTableFillsAndShowsDetail()
{
    auto* nav = find<QListWidget>(QStringLiteral("navigation"));
    nav->setCurrentRow(1);
    QCOMPARE(m_window->currentView(), m_window->transactions());
    auto* table = find<QTableView>(QStringLiteral("transactionTable"));
    QVERIFY(table);
    auto* model = qobject_cast<Ui::TransactionTableModel*>(table->model());
    QVERIFY(model);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 30'000);
    auto* count = find<QLabel>(QStringLiteral("messageCount"));
    QTRY_VERIFY_WITH_TIMEOUT(count->text().endsWith(QStringLiteral("messages")), 5'000);

    // a message that has been attempted at least once
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < model->rowCount(); ++r)
                if (model->index(r, Ui::TransactionTableModel::AttemptsColumn)
                            .data(Ui::TransactionTableModel::RawValueRole)
                            .toInt()
                        > 0
                    && model->index(r, Ui::TransactionTableModel::StateColumn).data().toString()
                        == QStringLiteral("posted")) {
                    row = r;
                    return true;
                }
            return false;
        }(),
        30'000);
    const qint64 id = model->messageId(row);
    table->selectRow(row);
    auto* source = find<QPlainTextEdit>(QStringLiteral("sourcePayload"));
    auto* attempts = find<QTableWidget>(QStringLiteral("attemptsTable"));
    auto* title = find<QLabel>(QStringLiteral("detailTitle"));
    QVERIFY(source && attempts && title);
    QVERIFY2(title->text().contains(QString::number(id)), qPrintable(title->text()));
    QVERIFY(source->isVisibleTo(m_window.get()));
    QVERIFY2(source->toPlainText().trimmed().startsWith(QLatin1Char('{')), qPrintable(source->toPlainText()));
    QVERIFY(source->toPlainText().contains(QLatin1Char('\n'))); // pretty-printed
    QTRY_VERIFY_WITH_TIMEOUT(attempts->rowCount() >= 1, 5'000);
    QVERIFY(!attempts->item(0, 5)->text().isEmpty()); // the request line
    auto* replay = find<QWidget>(QStringLiteral("replayButton"));
    QVERIFY(replay && replay->isEnabled());
}

void TestMainWindow::drillDownSetsTheFilter()
{
    find<QListWidget>(QStringLiteral("navigation"))->setCurrentRow(0);
    const QString plant = firstPlant();
    auto* card = find<Ui::OverviewCard>(QStringLiteral("card_%1_parts_consumption").arg(plant));
    QVERIFY(card);
    QTest::mouseDClick(card, Qt::LeftButton, {}, QPoint(card->width() / 2, card->height() - 12));
    QCOMPARE(m_window->currentView(), m_window->transactions());
    QCOMPARE(find<QComboBox>(QStringLiteral("plantFilter"))->currentData().toString(), plant);
    QCOMPARE(
        find<QComboBox>(QStringLiteral("flowFilter"))->currentData().toString(), QStringLiteral("parts_consumption"));
    const Journal::MessageFilter f = m_window->transactions()->currentFilter();
    QCOMPARE(f.plant, plant);
    QCOMPARE(f.flow, QStringLiteral("parts_consumption"));
    auto* model = m_window->transactions()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 30'000);
    for (int r = 0; r < model->rowCount(); ++r) {
        QCOMPARE(model->index(r, Ui::TransactionTableModel::PlantColumn).data().toString(), plant);
        QCOMPARE(model->index(r, Ui::TransactionTableModel::FlowColumn)
                     .data(Ui::TransactionTableModel::RawValueRole)
                     .toString(),
            QStringLiteral("parts_consumption"));
    }
    // the totals row drills into a flow across plants
    find<QListWidget>(QStringLiteral("navigation"))->setCurrentRow(0);
    auto* totals = find<Ui::OverviewCard>(QStringLiteral("card_all_work_order"));
    QTest::mouseDClick(totals, Qt::LeftButton, {}, QPoint(totals->width() / 2, totals->height() - 12));
    QCOMPARE(m_window->transactions()->currentFilter().plant, QString());
    QCOMPARE(m_window->transactions()->currentFilter().flow, QStringLiteral("work_order"));
}

void TestMainWindow::resolveWithNoteWritesTheAuditTrail()
{
    auto* view = m_window->transactions();
    m_window->showView(view);
    Journal::MessageFilter f;
    f.states = { MessageState::Blocked, MessageState::Stuck };
    view->showFilter(f);
    QCOMPARE(find<QComboBox>(QStringLiteral("stateFilter"))->currentText(), QStringLiteral("blocked + stuck"));
    auto* model = view->model();
    // the demo's faults (unknown materials, locked orders) park some messages within a minute
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 90'000);
    auto* table = find<QTableView>(QStringLiteral("transactionTable"));
    table->selectRow(0);
    const qint64 id = model->messageId(0);
    QString asked;
    view->setNoteProvider([&asked](const QString& title, const QString&) -> std::optional<QString> {
        asked = title;
        return QStringLiteral("posted by hand in SAP (test)");
    });
    auto* resolve = find<QPushButton>(QStringLiteral("resolveButton"));
    QVERIFY(resolve->isEnabled());
    QTest::mouseClick(resolve, Qt::LeftButton);
    QCOMPARE(asked, QStringLiteral("Resolve 1 message(s)"));
    const int row = model->rowOfMessage(id);
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, Ui::TransactionTableModel::StateColumn).data().toString(), QStringLiteral("resolved"));
    auto* audit = find<QTableWidget>(QStringLiteral("auditTable"));
    QTRY_VERIFY_WITH_TIMEOUT(audit->rowCount() >= 1, 5'000);
    QCOMPARE(audit->item(0, 3)->text(), QStringLiteral("message.resolve"));
    QCOMPARE(audit->item(0, 5)->text(), QStringLiteral("posted by hand in SAP (test)"));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Resolved 1 of 1")));
}

void TestMainWindow::statusBarShowsJournalAndEngine()
{
    QVERIFY(find<QLabel>(QStringLiteral("statusJournal"))->text().contains(QStringLiteral("journal")));
    QTRY_VERIFY_WITH_TIMEOUT(
        find<QLabel>(QStringLiteral("statusEngine"))->text().contains(QStringLiteral("in flight")), 5'000);
    QTRY_VERIFY_WITH_TIMEOUT(
        find<QLabel>(QStringLiteral("statusUpdated"))->text().startsWith(QStringLiteral("last update")), 5'000);
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"

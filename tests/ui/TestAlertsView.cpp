// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/LocalOperationsService.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"
#include "ui/alerts/AcknowledgeDialog.h"
#include "ui/alerts/AlertBanner.h"
#include "ui/alerts/AlertRuleDialog.h"
#include "ui/alerts/AlertsView.h"
#include "ui/mainwindow/MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <memory>

using namespace Interlock;

/// The alerts view over a journal built by hand: a rule entered through the rules editor, stuck
/// messages, one alert and one notification, acknowledged through the dialog; the journal and the
/// audit trail are checked afterwards.
class TestAlertsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void ruleStuckAlertNotifyAcknowledge();
    void badRuleStaysInTheDialog();
    void viewerReadsButCannotAct();
    void mainWindowShowsBadgeAndBanner();

private:
    QList<qint64> addStuck(const QString& plant, int n);
    qint64 addRuleThroughEditor(Ui::AlertsView& view, const QString& plant, double threshold);

    std::unique_ptr<Test::TempJournal> m_tmp;
    std::unique_ptr<Journal::JournalStore> m_store;
    std::unique_ptr<Ops::LocalOperationsService> m_service;
    const Ops::Actor m_actor { QStringLiteral("tester"), QStringLiteral("integration") };
    int m_seq = 0;
};

QList<qint64> TestAlertsView::addStuck(const QString& plant, int n)
{
    QList<SourceChange> cs;
    for (int i = 0; i < n; ++i) {
        SourceChange c;
        c.flow = Flow::PartsConsumption;
        c.operation = QStringLiteral("goods_issue");
        c.plant = plant;
        c.sourceSystem = QStringLiteral("maximo");
        c.targetSystem = QStringLiteral("sap");
        c.businessKey = QStringLiteral("%1/%2").arg(plant).arg(++m_seq);
        c.idempotencyKey = QStringLiteral("maximo:%1").arg(m_seq);
        c.payload = "{}";
        c.eventAtMs = 1000;
        cs << c;
    }
    if (!m_store->ingest(cs, {}, {}, {}, 1000))
        qFatal("ingest failed");
    QList<Journal::TransitionRequest> ts;
    QList<qint64> ids;
    for (const auto& m : m_store->messagesInState(MessageState::Received, 1000).value()) {
        Journal::TransitionRequest t;
        t.messageId = m.id;
        t.from = MessageState::Received;
        t.to = MessageState::Stuck;
        t.error = Error { ErrorClass::Permanent, QStringLiteral("M7/021"), QStringLiteral("Material not maintained"),
            400, {} };
        ts << t;
        ids << m.id;
    }
    if (!m_store->apply(ts, 2000))
        qFatal("apply failed");
    return ids;
}

qint64 TestAlertsView::addRuleThroughEditor(Ui::AlertsView& view, const QString& plant, double threshold)
{
    Ui::AlertRuleDialog* dialog = view.addRule();
    if (!dialog)
        return 0;
    auto* metric = dialog->findChild<QComboBox*>(QStringLiteral("ruleMetric"));
    metric->setCurrentIndex(metric->findData(Journal::AlertMetric::StuckCount));
    auto* plantBox = dialog->findChild<QComboBox*>(QStringLiteral("rulePlant"));
    plantBox->setCurrentIndex(plantBox->findData(plant));
    auto* flow = dialog->findChild<QComboBox*>(QStringLiteral("ruleFlow"));
    flow->setCurrentIndex(flow->findData(Flow::PartsConsumption));
    dialog->findChild<QDoubleSpinBox*>(QStringLiteral("ruleThreshold"))->setValue(threshold);
    dialog->findChild<QLineEdit*>(QStringLiteral("ruleNote"))->setText(QStringLiteral("test rule"));
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("ruleSave")), Qt::LeftButton);
    if (accepted.size() != 1)
        return 0;
    for (const auto& r : m_store->alertRules().value())
        if (r.plant == plant && r.flow == Flow::PartsConsumption && r.metric == Journal::AlertMetric::StuckCount)
            return r.id;
    return 0;
}

void TestAlertsView::init()
{
    m_tmp = std::make_unique<Test::TempJournal>();
    m_store = std::make_unique<Journal::JournalStore>();
    QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
    Config::EngineConfig cfg;
    cfg.journalPath = m_tmp->path();
    for (const char* site : { "BEDFORD", "NASHUA" }) {
        Config::PlantConfig p;
        p.site = QString::fromLatin1(site);
        cfg.plants << p;
    }
    m_service = std::make_unique<Ops::LocalOperationsService>(cfg);
    QVERIFY(m_service->open().has_value());
    m_service->setAlertTiming(600'000, 600'000); // the test judges explicitly
}

void TestAlertsView::cleanup()
{
    m_service.reset();
    m_store.reset();
    m_tmp.reset();
}

void TestAlertsView::ruleStuckAlertNotifyAcknowledge()
{
    Ui::AlertsView view(m_service.get(), m_actor);
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy notified(&view, &Ui::AlertsView::notified);
    QSignalSpy badge(&view, &Ui::AlertsView::badgeChanged);
    auto* alertTable = view.findChild<QTableWidget*>(QStringLiteral("alertTable"));
    auto* ruleTable = view.findChild<QTableWidget*>(QStringLiteral("ruleTable"));
    QVERIFY(alertTable && ruleTable);
    QCOMPARE(alertTable->rowCount(), 0);
    QCOMPARE(ruleTable->rowCount(), 4); // the defaults

    // a low threshold for NASHUA parts postings, through the rules editor
    const qint64 rule = addRuleThroughEditor(view, QStringLiteral("NASHUA"), 2);
    QVERIFY(rule > 0);
    QCOMPARE(ruleTable->rowCount(), 5);
    auto audit = m_store->audit(0, 1).value();
    QCOMPARE(audit.first().action, QStringLiteral("alert.rule"));
    QCOMPARE(audit.first().actor, QStringLiteral("tester"));
    QCOMPARE(audit.first().note, QStringLiteral("test rule"));

    // three stuck messages: one alert, one notification, however often it is judged
    addStuck(QStringLiteral("NASHUA"), 3);
    QCOMPARE(m_service->evaluateAlerts().value(), 1);
    QTRY_COMPARE(notified.size(), 1);
    QCOMPARE(m_service->evaluateAlerts().value(), 0);
    QCOMPARE(m_service->evaluateAlerts().value(), 0);
    QTest::qWait(50);
    QCOMPARE(notified.size(), 1);
    QVERIFY(notified.first().at(1).toString().contains(QLatin1String("NASHUA")));
    QVERIFY(notified.first().at(1).toString().contains(QLatin1String("Stuck messages 3")));
    QCOMPARE(alertTable->rowCount(), 1);
    QCOMPARE(alertTable->item(0, 0)->text(), QStringLiteral("open"));
    QCOMPARE(alertTable->item(0, 1)->text(), QStringLiteral("NASHUA"));
    QCOMPARE(alertTable->item(0, 4)->text(), QStringLiteral("3"));
    QCOMPARE(alertTable->item(0, 5)->text(), QStringLiteral("≥ 2"));
    QVERIFY(!badge.isEmpty());
    QCOMPARE(badge.last().first().toString(), QStringLiteral("Alerts (1)"));
    // no system tray offscreen: the in-window banner
    auto* banner = view.findChild<Ui::AlertBanner*>(QStringLiteral("alertBanner"));
    QVERIFY(banner);
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QLatin1String("NASHUA")));

    // acknowledge with a comment: keyboard shortcut, then the dialog
    const qint64 alertId = view.alerts().first().id;
    QVERIFY(view.selectAlert(alertId));
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    alertTable->setFocus();
    QTest::keyClick(alertTable, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    Ui::AcknowledgeDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = view.findChild<Ui::AcknowledgeDialog*>(QStringLiteral("acknowledgeDialog"))));
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("ackSummary"))->text().contains(QLatin1String("NASHUA")));
    dialog->findChild<QPlainTextEdit*>(QStringLiteral("ackComment"))
        ->setPlainText(QStringLiteral("material master fix requested, ticket 4711"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("ackConfirm")), Qt::LeftButton);
    QTRY_VERIFY(!view.findChild<Ui::AcknowledgeDialog*>(QStringLiteral("acknowledgeDialog")));

    // the journal row and the audit trail
    const auto stored = m_store->alert(alertId).value();
    QCOMPARE(stored.state, Journal::AlertState::Acknowledged);
    QCOMPARE(stored.acknowledgedBy, QStringLiteral("tester"));
    QCOMPARE(stored.comment, QStringLiteral("material master fix requested, ticket 4711"));
    QVERIFY(stored.acknowledgedAt > 0);
    audit = m_store->audit(0, 1).value();
    QCOMPARE(audit.first().action, QStringLiteral("alert.acknowledge"));
    QCOMPARE(audit.first().actor, QStringLiteral("tester"));
    QCOMPARE(audit.first().role, QStringLiteral("integration"));
    QCOMPARE(audit.first().note, QStringLiteral("material master fix requested, ticket 4711"));
    QVERIFY(audit.first().after.contains(QStringLiteral("alert %1 acknowledged").arg(alertId)));
    QCOMPARE(m_store->verifyAudit().value(), 0);
    QCOMPARE(alertTable->item(0, 0)->text(), QStringLiteral("acknowledged"));
    QVERIFY(alertTable->item(0, 8)->text().startsWith(QLatin1String("tester, ")));
    QCOMPARE(alertTable->item(0, 9)->text(), QStringLiteral("material master fix requested, ticket 4711"));
    QCOMPARE(badge.last().first().toString(), QStringLiteral("Alerts"));
    QVERIFY(!view.findChild<QPushButton*>(QStringLiteral("acknowledgeButton"))->isEnabled());
    QCOMPARE(m_service->evaluateAlerts().value(), 0);
    QTest::qWait(50);
    QCOMPARE(notified.size(), 1);

    // disable the rule from the editor: the alert clears and the list keeps it under "All"
    QVERIFY(view.selectRule(rule));
    QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("toggleRuleButton")), Qt::LeftButton);
    QCOMPARE(m_service->evaluateAlerts().value(), 0);
    QCOMPARE(m_store->alert(alertId)->state, Journal::AlertState::Cleared);
    view.refresh();
    QCOMPARE(alertTable->rowCount(), 0);
    auto* filter = view.findChild<QComboBox*>(QStringLiteral("alertFilter"));
    filter->setCurrentIndex(1);
    QCOMPARE(alertTable->rowCount(), 1);
    QCOMPARE(alertTable->item(0, 0)->text(), QStringLiteral("closed"));
}

void TestAlertsView::badRuleStaysInTheDialog()
{
    Ui::AlertsView view(m_service.get(), m_actor);
    view.show();
    Ui::AlertRuleDialog* dialog = view.addRule();
    QVERIFY(dialog);
    // the default any/any stuck_count rule exists: a second one is refused and the dialog stays
    auto* metric = dialog->findChild<QComboBox*>(QStringLiteral("ruleMetric"));
    metric->setCurrentIndex(metric->findData(Journal::AlertMetric::StuckCount));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("ruleSave")), Qt::LeftButton);
    auto* error = dialog->findChild<QLabel*>(QStringLiteral("ruleError"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("already watches")), qPrintable(error->text()));
    QVERIFY(dialog->isVisible());
    dialog->reject();
    QCOMPARE(m_store->alertRules()->size(), 4);
}

void TestAlertsView::viewerReadsButCannotAct()
{
    addStuck(QStringLiteral("BEDFORD"), 5); // the default rule: 5 stuck
    QCOMPARE(m_service->evaluateAlerts().value(), 1);
    Ui::AlertsView view(m_service.get(), Ops::Actor { QStringLiteral("manager"), QStringLiteral("viewer") });
    view.show();
    QCOMPARE(view.alerts().size(), 1);
    QCOMPARE(view.unacknowledgedCount(), 1);
    QVERIFY(view.selectAlert(view.alerts().first().id));
    QVERIFY(!view.findChild<QPushButton*>(QStringLiteral("acknowledgeButton"))->isEnabled());
    QVERIFY(!view.findChild<QPushButton*>(QStringLiteral("addRuleButton"))->isEnabled());
    QVERIFY(!view.acknowledgeSelected());
    QVERIFY(!view.addRule());
    // and the service refuses even if a button were not greyed out
    const auto refused = m_service->acknowledgeAlert(
        Ops::Actor { QStringLiteral("manager"), QStringLiteral("viewer") }, view.alerts().first().id, {});
    QVERIFY(!refused);
    QCOMPARE(refused.error().errorClass, ErrorClass::Auth);
    QVERIFY(!m_store->alert(view.alerts().first().id)->isAcknowledged());
}

void TestAlertsView::mainWindowShowsBadgeAndBanner()
{
    Ui::MainWindow window(m_service.get(), m_tmp->path());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* view = window.findChild<Ui::AlertsView*>(QStringLiteral("alertsView"));
    QVERIFY(view);
    auto* nav = window.findChild<QListWidget*>(QStringLiteral("navigation"));
    QListWidgetItem* item = nullptr;
    for (int i = 0; i < nav->count(); ++i)
        if (nav->item(i)->text().startsWith(QLatin1String("Alerts")))
            item = nav->item(i);
    QVERIFY(item);
    QCOMPARE(item->text(), QStringLiteral("Alerts"));
    addStuck(QStringLiteral("NASHUA"), 5);
    QCOMPARE(m_service->evaluateAlerts().value(), 1);
    QTRY_COMPARE(item->text(), QStringLiteral("Alerts (1)"));
    // the banner sits on the main window, whichever view is shown
    Ui::AlertBanner* banner = nullptr;
    QTRY_VERIFY((banner = window.findChild<Ui::AlertBanner*>(QStringLiteral("alertBanner"))));
    QCOMPARE(banner->parentWidget(), &window);
    QTRY_VERIFY(banner->isVisible());
    QTest::mouseClick(banner->findChild<QPushButton*>(QStringLiteral("alertBannerShow")), Qt::LeftButton);
    QCOMPARE(window.currentView(), view);
    QVERIFY(!banner->isVisible());
}

QTEST_MAIN(TestAlertsView)
#include "TestAlertsView.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/LocalOperationsService.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"
#include "ui/exceptions/ExceptionsView.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mappings/MappingsView.h"
#include "ui/transactions/TransactionsView.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <memory>

using namespace Interlock;

/// The exceptions and mappings views over a journal built by hand: no engine, no network.
class TestExceptionsAndMappings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void groupsByNormalizedSignature();
    void replayWholeGroupThroughTheView();
    void resolveSelectedMessagesWithNote();
    void mapValueReleasesBlockedMessages();
    void viewerIsRefused();
    void liveRefreshAndGoToMessage();

private:
    qint64 addMessage(const QString& key, const QString& plant, const QString& flow);
    void park(qint64 id, MessageState to, const Error& error, const QString& domain = {}, const QString& value = {});
    QList<AuditEntry> auditOf(qint64 id);
    const Ops::ExceptionGroup* group(const QList<Ops::ExceptionGroup>& groups, const QString& signature);

    std::unique_ptr<Test::TempJournal> m_tmp;
    std::unique_ptr<Journal::JournalStore> m_store;
    std::unique_ptr<Ops::LocalOperationsService> m_service;
    const Ops::Actor m_actor { QStringLiteral("tester"), QStringLiteral("integration") };
    QList<qint64> m_material; ///< stuck: material not maintained (3 NASHUA, 1 BEDFORD)
    QList<qint64> m_locked; ///< stuck: order locked (2 NASHUA)
    QList<qint64> m_blocked; ///< blocked on material 0-0099 (3 NASHUA, 1 BEDFORD)
    int m_seq = 0;
};

qint64 TestExceptionsAndMappings::addMessage(const QString& key, const QString& plant, const QString& flow)
{
    SourceChange c;
    c.flow = flow;
    c.operation = QStringLiteral("goods_issue");
    c.plant = plant;
    c.sourceSystem = QStringLiteral("maximo");
    c.targetSystem = QStringLiteral("sap");
    c.businessKey = key;
    c.idempotencyKey = QStringLiteral("maximo:%1:%2").arg(key).arg(++m_seq);
    c.payload = "{}";
    c.eventAtMs = 1000 + m_seq;
    const auto r = m_store->ingest({ c }, {}, {}, {}, 1000 + m_seq);
    if (!r || r->inserted != 1)
        qFatal("ingest failed");
    const auto received = m_store->messagesInState(MessageState::Received, 1000).value();
    return received.last().id;
}

void TestExceptionsAndMappings::park(
    qint64 id, MessageState to, const Error& error, const QString& domain, const QString& value)
{
    Journal::TransitionRequest t;
    t.messageId = id;
    t.from = MessageState::Received;
    t.to = to;
    t.error = error;
    t.blockedDomain = domain;
    t.blockedValue = value;
    const auto r = m_store->apply({ t }, 2000 + id);
    if (!r || r->size() != 1)
        qFatal("apply failed");
}

QList<AuditEntry> TestExceptionsAndMappings::auditOf(qint64 id)
{
    return m_store->audit(id, 100).value();
}

const Ops::ExceptionGroup* TestExceptionsAndMappings::group(
    const QList<Ops::ExceptionGroup>& groups, const QString& signature)
{
    for (const auto& g : groups)
        if (g.signature == signature)
            return &g;
    return nullptr;
}

void TestExceptionsAndMappings::init()
{
    m_tmp = std::make_unique<Test::TempJournal>();
    m_store = std::make_unique<Journal::JournalStore>();
    QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
    m_material.clear();
    m_locked.clear();
    m_blocked.clear();
    const Error material { ErrorClass::Permanent, QStringLiteral("M7/021"), QString(), 400, {} };
    const QList<QPair<QString, QString>> materials { { QStringLiteral("NASHUA"), QStringLiteral("SP-0004") },
        { QStringLiteral("NASHUA"), QStringLiteral("SP-0017") },
        { QStringLiteral("NASHUA"), QStringLiteral("SP-0004") },
        { QStringLiteral("BEDFORD"), QStringLiteral("SP-0123") } };
    for (const auto& [plant, code] : materials) {
        const qint64 id
            = addMessage(QStringLiteral("%1/%2").arg(plant).arg(1000 + m_seq), plant, Flow::PartsConsumption);
        Error e = material;
        e.message = QStringLiteral("Material %1 is not maintained in plant %2")
                        .arg(code, plant == QLatin1String("NASHUA") ? QStringLiteral("1720") : QStringLiteral("1710"));
        park(id, MessageState::Stuck, e);
        m_material << id;
    }
    for (int i = 0; i < 2; ++i) {
        const qint64 id = addMessage(QStringLiteral("NASHUA/20%1").arg(i), QStringLiteral("NASHUA"), Flow::WorkOrder);
        park(id, MessageState::Stuck,
            Error { ErrorClass::Conflict, QStringLiteral("IW/185"),
                QStringLiteral("Order %1 is being processed by user MAINT02").arg(4000010 + i), 409, {} });
        m_locked << id;
    }
    for (const QString& plant :
        { QStringLiteral("NASHUA"), QStringLiteral("NASHUA"), QStringLiteral("NASHUA"), QStringLiteral("BEDFORD") }) {
        const qint64 id = addMessage(QStringLiteral("%1/3%2").arg(plant).arg(m_seq), plant, Flow::PartsConsumption);
        park(id, MessageState::Blocked,
            Error { ErrorClass::MissingMapping, QStringLiteral("MAPPING"),
                QStringLiteral("no material mapping for 0-0099"), 0, {} },
            Domain::Material, QStringLiteral("0-0099"));
        m_blocked << id;
    }
    addMessage(QStringLiteral("NASHUA/9999"), QStringLiteral("NASHUA"), Flow::WorkOrder); // received: no problem

    Config::EngineConfig cfg;
    cfg.journalPath = m_tmp->path();
    for (const char* site : { "BEDFORD", "NASHUA" }) {
        Config::PlantConfig p;
        p.site = QString::fromLatin1(site);
        cfg.plants << p;
    }
    m_service = std::make_unique<Ops::LocalOperationsService>(cfg);
    const auto opened = m_service->open();
    QVERIFY2(opened.has_value(), qPrintable(opened ? QString() : opened.error().summary()));
}

void TestExceptionsAndMappings::cleanup()
{
    m_service.reset();
    m_store.reset();
    m_tmp.reset();
}

void TestExceptionsAndMappings::groupsByNormalizedSignature()
{
    const auto groups = m_service->exceptionGroups().value();
    QCOMPARE(groups.size(), 3);
    const auto* material = group(groups, QStringLiteral("Material <code> is not maintained in plant <n>"));
    QVERIFY(material);
    QCOMPARE(material->count(), 4);
    QCOMPARE(material->ids(), m_material);
    QCOMPARE(material->state, MessageState::Stuck);
    QCOMPARE(material->errorClass, ErrorClass::Permanent);
    QCOMPARE(material->errorCode, QStringLiteral("M7/021"));
    QCOMPARE(material->plants, QStringList({ QStringLiteral("BEDFORD"), QStringLiteral("NASHUA") }));
    QCOMPARE(material->flows, QStringList { Flow::PartsConsumption });
    QVERIFY(material->firstSeen < material->lastSeen);
    QCOMPARE(material->example, QStringLiteral("Material SP-0123 is not maintained in plant 1710"));
    const auto* locked = group(groups, QStringLiteral("Order <n> is being processed by user <code>"));
    QVERIFY(locked);
    QCOMPARE(locked->ids(), m_locked);
    const auto* blocked = group(groups, QStringLiteral("No material mapping for CMMS value '0-0099'"));
    QVERIFY(blocked);
    QCOMPARE(blocked->state, MessageState::Blocked);
    QCOMPARE(blocked->ids(), m_blocked);
    QCOMPARE(groups.first().count(), 4); // largest first

    Ui::ExceptionsView view(m_service.get(), m_actor);
    view.show();
    auto* table = view.findChild<QTableWidget*>(QStringLiteral("exceptionGroups"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(2, 0)->text(), QStringLiteral("2"));
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("exceptionSummary"))->text(),
        QStringLiteral("10 open problems in 3 groups"));
    QVERIFY(view.selectGroup(locked->key));
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("groupTitle"))->text(),
        QStringLiteral("2 stuck message(s) · Order <n> is being processed by user <code>"));
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("groupTitle"))->textFormat(), Qt::PlainText);
    auto* messages = view.findChild<QTableWidget*>(QStringLiteral("groupMessages"));
    QCOMPARE(messages->rowCount(), 2);
    QCOMPARE(messages->item(0, 0)->text(), QString::number(m_locked.first()));
    // blocked messages heal through a mapping, not by replay
    QVERIFY(view.findChild<QPushButton*>(QStringLiteral("replayGroupButton"))->isEnabled());
    QVERIFY(view.selectGroup(blocked->key));
    QVERIFY(!view.findChild<QPushButton*>(QStringLiteral("replayGroupButton"))->isEnabled());
    QVERIFY(view.findChild<QPushButton*>(QStringLiteral("resolveGroupButton"))->isEnabled());
}

void TestExceptionsAndMappings::replayWholeGroupThroughTheView()
{
    Ui::ExceptionsView view(m_service.get(), m_actor);
    view.show();
    const auto* material = group(view.groups(), QStringLiteral("Material <code> is not maintained in plant <n>"));
    QVERIFY(material);
    QVERIFY(view.selectGroup(material->key));
    QCOMPARE(
        view.findChild<QLabel*>(QStringLiteral("actionScope"))->text(), QStringLiteral("acts on the whole group (4)"));
    QString asked;
    view.setConfirmer([&asked](const QString& title, const QString&) {
        asked = title;
        return true;
    });
    QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("replayGroupButton")), Qt::LeftButton);
    QCOMPARE(asked, QStringLiteral("Replay 4 message(s)"));
    QCOMPARE(
        view.findChild<QLabel*>(QStringLiteral("actionResult"))->text(), QStringLiteral("Replayed 4 of 4 message(s)"));
    for (qint64 id : std::as_const(m_material)) {
        QCOMPARE(m_store->message(id)->state, MessageState::Ready);
        const auto audit = auditOf(id);
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().action, QStringLiteral("message.replay"));
        QCOMPARE(audit.first().actor, QStringLiteral("tester"));
        QCOMPARE(audit.first().role, QStringLiteral("integration"));
        QCOMPARE(audit.first().before, QStringLiteral("stuck"));
        QCOMPARE(audit.first().after, QStringLiteral("ready"));
    }
    QCOMPARE(view.groups().size(), 2); // the group is gone
    QCOMPARE(view.findChild<QTableWidget*>(QStringLiteral("exceptionGroups"))->rowCount(), 2);
    QCOMPARE(m_store->verifyAudit().value(), 0);

    // declining the confirmation changes nothing
    QVERIFY(view.selectGroup(group(view.groups(), QStringLiteral("Order <n> is being processed by user <code>"))->key));
    view.setConfirmer([](const QString&, const QString&) { return false; });
    view.replayTargets();
    for (qint64 id : std::as_const(m_locked))
        QCOMPARE(m_store->message(id)->state, MessageState::Stuck);
}

void TestExceptionsAndMappings::resolveSelectedMessagesWithNote()
{
    Ui::ExceptionsView view(m_service.get(), m_actor);
    view.show();
    QVERIFY(view.selectGroup(group(view.groups(), QStringLiteral("Order <n> is being processed by user <code>"))->key));
    auto* messages = view.findChild<QTableWidget*>(QStringLiteral("groupMessages"));
    messages->selectRow(1);
    QCOMPARE(view.targetIds(), QList<qint64> { m_locked.at(1) });
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("actionScope"))->text(), QStringLiteral("acts on 1 selected"));
    QString asked;
    view.setNoteProvider([&asked](const QString& title, const QString&) -> std::optional<QString> {
        asked = title;
        return QStringLiteral("  released the lock in SAP  ");
    });
    QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("resolveGroupButton")), Qt::LeftButton);
    QCOMPARE(asked, QStringLiteral("Resolve 1 message(s)"));
    QCOMPARE(
        view.findChild<QLabel*>(QStringLiteral("actionResult"))->text(), QStringLiteral("Resolved 1 of 1 message(s)"));
    QCOMPARE(m_store->message(m_locked.at(1))->state, MessageState::Resolved);
    QCOMPARE(m_store->message(m_locked.at(0))->state, MessageState::Stuck);
    const auto audit = auditOf(m_locked.at(1));
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, QStringLiteral("message.resolve"));
    QCOMPARE(audit.first().actor, QStringLiteral("tester"));
    QCOMPARE(audit.first().note, QStringLiteral("released the lock in SAP"));
    QVERIFY(auditOf(m_locked.at(0)).isEmpty());
    // the group shrank and stays selected
    QCOMPARE(messages->rowCount(), 1);

    // an empty note is refused in the view; cancelling the note dialog changes nothing
    view.setNoteProvider([](const QString&, const QString&) -> std::optional<QString> { return QString(); });
    view.cancelTargets();
    QCOMPARE(m_store->message(m_locked.at(0))->state, MessageState::Stuck);
    view.setNoteProvider([](const QString&, const QString&) -> std::optional<QString> { return std::nullopt; });
    view.cancelTargets();
    QCOMPARE(m_store->message(m_locked.at(0))->state, MessageState::Stuck);
    // cancel the whole blocked group with a note
    view.setNoteProvider(
        [](const QString&, const QString&) -> std::optional<QString> { return QStringLiteral("material retired"); });
    QVERIFY(view.selectGroup(group(view.groups(), QStringLiteral("No material mapping for CMMS value '0-0099'"))->key));
    view.cancelTargets();
    QCOMPARE(
        view.findChild<QLabel*>(QStringLiteral("actionResult"))->text(), QStringLiteral("Cancelled 4 of 4 message(s)"));
    for (qint64 id : std::as_const(m_blocked)) {
        QCOMPARE(m_store->message(id)->state, MessageState::Cancelled);
        QCOMPARE(auditOf(id).first().note, QStringLiteral("material retired"));
    }
}

void TestExceptionsAndMappings::mapValueReleasesBlockedMessages()
{
    Ui::MappingsView view(m_service.get(), m_actor);
    view.show();
    auto* blocking = view.findChild<QTableWidget*>(QStringLiteral("blockingValues"));
    QVERIFY(blocking);
    QCOMPARE(blocking->rowCount(), 2);
    QCOMPARE(view.blockingValues().first().plant, QStringLiteral("NASHUA"));
    QCOMPARE(view.blockingValues().first().blocked, 3);
    QCOMPARE(blocking->item(0, 2)->text(), QStringLiteral("0-0099"));
    QCOMPARE(blocking->item(0, 3)->text(), QStringLiteral("3"));
    QCOMPARE(view.blockingValues().at(1).plant, QStringLiteral("BEDFORD"));
    QCOMPARE(m_service->blockedBy(Domain::Material, QString(), QStringLiteral("0-0099")).value(), 4);

    auto* map = view.findChild<QPushButton*>(QStringLiteral("mapButton"));
    QVERIFY(!map->isEnabled());
    QVERIFY(view.selectBlockingValue(Domain::Material, QStringLiteral("NASHUA"), QStringLiteral("0-0099")));
    QVERIFY(map->isEnabled());
    Ops::BlockingValue asked;
    view.setMappingProvider([&asked](const Ops::BlockingValue& v) -> std::optional<Ui::MappingsView::MapRequest> {
        asked = v;
        Mapping m;
        m.domain = v.domain;
        m.plant = v.plant;
        m.sourceValue = v.value;
        m.targetValue = QStringLiteral("SP-0099");
        return Ui::MappingsView::MapRequest { m, QStringLiteral("new spare part") };
    });
    QTest::mouseClick(map, Qt::LeftButton);
    QCOMPARE(asked.value, QStringLiteral("0-0099"));
    QCOMPARE(asked.blocked, 3);
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("mapResult"))->text(),
        QStringLiteral("Mapped material 0-0099 → SP-0099: 3 message(s) will be released"));

    // the journal: the mapping, its audit entry, and the three NASHUA messages now healable
    const auto rows = m_store->mappings(Domain::Material).value();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().plant, QStringLiteral("NASHUA"));
    QCOMPARE(rows.first().targetValue, QStringLiteral("SP-0099"));
    QCOMPARE(rows.first().createdBy, QStringLiteral("tester"));
    const auto audit = m_store->audit(0, 10).value();
    QVERIFY(!audit.isEmpty());
    const auto& entry = audit.first().action == QLatin1String("mapping.put") ? audit.first() : audit.last();
    QCOMPARE(entry.action, QStringLiteral("mapping.put"));
    QCOMPARE(entry.actor, QStringLiteral("tester"));
    QCOMPARE(entry.role, QStringLiteral("integration"));
    QCOMPARE(entry.note, QStringLiteral("new spare part"));
    QCOMPARE(entry.after, QStringLiteral("material NASHUA 0-0099 -> SP-0099"));
    QList<qint64> healable;
    for (const auto& m : m_store->healableBlocked(100).value())
        healable << m.id;
    QCOMPARE(healable, m_blocked.mid(0, 3));

    // the cross-reference table shows it and exports it
    auto* table = view.findChild<QTableWidget*>(QStringLiteral("mappingTable"));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("SP-0099"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("tester"));
    const QString csv = m_tmp->dir() + QStringLiteral("/mappings.csv");
    QVERIFY(view.exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY2(text.startsWith("domain,plant,source_value,target_value"), text.constData());
    QVERIFY2(text.contains("material,NASHUA,0-0099,SP-0099"), text.constData());
}

void TestExceptionsAndMappings::viewerIsRefused()
{
    const Ops::Actor viewer { QStringLiteral("manager"), QStringLiteral("viewer") };
    Mapping m;
    m.domain = Domain::Material;
    m.sourceValue = QStringLiteral("0-0099");
    m.targetValue = QStringLiteral("SP-0099");
    const auto put = m_service->putMapping(viewer, m, QStringLiteral("try"));
    QVERIFY(!put);
    QCOMPARE(put.error().errorClass, ErrorClass::Auth);
    const auto resolved = m_service->resolve(viewer, m_locked, QStringLiteral("try"));
    QVERIFY(!resolved);
    QCOMPARE(resolved.error().errorClass, ErrorClass::Auth);
    QVERIFY(m_store->mappings().value().isEmpty());
    QVERIFY(m_store->audit(0, 10).value().isEmpty());
    QCOMPARE(m_store->message(m_locked.first())->state, MessageState::Stuck);
    // an incomplete mapping is refused for everyone
    m.targetValue = QStringLiteral("  ");
    QCOMPARE(m_service->putMapping(m_actor, m, {}).error().errorClass, ErrorClass::Validation);
}

void TestExceptionsAndMappings::liveRefreshAndGoToMessage()
{
    Ui::MainWindow window(m_service.get(), m_tmp->path());
    window.show();
    window.showView(window.exceptions());
    auto* groups = window.findChild<QTableWidget*>(QStringLiteral("exceptionGroups"));
    QCOMPARE(groups->rowCount(), 3);
    // another connection (the engine) parks a message with a new cause: the view follows
    const qint64 id = addMessage(QStringLiteral("BEDFORD/777"), QStringLiteral("BEDFORD"), Flow::WorkOrder);
    park(id, MessageState::Stuck,
        Error {
            ErrorClass::Validation, QStringLiteral("IW/049"), QStringLiteral("Plant 9999 does not exist"), 400, {} });
    QTRY_COMPARE_WITH_TIMEOUT(groups->rowCount(), 4, 10'000);

    QVERIFY(window.exceptions()->selectGroup(
        group(window.exceptions()->groups(), QStringLiteral("Plant <n> does not exist"))->key));
    auto* messages = window.findChild<QTableWidget*>(QStringLiteral("groupMessages"));
    QCOMPARE(messages->rowCount(), 1);
    messages->selectRow(0);
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("goToMessageButton")), Qt::LeftButton);
    QCOMPARE(window.currentView(), window.transactions());
    QCOMPARE(window.findChild<QLineEdit*>(QStringLiteral("textFilter"))->text(), QStringLiteral("BEDFORD/777"));
    auto* table = window.findChild<QTableView*>(QStringLiteral("transactionTable"));
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(window.transactions()->currentFilter().text, QStringLiteral("BEDFORD/777"));
}

QTEST_MAIN(TestExceptionsAndMappings)
#include "TestExceptionsAndMappings.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/LocalOperationsService.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"
#include "ui/exceptions/DryRunDialog.h"
#include "ui/exceptions/ExceptionsView.h"
#include "ui/exceptions/ResubmitDialog.h"

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextEdit>
#include <QTimer>
#include <memory>

using namespace Interlock;

/// The exception actions through the real widgets of the Exceptions view, over a journal built
/// by hand (no engine, no network). Every test checks the journal and the audit trail afterwards.
class TestExceptionActionsGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void replayOneByKeyboard();
    void replayGroupInChunks();
    void bulkReplayCancelledMidway();
    void resolveWithNoteInTheNoteDialog();
    void cancelWithReasonByDeleteKey();
    void editAndResubmit();
    void dryRunShowsPlannedCallsThenReplays();
    void viewerIsRefusedEverywhere();

private:
    qint64 add(const QString& key, const QString& flow, const QByteArray& payload);
    void stuck(qint64 id, const QString& text, bool attempted);
    QList<qint64> makeStuck(int n, const QString& text);
    std::unique_ptr<Ui::ExceptionsView> view(const Ops::Actor& actor);
    QString groupKeyOf(Ui::ExceptionsView& v, qint64 id);
    void selectMessage(Ui::ExceptionsView& v, qint64 id);
    QList<AuditEntry> auditOf(qint64 id) { return m_store->audit(id, 100).value(); }
    QString result(Ui::ExceptionsView& v) { return v.findChild<QLabel*>(QStringLiteral("actionResult"))->text(); }

    std::unique_ptr<Test::TempJournal> m_tmp;
    std::unique_ptr<Journal::JournalStore> m_store;
    std::unique_ptr<Ops::LocalOperationsService> m_service;
    const Ops::Actor m_actor { QStringLiteral("tester"), QStringLiteral("integration") };
    int m_seq = 0;
};

namespace {
const QByteArray kIssue = R"({"EntryUnit":"EA","GoodsMovementType":"261","Material":"SP-0004","Plant":"1710",)"
                          R"("QuantityInEntryUnit":"2","StorageLocation":"171A"})";
const QByteArray kOrder = R"({"MaintenanceOrderDesc":"Replace seal P-101","MaintenanceOrderType":"PM01",)"
                          R"("MaintenancePlanningPlant":"1710"})";
} // namespace

qint64 TestExceptionActionsGui::add(const QString& key, const QString& flow, const QByteArray& payload)
{
    SourceChange c;
    c.flow = flow;
    c.operation = flow == Flow::WorkOrder ? QStringLiteral("upsert") : QStringLiteral("goods_issue");
    c.plant = QStringLiteral("BEDFORD");
    c.sourceSystem = QStringLiteral("maximo");
    c.targetSystem = QStringLiteral("sap");
    c.businessKey = key;
    c.idempotencyKey = QStringLiteral("maximo:%1:%2").arg(key).arg(++m_seq);
    c.payload = "{}";
    c.eventAtMs = 1000 + m_seq;
    if (!m_store->ingest({ c }, {}, {}, {}, 1000 + m_seq))
        qFatal("ingest failed");
    const qint64 id = m_store->messagesInState(MessageState::Received, 100000).value().last().id;
    Journal::TransitionRequest t;
    t.messageId = id;
    t.from = MessageState::Received;
    t.to = MessageState::Ready;
    t.targetPayload = payload;
    if (!m_store->apply({ t }, 1500))
        qFatal("ready failed");
    return id;
}

void TestExceptionActionsGui::stuck(qint64 id, const QString& text, bool attempted)
{
    MessageState from = MessageState::Ready;
    if (attempted) {
        const auto claimed = m_store->claim(QStringLiteral("e"), QStringLiteral("BEDFORD"), 1, 60'000, 2000);
        if (!claimed || claimed->size() != 1 || claimed->first().id != id)
            qFatal("claim failed");
        from = MessageState::InFlight;
    }
    Journal::TransitionRequest t;
    t.messageId = id;
    t.from = from;
    t.to = MessageState::Stuck;
    t.error = Error { ErrorClass::Permanent, QStringLiteral("M7/021"), text, 400, {} };
    if (!m_store->apply({ t }, 2000 + id))
        qFatal("stuck failed");
}

QList<qint64> TestExceptionActionsGui::makeStuck(int n, const QString& text)
{
    // many messages in one transaction each would be slow: ingest them in one go
    QList<SourceChange> changes;
    for (int i = 0; i < n; ++i) {
        SourceChange c;
        c.flow = Flow::PartsConsumption;
        c.operation = QStringLiteral("goods_issue");
        c.plant = QStringLiteral("BEDFORD");
        c.sourceSystem = QStringLiteral("maximo");
        c.targetSystem = QStringLiteral("sap");
        c.businessKey = QStringLiteral("BEDFORD/B%1").arg(i);
        c.idempotencyKey = QStringLiteral("maximo:bulk:%1").arg(++m_seq);
        c.payload = "{}";
        changes << c;
    }
    if (!m_store->ingest(changes, {}, {}, {}, 3000))
        qFatal("bulk ingest failed");
    QList<qint64> ids;
    QList<Journal::TransitionRequest> ts;
    for (const Message& m : m_store->messagesInState(MessageState::Received, 100000).value()) {
        Journal::TransitionRequest t;
        t.messageId = m.id;
        t.from = MessageState::Received;
        t.to = MessageState::Stuck;
        t.targetPayload = kIssue;
        t.error = Error { ErrorClass::Permanent, QStringLiteral("M7/002"), text, 400, {} };
        ts << t;
        ids << m.id;
    }
    if (!m_store->apply(ts, 3000))
        qFatal("bulk stuck failed");
    return ids;
}

std::unique_ptr<Ui::ExceptionsView> TestExceptionActionsGui::view(const Ops::Actor& actor)
{
    auto v = std::make_unique<Ui::ExceptionsView>(m_service.get(), actor);
    v->resize(1200, 800);
    v->show();
    v->activateWindow();
    if (!QTest::qWaitForWindowActive(v.get()))
        qWarning("view not active: shortcuts may not fire");
    return v;
}

QString TestExceptionActionsGui::groupKeyOf(Ui::ExceptionsView& v, qint64 id)
{
    for (const auto& g : v.groups())
        if (g.ids().contains(id))
            return g.key;
    return {};
}

void TestExceptionActionsGui::selectMessage(Ui::ExceptionsView& v, qint64 id)
{
    QVERIFY(v.selectGroup(groupKeyOf(v, id)));
    auto* messages = v.findChild<QTableWidget*>(QStringLiteral("groupMessages"));
    for (int r = 0; r < messages->rowCount(); ++r)
        if (messages->item(r, 0)->data(Qt::UserRole).toLongLong() == id) {
            messages->setFocus();
            messages->selectRow(r);
            QCOMPARE(v.currentMessageId(), id);
            return;
        }
    QFAIL("message not shown");
}

void TestExceptionActionsGui::init()
{
    m_tmp = std::make_unique<Test::TempJournal>();
    m_store = std::make_unique<Journal::JournalStore>();
    QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
    Config::EngineConfig cfg;
    cfg.journalPath = m_tmp->path();
    Config::PlantConfig p;
    p.site = QStringLiteral("BEDFORD");
    p.erpUrl = QUrl(QStringLiteral("https://erp.example.com/sap/opu/odata/sap"));
    p.erpUser = QStringLiteral("INTERLOCK");
    p.erpPassword = QStringLiteral("s3cret");
    cfg.plants << p;
    m_service = std::make_unique<Ops::LocalOperationsService>(cfg);
    QVERIFY(m_service->open().has_value());
}

void TestExceptionActionsGui::cleanup()
{
    m_service.reset();
    m_store.reset();
    m_tmp.reset();
}

void TestExceptionActionsGui::replayOneByKeyboard()
{
    const qint64 a = add(QStringLiteral("BEDFORD/1"), Flow::PartsConsumption, kIssue);
    stuck(a, QStringLiteral("Material SP-0004 is not maintained in plant 1710"), true);
    const qint64 b = add(QStringLiteral("BEDFORD/2"), Flow::PartsConsumption, kIssue);
    stuck(b, QStringLiteral("Material SP-0005 is not maintained in plant 1710"), true);
    auto v = view(m_actor);
    v->setConfirmer([](const QString&, const QString&) { return true; });
    selectMessage(*v, b);
    QTest::keyClick(v->findChild<QTableWidget*>(QStringLiteral("groupMessages")), Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(result(*v), QStringLiteral("Replayed 1 of 1 message(s)"));
    QCOMPARE(m_store->message(b)->state, MessageState::Ready);
    QCOMPARE(m_store->message(a)->state, MessageState::Stuck);
    QCOMPARE(auditOf(b).size(), 1);
    QCOMPARE(auditOf(b).first().action, QStringLiteral("message.replay"));
    QCOMPARE(auditOf(b).first().before, QStringLiteral("stuck"));
    QVERIFY(auditOf(a).isEmpty());
    QCOMPARE(m_store->verifyAudit().value(), 0);
}

void TestExceptionActionsGui::replayGroupInChunks()
{
    const QList<qint64> ids = makeStuck(450, QStringLiteral("Storage location 171X does not exist in plant 1710"));
    auto v = view(m_actor);
    v->setBulkChunkSize(100);
    v->setConfirmer([](const QString&, const QString&) { return true; });
    QVERIFY(v->selectGroup(groupKeyOf(*v, ids.first())));
    QCOMPARE(v->targetIds(), ids);
    QTest::mouseClick(v->findChild<QPushButton*>(QStringLiteral("replayGroupButton")), Qt::LeftButton);
    // the first chunk is done; the rest follows in the background behind a progress bar
    auto* progress = v->findChild<QProgressBar*>(QStringLiteral("bulkProgress"));
    QVERIFY(progress->isVisible());
    QCOMPARE(progress->maximum(), 450);
    QCOMPARE(progress->value(), 100);
    QVERIFY(!v->findChild<QPushButton*>(QStringLiteral("replayGroupButton"))->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(v->bulkAction() == nullptr, 20'000);
    QCOMPARE(result(*v), QStringLiteral("Replayed 450 of 450 message(s)"));
    QVERIFY(!progress->isVisible());
    for (qint64 id : ids)
        QCOMPARE(m_store->message(id)->state, MessageState::Ready);
    const auto audit = m_store->audit(0, 1000).value();
    QCOMPARE(audit.size(), 450);
    for (const auto& e : audit)
        QCOMPARE(e.action, QStringLiteral("message.replay"));
    QCOMPARE(m_store->verifyAudit().value(), 0);
    QVERIFY(v->groups().isEmpty());
}

void TestExceptionActionsGui::bulkReplayCancelledMidway()
{
    const QList<qint64> ids = makeStuck(500, QStringLiteral("Storage location 171X does not exist in plant 1710"));
    auto v = view(m_actor);
    v->setBulkChunkSize(100);
    v->setConfirmer([](const QString&, const QString&) { return true; });
    QVERIFY(v->selectGroup(groupKeyOf(*v, ids.first())));
    auto* cancel = v->findChild<QPushButton*>(QStringLiteral("bulkCancelButton"));
    // the person presses Cancel while the second chunk reports its progress
    QMetaObject::Connection clicker;
    QTest::mouseClick(v->findChild<QPushButton*>(QStringLiteral("replayGroupButton")), Qt::LeftButton);
    QVERIFY(v->bulkAction());
    QVERIFY(cancel->isVisible());
    clicker = connect(v->bulkAction(), &Ops::BulkAction::progress, this, [cancel](int processed, int, int) {
        if (processed == 200)
            QTest::mouseClick(cancel, Qt::LeftButton);
    });
    QTRY_VERIFY_WITH_TIMEOUT(v->bulkAction() == nullptr, 20'000);
    QCOMPARE(result(*v), QStringLiteral("Replayed 200 of 500 message(s) — cancelled"));
    // exactly the first two chunks, each with its audit entries; the rest untouched
    for (int i = 0; i < ids.size(); ++i)
        QCOMPARE(m_store->message(ids.at(i))->state, i < 200 ? MessageState::Ready : MessageState::Stuck);
    const auto audit = m_store->audit(0, 1000).value();
    QCOMPARE(audit.size(), 200);
    QSet<QString> audited;
    for (const auto& e : audit) {
        QCOMPARE(e.action, QStringLiteral("message.replay"));
        audited.insert(e.messageIds);
    }
    for (int i = 0; i < 200; ++i)
        QVERIFY(audited.contains(QString::number(ids.at(i))));
    QCOMPARE(m_store->verifyAudit().value(), 0);
    // the group still lists the 300 left, ready for another go
    QCOMPARE(v->groups().size(), 1);
    QCOMPARE(v->groups().first().count(), 300);
}

void TestExceptionActionsGui::resolveWithNoteInTheNoteDialog()
{
    const qint64 id = add(QStringLiteral("BEDFORD/10"), Flow::PartsConsumption, kIssue);
    stuck(id, QStringLiteral("Material SP-0004 is not maintained in plant 1710"), true);
    auto v = view(m_actor);
    selectMessage(*v, id);
    QString placeholder;
    bool answered = false;
    // the real note dialog: read its example, type the note, press OK
    QTimer::singleShot(0, this, [&] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        QWidget* dialog = QApplication::activeModalWidget();
        auto* editor = dialog->findChild<QPlainTextEdit*>(QStringLiteral("noteEditor"));
        QVERIFY(editor);
        placeholder = editor->placeholderText();
        QTest::keyClicks(editor, QStringLiteral("posted by hand as document 4900001234"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("noteOkButton")), Qt::LeftButton);
        answered = true;
    });
    QTest::keyClick(v->findChild<QTableWidget*>(QStringLiteral("groupMessages")), Qt::Key_R,
        Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(answered);
    QVERIFY2(placeholder.contains(QLatin1String("posted by hand as document 4900001234")), qPrintable(placeholder));
    QCOMPARE(result(*v), QStringLiteral("Resolved 1 of 1 message(s)"));
    QCOMPARE(m_store->message(id)->state, MessageState::Resolved);
    const auto audit = auditOf(id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, QStringLiteral("message.resolve"));
    QCOMPARE(audit.first().note, QStringLiteral("posted by hand as document 4900001234"));
    QCOMPARE(audit.first().after, QStringLiteral("resolved"));
}

void TestExceptionActionsGui::cancelWithReasonByDeleteKey()
{
    const qint64 a = add(QStringLiteral("BEDFORD/20"), Flow::WorkOrder, kOrder);
    stuck(a, QStringLiteral("Order 4000123 is being processed by user MAINT02"), true);
    const qint64 b = add(QStringLiteral("BEDFORD/21"), Flow::WorkOrder, kOrder);
    stuck(b, QStringLiteral("Order 4000124 is being processed by user MAINT02"), true);
    auto v = view(m_actor);
    QVERIFY(v->selectGroup(groupKeyOf(*v, a)));
    QString asked;
    v->setNoteProvider([&asked](const QString& title, const QString&) -> std::optional<QString> {
        asked = title;
        return QStringLiteral("work order withdrawn in Maximo");
    });
    auto* messages = v->findChild<QTableWidget*>(QStringLiteral("groupMessages"));
    messages->setFocus();
    QTest::keyClick(messages, Qt::Key_Delete);
    QCOMPARE(asked, QStringLiteral("Cancel 2 message(s)"));
    QCOMPARE(result(*v), QStringLiteral("Cancelled 2 of 2 message(s)"));
    for (qint64 id : { a, b }) {
        QCOMPARE(m_store->message(id)->state, MessageState::Cancelled);
        QCOMPARE(auditOf(id).size(), 1);
        QCOMPARE(auditOf(id).first().action, QStringLiteral("message.cancel"));
        QCOMPARE(auditOf(id).first().note, QStringLiteral("work order withdrawn in Maximo"));
    }
}

void TestExceptionActionsGui::editAndResubmit()
{
    const qint64 id = add(QStringLiteral("BEDFORD/30"), Flow::PartsConsumption, kIssue);
    stuck(id, QStringLiteral("Material SP-0004 is not maintained in plant 1710"), true);
    auto v = view(m_actor);
    selectMessage(*v, id);
    auto* edit = v->findChild<QPushButton*>(QStringLiteral("editResubmitButton"));
    QVERIFY(edit->isEnabled());
    QTest::keyClick(v->findChild<QTableWidget*>(QStringLiteral("groupMessages")), Qt::Key_E, Qt::ControlModifier);
    auto* dialog = v->findChild<Ui::ResubmitDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto* editor = dialog->findChild<QPlainTextEdit*>(QStringLiteral("payloadEditor"));
    auto* validation = dialog->findChild<QLabel*>(QStringLiteral("payloadValidation"));
    auto* resubmit = dialog->findChild<QPushButton*>(QStringLiteral("resubmitButton"));
    auto* note = dialog->findChild<QLineEdit*>(QStringLiteral("resubmitNote"));
    auto* diff = dialog->findChild<QTextEdit*>(QStringLiteral("payloadDiff"));
    // the current payload, pretty-printed
    QCOMPARE(editor->toPlainText(), QString::fromUtf8(QJsonDocument::fromJson(kIssue).toJson()).trimmed());
    QVERIFY(editor->toPlainText().contains(QLatin1String("\n    \"Material\": \"SP-0004\",")));
    QVERIFY(!resubmit->isEnabled()); // no note yet

    // broken JSON: said where, not accepted
    editor->setPlainText(QStringLiteral("{\n  \"Material\": \"SP-0031\"\n  \"Plant\": \"1710\"\n}"));
    QVERIFY2(validation->text().startsWith(QLatin1String("Not valid JSON")), qPrintable(validation->text()));
    QVERIFY(validation->text().contains(QLatin1String("line 3")));
    QTest::keyClicks(note, QStringLiteral("SP-0004 was superseded by SP-0031"));
    QVERIFY(!resubmit->isEnabled());
    editor->setPlainText(QStringLiteral("[1, 2]"));
    QVERIFY(validation->text().contains(QLatin1String("must be a JSON object")));
    QVERIFY(!resubmit->isEnabled());

    // the edit: one line changed, shown as one removed and one added line
    QString text = QString::fromUtf8(QJsonDocument::fromJson(kIssue).toJson());
    text.replace(QLatin1String("SP-0004"), QLatin1String("SP-0031"));
    editor->setPlainText(text);
    QCOMPARE(validation->text(), QStringLiteral("Valid JSON object"));
    QVERIFY(resubmit->isEnabled());
    QCOMPARE(dialog->addedLines(), 1);
    QCOMPARE(dialog->removedLines(), 1);
    QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("payloadDiffSummary"))->text(),
        QStringLiteral("+1 −1 line(s) against the journaled payload"));
    int added = 0, removed = 0;
    for (QTextBlock b = diff->document()->begin(); b.isValid(); b = b.next()) {
        const int mark = b.blockFormat().property(QTextFormat::UserProperty).toInt();
        if (mark == 1) {
            ++added;
            QCOMPARE(b.text(), QStringLiteral("+     \"Material\": \"SP-0031\","));
            QVERIFY(b.blockFormat().background().style() != Qt::NoBrush);
        } else if (mark == -1) {
            ++removed;
            QCOMPARE(b.text(), QStringLiteral("-     \"Material\": \"SP-0004\","));
        }
    }
    QCOMPARE(added, 1);
    QCOMPARE(removed, 1);

    QTest::mouseClick(resubmit, Qt::LeftButton);
    QTRY_VERIFY(!v->findChild<Ui::ResubmitDialog*>() || !v->findChild<Ui::ResubmitDialog*>()->isVisible());
    QCOMPARE(result(*v), QStringLiteral("Resubmitted message %1 with the edited payload").arg(id));
    // the journal: edited payload (compact), ready, one audit entry keeping both payloads
    const Message m = m_store->message(id).value();
    QCOMPARE(m.state, MessageState::Ready);
    QByteArray expected = kIssue;
    expected.replace("SP-0004", "SP-0031");
    QCOMPARE(m.targetPayload, expected);
    const auto audit = auditOf(id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, QStringLiteral("message.resubmit"));
    QCOMPARE(audit.first().actor, QStringLiteral("tester"));
    QCOMPARE(audit.first().before, QString::fromUtf8(kIssue));
    QCOMPARE(audit.first().after, QString::fromUtf8(expected));
    QCOMPARE(audit.first().note, QStringLiteral("SP-0004 was superseded by SP-0031"));
    QCOMPARE(m_store->verifyAudit().value(), 0);
    QVERIFY(v->groups().isEmpty());
}

void TestExceptionActionsGui::dryRunShowsPlannedCallsThenReplays()
{
    const qint64 id = add(QStringLiteral("BEDFORD/40"), Flow::WorkOrder, kOrder);
    stuck(id, QStringLiteral("Order type PM01 is not allowed in plant 1710"), true);
    auto v = view(m_actor);
    selectMessage(*v, id);
    QTest::keyClick(v->findChild<QTableWidget*>(QStringLiteral("groupMessages")), Qt::Key_D, Qt::ControlModifier);
    auto* dialog = v->findChild<Ui::DryRunDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    const QString text = dialog->findChild<QPlainTextEdit*>(QStringLiteral("dryRunText"))->toPlainText();
    // an attempt may have reached SAP: look the order up first, then create only if not found
    QVERIFY2(text.startsWith(QLatin1String("1. GET /sap/opu/odata/sap/API_MAINTENANCEORDER/MaintenanceOrder?$filter=")),
        qPrintable(text));
    QVERIFY(text.contains(QLatin1String("3. POST /sap/opu/odata/sap/API_MAINTENANCEORDER/MaintenanceOrder\n")));
    QVERIFY(text.contains(QLatin1String("\"MaintenanceOrderDesc\": \"Replace seal P-101\"")));
    QVERIFY(text.contains(QLatin1String("Authorization: ***")));
    QVERIFY(!text.contains(QLatin1String("s3cret")));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("dryRunSummary"))
                ->text()
                .contains(QLatin1String("looking the document up first")));
    QCOMPARE(m_store->message(id)->state, MessageState::Stuck); // a dry run changes nothing
    QCOMPARE(auditOf(id).size(), 1); // but who looked is on record
    QCOMPARE(auditOf(id).first().action, QStringLiteral("message.dry_run"));
    auto* proceed = dialog->findChild<QPushButton*>(QStringLiteral("dryRunProceedButton"));
    QVERIFY(proceed->isVisible());
    QTest::mouseClick(proceed, Qt::LeftButton);
    QCOMPARE(m_store->message(id)->state, MessageState::Ready);
    QCOMPARE(auditOf(id).first().note, QStringLiteral("replayed after a dry run"));
    QCOMPARE(result(*v), QStringLiteral("Replayed 1 of 1 message(s)"));
}

void TestExceptionActionsGui::viewerIsRefusedEverywhere()
{
    const qint64 id = add(QStringLiteral("BEDFORD/50"), Flow::PartsConsumption, kIssue);
    stuck(id, QStringLiteral("Material SP-0004 is not maintained in plant 1710"), true);
    auto v = view(Ops::Actor { QStringLiteral("manager"), QStringLiteral("viewer") });
    v->setConfirmer([](const QString&, const QString&) { return true; });
    v->setNoteProvider([](const QString&, const QString&) -> std::optional<QString> { return QStringLiteral("try"); });
    selectMessage(*v, id);
    v->replayTargets();
    QVERIFY2(result(*v).startsWith(QLatin1String("Replay failed: ")), qPrintable(result(*v)));
    QVERIFY(result(*v).contains(QLatin1String("FORBIDDEN")));
    selectMessage(*v, id);
    v->resolveTargets();
    QVERIFY(result(*v).startsWith(QLatin1String("Resolve failed: ")));
    selectMessage(*v, id);
    v->editTarget();
    auto* dialog = v->findChild<Ui::ResubmitDialog*>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("resubmitNote")), QStringLiteral("try"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("resubmitButton")), Qt::LeftButton);
    QVERIFY(dialog->isVisible()); // stays open with the reason
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("payloadValidation"))
                ->text()
                .startsWith(QLatin1String("Not resubmitted: ")));
    dialog->reject();
    // nothing changed, nothing audited
    QCOMPARE(m_store->message(id)->state, MessageState::Stuck);
    QCOMPARE(m_store->message(id)->targetPayload, kIssue);
    QVERIFY(m_store->audit(0, 10).value().isEmpty());
}

QTEST_MAIN(TestExceptionActionsGui)
#include "TestExceptionActionsGui.moc"

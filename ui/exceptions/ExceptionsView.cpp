// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/exceptions/ExceptionsView.h"

#include "ui/common/Format.h"
#include "ui/exceptions/ApprovalsDialog.h"
#include "ui/exceptions/DryRunDialog.h"
#include "ui/exceptions/ResubmitDialog.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Interlock::Ui {

namespace {
enum GroupColumn
{
    GCount,
    GState,
    GCause,
    GClass,
    GFlows,
    GPlants,
    GFirst,
    GLast,
    GColumns
};
enum MessageColumn
{
    MId,
    MPlant,
    MFlow,
    MKey,
    MState,
    MUpdated,
    MText,
    MColumns
};

QTableWidget* table(const QString& name, const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->setShowGrid(false);
    t->verticalHeader()->hide();
    t->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    t->verticalHeader()->setDefaultSectionSize(24);
    t->horizontalHeader()->setHighlightSections(false);
    t->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return t;
}

QTableWidgetItem* cell(const QString& text, const QVariant& raw = {})
{
    auto* i = new QTableWidgetItem(text);
    i->setToolTip(text);
    if (raw.isValid())
        i->setData(Qt::UserRole, raw);
    return i;
}

QString flowsLabel(const QStringList& flows)
{
    QStringList out;
    for (const QString& f : flows)
        out << Format::flowLabel(f);
    return out.join(QStringLiteral(", "));
}
} // namespace

ExceptionsView::ExceptionsView(Ops::OperationsService* service, Ops::Actor actor, QWidget* parent)
    : ConsoleView(parent)
    , m_service(service)
    , m_actor(std::move(actor))
{
    setObjectName(QStringLiteral("exceptionsView"));
    m_askNote = [this](const QString& title, const QString& prompt) -> std::optional<QString> {
        QDialog dialog(this);
        dialog.setObjectName(QStringLiteral("noteDialog"));
        dialog.setWindowTitle(title);
        auto* layout = new QVBoxLayout(&dialog);
        auto* label = new QLabel(prompt, &dialog);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        auto* editor = new QPlainTextEdit(&dialog);
        editor->setObjectName(QStringLiteral("noteEditor"));
        editor->setTabChangesFocus(true);
        editor->setPlaceholderText(m_notePlaceholder);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("noteOkButton"));
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        layout->addWidget(label);
        layout->addWidget(editor);
        layout->addWidget(buttons);
        dialog.resize(520, 220);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return editor->toPlainText();
    };
    m_confirm = [this](const QString& title, const QString& text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 8);
    layout->setSpacing(8);
    auto* head = new QHBoxLayout;
    auto* title = new QLabel(QStringLiteral("Exceptions"), this);
    title->setProperty("role", QStringLiteral("heading"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("exceptionSummary"));
    m_summary->setProperty("role", QStringLiteral("muted"));
    head->addWidget(title);
    head->addSpacing(12);
    head->addWidget(m_summary);
    head->addStretch(1);
    // four eyes: actions that wait for a second person
    m_approvals = new QPushButton(this);
    m_approvals->setObjectName(QStringLiteral("approvalsButton"));
    m_approvals->setToolTip(QStringLiteral("Actions that need a second person's approval"));
    m_approvals->hide();
    connect(m_approvals, &QPushButton::clicked, this, &ExceptionsView::openApprovals);
    head->addWidget(m_approvals);
    layout->addLayout(head);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("exceptionsSplitter"));
    split->setChildrenCollapsible(false);
    m_groupTable = table(QStringLiteral("exceptionGroups"),
        { QStringLiteral("Count"), QStringLiteral("State"), QStringLiteral("Cause (error signature)"),
            QStringLiteral("Class · code"), QStringLiteral("Flow"), QStringLiteral("Plants"),
            QStringLiteral("First seen"), QStringLiteral("Last seen") },
        split);
    m_groupTable->setSelectionMode(QAbstractItemView::SingleSelection);
    const int gw[] = { 64, 70, 420, 150, 150, 170, 136, 136 };
    for (int c = 0; c < GColumns; ++c)
        m_groupTable->setColumnWidth(c, gw[c]);
    m_groupTable->horizontalHeader()->setSectionResizeMode(GCause, QHeaderView::Stretch);
    split->addWidget(m_groupTable);

    auto* lower = new QWidget(split);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 8, 0, 0);
    lowerLayout->setSpacing(6);
    m_groupTitle = new QLabel(lower);
    m_groupTitle->setObjectName(QStringLiteral("groupTitle"));
    m_groupTitle->setProperty("role", QStringLiteral("subheading"));
    m_groupTitle->setWordWrap(true);
    m_groupTitle->setTextFormat(Qt::PlainText); // signatures hold "<code>", "<n>": never rich text
    m_example = new QLabel(lower);
    m_example->setObjectName(QStringLiteral("groupExample"));
    m_example->setProperty("role", QStringLiteral("muted"));
    m_example->setWordWrap(true);
    m_example->setTextFormat(Qt::PlainText);
    m_example->setTextInteractionFlags(Qt::TextSelectableByMouse);
    lowerLayout->addWidget(m_groupTitle);
    lowerLayout->addWidget(m_example);

    auto* actions = new QHBoxLayout;
    m_result = new QLabel(lower);
    m_result->setObjectName(QStringLiteral("actionResult"));
    m_result->setTextFormat(Qt::PlainText);
    m_goTo = new QPushButton(QStringLiteral("Go to message"), lower);
    m_goTo->setObjectName(QStringLiteral("goToMessageButton"));
    m_goTo->setToolTip(QStringLiteral("Open the current message in Transactions"));
    m_scope = new QLabel(lower);
    m_scope->setObjectName(QStringLiteral("actionScope"));
    m_scope->setProperty("role", QStringLiteral("muted"));
    m_replay = new QPushButton(QStringLiteral("Replay…"), lower);
    m_replay->setObjectName(QStringLiteral("replayGroupButton"));
    m_replay->setToolTip(QStringLiteral("Post again (stuck): the engine looks the document up first"));
    m_edit = new QPushButton(QStringLiteral("Edit and resubmit…"), lower);
    m_edit->setObjectName(QStringLiteral("editResubmitButton"));
    m_edit->setToolTip(QStringLiteral("Correct the payload of one stuck message and post it again; the edit is "
                                      "kept in the audit trail"));
    m_dryRun = new QPushButton(QStringLiteral("Dry run…"), lower);
    m_dryRun->setObjectName(QStringLiteral("dryRunButton"));
    m_dryRun->setToolTip(QStringLiteral("Show the calls a replay of one message would make; nothing is sent"));
    m_resolve = new QPushButton(QStringLiteral("Resolve…"), lower);
    m_resolve->setObjectName(QStringLiteral("resolveGroupButton"));
    m_resolve->setToolTip(QStringLiteral("Close as handled outside Interlock, with a note"));
    m_cancel = new QPushButton(QStringLiteral("Cancel messages…"), lower);
    m_cancel->setObjectName(QStringLiteral("cancelGroupButton"));
    m_cancel->setToolTip(QStringLiteral("Withdraw: they will never be posted, with a note"));
    actions->addWidget(m_goTo);
    actions->addSpacing(12);
    actions->addWidget(m_result, 1);
    actions->addWidget(m_scope);
    actions->addWidget(m_dryRun);
    actions->addWidget(m_replay);
    actions->addWidget(m_edit);
    actions->addWidget(m_resolve);
    actions->addWidget(m_cancel);
    lowerLayout->addLayout(actions);

    // a bulk action in progress: how far, and a way to stop it after the current chunk
    auto* bulkRow = new QHBoxLayout;
    m_progress = new QProgressBar(lower);
    m_progress->setObjectName(QStringLiteral("bulkProgress"));
    m_progress->setFormat(QStringLiteral("%v of %m"));
    m_bulkCancel = new QPushButton(QStringLiteral("Cancel"), lower);
    m_bulkCancel->setObjectName(QStringLiteral("bulkCancelButton"));
    m_bulkCancel->setToolTip(QStringLiteral("Stop after the current chunk; what is done stays done"));
    bulkRow->addWidget(m_progress, 1);
    bulkRow->addWidget(m_bulkCancel);
    m_progress->hide();
    m_bulkCancel->hide();
    lowerLayout->addLayout(bulkRow);

    m_messages = table(QStringLiteral("groupMessages"),
        { QStringLiteral("ID"), QStringLiteral("Plant"), QStringLiteral("Flow"), QStringLiteral("Business key"),
            QStringLiteral("State"), QStringLiteral("Since"), QStringLiteral("Error") },
        lower);
    m_messages->setSelectionMode(QAbstractItemView::ExtendedSelection);
    const int mw[] = { 64, 90, 140, 140, 70, 136, 300 };
    for (int c = 0; c < MColumns; ++c)
        m_messages->setColumnWidth(c, mw[c]);
    m_messages->horizontalHeader()->setSectionResizeMode(MText, QHeaderView::Stretch);
    lowerLayout->addWidget(m_messages, 1);
    split->addWidget(lower);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({ 240, 520 });
    layout->addWidget(split, 1);

    connect(m_groupTable, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_groupTable->currentRow();
        const QString key = row >= 0 && m_groupTable->item(row, GCount)
            ? m_groupTable->item(row, GCount)->data(Qt::UserRole).toString()
            : QString();
        if (key == m_currentKey)
            return;
        m_currentKey = key;
        showCurrentGroup();
    });
    connect(m_messages, &QTableWidget::itemSelectionChanged, this, &ExceptionsView::updateActions);
    connect(m_messages, &QTableWidget::cellDoubleClicked, m_goTo, &QPushButton::click);
    connect(m_goTo, &QPushButton::clicked, this, [this] {
        const int row = m_messages->currentRow();
        if (row < 0)
            return;
        Q_EMIT goToMessage(
            m_messages->item(row, MId)->data(Qt::UserRole).toLongLong(), m_messages->item(row, MKey)->text());
    });
    connect(m_replay, &QPushButton::clicked, this, &ExceptionsView::replayTargets);
    connect(m_resolve, &QPushButton::clicked, this, &ExceptionsView::resolveTargets);
    connect(m_cancel, &QPushButton::clicked, this, &ExceptionsView::cancelTargets);
    connect(m_edit, &QPushButton::clicked, this, &ExceptionsView::editTarget);
    connect(m_dryRun, &QPushButton::clicked, this, &ExceptionsView::dryRunTarget);
    connect(m_bulkCancel, &QPushButton::clicked, this, &ExceptionsView::cancelBulk);

    // keyboard: active while focus is in this view, so they never shadow another view's keys
    auto shortcut = [this](const QString& name, const QKeySequence& keys, QPushButton* button) {
        auto* a = new QAction(button->text(), this);
        a->setObjectName(name);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        button->setToolTip(QStringLiteral("%1 (%2)").arg(button->toolTip(), keys.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, button, [button] {
            if (button->isEnabled() && button->isVisible())
                button->click();
        });
        addAction(a);
    };
    // Ctrl+R replays, unless the platform's Refresh is Ctrl+R (GNOME's key scheme): the main
    // window binds Refresh, and two bindings of one key would make both ambiguous (neither fires)
    const QKeySequence ctrlR(Qt::CTRL | Qt::Key_R);
    const bool refreshIsCtrlR = QKeySequence::keyBindings(QKeySequence::Refresh).contains(ctrlR);
    shortcut(QStringLiteral("replayAction"), refreshIsCtrlR ? QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R) : ctrlR,
        m_replay);
    shortcut(QStringLiteral("editResubmitAction"), QKeySequence(Qt::CTRL | Qt::Key_E), m_edit);
    shortcut(QStringLiteral("dryRunAction"), QKeySequence(Qt::CTRL | Qt::Key_D), m_dryRun);
    shortcut(QStringLiteral("resolveAction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), m_resolve);
    shortcut(QStringLiteral("cancelAction"), QKeySequence(Qt::Key_Delete), m_cancel);
    shortcut(QStringLiteral("cancelBulkAction"), QKeySequence(Qt::Key_Escape), m_bulkCancel);

    refresh();
}

void ExceptionsView::refresh()
{
    if (!m_service)
        return;
    auto groups = m_service->exceptionGroups();
    if (!groups) {
        m_summary->setText(QStringLiteral("cannot read the journal: %1").arg(groups.error().summary()));
        return;
    }
    m_groups = *groups;
    showGroups();
    const auto pending = m_service->approvals(true);
    const qsizetype waiting = pending ? pending->size() : 0;
    m_approvals->setText(QStringLiteral("Waiting for approval (%1)…").arg(waiting));
    m_approvals->setVisible(waiting > 0);
}

void ExceptionsView::openApprovals()
{
    if (!m_service)
        return;
    auto* dialog = new ApprovalsDialog(m_service, m_actor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ApprovalsDialog::changed, this, [this] {
        refresh();
        Q_EMIT statusMessage(QStringLiteral("Approval requests changed"));
    });
    dialog->open();
}

void ExceptionsView::showGroups()
{
    qsizetype total = 0;
    for (const auto& g : std::as_const(m_groups))
        total += g.count();
    m_summary->setText(m_groups.isEmpty()
            ? QStringLiteral("nothing stuck or blocked")
            : QStringLiteral("%1 open problems in %2 groups").arg(Format::number(total)).arg(m_groups.size()));
    const QString keep = m_currentKey;
    m_groupTable->blockSignals(true);
    m_groupTable->setRowCount(static_cast<int>(m_groups.size()));
    int keepRow = -1;
    for (int r = 0; r < m_groups.size(); ++r) {
        const auto& g = m_groups.at(r);
        auto* count = cell(Format::number(g.count()), g.key);
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont bold = count->font();
        bold.setBold(true);
        count->setFont(bold);
        m_groupTable->setItem(r, GCount, count);
        auto* state = cell(Format::stateLabel(g.state));
        state->setForeground(Format::stateColor(g.state));
        state->setFont(bold);
        m_groupTable->setItem(r, GState, state);
        m_groupTable->setItem(r, GCause, cell(g.signature));
        QString cls = g.errorClass == ErrorClass::None ? QString() : errorClassName(g.errorClass);
        if (!g.errorCode.isEmpty())
            cls += QStringLiteral(" · ") + g.errorCode;
        m_groupTable->setItem(r, GClass, cell(cls));
        m_groupTable->setItem(r, GFlows, cell(flowsLabel(g.flows)));
        m_groupTable->setItem(r, GPlants, cell(g.plants.join(QStringLiteral(", "))));
        m_groupTable->setItem(r, GFirst, cell(Format::timestamp(g.firstSeen)));
        m_groupTable->setItem(r, GLast, cell(Format::timestamp(g.lastSeen)));
        if (g.key == keep)
            keepRow = r;
    }
    if (keepRow >= 0)
        m_groupTable->selectRow(keepRow);
    else
        m_groupTable->clearSelection();
    m_groupTable->blockSignals(false);
    if (keepRow < 0)
        m_currentKey.clear();
    showCurrentGroup();
}

const Ops::ExceptionGroup* ExceptionsView::currentGroup() const
{
    for (const auto& g : m_groups)
        if (g.key == m_currentKey)
            return &g;
    return nullptr;
}

void ExceptionsView::showCurrentGroup()
{
    const Ops::ExceptionGroup* g = currentGroup();
    // keep the selected messages selected across a live refresh
    QSet<qint64> selected;
    for (const QModelIndex& i : m_messages->selectionModel()->selectedRows())
        selected.insert(m_messages->item(i.row(), MId)->data(Qt::UserRole).toLongLong());
    m_messages->blockSignals(true);
    m_messages->clearSelection();
    if (!g) {
        m_groupTitle->setText(m_groups.isEmpty() ? QString() : QStringLiteral("Select a group to see its messages"));
        m_example->clear();
        m_messages->setRowCount(0);
        m_messages->blockSignals(false);
        updateActions();
        return;
    }
    m_groupTitle->setText(
        QStringLiteral("%1 %2 message(s) · %3").arg(g->count()).arg(Format::stateLabel(g->state), g->signature));
    m_example->setText(QStringLiteral("Example: %1").arg(g->example));
    m_messages->setRowCount(static_cast<int>(g->count()));
    for (int r = 0; r < g->count(); ++r) {
        const Message& m = g->messages.at(r);
        auto* id = cell(QString::number(m.id), m.id);
        id->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_messages->setItem(r, MId, id);
        m_messages->setItem(r, MPlant, cell(m.plant));
        m_messages->setItem(r, MFlow, cell(Format::flowLabel(m.flow)));
        m_messages->setItem(r, MKey, cell(m.businessKey));
        auto* state = cell(Format::stateLabel(m.state));
        state->setForeground(Format::stateColor(m.state));
        m_messages->setItem(r, MState, state);
        m_messages->setItem(r, MUpdated, cell(Format::timestamp(m.updatedAt)));
        const QString text = m.errorText.isEmpty() && m.blockedDomain == QLatin1String("predecessor")
            ? QStringLiteral("waits for message %1").arg(m.blockedValue)
            : m.errorText;
        m_messages->setItem(r, MText, cell(text));
        if (selected.contains(m.id))
            m_messages->selectionModel()->select(
                m_messages->model()->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    m_messages->blockSignals(false);
    updateActions();
}

bool ExceptionsView::selectGroup(const QString& key)
{
    for (int r = 0; r < m_groupTable->rowCount(); ++r)
        if (m_groupTable->item(r, GCount)->data(Qt::UserRole).toString() == key) {
            m_groupTable->selectRow(r);
            return true;
        }
    return false;
}

bool ExceptionsView::selectInterestingGroup()
{
    // a cause someone can act on first: stuck, then a missing mapping, then anything
    for (const auto& g : std::as_const(m_groups))
        if (g.state == MessageState::Stuck)
            return selectGroup(g.key);
    for (const auto& g : std::as_const(m_groups))
        if (!g.blockedValue.isEmpty())
            return selectGroup(g.key);
    return !m_groups.isEmpty() && selectGroup(m_groups.first().key);
}

QList<qint64> ExceptionsView::targetIds() const
{
    QList<qint64> ids;
    for (const QModelIndex& i : m_messages->selectionModel()->selectedRows())
        ids << m_messages->item(i.row(), MId)->data(Qt::UserRole).toLongLong();
    if (ids.isEmpty())
        if (const Ops::ExceptionGroup* g = currentGroup())
            ids = g->ids();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ExceptionsView::updateActions()
{
    const Ops::ExceptionGroup* g = currentGroup();
    const qsizetype selected = m_messages->selectionModel()->selectedRows().size();
    if (!g)
        m_scope->setText(QString());
    else if (selected > 0)
        m_scope->setText(QStringLiteral("acts on %1 selected").arg(selected));
    else
        m_scope->setText(QStringLiteral("acts on the whole group (%1)").arg(g->count()));
    const bool busy = m_bulk && m_bulk->isRunning();
    const bool any = g && m_service && !busy;
    m_goTo->setEnabled(g && m_messages->currentRow() >= 0);
    // a blocked message heals through its mapping or its predecessor, not by replay or by edit
    // what the role may not do is disabled here too (the service refuses it anyway)
    m_replay->setEnabled(any && g->state == MessageState::Stuck && may(Ops::Action::Replay));
    m_resolve->setEnabled(any && may(Ops::Action::Resolve));
    m_cancel->setEnabled(any && may(Ops::Action::Cancel));
    const bool one = any && currentMessageId() != 0;
    m_edit->setEnabled(one && g->state == MessageState::Stuck && may(Ops::Action::Resubmit));
    m_dryRun->setEnabled(one && may(Ops::Action::DryRun));
}

qint64 ExceptionsView::currentMessageId() const
{
    const auto rows = m_messages->selectionModel()->selectedRows();
    if (rows.size() == 1)
        return m_messages->item(rows.first().row(), MId)->data(Qt::UserRole).toLongLong();
    if (rows.isEmpty())
        if (const Ops::ExceptionGroup* g = currentGroup(); g && g->count() == 1)
            return g->messages.first().id;
    return 0;
}

Message ExceptionsView::currentMessage() const
{
    const qint64 id = currentMessageId();
    if (const Ops::ExceptionGroup* g = currentGroup())
        for (const Message& m : g->messages)
            if (m.id == id)
                return m;
    return {};
}

void ExceptionsView::runAction(Ops::Action action, const QString& verb, const QString& done,
    const std::function<Result<int>(const QList<qint64>&, const QString&)>& call, bool needsNote,
    const QString& placeholder)
{
    const QList<qint64> ids = targetIds();
    if (ids.isEmpty() || !m_service || (m_bulk && m_bulk->isRunning()))
        return;
    const QString title = QStringLiteral("%1 %2 message(s)").arg(verb).arg(ids.size());
    QString note;
    if (needsNote) {
        // the note dialog states the count; cancelling it is the "no" of the confirmation
        m_notePlaceholder = placeholder;
        const auto answer = m_askNote(title,
            QStringLiteral("This changes %1 message(s). Why? The note goes into the audit trail (required):")
                .arg(ids.size()));
        if (!answer)
            return;
        note = answer->trimmed();
        if (note.isEmpty()) {
            m_result->setText(QStringLiteral("%1: a note is required; nothing changed").arg(verb));
            Q_EMIT statusMessage(m_result->text());
            return;
        }
    } else {
        if (!m_confirm(title, QStringLiteral("%1 %2 message(s) now?").arg(verb).arg(ids.size())))
            return;
        note = QStringLiteral("replayed from the exceptions view");
    }
    // one journal transaction per chunk, back to the event loop between chunks; an action that
    // needs four eyes goes as one request, so the approval covers all of it
    const auto approval = m_service->approvalNeeded(action, ids);
    const int chunkSize = approval && !approval->isEmpty() ? static_cast<int>(ids.size()) : m_chunkSize;
    auto* bulk = new Ops::BulkAction(
        ids, [call, note](const QList<qint64>& chunk) { return call(chunk, note); }, chunkSize, this);
    m_bulk = bulk;
    m_bulkVerb = verb;
    m_progress->setRange(0, static_cast<int>(ids.size()));
    m_progress->setValue(0);
    m_progress->setVisible(ids.size() > m_chunkSize);
    m_bulkCancel->setVisible(ids.size() > m_chunkSize);
    m_bulkCancel->setEnabled(true);
    m_result->setText(QStringLiteral("%1: 0 of %2 message(s)…").arg(verb).arg(ids.size()));
    updateActions();
    connect(bulk, &Ops::BulkAction::progress, this, [this](int processed, int total, int) {
        m_progress->setValue(processed);
        m_result->setText(QStringLiteral("%1: %2 of %3 message(s)…").arg(m_bulkVerb).arg(processed).arg(total));
    });
    connect(bulk, &Ops::BulkAction::finished, this, [this, bulk, done] { bulkFinished(bulk, done); });
    bulk->start();
    if (m_bulk && m_bulk->isRunning())
        updateActions(); // one action at a time: the others wait until this one ends
}

void ExceptionsView::bulkFinished(Ops::BulkAction* bulk, const QString& done)
{
    QString text;
    if (bulk->error() && bulk->error()->code == QLatin1String("APPROVAL_PENDING")) {
        text = QStringLiteral("Sent for approval: %1").arg(bulk->error()->message);
    } else if (bulk->error() && bulk->processed() == 0) {
        text = QStringLiteral("%1 failed: %2").arg(m_bulkVerb, bulk->error()->summary());
    } else {
        text = QStringLiteral("%1 %2 of %3 message(s)").arg(done).arg(bulk->applied()).arg(bulk->total());
        if (bulk->error())
            text += QStringLiteral(" — stopped: %1").arg(bulk->error()->summary());
        else if (bulk->wasCancelled())
            text += QStringLiteral(" — cancelled");
        else if (bulk->applied() < bulk->total())
            text += QStringLiteral(" (the others are in a state that does not allow it)");
    }
    m_progress->hide();
    m_bulkCancel->hide();
    m_bulk = nullptr;
    bulk->deleteLater();
    m_result->setText(text);
    Q_EMIT statusMessage(text);
    m_messages->clearSelection();
    refresh();
}

void ExceptionsView::cancelBulk()
{
    if (!m_bulk || !m_bulk->isRunning())
        return;
    m_bulkCancel->setEnabled(false);
    m_result->setText(QStringLiteral("%1: stopping after the current chunk…").arg(m_bulkVerb));
    m_bulk->cancel();
}

void ExceptionsView::editTarget()
{
    const qint64 id = currentMessageId();
    if (!id || !m_service)
        return;
    auto detail = m_service->detail(id);
    if (!detail) {
        m_result->setText(QStringLiteral("Cannot open message %1: %2").arg(id).arg(detail.error().summary()));
        return;
    }
    const Message message = detail->message;
    if (message.state != MessageState::Stuck && message.state != MessageState::Retrying) {
        m_result->setText(QStringLiteral("Message %1 is %2 now; only a stuck or retrying message can be edited")
                              .arg(id)
                              .arg(Format::stateLabel(message.state)));
        refresh();
        return;
    }
    QPointer<ExceptionsView> self(this);
    auto* dialog = new ResubmitDialog(
        message,
        [self, id](const QByteArray& payload, const QString& note) -> Status {
            if (!self || !self->m_service)
                return fail(ErrorClass::Permanent, QStringLiteral("CLOSED"), QStringLiteral("the console closed"));
            auto r = self->m_service->resubmit(self->m_actor, id, payload, note);
            if (r) {
                self->m_result->setText(QStringLiteral("Resubmitted message %1 with the edited payload").arg(id));
                Q_EMIT self->statusMessage(self->m_result->text());
            }
            return r;
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPreview([self, id, dialog](const QByteArray& payload) {
        if (self)
            self->showDryRun(id, payload, dialog, false);
    });
    connect(dialog, &QDialog::accepted, this, [this] {
        m_messages->clearSelection();
        refresh();
    });
    dialog->open();
}

void ExceptionsView::dryRunTarget()
{
    const qint64 id = currentMessageId();
    if (!id)
        return;
    const Message m = currentMessage();
    showDryRun(id, {}, this, m.state == MessageState::Stuck);
}

void ExceptionsView::showDryRun(qint64 id, const QByteArray& payload, QWidget* parent, bool offerReplay)
{
    if (!m_service)
        return;
    const auto plan = m_service->dryRun(m_actor, id, payload);
    if (!plan) {
        m_result->setText(QStringLiteral("Dry run of message %1 failed: %2").arg(id).arg(plan.error().summary()));
        return;
    }
    auto* dialog = new DryRunDialog(*plan, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (offerReplay && !plan->problem && !plan->calls.isEmpty()) {
        QPointer<ExceptionsView> self(this);
        dialog->setProceed(QStringLiteral("Replay now"), [self, id] {
            if (!self || !self->m_service)
                return;
            const auto r = self->m_service->replay(self->m_actor, { id }, QStringLiteral("replayed after a dry run"));
            self->m_result->setText(r ? QStringLiteral("Replayed %1 of 1 message(s)").arg(*r)
                                      : QStringLiteral("Replay failed: %1").arg(r.error().summary()));
            Q_EMIT self->statusMessage(self->m_result->text());
            self->m_messages->clearSelection();
            self->refresh();
        });
    }
    dialog->open();
}

void ExceptionsView::replayTargets()
{
    runAction(
        Ops::Action::Replay, QStringLiteral("Replay"), QStringLiteral("Replayed"),
        [this](const QList<qint64>& ids, const QString& note) { return m_service->replay(m_actor, ids, note); }, false);
}

void ExceptionsView::resolveTargets()
{
    runAction(
        Ops::Action::Resolve, QStringLiteral("Resolve"), QStringLiteral("Resolved"),
        [this](const QList<qint64>& ids, const QString& note) { return m_service->resolve(m_actor, ids, note); }, true,
        QStringLiteral("e.g. posted by hand as document 4900001234"));
}

void ExceptionsView::cancelTargets()
{
    runAction(
        Ops::Action::Cancel, QStringLiteral("Cancel"), QStringLiteral("Cancelled"),
        [this](const QList<qint64>& ids, const QString& note) { return m_service->cancel(m_actor, ids, note); }, true,
        QStringLiteral("e.g. work order withdrawn in Maximo; duplicate of message 1234"));
}

} // namespace Interlock::Ui

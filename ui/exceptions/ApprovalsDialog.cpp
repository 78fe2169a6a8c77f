// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/exceptions/ApprovalsDialog.h"

#include "ui/common/Format.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Interlock::Ui {

namespace {
enum Column
{
    CId,
    CAction,
    CMessages,
    CBy,
    CWhen,
    CWhy,
    CNote,
    CCount
};

std::optional<Ops::Action> actionOf(const QString& audit)
{
    if (audit == QLatin1String("message.replay"))
        return Ops::Action::Replay;
    if (audit == QLatin1String("message.resolve"))
        return Ops::Action::Resolve;
    if (audit == QLatin1String("message.cancel"))
        return Ops::Action::Cancel;
    return std::nullopt;
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    item->setToolTip(text);
    return item;
}
} // namespace

ApprovalsDialog::ApprovalsDialog(Ops::OperationsService* service, Ops::Actor actor, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_actor(std::move(actor))
{
    setObjectName(QStringLiteral("approvalsDialog"));
    setWindowTitle(QStringLiteral("Waiting for approval"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral("These actions were asked for by one person and need a second, different "
                                            "person's approval. Approving executes them."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table = new QTableWidget(0, CCount, this);
    m_table->setObjectName(QStringLiteral("approvalTable"));
    m_table->setHorizontalHeaderLabels(
        { QStringLiteral("Request"), QStringLiteral("Action"), QStringLiteral("Messages"),
            QStringLiteral("Requested by"), QStringLiteral("When"), QStringLiteral("Why"), QStringLiteral("Note") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(CWhy, 280);
    layout->addWidget(m_table, 1);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("approvalResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    layout->addWidget(m_result);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_approve = buttons->addButton(QStringLiteral("Approve and run"), QDialogButtonBox::ActionRole);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_reject = buttons->addButton(QStringLiteral("Reject"), QDialogButtonBox::ActionRole);
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_approve, &QPushButton::clicked, this, &ApprovalsDialog::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &ApprovalsDialog::rejectSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ApprovalsDialog::updateButtons);
    resize(900, 360);
    reload();
}

void ApprovalsDialog::reload()
{
    if (!m_service)
        return;
    const auto pending = m_service->approvals(true);
    if (!pending) {
        say(QStringLiteral("Cannot read the approval requests: %1").arg(pending.error().summary()));
        return;
    }
    m_requests = *pending;
    m_table->setRowCount(static_cast<int>(m_requests.size()));
    for (int r = 0; r < m_requests.size(); ++r) {
        const auto& q = m_requests.at(r);
        m_table->setItem(r, CId, cell(QString::number(q.id)));
        m_table->setItem(r, CAction, cell(q.action.section(QLatin1Char('.'), 1)));
        m_table->setItem(r, CMessages, cell(Format::number(q.messageIds.size())));
        m_table->setItem(r, CBy, cell(QStringLiteral("%1 (%2)").arg(q.requestedBy, q.requestedRole)));
        m_table->setItem(r, CWhen, cell(Format::timeOfDay(q.requestedAt)));
        m_table->setItem(r, CWhy, cell(q.reason));
        m_table->setItem(r, CNote, cell(q.note));
    }
    updateButtons();
}

bool ApprovalsDialog::selectRequest(qint64 id)
{
    for (int r = 0; r < m_requests.size(); ++r)
        if (m_requests.at(r).id == id) {
            m_table->selectRow(r);
            return true;
        }
    return false;
}

const Journal::ApprovalRequest* ApprovalsDialog::selected() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 1 || rows.first().row() >= m_requests.size())
        return nullptr;
    return &m_requests.at(rows.first().row());
}

bool ApprovalsDialog::isOwn(const Journal::ApprovalRequest& r) const
{
    return r.requestedBy.compare(m_actor.name, Qt::CaseInsensitive) == 0;
}

bool ApprovalsDialog::mayDecide(const Journal::ApprovalRequest& r) const
{
    const auto action = actionOf(r.action);
    return m_service && action && m_service->isAllowed(m_actor, *action);
}

void ApprovalsDialog::updateButtons()
{
    const Journal::ApprovalRequest* r = selected();
    m_approve->setEnabled(r && !isOwn(*r) && mayDecide(*r));
    m_approve->setToolTip(
        r && isOwn(*r) ? QStringLiteral("You asked for it: a second, different person must approve it") : QString());
    m_reject->setEnabled(r && (isOwn(*r) || mayDecide(*r)));
    m_reject->setText(r && isOwn(*r) ? QStringLiteral("Withdraw") : QStringLiteral("Reject"));
}

void ApprovalsDialog::say(const QString& text)
{
    m_result->setText(text);
}

void ApprovalsDialog::approveSelected()
{
    const Journal::ApprovalRequest* r = selected();
    if (!r || !m_service)
        return;
    const qint64 id = r->id;
    const auto done = m_service->approve(m_actor, id, {});
    say(done ? QStringLiteral("Request %1 approved: %2 of %3 message(s) changed")
                   .arg(id)
                   .arg(*done)
                   .arg(r->messageIds.size())
             : QStringLiteral("Request %1 not approved: %2").arg(id).arg(done.error().message));
    reload();
    Q_EMIT changed();
}

void ApprovalsDialog::rejectSelected()
{
    const Journal::ApprovalRequest* r = selected();
    if (!r || !m_service)
        return;
    const qint64 id = r->id;
    const auto done = m_service->reject(m_actor, id, {});
    say(done ? QStringLiteral("Request %1 dropped").arg(id)
             : QStringLiteral("Request %1 not dropped: %2").arg(id).arg(done.error().message));
    reload();
    Q_EMIT changed();
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alerts/AcknowledgeDialog.h"

#include "ui/common/Format.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Interlock::Ui {

AcknowledgeDialog::AcknowledgeDialog(const Ops::Alert& alert, Submit submit, QWidget* parent)
    : QDialog(parent)
    , m_submit(std::move(submit))
{
    setObjectName(QStringLiteral("acknowledgeDialog"));
    setWindowTitle(QStringLiteral("Acknowledge alert %1").arg(alert.id));
    auto* layout = new QVBoxLayout(this);
    auto* what = new QLabel(this);
    what->setObjectName(QStringLiteral("ackSummary"));
    what->setTextFormat(Qt::PlainText);
    what->setWordWrap(true);
    what->setText(
        QStringLiteral("%1 · %2\n%3 %4 (threshold %5), raised %6")
            .arg(alert.plant, Format::flowLabel(alert.flow), Ops::AlertMonitor::metricLabel(alert.metric),
                Ops::AlertMonitor::formatValue(alert.metric, alert.observed),
                Ops::AlertMonitor::formatValue(alert.metric, alert.threshold), Format::timestamp(alert.raisedAt)));
    layout->addWidget(what);
    layout->addWidget(new QLabel(QStringLiteral("Comment (goes into the audit trail):"), this));
    m_comment = new QPlainTextEdit(this);
    m_comment->setObjectName(QStringLiteral("ackComment"));
    m_comment->setPlaceholderText(QStringLiteral("e.g. material master fix requested from plant 1720, ticket 4711"));
    m_comment->setTabChangesFocus(true);
    layout->addWidget(m_comment);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("ackError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(QStringLiteral("Acknowledge"));
    ok->setObjectName(QStringLiteral("ackConfirm"));
    ok->setToolTip(QStringLiteral("Ctrl+Return"));
    ok->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &AcknowledgeDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(460, 260);
    m_comment->setFocus();
}

QString AcknowledgeDialog::comment() const
{
    return m_comment->toPlainText().trimmed();
}

void AcknowledgeDialog::submit()
{
    const Status s = m_submit ? m_submit(comment()) : Status {};
    if (s) {
        accept();
        return;
    }
    m_error->setText(s.error().message);
    m_error->show();
}

} // namespace Interlock::Ui

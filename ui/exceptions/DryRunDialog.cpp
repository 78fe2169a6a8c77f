// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/exceptions/DryRunDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Interlock::Ui {

DryRunDialog::DryRunDialog(const Ops::DryRunPlan& plan, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("dryRunDialog"));
    setWindowTitle(QStringLiteral("Dry run of message %1").arg(plan.messageId));
    resize(820, 560);
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("dryRunSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    QStringList lines;
    if (plan.problem)
        lines << QStringLiteral("Nothing would be sent: %1").arg(plan.problem->summary());
    else if (plan.calls.isEmpty())
        lines << QStringLiteral("Nothing would be sent.");
    else
        lines << QStringLiteral("%1 call(s) to %2 on attempt %3%4 — nothing has been sent")
                     .arg(plan.calls.size())
                     .arg(plan.endpoint.isEmpty() ? plan.system : plan.endpoint)
                     .arg(plan.attempt)
                     .arg(plan.lookupFirst ? QStringLiteral(", looking the document up first") : QString());
    if (!plan.note.isEmpty())
        lines << plan.note;
    m_summary->setText(lines.join(QLatin1Char('\n')));
    layout->addWidget(m_summary);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("dryRunText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(describe(plan));
    layout->addWidget(m_text, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_proceed = buttons->addButton(QStringLiteral("Go ahead"), QDialogButtonBox::AcceptRole);
    m_proceed->setObjectName(QStringLiteral("dryRunProceedButton"));
    m_proceed->hide();
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("dryRunCloseButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_proceed, &QPushButton::clicked, this, [this] {
        auto proceed = m_onProceed;
        accept();
        if (proceed)
            proceed();
    });
    layout->addWidget(buttons);
}

void DryRunDialog::setProceed(const QString& label, std::function<void()> proceed)
{
    m_onProceed = std::move(proceed);
    m_proceed->setText(label);
    m_proceed->setVisible(static_cast<bool>(m_onProceed));
}

QString DryRunDialog::describe(const Ops::DryRunPlan& plan)
{
    QString out;
    if (!plan.parentRef.isEmpty())
        out += QStringLiteral("ERP order of this business key: %1\n\n").arg(plan.parentRef);
    if (plan.problem)
        out += QStringLiteral("The connector would refuse it before sending: %1\n%2\n\n")
                   .arg(plan.problem->summary(), plan.problem->message);
    int n = 0;
    for (const auto& call : plan.calls) {
        out += QStringLiteral("%1. %2 %3\n").arg(++n).arg(QString::fromLatin1(call.method), call.target);
        out += QStringLiteral("   (%1)\n").arg(call.purpose);
        for (const auto& [name, value] : call.headers)
            out += QStringLiteral("   %1: %2\n").arg(QString::fromLatin1(name), QString::fromUtf8(value));
        if (!call.body.isEmpty()) {
            out += QLatin1Char('\n');
            for (const QString& line : call.body.trimmed().split(QLatin1Char('\n')))
                out += QStringLiteral("   ") + line + QLatin1Char('\n');
        }
        out += QLatin1Char('\n');
    }
    return out.trimmed();
}

} // namespace Interlock::Ui

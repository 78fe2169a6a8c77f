// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/exceptions/ResubmitDialog.h"

#include "app/ops/OperationsService.h"
#include "ui/common/Format.h"
#include "ui/common/JsonDiff.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

namespace Interlock::Ui {

namespace {
bool darkPalette(const QWidget* w)
{
    return w->palette().color(QPalette::Base).lightness() < 128;
}
} // namespace

ResubmitDialog::ResubmitDialog(const Message& message, Submit submit, QWidget* parent)
    : QDialog(parent)
    , m_message(message)
    , m_submit(std::move(submit))
{
    setObjectName(QStringLiteral("resubmitDialog"));
    setWindowTitle(QStringLiteral("Edit and resubmit message %1").arg(message.id));
    resize(1000, 640);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral("%1 · %2 · %3. Edit the payload sent to %4; the engine posts it as "
                                            "edited, after looking the document up if an earlier attempt may "
                                            "have reached it.")
                                 .arg(message.businessKey, Format::flowLabel(message.flow),
                                     Format::stateLabel(message.state), message.targetSystem.toUpper()),
        this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* split = new QSplitter(Qt::Horizontal, this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_editor = new QPlainTextEdit(split);
    m_editor->setObjectName(QStringLiteral("payloadEditor"));
    m_editor->setFont(mono);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTabChangesFocus(true);
    m_editor->setPlaceholderText(QStringLiteral("{ \"Field\": \"value\" } — the target fields as a JSON object"));
    m_editor->setPlainText(
        message.targetPayload.isEmpty() ? QStringLiteral("{\n}") : JsonDiff::pretty(message.targetPayload));
    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_diffSummary = new QLabel(right);
    m_diffSummary->setObjectName(QStringLiteral("payloadDiffSummary"));
    m_diff = new QTextEdit(right);
    m_diff->setObjectName(QStringLiteral("payloadDiff"));
    m_diff->setReadOnly(true);
    m_diff->setFont(mono);
    m_diff->setLineWrapMode(QTextEdit::NoWrap);
    rightLayout->addWidget(m_diffSummary);
    rightLayout->addWidget(m_diff, 1);
    split->addWidget(m_editor);
    split->addWidget(right);
    layout->addWidget(split, 1);

    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("payloadValidation"));
    m_validation->setTextFormat(Qt::PlainText);
    m_validation->setWordWrap(true);
    layout->addWidget(m_validation);
    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("resubmitNote"));
    m_note->setPlaceholderText(QStringLiteral("What did you change, and why? (required, goes into the audit trail)"));
    layout->addWidget(m_note);

    auto* buttons = new QDialogButtonBox(this);
    m_dryRun = buttons->addButton(QStringLiteral("Dry run…"), QDialogButtonBox::ActionRole);
    m_dryRun->setObjectName(QStringLiteral("resubmitDryRunButton"));
    m_dryRun->setToolTip(QStringLiteral("Show the calls the edited payload would make; nothing is sent"));
    m_dryRun->setEnabled(false);
    m_resubmit = buttons->addButton(QStringLiteral("Resubmit"), QDialogButtonBox::AcceptRole);
    m_resubmit->setObjectName(QStringLiteral("resubmitButton"));
    auto* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("resubmitCancelButton"));
    layout->addWidget(buttons);
    // the dialog owns the accept decision: Resubmit does not close it by itself
    disconnect(buttons, &QDialogButtonBox::accepted, nullptr, nullptr);
    connect(m_resubmit, &QPushButton::clicked, this, &ResubmitDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_dryRun, &QPushButton::clicked, this, [this] {
        if (m_preview && m_valid)
            m_preview(editedPayload());
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, &ResubmitDialog::revalidate);
    connect(m_note, &QLineEdit::textChanged, this, &ResubmitDialog::revalidate);
    revalidate();
    m_editor->setFocus();
}

void ResubmitDialog::setPreview(Preview preview)
{
    m_preview = std::move(preview);
    m_dryRun->setEnabled(m_preview && m_valid);
}

QByteArray ResubmitDialog::editedPayload() const
{
    return m_editor->toPlainText().toUtf8();
}

void ResubmitDialog::revalidate()
{
    const QByteArray edited = editedPayload();
    QString problem;
    bool json = false;
    if (edited.size() > Ops::OperationsService::MaxResubmitPayloadBytes) {
        problem = QStringLiteral("Too large: %1 KiB, at most %2 KiB")
                      .arg((edited.size() + 1023) / 1024)
                      .arg(Ops::OperationsService::MaxResubmitPayloadBytes / 1024);
    } else {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(edited, &error);
        if (error.error != QJsonParseError::NoError) {
            const QByteArray before = edited.left(error.offset);
            problem = QStringLiteral("Not valid JSON: %1 at line %2, column %3")
                          .arg(error.errorString())
                          .arg(before.count('\n') + 1)
                          .arg(error.offset - (before.lastIndexOf('\n') + 1) + 1);
        } else if (!doc.isObject()) {
            problem = QStringLiteral("The payload must be a JSON object { … }, not %1")
                          .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("a single value"));
        } else {
            json = true;
        }
    }
    m_valid = problem.isEmpty();
    updateDiff(edited, json);
    const bool changed = m_added + m_removed > 0;
    if (!m_valid)
        m_validation->setText(problem);
    else if (!changed)
        m_validation->setText(QStringLiteral("Valid JSON, unchanged: resubmitting it is a plain replay"));
    else
        m_validation->setText(QStringLiteral("Valid JSON object"));
    QPalette pal = m_validation->palette();
    pal.setColor(QPalette::WindowText, m_valid ? Format::mutedColor() : Format::stateColor(MessageState::Stuck));
    m_validation->setPalette(pal);
    m_resubmit->setEnabled(m_valid && !m_note->text().trimmed().isEmpty());
    m_resubmit->setToolTip(m_note->text().trimmed().isEmpty() ? QStringLiteral("A note is required") : QString());
    m_dryRun->setEnabled(m_preview && m_valid);
}

void ResubmitDialog::updateDiff(const QByteArray& edited, bool validJson)
{
    // a valid edit is compared as it will be stored (keys sorted, pretty); an invalid one as typed
    const QString before = JsonDiff::pretty(m_message.targetPayload);
    const QString after = validJson ? JsonDiff::pretty(edited) : QString::fromUtf8(edited).trimmed();
    const auto diff = JsonDiff::lines(before.isEmpty() ? QStringList() : before.split(QLatin1Char('\n')),
        after.isEmpty() ? QStringList() : after.split(QLatin1Char('\n')));
    m_added = JsonDiff::count(diff, JsonDiff::Op::Added);
    m_removed = JsonDiff::count(diff, JsonDiff::Op::Removed);
    m_diffSummary->setText(m_added + m_removed == 0
            ? QStringLiteral("No change against the journaled payload")
            : QStringLiteral("+%1 −%2 line(s) against the journaled payload").arg(m_added).arg(m_removed));
    const bool dark = darkPalette(this);
    QTextBlockFormat same, added, removed;
    added.setBackground(dark ? QColor(0x1f, 0x4d, 0x2b) : QColor(0xe6, 0xff, 0xec));
    removed.setBackground(dark ? QColor(0x5c, 0x22, 0x26) : QColor(0xff, 0xeb, 0xe9));
    added.setProperty(QTextFormat::UserProperty, 1);
    removed.setProperty(QTextFormat::UserProperty, -1);
    m_diff->clear();
    QTextCursor c(m_diff->document());
    bool first = true;
    for (const auto& line : diff) {
        const QTextBlockFormat& f
            = line.op == JsonDiff::Op::Added ? added : (line.op == JsonDiff::Op::Removed ? removed : same);
        if (first)
            c.setBlockFormat(f);
        else
            c.insertBlock(f);
        first = false;
        const QChar mark = line.op == JsonDiff::Op::Added ? QLatin1Char('+')
            : line.op == JsonDiff::Op::Removed            ? QLatin1Char('-')
                                                          : QLatin1Char(' ');
        c.insertText(mark + QLatin1Char(' ') + line.text);
    }
}

void ResubmitDialog::submit()
{
    revalidate();
    if (!m_valid || !m_submit)
        return;
    const auto done = m_submit(editedPayload(), m_note->text().trimmed());
    if (!done) {
        m_validation->setText(QStringLiteral("Not resubmitted: %1").arg(done.error().summary()));
        return;
    }
    accept();
}

} // namespace Interlock::Ui

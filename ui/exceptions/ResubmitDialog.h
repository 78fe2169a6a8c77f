// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"
#include "models/domain/Result.h"

#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextEdit;

namespace Interlock::Ui {

/// Edit-and-resubmit of one message: a JSON editor on the pretty-printed target payload, a live
/// line diff of the journaled payload against the edit (added and removed lines coloured), the
/// validation of the edit, and a required note. Resubmit calls the submit function; on an error
/// the dialog stays open and shows it, so nothing typed is lost.
class ResubmitDialog : public QDialog
{
    Q_OBJECT
public:
    using Submit = std::function<Status(const QByteArray& payload, const QString& note)>;
    using Preview = std::function<void(const QByteArray& payload)>;

    ResubmitDialog(const Message& message, Submit submit, QWidget* parent = nullptr);
    /// Enables "Dry run…" for the edited payload.
    void setPreview(Preview preview);

    QByteArray editedPayload() const;
    bool isValid() const { return m_valid; }
    int addedLines() const { return m_added; }
    int removedLines() const { return m_removed; }

private:
    void revalidate();
    void updateDiff(const QByteArray& edited, bool validJson);
    void submit();

    Message m_message;
    Submit m_submit;
    Preview m_preview;
    QPlainTextEdit* m_editor = nullptr;
    QTextEdit* m_diff = nullptr;
    QLabel* m_diffSummary = nullptr;
    QLabel* m_validation = nullptr;
    QLineEdit* m_note = nullptr;
    QPushButton* m_resubmit = nullptr;
    QPushButton* m_dryRun = nullptr;
    bool m_valid = false;
    int m_added = 0;
    int m_removed = 0;
};

} // namespace Interlock::Ui

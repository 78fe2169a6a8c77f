// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Interlock::Ui {

/// Acknowledge one alert with a comment. "Acknowledge" runs the submit function; the dialog
/// closes only when it succeeds, and shows the service's refusal otherwise.
class AcknowledgeDialog : public QDialog
{
    Q_OBJECT
public:
    using Submit = std::function<Status(const QString& comment)>;
    AcknowledgeDialog(const Ops::Alert& alert, Submit submit, QWidget* parent = nullptr);

    QString comment() const;

private:
    void submit();
    Submit m_submit;
    QPlainTextEdit* m_comment = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/DryRunPlan.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Interlock::Ui {

/// Shows what the engine would send for one message (a DryRunPlan): the ordered HTTP calls,
/// secrets masked, with an optional "go ahead" button (replay from here).
class DryRunDialog : public QDialog
{
    Q_OBJECT
public:
    DryRunDialog(const Ops::DryRunPlan& plan, QWidget* parent = nullptr);

    /// Adds a button (e.g. "Replay now") that closes the dialog and runs `proceed`.
    void setProceed(const QString& label, std::function<void()> proceed);
    /// The plan as plain text, as shown.
    static QString describe(const Ops::DryRunPlan& plan);

private:
    QLabel* m_summary = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QPushButton* m_proceed = nullptr;
    std::function<void()> m_onProceed;
};

} // namespace Interlock::Ui

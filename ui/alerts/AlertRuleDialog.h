// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"

#include <QDialog>
#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace Interlock::Ui {

/// Adds or edits one alert rule: metric, plant and flow (or any), threshold in the metric's
/// unit as people think of it (minutes, percent, messages), enabled, and a note for the audit.
/// "Save" runs the submit function; the dialog closes only when the service accepted the rule.
class AlertRuleDialog : public QDialog
{
    Q_OBJECT
public:
    using Submit = std::function<Result<qint64>(const Ops::AlertRule& rule, const QString& note)>;
    AlertRuleDialog(const Ops::AlertRule& rule, const QStringList& plants, Submit submit, QWidget* parent = nullptr);

    /// The rule as entered; the threshold in the journal's unit (ms, percent, messages).
    Ops::AlertRule rule() const;

private:
    void metricChanged();
    void submit();
    Ops::AlertRule m_rule;
    Submit m_submit;
    QComboBox* m_metric = nullptr;
    QComboBox* m_plant = nullptr;
    QComboBox* m_flow = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QCheckBox* m_enabled = nullptr;
    QLineEdit* m_note = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace Interlock::Ui

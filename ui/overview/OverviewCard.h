// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/StatusReport.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace Interlock::Ui {

/// One plant × flow cell of the overview (or a totals cell): state counts, lag, throughput,
/// backlog age and drain estimate, breaker, tinted by health with the reasons spelled out.
/// Double-click or the "open" button asks to drill into the transactions of this cell.
class OverviewCard : public QFrame
{
    Q_OBJECT
public:
    OverviewCard(QString plant, QString flow, QWidget* parent = nullptr);

    const QString& plant() const { return m_plant; }
    const QString& flow() const { return m_flow; }
    Ops::Health health() const { return m_health; }

    /// `breakerText` is shown as is (totals show a summary over plants).
    void setReport(const Ops::CellReport& cell, const QString& breakerText);

Q_SIGNALS:
    void drillDown(const QString& plant, const QString& flow);

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    QLabel* stat(const QString& objectName, const QString& caption, QWidget* parent);
    void setStat(QLabel* label, qint64 value, const QColor& alertColor);

    QString m_plant;
    QString m_flow;
    Ops::Health m_health = Ops::Health::Healthy;
    QLabel* m_healthLabel = nullptr;
    QLabel* m_breaker = nullptr;
    QToolButton* m_open = nullptr;
    QLabel* m_posted = nullptr;
    QLabel* m_queued = nullptr;
    QLabel* m_retrying = nullptr;
    QLabel* m_blocked = nullptr;
    QLabel* m_stuck = nullptr;
    QLabel* m_lag = nullptr;
    QLabel* m_throughput = nullptr;
    QLabel* m_backlog = nullptr;
    QLabel* m_reasons = nullptr;
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"
#include "ui/common/ConsoleView.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

class QChartView;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QTableWidget;

namespace Interlock::Ui {

/// Cross-plant KPIs: a bar chart per plant and a line chart over time for the chosen KPI, the
/// per-plant table, CSV export of the table or the chart data and a PDF report. Reads
/// OperationsService::kpis() for the chosen range and plant: at once when the user changes the
/// range or plant (reload()), and at most every kAutoRefreshMs when the journal changes
/// (refresh()), so a busy journal does not keep the GUI thread in KPI queries.
class KpisView : public ConsoleView
{
    Q_OBJECT
public:
    explicit KpisView(Ops::OperationsService* service, QWidget* parent = nullptr);

    QString title() const override { return QStringLiteral("KPIs"); }
    void refresh() override; ///< throttled: journal changes arrive up to four times a second
    void reload(); ///< reads the KPIs now
    static constexpr qint64 kAutoRefreshMs = 10'000;

    /// Custom range (ms since the epoch) and refresh.
    void setRange(qint64 fromMs, qint64 toMs);
    const Ops::KpiReport& report() const { return m_report; }

    QStringList tableHeader() const;
    QList<QVariantList> tableRows() const; ///< raw values, one row per plant and "All plants"
    QStringList chartHeader() const;
    QList<QVariantList> chartRows() const; ///< the chosen KPI: per plant, then per bucket and plant
    bool exportTableCsv(const QString& path, QString& error);
    bool exportChartCsv(const QString& path, QString& error);
    bool exportPdf(const QString& path, QString& error);

Q_SIGNALS:
    void statusMessage(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    Ops::KpiQuery currentQuery() const;
    void rebuildCharts();
    void rebuildTable();
    void askAndExport(int what);

    QPointer<Ops::OperationsService> m_service;
    Ops::KpiReport m_report;
    QElapsedTimer m_sinceReload;
    QTimer m_pendingRefresh;
    QComboBox* m_range = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QComboBox* m_plant = nullptr;
    QComboBox* m_metric = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_notes = nullptr;
    QChartView* m_bar = nullptr;
    QChartView* m_line = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace Interlock::Ui

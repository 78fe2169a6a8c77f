// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"
#include "ui/common/ConsoleView.h"

#include <QMap>
#include <QPointer>

class QGridLayout;
class QLabel;

namespace Interlock::Ui {

class OverviewCard;

/// Plants × flows: one OverviewCard per cell plus a totals row, and an overall health banner.
/// It shows the StatusReport it is given (the main window reads it once per journal change).
class OverviewView : public ConsoleView
{
    Q_OBJECT
public:
    explicit OverviewView(Ops::OperationsService* service, QWidget* parent = nullptr);

    QString title() const override { return QStringLiteral("Overview"); }
    void refresh() override;
    void showReport(const Ops::StatusReport& report);

    OverviewCard* card(const QString& plant, const QString& flow) const;

Q_SIGNALS:
    void drillDown(const QString& plant, const QString& flow);

private:
    void rebuildGrid(const QStringList& plants);

    QPointer<Ops::OperationsService> m_service;
    QLabel* m_banner = nullptr;
    QLabel* m_updated = nullptr;
    QWidget* m_gridHost = nullptr;
    QGridLayout* m_grid = nullptr;
    QStringList m_plants;
    QMap<QPair<QString, QString>, OverviewCard*> m_cards; ///< (plant, flow); plant "" = totals
    QMap<QString, QLabel*> m_plantLabels;
};

} // namespace Interlock::Ui

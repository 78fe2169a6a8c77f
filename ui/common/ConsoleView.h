// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace Interlock::Ui {

/// One page of the console (Overview, Transactions, later Exceptions, Mappings, KPIs).
/// The main window lists every view in its navigation and calls refresh() when the journal
/// changed while the view is shown, or when it is shown again after a change.
class ConsoleView : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    ~ConsoleView() override = default;

    virtual QString title() const = 0;
    virtual void refresh() = 0;
};

} // namespace Interlock::Ui

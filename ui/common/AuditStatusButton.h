// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QToolButton>

namespace Interlock::Ops {
class OperationsService;
}

namespace Interlock::Ui {

/// "Verify audit trail" in the status bar: on a click it asks the operations service to walk the
/// keyed chain and shows the verdict on itself (the first bad entry and what is wrong in the tooltip).
class AuditStatusButton : public QToolButton
{
    Q_OBJECT
public:
    explicit AuditStatusButton(Ops::OperationsService* service, QWidget* parent = nullptr);
    /// Verifies now; returns the text shown.
    QString verify();

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    Ops::OperationsService* m_service;
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Interlock::Ui {

/// Asks for the ERP value of one unmapped CMMS value, for its plant or all plants, and says
/// how many blocked messages the mapping will release.
class MapValueDialog : public QDialog
{
    Q_OBJECT
public:
    MapValueDialog(Ops::OperationsService* service, const Ops::BlockingValue& value, QWidget* parent = nullptr);

    /// The mapping as entered (source and target values, domain, plant).
    Mapping mapping() const;
    QString note() const;

private:
    void update();

    QPointer<Ops::OperationsService> m_service;
    Ops::BlockingValue m_value;
    QComboBox* m_plant = nullptr;
    QLineEdit* m_target = nullptr;
    QLineEdit* m_note = nullptr;
    QLabel* m_releases = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mappings/MapValueDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Interlock::Ui {

MapValueDialog::MapValueDialog(Ops::OperationsService* service, const Ops::BlockingValue& value, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_value(value)
{
    setObjectName(QStringLiteral("mapValueDialog"));
    setWindowTitle(QStringLiteral("Map %1 value").arg(value.domain));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* domain = new QLabel(value.domain, this);
    domain->setTextFormat(Qt::PlainText);
    form->addRow(QStringLiteral("Domain"), domain);
    form->addRow(
        QStringLiteral("CMMS value"), new QLabel(QStringLiteral("<b>%1</b>").arg(value.value.toHtmlEscaped()), this));
    m_plant = new QComboBox(this);
    m_plant->setObjectName(QStringLiteral("mapPlant"));
    m_plant->addItem(QStringLiteral("Plant %1 only").arg(value.plant), value.plant);
    m_plant->addItem(QStringLiteral("All plants"), QString());
    form->addRow(QStringLiteral("Applies to"), m_plant);
    m_target = new QLineEdit(this);
    m_target->setObjectName(QStringLiteral("mapTargetValue"));
    m_target->setPlaceholderText(QStringLiteral("the value in the ERP"));
    form->addRow(QStringLiteral("ERP value"), m_target);
    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("mapNote"));
    m_note->setPlaceholderText(QStringLiteral("optional, goes into the audit trail"));
    form->addRow(QStringLiteral("Note"), m_note);
    layout->addLayout(form);
    m_releases = new QLabel(this);
    m_releases->setObjectName(QStringLiteral("mapReleases"));
    m_releases->setTextFormat(Qt::PlainText);
    layout->addWidget(m_releases);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_plant, &QComboBox::currentIndexChanged, this, &MapValueDialog::update);
    connect(m_target, &QLineEdit::textChanged, this, &MapValueDialog::update);
    update();
}

void MapValueDialog::update()
{
    m_save->setEnabled(!m_target->text().trimmed().isEmpty());
    const auto n = m_service ? m_service->blockedBy(m_value.domain, m_plant->currentData().toString(), m_value.value)
                             : Result<qint64>(0);
    m_releases->setText(n ? QStringLiteral("This will release %1 blocked message(s).").arg(*n)
                          : QStringLiteral("Cannot count the blocked messages: %1").arg(n.error().summary()));
}

Mapping MapValueDialog::mapping() const
{
    Mapping m;
    m.domain = m_value.domain;
    m.plant = m_plant->currentData().toString();
    m.sourceValue = m_value.value;
    m.targetValue = m_target->text().trimmed();
    return m;
}

QString MapValueDialog::note() const
{
    return m_note->text().trimmed();
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"
#include "ui/common/ConsoleView.h"

#include <QPointer>
#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace Interlock::Ui {

/// Top: the unmapped values that block messages, with "Map…" (map once, heal all).
/// Bottom: the cross-reference table, filtered by domain, with CSV export.
class MappingsView : public ConsoleView
{
    Q_OBJECT
public:
    /// What the person entered for one blocking value.
    struct MapRequest
    {
        Mapping mapping;
        QString note;
    };
    /// Asks for the ERP value of a blocking value; nullopt when the person cancels.
    using MappingProvider = std::function<std::optional<MapRequest>(const Ops::BlockingValue& value)>;

    MappingsView(Ops::OperationsService* service, Ops::Actor actor, QWidget* parent = nullptr);

    QString title() const override { return QStringLiteral("Mappings"); }
    void refresh() override;

    void setMappingProvider(MappingProvider provider) { m_askMapping = std::move(provider); }
    QList<Ops::BlockingValue> blockingValues() const { return m_blocking; }
    /// Selects the blocking row for (domain, plant, value); false when there is none.
    bool selectBlockingValue(const QString& domain, const QString& plant, const QString& value);
    /// "Map…" on the selected blocking value.
    void mapSelected();
    /// Writes the mapping rows shown (the domain filter applies) as CSV; false on failure.
    bool exportCsv(const QString& path);

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    bool mayMap() const;
    void showBlocking();
    void showMappings();
    void say(const QString& text);

    QPointer<Ops::OperationsService> m_service;
    Ops::Actor m_actor;
    MappingProvider m_askMapping;
    QList<Ops::BlockingValue> m_blocking;
    QList<Mapping> m_rows;
    QLabel* m_blockedSummary = nullptr;
    QTableWidget* m_blockingTable = nullptr;
    QPushButton* m_map = nullptr;
    QLabel* m_result = nullptr;
    QComboBox* m_domain = nullptr;
    QLabel* m_mappingCount = nullptr;
    QTableWidget* m_mappingTable = nullptr;
    QPushButton* m_export = nullptr;
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mappings/MappingsView.h"

#include "app/engine/MappingCsv.h"
#include "ui/common/Format.h"
#include "ui/mappings/MapValueDialog.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Interlock::Ui {

namespace {
enum BlockingColumn
{
    BDomain,
    BPlant,
    BValue,
    BCount,
    BColumns
};
enum MappingColumn
{
    MDomain,
    MPlant,
    MSource,
    MTarget,
    MBy,
    MAt,
    MColumns
};

QTableWidget* table(const QString& name, const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->setShowGrid(false);
    t->verticalHeader()->hide();
    t->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    t->verticalHeader()->setDefaultSectionSize(24);
    t->horizontalHeader()->setHighlightSections(false);
    t->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return t;
}

QTableWidgetItem* cell(const QString& text)
{
    auto* i = new QTableWidgetItem(text);
    i->setToolTip(text);
    return i;
}

QLabel* label(const QString& text, const char* role, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setProperty("role", QString::fromLatin1(role));
    return l;
}
} // namespace

MappingsView::MappingsView(Ops::OperationsService* service, Ops::Actor actor, QWidget* parent)
    : ConsoleView(parent)
    , m_service(service)
    , m_actor(std::move(actor))
{
    setObjectName(QStringLiteral("mappingsView"));
    m_askMapping = [this](const Ops::BlockingValue& value) -> std::optional<MapRequest> {
        MapValueDialog dialog(m_service, value, this);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return MapRequest { dialog.mapping(), dialog.note() };
    };

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 8);
    layout->setSpacing(8);
    auto* head = new QHBoxLayout;
    head->addWidget(label(QStringLiteral("Mappings"), "heading", this));
    head->addSpacing(12);
    m_blockedSummary = label(QString(), "muted", this);
    m_blockedSummary->setObjectName(QStringLiteral("blockedSummary"));
    m_blockedSummary->setTextFormat(Qt::PlainText);
    head->addWidget(m_blockedSummary);
    head->addStretch(1);
    layout->addLayout(head);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("mappingsSplitter"));
    split->setChildrenCollapsible(false);

    auto* top = new QWidget(split);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 8);
    auto* topHead = new QHBoxLayout;
    topHead->addWidget(label(QStringLiteral("Unmapped values that block messages"), "subheading", top));
    topHead->addStretch(1);
    m_result = new QLabel(top);
    m_result->setObjectName(QStringLiteral("mapResult"));
    m_result->setTextFormat(Qt::PlainText);
    topHead->addWidget(m_result);
    m_map = new QPushButton(QStringLiteral("Map…"), top);
    m_map->setObjectName(QStringLiteral("mapButton"));
    m_map->setToolTip(QStringLiteral("Enter the ERP value; the engine releases the blocked messages"));
    topHead->addWidget(m_map);
    topLayout->addLayout(topHead);
    m_blockingTable = table(QStringLiteral("blockingValues"),
        { QStringLiteral("Domain"), QStringLiteral("Plant"), QStringLiteral("CMMS value"),
            QStringLiteral("Blocked messages") },
        top);
    const int bw[] = { 160, 120, 260, 150 };
    for (int c = 0; c < BColumns; ++c)
        m_blockingTable->setColumnWidth(c, bw[c]);
    m_blockingTable->horizontalHeader()->setSectionResizeMode(BValue, QHeaderView::Stretch);
    topLayout->addWidget(m_blockingTable, 1);
    split->addWidget(top);

    auto* bottom = new QWidget(split);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    auto* bottomHead = new QHBoxLayout;
    bottomHead->addWidget(label(QStringLiteral("Cross-reference table"), "subheading", bottom));
    bottomHead->addSpacing(12);
    m_domain = new QComboBox(bottom);
    m_domain->setObjectName(QStringLiteral("mappingDomainFilter"));
    m_domain->setMinimumWidth(160);
    m_domain->addItem(QStringLiteral("All domains"), QString());
    for (const QString& d : { Domain::Plant, Domain::Equipment, Domain::Material, Domain::StorageLocation,
             Domain::CostCenter, Domain::WorkOrderStatus })
        m_domain->addItem(d, d);
    bottomHead->addWidget(m_domain);
    m_mappingCount = label(QString(), "muted", bottom);
    m_mappingCount->setObjectName(QStringLiteral("mappingCount"));
    bottomHead->addWidget(m_mappingCount);
    bottomHead->addStretch(1);
    m_export = new QPushButton(QStringLiteral("Export CSV…"), bottom);
    m_export->setObjectName(QStringLiteral("exportCsvButton"));
    bottomHead->addWidget(m_export);
    bottomLayout->addLayout(bottomHead);
    m_mappingTable = table(QStringLiteral("mappingTable"),
        { QStringLiteral("Domain"), QStringLiteral("Plant"), QStringLiteral("CMMS value"), QStringLiteral("ERP value"),
            QStringLiteral("Created by"), QStringLiteral("Created at") },
        bottom);
    const int mw[] = { 160, 120, 220, 220, 140, 150 };
    for (int c = 0; c < MColumns; ++c)
        m_mappingTable->setColumnWidth(c, mw[c]);
    m_mappingTable->horizontalHeader()->setStretchLastSection(true);
    bottomLayout->addWidget(m_mappingTable, 1);
    split->addWidget(bottom);
    split->setSizes({ 300, 460 });
    layout->addWidget(split, 1);

    connect(m_blockingTable, &QTableWidget::itemSelectionChanged, this,
        [this] { m_map->setEnabled(mayMap() && m_blockingTable->currentRow() >= 0); });
    connect(m_blockingTable, &QTableWidget::cellDoubleClicked, this, &MappingsView::mapSelected);
    connect(m_map, &QPushButton::clicked, this, &MappingsView::mapSelected);
    connect(m_domain, &QComboBox::currentIndexChanged, this, &MappingsView::showMappings);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export mappings"),
            QStringLiteral("mappings.csv"), QStringLiteral("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    m_map->setEnabled(false);
    if (!mayMap())
        m_map->setToolTip(QStringLiteral("Your role (%1) may not change mappings").arg(m_actor.role));
    refresh();
}

void MappingsView::refresh()
{
    showBlocking();
    showMappings();
}

void MappingsView::say(const QString& text)
{
    m_result->setText(text);
    Q_EMIT statusMessage(text);
}

void MappingsView::showBlocking()
{
    if (!m_service)
        return;
    auto values = m_service->blockingValues();
    if (!values) {
        m_blockedSummary->setText(QStringLiteral("cannot read the journal: %1").arg(values.error().summary()));
        return;
    }
    // keep the selected row across a live refresh
    const int row = m_blockingTable->currentRow();
    const auto keep = row >= 0 && row < m_blocking.size() ? std::optional(m_blocking.at(row)) : std::nullopt;
    m_blocking = *values;
    qint64 total = 0;
    for (const auto& v : std::as_const(m_blocking))
        total += v.blocked;
    m_blockedSummary->setText(m_blocking.isEmpty() ? QStringLiteral("no message is blocked by a missing mapping")
                                                   : QStringLiteral("%1 unmapped value(s) block %2 message(s)")
                                                         .arg(m_blocking.size())
                                                         .arg(Format::number(total)));
    m_blockingTable->blockSignals(true);
    m_blockingTable->clearSelection();
    m_blockingTable->setRowCount(static_cast<int>(m_blocking.size()));
    int keepRow = -1;
    for (int r = 0; r < m_blocking.size(); ++r) {
        const auto& v = m_blocking.at(r);
        m_blockingTable->setItem(r, BDomain, cell(v.domain));
        m_blockingTable->setItem(r, BPlant, cell(v.plant));
        auto* value = cell(v.value);
        QFont bold = value->font();
        bold.setBold(true);
        value->setFont(bold);
        m_blockingTable->setItem(r, BValue, value);
        auto* count = cell(Format::number(v.blocked));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_blockingTable->setItem(r, BCount, count);
        if (keep && keep->domain == v.domain && keep->plant == v.plant && keep->value == v.value)
            keepRow = r;
    }
    if (keepRow >= 0)
        m_blockingTable->selectRow(keepRow);
    else
        m_blockingTable->setCurrentCell(-1, -1);
    m_blockingTable->blockSignals(false);
    m_map->setEnabled(mayMap() && keepRow >= 0);
}

void MappingsView::showMappings()
{
    if (!m_service)
        return;
    auto rows = m_service->mappings(m_domain->currentData().toString());
    if (!rows) {
        m_mappingCount->setText(QStringLiteral("cannot read mappings: %1").arg(rows.error().summary()));
        return;
    }
    m_rows = *rows;
    m_mappingCount->setText(QStringLiteral("%1 mapping(s)").arg(Format::number(m_rows.size())));
    m_mappingTable->setRowCount(static_cast<int>(m_rows.size()));
    for (int r = 0; r < m_rows.size(); ++r) {
        const Mapping& m = m_rows.at(r);
        m_mappingTable->setItem(r, MDomain, cell(m.domain));
        m_mappingTable->setItem(r, MPlant, cell(m.plant.isEmpty() ? QStringLiteral("all plants") : m.plant));
        m_mappingTable->setItem(r, MSource, cell(m.sourceValue));
        m_mappingTable->setItem(r, MTarget, cell(m.targetValue));
        m_mappingTable->setItem(r, MBy, cell(m.createdBy));
        m_mappingTable->setItem(r, MAt, cell(m.createdAt > 0 ? Format::timestamp(m.createdAt) : QString()));
    }
    m_export->setEnabled(!m_rows.isEmpty());
}

bool MappingsView::selectBlockingValue(const QString& domain, const QString& plant, const QString& value)
{
    for (int r = 0; r < m_blocking.size(); ++r) {
        const auto& v = m_blocking.at(r);
        if (v.domain == domain && v.plant == plant && v.value == value) {
            m_blockingTable->selectRow(r);
            return true;
        }
    }
    return false;
}

void MappingsView::mapSelected()
{
    const int row = m_blockingTable->currentRow();
    if (!m_service || row < 0 || row >= m_blocking.size())
        return;
    const Ops::BlockingValue value = m_blocking.at(row);
    const auto request = m_askMapping(value);
    if (!request)
        return;
    const auto released = m_service->putMapping(m_actor, request->mapping, request->note);
    if (!released) {
        say(QStringLiteral("Mapping not saved: %1").arg(released.error().summary()));
        return;
    }
    say(QStringLiteral("Mapped %1 %2 → %3: %4 message(s) will be released")
            .arg(value.domain, value.value, request->mapping.targetValue)
            .arg(*released));
    refresh();
}

bool MappingsView::exportCsv(const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(Engine::MappingCsv::write(m_rows)) < 0 || !file.commit()) {
        say(QStringLiteral("Export failed: %1").arg(file.errorString()));
        return false;
    }
    say(QStringLiteral("Exported %1 mapping(s) to %2").arg(m_rows.size()).arg(path));
    return true;
}

bool MappingsView::mayMap() const
{
    return m_service && m_service->isAllowed(m_actor, Ops::Action::PutMapping);
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/transactions/TransactionsView.h"

#include "ui/common/Format.h"
#include "ui/transactions/MessageDetailPane.h"
#include "ui/transactions/TransactionTableModel.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMetaEnum>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Interlock::Ui {

namespace {
QComboBox* combo(const QString& objectName, QWidget* parent, int minWidth)
{
    auto* c = new QComboBox(parent);
    c->setObjectName(objectName);
    c->setMinimumWidth(minWidth);
    c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return c;
}

const QString kSavedFiltersKey = QStringLiteral("transactions/savedFilters");
// the version suffix changes with the columns: an older layout is not restored onto new columns
const QString kHeaderKey = QStringLiteral("transactions/headerState.v2");

QString joinStates(const QList<MessageState>& states)
{
    QStringList names;
    for (MessageState s : states)
        names << stateName(s);
    return names.join(QLatin1Char(','));
}
} // namespace

TransactionsView::TransactionsView(Ops::OperationsService* service, Ops::Actor actor, QWidget* parent)
    : ConsoleView(parent)
    , m_service(service)
    , m_actor(std::move(actor))
{
    setObjectName(QStringLiteral("transactionsView"));
    m_askNote = [this](const QString& title, const QString& prompt) -> std::optional<QString> {
        bool ok = false;
        const QString note = QInputDialog::getMultiLineText(this, title, prompt, QString(), &ok);
        if (!ok)
            return std::nullopt;
        return note;
    };
    m_model = new TransactionTableModel(service, this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 8);
    layout->setSpacing(8);

    // heading + count
    auto* head = new QHBoxLayout;
    auto* title = new QLabel(QStringLiteral("Transactions"), this);
    title->setProperty("role", QStringLiteral("heading"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("messageCount"));
    m_count->setProperty("role", QStringLiteral("muted"));
    head->addWidget(title);
    head->addSpacing(12);
    head->addWidget(m_count);
    head->addStretch(1);
    layout->addLayout(head);

    // filters
    auto* filters = new QHBoxLayout;
    filters->setSpacing(8);
    m_plant = combo(QStringLiteral("plantFilter"), this, 120);
    m_plant->addItem(QStringLiteral("All plants"), QString());
    if (service)
        for (const QString& p : service->plants())
            m_plant->addItem(p, p);
    m_flow = combo(QStringLiteral("flowFilter"), this, 150);
    m_flow->addItem(QStringLiteral("All flows"), QString());
    for (const QString& f : { Flow::WorkOrder, Flow::PartsConsumption })
        m_flow->addItem(Format::flowLabel(f), f);
    m_state = combo(QStringLiteral("stateFilter"), this, 170);
    m_state->addItem(QStringLiteral("All states"), QString());
    m_state->addItem(QStringLiteral("Needs attention"),
        joinStates({ MessageState::Retrying, MessageState::Blocked, MessageState::Stuck }));
    m_state->addItem(QStringLiteral("Open (not final)"),
        joinStates({ MessageState::Received, MessageState::Ready, MessageState::InFlight, MessageState::Retrying,
            MessageState::Blocked, MessageState::Stuck }));
    m_state->insertSeparator(m_state->count());
    for (MessageState s : allStates())
        m_state->addItem(Format::stateLabel(s), stateName(s));
    m_errorClass = combo(QStringLiteral("errorClassFilter"), this, 140);
    m_errorClass->addItem(QStringLiteral("Any error class"), QString());
    const QMetaEnum classes = QMetaEnum::fromType<ErrorClass>();
    for (int i = 0; i < classes.keyCount(); ++i)
        if (static_cast<ErrorClass>(classes.value(i)) != ErrorClass::None)
            m_errorClass->addItem(QString::fromLatin1(classes.key(i)), QString::fromLatin1(classes.key(i)));
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("textFilter"));
    m_text->setPlaceholderText(QStringLiteral("Business key, idempotency key or target ref…"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(260);
    m_text->setToolTip(QStringLiteral("Found literally (Ctrl+F)"));
    m_time = combo(QStringLiteral("timeFilter"), this, 120);
    m_time->addItem(QStringLiteral("Any time"), QVariant::fromValue(TimeRange::Any));
    m_time->addItem(QStringLiteral("Last hour"), QVariant::fromValue(TimeRange::LastHour));
    m_time->addItem(QStringLiteral("Last 24 hours"), QVariant::fromValue(TimeRange::Last24Hours));
    m_time->addItem(QStringLiteral("Last 7 days"), QVariant::fromValue(TimeRange::Last7Days));
    m_time->addItem(QStringLiteral("Custom…"), QVariant::fromValue(TimeRange::Custom));
    m_time->setToolTip(QStringLiteral("When the message was received"));
    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addDays(-1), this);
    m_from->setObjectName(QStringLiteral("timeFrom"));
    m_to = new QDateTimeEdit(now, this);
    m_to->setObjectName(QStringLiteral("timeTo"));
    for (QDateTimeEdit* e : { m_from, m_to }) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->hide();
    }
    auto* clear = new QPushButton(QStringLiteral("Clear filters"), this);
    clear->setObjectName(QStringLiteral("clearFilters"));
    for (QWidget* w : std::initializer_list<QWidget*> { m_plant, m_flow, m_state, m_errorClass })
        filters->addWidget(w);
    filters->addWidget(m_text, 1);
    layout->addLayout(filters);

    // time range and saved filters on a second row, so the view fits a 1280-pixel-wide screen
    auto* saved = new QHBoxLayout;
    saved->setSpacing(8);
    for (QWidget* w : std::initializer_list<QWidget*> { m_time, m_from, m_to })
        saved->addWidget(w);
    saved->addSpacing(16);
    m_saved = combo(QStringLiteral("savedFilters"), this, 180);
    m_saveFilter = new QPushButton(QStringLiteral("Save filter…"), this);
    m_saveFilter->setObjectName(QStringLiteral("saveFilter"));
    m_deleteFilter = new QPushButton(QStringLiteral("Delete"), this);
    m_deleteFilter->setObjectName(QStringLiteral("deleteFilter"));
    saved->addWidget(m_saved);
    saved->addWidget(m_saveFilter);
    saved->addWidget(m_deleteFilter);
    saved->addStretch(1);
    saved->addWidget(clear);
    layout->addLayout(saved);
    reloadSavedFilters();

    // new rows bar + actions
    auto* actions = new QHBoxLayout;
    m_newRowsBar = new QFrame(this);
    m_newRowsBar->setObjectName(QStringLiteral("newRowsBar"));
    auto* barLayout = new QHBoxLayout(m_newRowsBar);
    barLayout->setContentsMargins(6, 1, 6, 1);
    m_newRowsButton = new QPushButton(m_newRowsBar);
    m_newRowsButton->setObjectName(QStringLiteral("newRowsButton"));
    m_newRowsButton->setFlat(true);
    m_newRowsButton->setCursor(Qt::PointingHandCursor);
    barLayout->addWidget(m_newRowsButton);
    m_newRowsBar->hide();
    actions->addWidget(m_newRowsBar);
    actions->addStretch(1);
    m_selection = new QLabel(this);
    m_selection->setObjectName(QStringLiteral("selectionLabel"));
    m_selection->setProperty("role", QStringLiteral("muted"));
    m_replay = new QPushButton(QStringLiteral("Replay"), this);
    m_replay->setObjectName(QStringLiteral("replayButton"));
    m_replay->setToolTip(QStringLiteral("Post again (stuck, retrying): the engine looks the document up first"));
    m_resolve = new QPushButton(QStringLiteral("Resolve…"), this);
    m_resolve->setObjectName(QStringLiteral("resolveButton"));
    m_resolve->setToolTip(QStringLiteral("Close as handled outside Interlock, with a note"));
    m_cancel = new QPushButton(QStringLiteral("Cancel message…"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(QStringLiteral("Withdraw: it will never be posted, with a note"));
    actions->addWidget(m_selection);
    actions->addWidget(m_replay);
    actions->addWidget(m_resolve);
    actions->addWidget(m_cancel);
    layout->addLayout(actions);

    // table over detail
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("transactionsSplitter"));
    split->setChildrenCollapsible(false);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("transactionTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    auto* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int widths[] = { 64, 136, 136, 136, 76, 118, 86, 120, 76, 36, 96, 220, 136, 70 };
    static_assert(std::size(widths) == TransactionTableModel::ColumnCount);
    for (int c = 0; c < TransactionTableModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c]);
    // event time and last change are there to sort by; shown on demand (header menu)
    m_table->setColumnHidden(TransactionTableModel::UpdatedColumn, true);
    header->setSectionResizeMode(TransactionTableModel::ErrorTextColumn, QHeaderView::Stretch);
    header->setSectionsMovable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(TransactionTableModel::IdColumn, Qt::DescendingOrder);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    restoreHeaderState();
    m_table->setSortingEnabled(true);
    split->addWidget(m_table);
    m_detail = new MessageDetailPane(split);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 3);
    split->setSizes({ 380, 400 });
    layout->addWidget(split, 1);

    // wiring
    m_textDebounce = new QTimer(this);
    m_textDebounce->setSingleShot(true);
    m_textDebounce->setInterval(350);
    connect(m_textDebounce, &QTimer::timeout, this, &TransactionsView::applyFilter);
    connect(m_text, &QLineEdit::textChanged, m_textDebounce, qOverload<>(&QTimer::start));
    connect(m_text, &QLineEdit::returnPressed, this, &TransactionsView::applyFilter);
    for (QComboBox* c : { m_plant, m_flow, m_state, m_errorClass })
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_applyingFilter)
                applyFilter();
        });
    connect(clear, &QPushButton::clicked, this, [this] {
        m_time->blockSignals(true);
        m_time->setCurrentIndex(0);
        m_time->blockSignals(false);
        m_from->hide();
        m_to->hide();
        showFilter({});
    });
    connect(m_time, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = timeRange() == TimeRange::Custom;
        m_from->setVisible(custom);
        m_to->setVisible(custom);
        if (!m_applyingFilter)
            applyFilter();
    });
    for (QDateTimeEdit* e : { m_from, m_to })
        connect(e, &QDateTimeEdit::editingFinished, this, [this] {
            if (!m_applyingFilter && timeRange() == TimeRange::Custom)
                applyFilter();
        });
    connect(m_saveFilter, &QPushButton::clicked, this, &TransactionsView::saveFilterAsked);
    connect(m_deleteFilter, &QPushButton::clicked, this, [this] {
        if (m_saved->currentIndex() > 0)
            deleteSavedFilter(m_saved->currentText());
    });
    connect(m_saved, &QComboBox::activated, this, [this](int i) {
        if (i > 0)
            applySavedFilter(m_saved->itemText(i));
    });
    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_text->setFocus(Qt::ShortcutFocusReason);
        m_text->selectAll();
    });
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column, Qt::SortOrder) {
        if (!TransactionTableModel::isSortable(column)) {
            // not a sortable column: the indicator goes back to the order the rows are in
            QSignalBlocker block(header);
            header->setSortIndicator(TransactionTableModel::sortColumn(m_model->sortKey()),
                m_model->sortDescending() ? Qt::DescendingOrder : Qt::AscendingOrder);
        }
        saveHeaderState();
    });
    connect(header, &QHeaderView::sectionResized, this, [this] { saveHeaderState(); });
    connect(header, &QHeaderView::sectionMoved, this, [this] { saveHeaderState(); });
    connect(header, &QHeaderView::customContextMenuRequested, this, &TransactionsView::showColumnMenu);
    connect(m_newRowsButton, &QPushButton::clicked, this, [this] {
        m_model->showNewRows();
        m_table->scrollToTop();
    });
    connect(m_model, &TransactionTableModel::pendingNewRowsChanged, this, &TransactionsView::updateNewRowsBar);
    // the count comes from a background scan: until then, what is known for sure
    auto showCount = [this] {
        const qint64 n = m_model->totalCount();
        m_count->setText(n >= 0 ? QStringLiteral("%1 messages").arg(Format::number(n))
                                : QStringLiteral("≥ %1 messages (counting…)").arg(Format::number(m_model->rowCount())));
    };
    connect(m_model, &TransactionTableModel::totalCountChanged, this, showCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, showCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, showCount);
    connect(m_model, &TransactionTableModel::loadFailed, this,
        [this](const QString& why) { Q_EMIT statusMessage(QStringLiteral("Loading messages failed: %1").arg(why)); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_detail->showNothing();
        updateActions();
    });
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { showCurrentDetail(true); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TransactionsView::updateActions);
    connect(m_replay, &QPushButton::clicked, this, &TransactionsView::replaySelected);
    connect(m_resolve, &QPushButton::clicked, this, &TransactionsView::resolveSelected);
    connect(m_cancel, &QPushButton::clicked, this, &TransactionsView::cancelSelected);

    applyFilter();
}

Journal::MessageFilter TransactionsView::currentFilter() const
{
    Journal::MessageFilter f;
    f.plant = m_plant->currentData().toString();
    f.flow = m_flow->currentData().toString();
    for (const QString& name : m_state->currentData().toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const MessageState s = stateFromName(name, &ok);
        if (ok)
            f.states << s;
    }
    f.errorClass = m_errorClass->currentData().toString();
    f.text = m_text->text().trimmed();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    switch (timeRange()) {
    case TimeRange::Any:
        break;
    case TimeRange::LastHour:
        f.fromMs = now - 3'600'000;
        break;
    case TimeRange::Last24Hours:
        f.fromMs = now - 24 * 3'600'000LL;
        break;
    case TimeRange::Last7Days:
        f.fromMs = now - 7 * 24 * 3'600'000LL;
        break;
    case TimeRange::Custom:
        f.fromMs = m_from->dateTime().toMSecsSinceEpoch();
        f.toMs = m_to->dateTime().toMSecsSinceEpoch();
        break;
    }
    return f;
}

TransactionsView::TimeRange TransactionsView::timeRange() const
{
    return m_time->currentData().value<TimeRange>();
}

void TransactionsView::setTimeRange(TimeRange range, qint64 fromMs, qint64 toMs)
{
    m_applyingFilter = true;
    m_time->setCurrentIndex(std::max(0, m_time->findData(QVariant::fromValue(range))));
    if (range == TimeRange::Custom) {
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(fromMs));
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(toMs));
    }
    m_applyingFilter = false;
    applyFilter();
}

QStringList TransactionsView::savedFilterNames() const
{
    QStringList names;
    const QJsonObject all = QJsonDocument::fromJson(QSettings().value(kSavedFiltersKey).toByteArray()).object();
    for (auto it = all.begin(); it != all.end(); ++it)
        names << it.key();
    names.sort(Qt::CaseInsensitive);
    return names;
}

void TransactionsView::saveFilter(const QString& name)
{
    const QString key = name.trimmed();
    if (key.isEmpty())
        return;
    const Journal::MessageFilter f = currentFilter();
    QJsonArray states;
    for (MessageState st : f.states)
        states << stateName(st);
    QJsonObject o { { QStringLiteral("plant"), f.plant }, { QStringLiteral("flow"), f.flow },
        { QStringLiteral("states"), states }, { QStringLiteral("errorClass"), f.errorClass },
        { QStringLiteral("text"), f.text },
        { QStringLiteral("time"),
            QString::fromLatin1(QMetaEnum::fromType<TimeRange>().valueToKey(static_cast<int>(timeRange()))) } };
    if (timeRange() == TimeRange::Custom) {
        o.insert(QStringLiteral("from"), QString::number(f.fromMs));
        o.insert(QStringLiteral("to"), QString::number(f.toMs));
    }
    QSettings settings;
    QJsonObject all = QJsonDocument::fromJson(settings.value(kSavedFiltersKey).toByteArray()).object();
    all.insert(key, o);
    settings.setValue(kSavedFiltersKey, QJsonDocument(all).toJson(QJsonDocument::Compact));
    reloadSavedFilters();
    m_saved->setCurrentIndex(std::max(0, m_saved->findText(key)));
    Q_EMIT statusMessage(QStringLiteral("Filter \u201c%1\u201d saved").arg(key));
}

bool TransactionsView::applySavedFilter(const QString& name)
{
    const QJsonObject all = QJsonDocument::fromJson(QSettings().value(kSavedFiltersKey).toByteArray()).object();
    if (!all.contains(name))
        return false;
    const QJsonObject o = all.value(name).toObject();
    Journal::MessageFilter f;
    f.plant = o.value(QLatin1String("plant")).toString();
    f.flow = o.value(QLatin1String("flow")).toString();
    for (const QJsonValue& v : o.value(QLatin1String("states")).toArray()) {
        bool ok = false;
        const MessageState st = stateFromName(v.toString(), &ok);
        if (ok)
            f.states << st;
    }
    f.errorClass = o.value(QLatin1String("errorClass")).toString();
    f.text = o.value(QLatin1String("text")).toString();
    bool ok = false;
    const int range = QMetaEnum::fromType<TimeRange>().keyToValue(
        o.value(QLatin1String("time")).toString().toLatin1().constData(), &ok);
    m_applyingFilter = true;
    const TimeRange saved = ok ? static_cast<TimeRange>(range) : TimeRange::Any;
    m_time->setCurrentIndex(std::max(0, m_time->findData(QVariant::fromValue(saved))));
    if (ok && static_cast<TimeRange>(range) == TimeRange::Custom) {
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(o.value(QLatin1String("from")).toString().toLongLong()));
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(o.value(QLatin1String("to")).toString().toLongLong()));
    }
    m_applyingFilter = false;
    showFilter(f);
    m_saved->setCurrentIndex(std::max(0, m_saved->findText(name)));
    return true;
}

void TransactionsView::deleteSavedFilter(const QString& name)
{
    QSettings settings;
    QJsonObject all = QJsonDocument::fromJson(settings.value(kSavedFiltersKey).toByteArray()).object();
    all.remove(name);
    settings.setValue(kSavedFiltersKey, QJsonDocument(all).toJson(QJsonDocument::Compact));
    reloadSavedFilters();
}

void TransactionsView::reloadSavedFilters()
{
    const QStringList names = savedFilterNames();
    QSignalBlocker block(m_saved);
    m_saved->clear();
    m_saved->addItem(names.isEmpty() ? QStringLiteral("No saved filters") : QStringLiteral("Saved filters…"));
    m_saved->addItems(names);
    m_deleteFilter->setEnabled(!names.isEmpty());
}

void TransactionsView::saveFilterAsked()
{
    bool ok = false;
    const QString current = m_saved->currentIndex() > 0 ? m_saved->currentText() : QString();
    const QString name = QInputDialog::getText(
        this, QStringLiteral("Save filter"), QStringLiteral("Name of this filter:"), QLineEdit::Normal, current, &ok);
    if (ok && !name.trimmed().isEmpty())
        saveFilter(name);
}

void TransactionsView::saveHeaderState() const
{
    QSettings().setValue(kHeaderKey, m_table->horizontalHeader()->saveState());
}

void TransactionsView::restoreHeaderState()
{
    auto* header = m_table->horizontalHeader();
    const QByteArray state = QSettings().value(kHeaderKey).toByteArray();
    if (state.isEmpty() || !header->restoreState(state))
        return;
    // the saved sort is the model's too
    if (TransactionTableModel::isSortable(header->sortIndicatorSection()))
        m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    else
        header->setSortIndicator(TransactionTableModel::IdColumn, Qt::DescendingOrder);
}

void TransactionsView::showColumnMenu(const QPoint& pos)
{
    QMenu menu(this);
    for (int c = 0; c < TransactionTableModel::ColumnCount; ++c) {
        QAction* a = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!m_table->isColumnHidden(c));
        a->setEnabled(c != TransactionTableModel::IdColumn);
        connect(a, &QAction::toggled, this, [this, c](bool on) {
            m_table->setColumnHidden(c, !on);
            saveHeaderState();
        });
    }
    menu.exec(m_table->horizontalHeader()->mapToGlobal(pos));
}

void TransactionsView::showFilter(const Journal::MessageFilter& filter)
{
    m_applyingFilter = true;
    auto select = [](QComboBox* c, const QString& value, const QString& label) {
        int i = c->findData(value);
        if (i < 0 && !value.isEmpty()) {
            c->addItem(label, value); // a plant, class or state set this console did not list yet
            i = c->count() - 1;
        }
        c->setCurrentIndex(std::max(i, 0));
    };
    QStringList stateLabels;
    for (MessageState s : filter.states)
        stateLabels << Format::stateLabel(s);
    select(m_plant, filter.plant, filter.plant);
    select(m_flow, filter.flow, Format::flowLabel(filter.flow));
    select(m_state, joinStates(filter.states), stateLabels.join(QStringLiteral(" + ")));
    select(m_errorClass, filter.errorClass, filter.errorClass);
    m_text->blockSignals(true);
    m_text->setText(filter.text);
    m_text->blockSignals(false);
    m_applyingFilter = false;
    applyFilter();
}

void TransactionsView::applyFilter()
{
    m_textDebounce->stop();
    m_model->setFilter(currentFilter());
    m_detailStamp = 0;
    m_detailAttempts = -1;
    updateNewRowsBar();
    updateActions();
}

void TransactionsView::refresh()
{
    const int first = std::max(0, m_table->rowAt(0));
    int last = m_table->rowAt(m_table->viewport()->height() - 1);
    if (last < 0)
        last = m_model->rowCount() - 1;
    m_model->journalChanged(first, last);
    // live tail: at the top with nothing selected, new rows just appear
    if (m_model->pendingNewRows() > 0 && m_table->verticalScrollBar()->value() == 0
        && !m_table->selectionModel()->hasSelection())
        m_model->showNewRows();
    showCurrentDetail(false);
}

void TransactionsView::updateNewRowsBar()
{
    const int n = m_model->pendingNewRows();
    if (n <= 0) {
        m_newRowsBar->hide();
        return;
    }
    m_newRowsButton->setText(
        QStringLiteral("▲ %1%2 new message%3 — click to show")
            .arg(QString::number(n), m_model->pendingNewRowsCapped() ? QStringLiteral("+") : QString(),
                n == 1 ? QString() : QStringLiteral("s")));
    m_newRowsBar->show();
}

void TransactionsView::showCurrentDetail(bool force)
{
    if (!m_service)
        return;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const qint64 id = current.isValid() ? m_model->messageId(current.row()) : 0;
    if (id == 0) {
        if (force)
            m_detail->showNothing();
        return;
    }
    if (!force && id != m_detail->messageId())
        return;
    auto detail = m_service->detail(id);
    if (!detail) {
        m_detail->showNothing(QStringLiteral("Cannot read message %1: %2").arg(id).arg(detail.error().summary()));
        return;
    }
    // live refresh: only when the message moved on, so scroll positions in the pane survive
    if (!force && detail->message.updatedAt == m_detailStamp && detail->attempts.size() == m_detailAttempts)
        return;
    m_detailStamp = detail->message.updatedAt;
    m_detailAttempts = static_cast<int>(detail->attempts.size());
    m_detail->showDetail(*detail);
}

bool TransactionsView::selectInterestingMessage()
{
    int best = -1;
    int bestScore = -1;
    // among the rows already loaded: asking for the others would page through the whole journal
    for (int r = 0; r < m_model->rowCount() && m_model->isRowLoaded(r); ++r) {
        const auto state = static_cast<MessageState>(
            m_model->index(r, TransactionTableModel::StateColumn).data(TransactionTableModel::RawValueRole).toInt());
        const int attempts = m_model->index(r, TransactionTableModel::AttemptsColumn)
                                 .data(TransactionTableModel::RawValueRole)
                                 .toInt();
        int score = 0; // a failed message with attempts, then one posted after retries, then any attempt
        if (attempts > 0)
            score = state == MessageState::Posted ? (attempts > 1 ? 2 : 1) : 3;
        if (score > bestScore) {
            best = r;
            bestScore = score;
        }
        if (score == 3)
            break;
    }
    if (best < 0)
        return false;
    m_table->selectRow(best);
    m_table->scrollTo(m_model->index(best, 0), QAbstractItemView::PositionAtCenter);
    return true;
}

bool TransactionsView::selectMessage(qint64 id)
{
    const int row = m_model->rowOfMessage(id);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtCenter);
    return true;
}

QList<qint64> TransactionsView::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows())
        if (const qint64 id = m_model->messageId(i.row()))
            ids << id;
    std::sort(ids.begin(), ids.end());
    return ids;
}

void TransactionsView::updateActions()
{
    const qsizetype n = m_table->selectionModel()->selectedRows().size();
    m_selection->setText(
        n == 0 ? QStringLiteral("Select messages to act on them") : QStringLiteral("%1 selected").arg(n));
    // what the role may not do is disabled here too (the service refuses it anyway)
    const std::pair<QPushButton*, Ops::Action> buttons[]
        = { { m_replay, Ops::Action::Replay }, { m_resolve, Ops::Action::Resolve }, { m_cancel, Ops::Action::Cancel } };
    for (const auto& [b, action] : buttons)
        b->setEnabled(n > 0 && m_service && m_service->isAllowed(m_actor, action));
}

void TransactionsView::runAction(const QString& verb, const QString& done,
    const std::function<Result<int>(const QList<qint64>&, const QString&)>& call, bool needsNote)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_service)
        return;
    QString note;
    if (needsNote) {
        const auto answer = m_askNote(QStringLiteral("%1 %2 message(s)").arg(verb).arg(ids.size()),
            QStringLiteral("Why? The note goes into the audit trail (required):"));
        if (!answer)
            return;
        note = answer->trimmed();
        if (note.isEmpty()) {
            Q_EMIT statusMessage(QStringLiteral("%1: a note is required; nothing changed").arg(verb));
            return;
        }
    } else {
        note = QStringLiteral("replayed from the console");
    }
    const auto result = call(ids, note);
    if (!result && result.error().code == QLatin1String("APPROVAL_PENDING")) {
        const QString text = QStringLiteral("Sent for approval: %1").arg(result.error().message);
        Q_EMIT statusMessage(text);
        QMessageBox::information(this, QStringLiteral("%1 needs approval").arg(verb), text);
        return;
    }
    if (!result) {
        const QString text = QStringLiteral("%1 failed: %2").arg(verb, result.error().summary());
        Q_EMIT statusMessage(text);
        QMessageBox::warning(this, QStringLiteral("%1 failed").arg(verb), text);
        return;
    }
    QString text = QStringLiteral("%1 %2 of %3 message(s)").arg(done).arg(*result).arg(ids.size());
    if (*result < ids.size())
        text += QStringLiteral(" (the others are in a state that does not allow it)");
    Q_EMIT statusMessage(text);
    // the acted-on rows may have left the filter; show their new state where they are
    QList<Message> changed;
    for (qint64 id : ids.mid(0, 200))
        if (auto d = m_service->detail(id))
            changed << d->message;
    m_model->updateMessages(changed);
    m_detailStamp = 0;
    refresh();
    showCurrentDetail(true);
}

void TransactionsView::replaySelected()
{
    runAction(
        QStringLiteral("Replay"), QStringLiteral("Replayed"),
        [this](const QList<qint64>& ids, const QString& note) { return m_service->replay(m_actor, ids, note); }, false);
}

void TransactionsView::resolveSelected()
{
    runAction(
        QStringLiteral("Resolve"), QStringLiteral("Resolved"),
        [this](const QList<qint64>& ids, const QString& note) { return m_service->resolve(m_actor, ids, note); }, true);
}

void TransactionsView::cancelSelected()
{
    runAction(
        QStringLiteral("Cancel"), QStringLiteral("Cancelled"),
        [this](const QList<qint64>& ids, const QString& note) { return m_service->cancel(m_actor, ids, note); }, true);
}

} // namespace Interlock::Ui

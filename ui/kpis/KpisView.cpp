// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/kpis/KpisView.h"

#include "ui/common/Format.h"
#include "ui/kpis/KpiCsv.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>
#include <limits>

namespace Interlock::Ui {

namespace {
constexpr double kNa = std::numeric_limits<double>::quiet_NaN();

/// One KPI as the charts show it: label, unit, and its value in that unit (NaN: not available).
struct Metric
{
    const char* label;
    const char* unit;
    double (*value)(const Ops::KpiFigures&);
    bool overTime; ///< has a time series (snapshots and exception times do not)
};

double msTo(qint64 ms, double unit)
{
    return ms < 0 ? kNa : static_cast<double>(ms) / unit;
}

double ratePercent(double r)
{
    return r < 0 ? kNa : r * 100.0;
}

const QList<Metric>& metrics()
{
    static const QList<Metric> m {
        { "Lag p50", "s", [](const Ops::KpiFigures& f) { return msTo(f.lagP50Ms, 1000.0); }, true },
        { "Lag p95", "s", [](const Ops::KpiFigures& f) { return msTo(f.lagP95Ms, 1000.0); }, true },
        { "Throughput", "posted/h", [](const Ops::KpiFigures& f) { return f.throughputPerHour; }, true },
        { "Failure rate", "% of attempts", [](const Ops::KpiFigures& f) { return ratePercent(f.failureRate); }, true },
        { "First-pass rate", "% of posted", [](const Ops::KpiFigures& f) { return ratePercent(f.firstPassRate); },
            true },
        { "Manual touches", "touches", [](const Ops::KpiFigures& f) { return static_cast<double>(f.manualTouches); },
            true },
        { "Time to resolve p50", "min", [](const Ops::KpiFigures& f) { return msTo(f.resolveP50Ms, 60'000.0); },
            false },
        { "Oldest backlog", "min", [](const Ops::KpiFigures& f) { return msTo(f.oldestBacklogAgeMs, 60'000.0); },
            false },
        { "Parts cost posted", "source currency",
            [](const Ops::KpiFigures& f) { return f.partsCosted > 0 ? f.partsCost : kNa; }, true },
        { "Labor cost posted", "source currency",
            [](const Ops::KpiFigures& f) { return f.laborCosted > 0 ? f.laborCost : kNa; }, true },
    };
    return m;
}

QVariant raw(double v)
{
    return std::isfinite(v) ? QVariant(v) : QVariant();
}

QVariant rawMs(qint64 ms)
{
    return ms < 0 ? QVariant() : QVariant(ms);
}

QVariant rawRate(double r)
{
    return r < 0 ? QVariant() : QVariant(r);
}

QString shown(const QVariant& v, int decimals)
{
    if (v.isNull())
        return QStringLiteral("—");
    if (v.typeId() == QMetaType::Double)
        return QString::number(v.toDouble(), 'f', decimals);
    if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
        return Format::number(v.toLongLong());
    return v.toString();
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}
} // namespace

KpisView::KpisView(Ops::OperationsService* service, QWidget* parent)
    : ConsoleView(parent)
    , m_service(service)
{
    setObjectName(QStringLiteral("kpisView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 12);
    layout->setSpacing(8);

    auto* head = new QHBoxLayout;
    auto* title = new QLabel(QStringLiteral("KPIs"), this);
    title->setProperty("role", QStringLiteral("heading"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("kpiSummary"));
    m_summary->setProperty("role", QStringLiteral("muted"));
    m_summary->setWordWrap(true);
    head->addWidget(title);
    head->addStretch(1);
    head->addWidget(m_summary);
    layout->addLayout(head);

    auto* controls = new QHBoxLayout;
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("kpiRange"));
    m_range->addItem(QStringLiteral("Last 24 hours"), 24);
    m_range->addItem(QStringLiteral("Last 7 days"), 24 * 7);
    m_range->addItem(QStringLiteral("Last 30 days"), 24 * 30);
    m_range->addItem(QStringLiteral("Custom…"), 0);
    m_range->setCurrentIndex(1);
    m_from = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-7), this);
    m_from->setObjectName(QStringLiteral("kpiFrom"));
    m_to = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_to->setObjectName(QStringLiteral("kpiTo"));
    for (QDateTimeEdit* e : { m_from, m_to }) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setEnabled(false);
    }
    m_plant = new QComboBox(this);
    m_plant->setObjectName(QStringLiteral("kpiPlant"));
    m_plant->addItem(QStringLiteral("All plants"), QString());
    if (m_service)
        for (const QString& p : m_service->plants())
            m_plant->addItem(p, p);
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("kpiMetric"));
    for (const Metric& m : metrics())
        m_metric->addItem(QString::fromUtf8(m.label));
    auto* tableCsv = new QPushButton(QStringLiteral("Table → CSV…"), this);
    tableCsv->setObjectName(QStringLiteral("kpiExportTable"));
    auto* chartCsv = new QPushButton(QStringLiteral("Chart data → CSV…"), this);
    chartCsv->setObjectName(QStringLiteral("kpiExportChart"));
    auto* pdf = new QPushButton(QStringLiteral("Report → PDF…"), this);
    pdf->setObjectName(QStringLiteral("kpiExportPdf"));
    controls->addWidget(new QLabel(QStringLiteral("Range"), this));
    controls->addWidget(m_range);
    controls->addWidget(m_from);
    controls->addWidget(new QLabel(QStringLiteral("to"), this));
    controls->addWidget(m_to);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(QStringLiteral("Plant"), this));
    controls->addWidget(m_plant);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(QStringLiteral("KPI"), this));
    controls->addWidget(m_metric);
    controls->addStretch(1);
    // the exports sit in the heading row, so the controls fit a 1280-pixel-wide window
    head->insertWidget(1, tableCsv);
    head->insertWidget(2, chartCsv);
    head->insertWidget(3, pdf);
    head->insertSpacing(1, 16);
    layout->addLayout(controls);

    m_notes = new QLabel(this);
    m_notes->setObjectName(QStringLiteral("kpiNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText);
    m_notes->setProperty("role", QStringLiteral("muted"));
    layout->addWidget(m_notes);

    auto* split = new QSplitter(Qt::Vertical, this);
    auto* charts = new QSplitter(Qt::Horizontal, split);
    m_bar = new QChartView(new QChart, charts);
    m_bar->setObjectName(QStringLiteral("kpiBarChart"));
    m_line = new QChartView(new QChart, charts);
    m_line->setObjectName(QStringLiteral("kpiLineChart"));
    for (QChartView* v : { m_bar, m_line }) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumHeight(260);
    }
    m_table = new QTableWidget(split);
    m_table->setObjectName(QStringLiteral("kpiTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->setAlternatingRowColors(true);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = m_range->currentData().toInt() == 0;
        m_from->setEnabled(custom);
        m_to->setEnabled(custom);
        reload();
    });
    m_pendingRefresh.setSingleShot(true);
    connect(&m_pendingRefresh, &QTimer::timeout, this, &KpisView::reload);
    connect(m_from, &QDateTimeEdit::editingFinished, this, &KpisView::reload);
    connect(m_to, &QDateTimeEdit::editingFinished, this, &KpisView::reload);
    connect(m_plant, &QComboBox::currentIndexChanged, this, &KpisView::reload);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &KpisView::rebuildCharts);
    connect(tableCsv, &QPushButton::clicked, this, [this] { askAndExport(0); });
    connect(chartCsv, &QPushButton::clicked, this, [this] { askAndExport(1); });
    connect(pdf, &QPushButton::clicked, this, [this] { askAndExport(2); });
}

Ops::KpiQuery KpisView::currentQuery() const
{
    Ops::KpiQuery q;
    const int hours = m_range->currentData().toInt();
    if (hours > 0) {
        q.toMs = QDateTime::currentMSecsSinceEpoch();
        q.fromMs = q.toMs - static_cast<qint64>(hours) * 3'600'000;
    } else {
        q.fromMs = m_from->dateTime().toMSecsSinceEpoch();
        q.toMs = m_to->dateTime().toMSecsSinceEpoch();
    }
    q.plant = m_plant->currentData().toString();
    return q;
}

void KpisView::setRange(qint64 fromMs, qint64 toMs)
{
    {
        const QSignalBlocker block(m_range);
        m_range->setCurrentIndex(m_range->count() - 1);
    }
    m_from->setEnabled(true);
    m_to->setEnabled(true);
    m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(fromMs));
    m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(toMs));
    reload();
}

void KpisView::refresh()
{
    if (m_sinceReload.isValid() && m_sinceReload.elapsed() < kAutoRefreshMs) {
        if (!m_pendingRefresh.isActive())
            m_pendingRefresh.start(static_cast<int>(kAutoRefreshMs - m_sinceReload.elapsed()));
        return;
    }
    reload();
}

void KpisView::reload()
{
    m_pendingRefresh.stop();
    m_sinceReload.start();
    if (!m_service)
        return;
    auto r = m_service->kpis(currentQuery());
    if (!r) {
        m_summary->setText(QStringLiteral("KPIs unavailable: %1").arg(r.error().message));
        Q_EMIT statusMessage(r.error().summary());
        return;
    }
    m_report = std::move(r).value();
    m_summary->setText(QStringLiteral("%1 – %2 · %3 posted · buckets of %4")
                           .arg(Format::timestamp(m_report.fromMs), Format::timestamp(m_report.toMs),
                               Format::number(m_report.total.posted), Format::duration(m_report.bucketMs)));
    m_notes->setText(m_report.notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!m_report.notes.isEmpty());
    rebuildTable();
    rebuildCharts();
}

QStringList KpisView::tableHeader() const
{
    return { QStringLiteral("plant"), QStringLiteral("posted"), QStringLiteral("throughput_per_hour"),
        QStringLiteral("lag_p50_ms"), QStringLiteral("lag_p95_ms"), QStringLiteral("attempts"),
        QStringLiteral("failed_attempts"), QStringLiteral("failure_rate"), QStringLiteral("first_pass"),
        QStringLiteral("first_pass_rate"), QStringLiteral("manual_touches"), QStringLiteral("touched_messages"),
        QStringLiteral("exceptions_resolved"), QStringLiteral("resolve_p50_ms"), QStringLiteral("resolve_p90_ms"),
        QStringLiteral("backlog"), QStringLiteral("oldest_backlog_age_ms"), QStringLiteral("parked"),
        QStringLiteral("oldest_parked_age_ms"), QStringLiteral("parts_posted"), QStringLiteral("parts_costed"),
        QStringLiteral("parts_cost"), QStringLiteral("labor_posted"), QStringLiteral("labor_costed"),
        QStringLiteral("labor_cost") };
}

QList<QVariantList> KpisView::tableRows() const
{
    QList<QVariantList> rows;
    auto row = [](const QString& plant, const Ops::KpiFigures& f) {
        return QVariantList { plant, f.posted, f.throughputPerHour, rawMs(f.lagP50Ms), rawMs(f.lagP95Ms), f.attempts,
            f.failedAttempts, rawRate(f.failureRate), f.firstPass, rawRate(f.firstPassRate), f.manualTouches,
            f.touchedMessages, f.exceptionsResolved, rawMs(f.resolveP50Ms), rawMs(f.resolveP90Ms), f.backlog,
            rawMs(f.oldestBacklogAgeMs), f.parked, rawMs(f.oldestParkedAgeMs), f.partsPosted, f.partsCosted,
            f.partsCosted > 0 ? QVariant(f.partsCost) : QVariant(), f.laborPosted, f.laborCosted,
            f.laborCosted > 0 ? QVariant(f.laborCost) : QVariant() };
    };
    for (const QString& p : m_report.plants)
        rows << row(p, m_report.perPlant.value(p));
    rows << row(QStringLiteral("All plants"), m_report.total);
    return rows;
}

void KpisView::rebuildTable()
{
    // shown columns: a readable subset with units; the CSV has every figure, raw
    struct Col
    {
        const char* title;
        int source; ///< index into tableRows()
        double scale; ///< raw / scale for display; 0 = as is
        int decimals;
    };
    static const QList<Col> cols { { "Plant", 0, 0, 0 }, { "Posted", 1, 0, 0 }, { "Posted/h", 2, 1, 1 },
        { "Lag p50 (s)", 3, 1000, 1 }, { "Lag p95 (s)", 4, 1000, 1 }, { "Failure rate (%)", 7, 0.01, 1 },
        { "First pass (%)", 9, 0.01, 1 }, { "Manual touches", 10, 0, 0 }, { "Resolved", 12, 0, 0 },
        { "Resolve p50 (min)", 13, 60'000, 1 }, { "Backlog", 15, 0, 0 }, { "Oldest backlog (min)", 16, 60'000, 1 },
        { "Parked", 17, 0, 0 }, { "Parts cost", 21, 1, 2 }, { "Parts costed", 20, 0, 0 }, { "Labor cost", 24, 1, 2 } };
    const QList<QVariantList> rows = tableRows();
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(cols.size()));
    m_table->setRowCount(static_cast<int>(rows.size()));
    QStringList titles;
    for (const Col& c : cols)
        titles << QString::fromUtf8(c.title);
    m_table->setHorizontalHeaderLabels(titles);
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < cols.size(); ++c) {
            const Col& col = cols.at(c);
            QVariant v = rows.at(r).at(col.source);
            if (col.scale != 0 && !v.isNull())
                v = v.toDouble() / col.scale;
            auto* item = new QTableWidgetItem(shown(v, col.decimals));
            item->setData(Qt::UserRole, rows.at(r).at(col.source));
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (r == rows.size() - 1) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_table->setItem(r, c, item);
        }
    }
    // columns as wide as their titles and figures; the last one takes what is left
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
}

QStringList KpisView::chartHeader() const
{
    return { QStringLiteral("kpi"), QStringLiteral("unit"), QStringLiteral("plant"), QStringLiteral("bucket_start_utc"),
        QStringLiteral("bucket_start_ms"), QStringLiteral("value") };
}

QList<QVariantList> KpisView::chartRows() const
{
    const Metric& m = metrics().at(std::max(0, m_metric->currentIndex()));
    const QString label = QString::fromUtf8(m.label);
    const QString unit = QString::fromUtf8(m.unit);
    QList<QVariantList> rows;
    for (const QString& p : m_report.plants)
        rows << QVariantList { label, unit, p, QVariant(), QVariant(), raw(m.value(m_report.perPlant.value(p))) };
    if (m.overTime) {
        for (const QString& p : m_report.plants)
            for (const Ops::KpiPoint& pt : m_report.series.value(p))
                rows << QVariantList { label, unit, p, isoUtc(pt.startMs), pt.startMs, raw(m.value(pt.figures)) };
    }
    return rows;
}

void KpisView::rebuildCharts()
{
    const Metric& m = metrics().at(std::max(0, m_metric->currentIndex()));
    const QString label = QString::fromUtf8(m.label);
    const QString unit = QString::fromUtf8(m.unit);
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const auto style = [&](QChart* c) {
        c->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        c->setBackgroundBrush(palette().brush(QPalette::Base));
        c->setTitleBrush(palette().brush(QPalette::Text));
        c->legend()->setLabelColor(palette().color(QPalette::Text));
        c->setMargins(QMargins(4, 4, 4, 4));
    };

    auto* bar = new QChart;
    style(bar);
    bar->setTitle(QStringLiteral("%1 per plant (%2)").arg(label, unit));
    auto* set = new QBarSet(label);
    QStringList cats;
    double top = 0;
    for (const QString& p : m_report.plants) {
        const double v = m.value(m_report.perPlant.value(p));
        *set << (std::isfinite(v) ? v : 0);
        top = std::max(top, std::isfinite(v) ? v : 0);
        cats << p;
    }
    auto* bars = new QBarSeries;
    bars->append(set);
    bars->setLabelsVisible(true);
    bars->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    bar->addSeries(bars);
    auto* cx = new QBarCategoryAxis;
    cx->append(cats);
    auto* cy = new QValueAxis;
    cy->setRange(0, top > 0 ? top * 1.15 : 1);
    cy->setLabelFormat(QStringLiteral("%.4g"));
    bar->addAxis(cx, Qt::AlignBottom);
    bar->addAxis(cy, Qt::AlignLeft);
    bars->attachAxis(cx);
    bars->attachAxis(cy);
    bar->legend()->setVisible(false);
    QChart* oldBar = m_bar->chart();
    m_bar->setChart(bar);
    delete oldBar;

    auto* line = new QChart;
    style(line);
    if (!m.overTime) {
        line->setTitle(QStringLiteral("%1: no series over time (a snapshot or per exception)").arg(label));
    } else {
        line->setTitle(
            QStringLiteral("%1 over time (%2, per %3)").arg(label, unit, Format::duration(m_report.bucketMs)));
        auto* x = new QDateTimeAxis;
        x->setFormat(m_report.bucketMs >= 24 * 3'600'000 ? QStringLiteral("MM-dd") : QStringLiteral("MM-dd HH:mm"));
        x->setRange(QDateTime::fromMSecsSinceEpoch(m_report.fromMs), QDateTime::fromMSecsSinceEpoch(m_report.toMs));
        auto* y = new QValueAxis;
        y->setLabelFormat(QStringLiteral("%.4g"));
        line->addAxis(x, Qt::AlignBottom);
        line->addAxis(y, Qt::AlignLeft);
        double high = 0;
        for (const QString& p : m_report.plants) {
            auto* s = new QLineSeries;
            s->setName(p);
            s->setPointsVisible(true); // a range with one bucket of data still shows its point
            for (const Ops::KpiPoint& pt : m_report.series.value(p)) {
                const double v = m.value(pt.figures);
                if (std::isfinite(v)) {
                    s->append(static_cast<double>(pt.startMs + m_report.bucketMs / 2), v);
                    high = std::max(high, v);
                }
            }
            line->addSeries(s);
            s->attachAxis(x);
            s->attachAxis(y);
        }
        y->setRange(0, high > 0 ? high * 1.1 : 1);
    }
    QChart* oldLine = m_line->chart();
    m_line->setChart(line);
    delete oldLine;
}

bool KpisView::exportTableCsv(const QString& path, QString& error)
{
    return KpiCsv::save(path, tableHeader(), tableRows(), error);
}

bool KpisView::exportChartCsv(const QString& path, QString& error)
{
    return KpiCsv::save(path, chartHeader(), chartRows(), error);
}

bool KpisView::exportPdf(const QString& path, QString& error)
{
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageOrientation(QPageLayout::Landscape);
    pdf.setResolution(120);
    pdf.setTitle(QStringLiteral("Interlock KPI report"));
    pdf.setCreator(QStringLiteral("Interlock"));
    QPainter p;
    if (!p.begin(&pdf)) {
        error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    const QRect page(0, 0, pdf.width(), pdf.height());
    QFont big = font();
    big.setPointSize(16);
    big.setBold(true);
    QFont normal = font();
    normal.setPointSize(9);
    p.setFont(big);
    int y = 0;
    p.drawText(QRect(0, y, page.width(), 40), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Interlock KPI report"));
    y += 44;
    p.setFont(normal);
    const QString plant = m_report.query.plant.isEmpty() ? QStringLiteral("all plants") : m_report.query.plant;
    const QString head = QStringLiteral("Range %1 – %2 (local time), %3. Generated %4.")
                             .arg(Format::timestamp(m_report.fromMs), Format::timestamp(m_report.toMs), plant,
                                 Format::timestamp(m_report.generatedAt));
    p.drawText(QRect(0, y, page.width(), 20), Qt::AlignLeft, head);
    y += 24;
    for (const QString& n : m_report.notes) {
        const QRect r = p.boundingRect(QRect(0, y, page.width(), 200), Qt::TextWordWrap, n);
        p.drawText(r, Qt::TextWordWrap, n);
        y += r.height() + 4;
    }
    y += 8;
    // the table as shown
    const int cols = m_table->columnCount();
    const int colW = page.width() / std::max(1, cols);
    const int rowH = 22;
    QFont bold = normal;
    bold.setBold(true);
    p.setFont(bold);
    for (int c = 0; c < cols; ++c)
        p.drawText(QRect(c * colW, y, colW - 4, rowH * 2), Qt::AlignLeft | Qt::TextWordWrap,
            m_table->horizontalHeaderItem(c)->text());
    y += rowH * 2;
    p.drawLine(0, y, page.width(), y);
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (y + rowH > page.height()) {
            pdf.newPage();
            y = 0;
        }
        p.setFont(r == m_table->rowCount() - 1 ? bold : normal);
        for (int c = 0; c < cols; ++c)
            p.drawText(QRect(c * colW, y, colW - 4, rowH), (c == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                m_table->item(r, c)->text());
        y += rowH;
    }
    // every KPI's charts, two per page
    const int keep = m_metric->currentIndex();
    const int chartH = (page.height() - 20) / 2;
    for (int i = 0; i < metrics().size(); ++i) {
        if (i % 2 == 0) {
            pdf.newPage();
            y = 0;
        }
        m_metric->setCurrentIndex(i);
        for (QChartView* v : { m_bar, m_line })
            v->resize(720, 360);
        const QPixmap barImage = m_bar->grab();
        const QPixmap lineImage = m_line->grab();
        p.drawPixmap(QRect(0, y, page.width() / 2 - 8, chartH - 8), barImage);
        p.drawPixmap(QRect(page.width() / 2, y, page.width() / 2 - 8, chartH - 8), lineImage);
        y += chartH;
    }
    m_metric->setCurrentIndex(keep);
    if (!p.end()) {
        error = QStringLiteral("cannot finish %1").arg(path);
        return false;
    }
    return true;
}

void KpisView::askAndExport(int what)
{
    static const QStringList titles { QStringLiteral("Export KPI table"), QStringLiteral("Export chart data"),
        QStringLiteral("Export KPI report") };
    static const QStringList names { QStringLiteral("kpi-table.csv"), QStringLiteral("kpi-chart.csv"),
        QStringLiteral("kpi-report.pdf") };
    const QString filter = what == 2 ? QStringLiteral("PDF (*.pdf)") : QStringLiteral("CSV (*.csv)");
    const QString path = QFileDialog::getSaveFileName(this, titles.at(what), names.at(what), filter);
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = what == 0 ? exportTableCsv(path, error)
        : what == 1           ? exportChartCsv(path, error)
                              : exportPdf(path, error);
    Q_EMIT statusMessage(ok ? QStringLiteral("Saved %1").arg(path) : QStringLiteral("Export failed: %1").arg(error));
}

void KpisView::changeEvent(QEvent* event)
{
    ConsoleView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_bar)
        rebuildCharts();
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/transactions/MessageDetailPane.h"

#include "ui/common/Format.h"
#include "ui/common/JsonDiff.h"
#include "ui/common/Theme.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Interlock::Ui {

namespace {
QPlainTextEdit* payloadEditor(const QString& objectName, QWidget* parent)
{
    auto* e = new QPlainTextEdit(parent);
    e->setObjectName(objectName);
    e->setReadOnly(true);
    e->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSize(9);
    e->setFont(mono);
    return e;
}

QTableWidget* historyTable(const QString& objectName, const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(objectName);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->verticalHeader()->hide();
    t->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    t->verticalHeader()->setDefaultSectionSize(22);
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setHighlightSections(false);
    return t;
}

QTableWidgetItem* cell(const QString& text, const QString& tooltip = {})
{
    auto* i = new QTableWidgetItem(text);
    i->setToolTip(tooltip.isEmpty() ? text : tooltip);
    return i;
}

/// "POST /sap/opu/odata/sap/API_X_SRV/A_Header" -> "POST …/A_Header"; the full line goes in the tooltip.
QString shortRequest(const QString& request)
{
    const qsizetype space = request.indexOf(QLatin1Char(' '));
    const qsizetype slash = request.lastIndexOf(QLatin1Char('/'));
    if (space < 0 || slash <= space + 1)
        return request;
    return request.left(space) + QStringLiteral(" …") + request.mid(slash);
}

QWidget* titled(const QString& title, QWidget* content, QWidget* parent)
{
    auto* w = new QWidget(parent);
    auto* l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(3);
    auto* label = new QLabel(title, w);
    label->setProperty("role", QStringLiteral("muted"));
    l->addWidget(label);
    l->addWidget(content, 1);
    content->setParent(w);
    return w;
}
} // namespace

MessageDetailPane::MessageDetailPane(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("messageDetail"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 4, 0, 0);
    outer->setSpacing(6);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setProperty("role", QStringLiteral("subheading"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_title);

    m_stack = new QStackedLayout;
    auto* stack = m_stack;
    outer->addLayout(stack, 1);
    m_empty = new QLabel(QStringLiteral("Select a message to see its payloads, attempts and audit trail."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setProperty("role", QStringLiteral("muted"));
    stack->addWidget(m_empty);

    m_body = new QWidget(this);
    stack->addWidget(m_body);
    auto* bodyLayout = new QHBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Horizontal, m_body);
    split->setObjectName(QStringLiteral("detailSplitter"));
    split->setChildrenCollapsible(false);
    bodyLayout->addWidget(split);

    // header fields
    auto* fieldsScroll = new QScrollArea(split);
    fieldsScroll->setWidgetResizable(true);
    fieldsScroll->setFrameShape(QFrame::NoFrame);
    auto* fields = new QWidget(fieldsScroll);
    auto* form = new QFormLayout(fields);
    form->setContentsMargins(2, 0, 8, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setVerticalSpacing(5);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_state = field(QStringLiteral("detailState"));
    m_flow = field(QStringLiteral("detailFlow"));
    m_key = field(QStringLiteral("detailKey"));
    m_systems = field(QStringLiteral("detailSystems"));
    m_error = field(QStringLiteral("detailError"));
    m_blocked = field(QStringLiteral("detailBlocked"));
    m_targetRef = field(QStringLiteral("detailTargetRef"));
    m_times = field(QStringLiteral("detailTimes"));
    m_next = field(QStringLiteral("detailNextAttempt"));
    m_idempotency = field(QStringLiteral("detailIdempotency"));
    form->addRow(QStringLiteral("State"), m_state);
    form->addRow(QStringLiteral("Flow"), m_flow);
    form->addRow(QStringLiteral("Business key"), m_key);
    form->addRow(QStringLiteral("Route"), m_systems);
    form->addRow(QStringLiteral("Error"), m_error);
    form->addRow(QStringLiteral("Blocked by"), m_blocked);
    form->addRow(QStringLiteral("Target ref"), m_targetRef);
    form->addRow(QStringLiteral("Times"), m_times);
    form->addRow(QStringLiteral("Next attempt"), m_next);
    form->addRow(QStringLiteral("Idempotency"), m_idempotency);
    fieldsScroll->setWidget(fields);
    split->addWidget(fieldsScroll);

    // payloads side by side
    // right: payloads side by side above the attempt history and audit trail
    auto* right = new QSplitter(Qt::Vertical, split);
    right->setChildrenCollapsible(false);
    auto* payloads = new QSplitter(Qt::Horizontal, right);
    payloads->setChildrenCollapsible(false);
    m_source = payloadEditor(QStringLiteral("sourcePayload"), payloads);
    m_target = payloadEditor(QStringLiteral("targetPayload"), payloads);
    payloads->addWidget(titled(QStringLiteral("Source payload (CMMS)"), m_source, payloads));
    payloads->addWidget(titled(QStringLiteral("Target payload (ERP)"), m_target, payloads));
    right->addWidget(payloads);

    // attempts and audit
    m_historyTabs = new QTabWidget(right);
    m_historyTabs->setObjectName(QStringLiteral("historyTabs"));
    m_attempts = historyTable(QStringLiteral("attemptsTable"),
        { QStringLiteral("Time"), QStringLiteral("Took"), QStringLiteral("HTTP"), QStringLiteral("Class"),
            QStringLiteral("Code"), QStringLiteral("Request"), QStringLiteral("Excerpt") },
        m_historyTabs);
    const int attemptWidths[] = { 70, 64, 48, 90, 80, 260 };
    for (int i = 0; i < 6; ++i)
        m_attempts->setColumnWidth(i, attemptWidths[i]);
    m_audit = historyTable(QStringLiteral("auditTable"),
        { QStringLiteral("Time"), QStringLiteral("Actor"), QStringLiteral("Role"), QStringLiteral("Action"),
            QStringLiteral("Before → after"), QStringLiteral("Note") },
        m_historyTabs);
    const int auditWidths[] = { 130, 80, 80, 110, 140 };
    for (int i = 0; i < 5; ++i)
        m_audit->setColumnWidth(i, auditWidths[i]);
    m_historyTabs->addTab(m_attempts, QStringLiteral("Attempts"));
    m_historyTabs->addTab(m_audit, QStringLiteral("Audit trail"));
    m_edits = new QTextBrowser(m_historyTabs);
    m_edits->setObjectName(QStringLiteral("editsView"));
    m_edits->setOpenLinks(false);
    m_historyTabs->addTab(m_edits, QStringLiteral("Edits"));
    right->addWidget(m_historyTabs);
    right->setSizes({ 220, 160 });
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({ 310, 900 });

    showNothing();
}

int MessageDetailPane::showEdits(const QList<AuditEntry>& audit)
{
    // the audit keeps the payload before and after each edit-and-resubmit: show them as diffs,
    // oldest first, so the reader sees how the payload got to what was sent
    const QColor added = Theme::isDark() ? QColor(0x1f, 0x3d, 0x26) : QColor(0xe6, 0xff, 0xec);
    const QColor removed = Theme::isDark() ? QColor(0x4a, 0x22, 0x22) : QColor(0xff, 0xeb, 0xe9);
    QString html;
    int n = 0;
    for (const AuditEntry& a : audit) {
        if (a.action != QLatin1String("message.resubmit"))
            continue;
        ++n;
        html += QStringLiteral("<p><b>%1</b> · %2 (%3)<br><i>%4</i></p><pre style='margin:0'>")
                    .arg(Format::timestamp(a.at), a.actor.toHtmlEscaped(), a.role.toHtmlEscaped(),
                        a.note.toHtmlEscaped());
        for (const JsonDiff::Line& l : JsonDiff::ofJson(a.before.toUtf8(), a.after.toUtf8())) {
            const QString text = l.text.toHtmlEscaped();
            if (l.op == JsonDiff::Op::Added)
                html += QStringLiteral("<span style='background:%1'>+ %2</span>\n").arg(added.name(), text);
            else if (l.op == JsonDiff::Op::Removed)
                html += QStringLiteral("<span style='background:%1'>− %2</span>\n").arg(removed.name(), text);
            else
                html += QStringLiteral("  %1\n").arg(text);
        }
        html += QStringLiteral("</pre>");
    }
    if (n == 0)
        html = QStringLiteral("<p>No edits: the target payload is the transform's own output.</p>");
    m_edits->setHtml(html);
    return n;
}

QLabel* MessageDetailPane::field(const QString& objectName)
{
    auto* l = new QLabel(this);
    l->setObjectName(objectName);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setMinimumWidth(160);
    return l;
}

QString MessageDetailPane::prettyJson(const QByteArray& json)
{
    if (json.trimmed().isEmpty())
        return {};
    QJsonParseError err {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || doc.isNull())
        return QString::fromUtf8(json);
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

void MessageDetailPane::showNothing(const QString& why)
{
    m_messageId = 0;
    m_title->setText(QStringLiteral("Message detail"));
    if (!why.isEmpty())
        m_empty->setText(why);
    m_stack->setCurrentWidget(m_empty);
}

void MessageDetailPane::showDetail(const Ops::MessageDetail& detail)
{
    const Message& m = detail.message;
    m_messageId = m.id;
    m_title->setText(QStringLiteral("Message %1 · %2 · %3").arg(QString::number(m.id), m.plant, m.businessKey));
    m_state->setText(QStringLiteral("<b style='color:%1'>%2</b> · %3 attempt(s)")
                         .arg(Format::stateColor(m.state).name(), Format::stateLabel(m.state).toHtmlEscaped(),
                             QString::number(m.attempts)));
    m_flow->setText(QStringLiteral("%1 · %2 · seq %3")
                        .arg(Format::flowLabel(m.flow), m.operation, QString::number(m.seq))
                        .toHtmlEscaped());
    m_key->setText(m.businessKey.toHtmlEscaped());
    m_systems->setText(
        QStringLiteral("%1 → %2 (plant %3)").arg(m.sourceSystem, m.targetSystem, m.plant).toHtmlEscaped());
    if (m.errorClass == ErrorClass::None && m.errorText.isEmpty()) {
        m_error->setText(QStringLiteral("—"));
    } else {
        m_error->setText(QStringLiteral("<b>%1</b> %2<br>%3")
                             .arg(errorClassName(m.errorClass).toHtmlEscaped(), m.errorCode.toHtmlEscaped(),
                                 m.errorText.toHtmlEscaped()));
    }
    m_blocked->setText(m.blockedDomain.isEmpty()
            ? QStringLiteral("—")
            : QStringLiteral("%1 = <b>%2</b> (no mapping)")
                  .arg(m.blockedDomain.toHtmlEscaped(), m.blockedValue.toHtmlEscaped()));
    m_targetRef->setText(m.targetRef.isEmpty() ? QStringLiteral("—") : m.targetRef.toHtmlEscaped());
    QStringList times;
    times << QStringLiteral("event %1").arg(Format::timestamp(m.eventAt))
          << QStringLiteral("received %1").arg(Format::timeOfDay(m.receivedAt));
    if (m.postedAt > 0)
        times << QStringLiteral("posted %1 (lag %2)")
                     .arg(Format::timeOfDay(m.postedAt), Format::duration(m.postedAt - m.eventAt));
    times << QStringLiteral("updated %1").arg(Format::timeOfDay(m.updatedAt));
    m_times->setText(times.join(QStringLiteral("<br>")));
    m_next->setText(
        m.nextAttemptAt > 0 && !isTerminal(m.state) ? Format::timestamp(m.nextAttemptAt) : QStringLiteral("—"));
    m_idempotency->setText(m.idempotencyKey.toHtmlEscaped());

    m_source->setPlainText(prettyJson(m.sourcePayload));
    const QString target = prettyJson(m.targetPayload);
    m_target->setPlainText(target.isEmpty() ? QStringLiteral("(not transformed yet)") : target);

    m_attempts->setRowCount(0);
    m_attempts->setRowCount(static_cast<int>(detail.attempts.size()));
    // newest attempt first
    for (int i = 0; i < detail.attempts.size(); ++i) {
        const Attempt& a = detail.attempts.at(detail.attempts.size() - 1 - i);
        m_attempts->setItem(i, 0, cell(Format::timeOfDay(a.startedAt), Format::timestamp(a.startedAt)));
        m_attempts->setItem(i, 1, cell(Format::duration(a.durationMs)));
        m_attempts->setItem(i, 2, cell(a.httpStatus > 0 ? QString::number(a.httpStatus) : QStringLiteral("—")));
        auto* cls = cell(a.errorClass == ErrorClass::None ? QStringLiteral("ok") : errorClassName(a.errorClass));
        cls->setForeground(a.errorClass == ErrorClass::None ? Format::stateColor(MessageState::Posted)
                                                            : Format::stateColor(MessageState::Stuck));
        m_attempts->setItem(i, 3, cls);
        m_attempts->setItem(i, 4, cell(a.errorCode));
        m_attempts->setItem(i, 5, cell(shortRequest(a.request), a.request));
        m_attempts->setItem(i, 6, cell(QString(a.excerpt).replace(QLatin1Char('\n'), QLatin1Char(' ')), a.excerpt));
    }

    m_audit->setRowCount(0);
    m_audit->setRowCount(static_cast<int>(detail.audit.size()));
    for (int i = 0; i < detail.audit.size(); ++i) {
        const AuditEntry& a = detail.audit.at(i);
        m_audit->setItem(i, 0, cell(Format::timestamp(a.at)));
        m_audit->setItem(i, 1, cell(a.actor));
        m_audit->setItem(i, 2, cell(a.role));
        m_audit->setItem(i, 3, cell(a.action));
        if (a.action == QLatin1String("message.resubmit")) {
            const auto diff = JsonDiff::ofJson(a.before.toUtf8(), a.after.toUtf8());
            m_audit->setItem(i, 4,
                cell(QStringLiteral("payload edited: +%1 −%2 lines (see Edits)")
                         .arg(JsonDiff::count(diff, JsonDiff::Op::Added))
                         .arg(JsonDiff::count(diff, JsonDiff::Op::Removed))));
        } else {
            m_audit->setItem(i, 4, cell(QStringLiteral("%1 → %2").arg(a.before, a.after)));
        }
        m_audit->setItem(i, 5, cell(a.note));
    }
    const int edits = showEdits(detail.audit);
    m_historyTabs->setTabText(0, QStringLiteral("Attempts (%1)").arg(detail.attempts.size()));
    m_historyTabs->setTabText(1, QStringLiteral("Audit trail (%1)").arg(detail.audit.size()));
    m_historyTabs->setTabText(2, QStringLiteral("Edits (%1)").arg(edits));

    m_stack->setCurrentWidget(m_body);
}

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;
class QTextBrowser;
class QTabWidget;
class QStackedLayout;

namespace Interlock::Ui {

/// Everything about one message: header fields, source and target payloads (pretty JSON),
/// the attempt history and the audit trail. Shows what it is given; it does not query.
class MessageDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit MessageDetailPane(QWidget* parent = nullptr);

    void showDetail(const Ops::MessageDetail& detail);
    void showNothing(const QString& why = {});
    qint64 messageId() const { return m_messageId; }

    static QString prettyJson(const QByteArray& json); ///< indented; the raw text when it is not JSON

private:
    QLabel* field(const QString& objectName);
    int showEdits(const QList<AuditEntry>& audit); ///< fills the Edits tab; returns how many edits

    qint64 m_messageId = 0;
    QLabel* m_title = nullptr;
    QStackedLayout* m_stack = nullptr;
    QWidget* m_body = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_flow = nullptr;
    QLabel* m_key = nullptr;
    QLabel* m_systems = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_blocked = nullptr;
    QLabel* m_targetRef = nullptr;
    QLabel* m_times = nullptr;
    QLabel* m_next = nullptr;
    QLabel* m_idempotency = nullptr;
    QPlainTextEdit* m_source = nullptr;
    QPlainTextEdit* m_target = nullptr;
    QTabWidget* m_historyTabs = nullptr;
    QTableWidget* m_attempts = nullptr;
    QTableWidget* m_audit = nullptr;
    QTextBrowser* m_edits = nullptr; ///< every edit-and-resubmit of the message, as a coloured line diff
};

} // namespace Interlock::Ui

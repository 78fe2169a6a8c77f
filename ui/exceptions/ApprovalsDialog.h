// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/OperationsService.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableWidget;

namespace Interlock::Ui {

/// Four eyes in the console: the pending approval requests (who asked for what, why it needs a
/// second person, the note), with Approve (executes it) and Reject. Approve is disabled for the
/// requester's own requests and for a role that may not do the action; the service refuses
/// both anyway. Emits changed() after a decision.
class ApprovalsDialog : public QDialog
{
    Q_OBJECT
public:
    ApprovalsDialog(Ops::OperationsService* service, Ops::Actor actor, QWidget* parent = nullptr);

    void reload();
    QList<Journal::ApprovalRequest> requests() const { return m_requests; }
    bool selectRequest(qint64 id);
    void approveSelected();
    void rejectSelected();

Q_SIGNALS:
    void changed();

private:
    const Journal::ApprovalRequest* selected() const;
    bool isOwn(const Journal::ApprovalRequest& r) const;
    bool mayDecide(const Journal::ApprovalRequest& r) const;
    void updateButtons();
    void say(const QString& text);

    QPointer<Ops::OperationsService> m_service;
    Ops::Actor m_actor;
    QList<Journal::ApprovalRequest> m_requests;
    QTableWidget* m_table = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_reject = nullptr;
    QLabel* m_result = nullptr;
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/BulkAction.h"
#include "app/ops/OperationsService.h"
#include "ui/common/ConsoleView.h"

#include <QPointer>
#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace Interlock::Ui {

/// Open problems (stuck, blocked) grouped by cause: a table of groups, the messages of the
/// selected group, and replay / resolve / cancel on the selected messages or the whole group,
/// run in the background in chunks (Ops::BulkAction) behind a progress bar that can cancel;
/// edit-and-resubmit and a dry run of one message. Shortcuts (while the view has focus):
/// Ctrl+R replay, Ctrl+E edit and resubmit, Ctrl+D dry run, Ctrl+Shift+R resolve, Del cancel.
class ExceptionsView : public ConsoleView
{
    Q_OBJECT
public:
    /// Asks for a note (title, prompt); nullopt when the person cancels.
    using NoteProvider = std::function<std::optional<QString>(const QString& title, const QString& prompt)>;
    /// Asks a yes/no question (title, text); true to go ahead.
    using Confirmer = std::function<bool(const QString& title, const QString& text)>;

    ExceptionsView(Ops::OperationsService* service, Ops::Actor actor, QWidget* parent = nullptr);

    QString title() const override { return QStringLiteral("Exceptions"); }
    void refresh() override;

    void setNoteProvider(NoteProvider provider) { m_askNote = std::move(provider); }
    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }

    QList<Ops::ExceptionGroup> groups() const { return m_groups; }
    /// Selects the group with `key`; false when there is none.
    bool selectGroup(const QString& key);
    /// Selects the largest group of stuck messages, else the largest group; false when empty.
    bool selectInterestingGroup();
    /// The ids the actions apply to: the selected messages, or the whole selected group.
    QList<qint64> targetIds() const;

    /// The one message edit and dry run act on: the single selected message, or the only
    /// message of the group; 0 when there is none (or several).
    qint64 currentMessageId() const;
    /// Messages per journal transaction of a bulk action (default BulkAction::DefaultChunkSize).
    void setBulkChunkSize(int n) { m_chunkSize = std::max(1, n); }
    /// The bulk action running now, if any.
    Ops::BulkAction* bulkAction() const { return m_bulk; }

    void replayTargets();
    void resolveTargets();
    void cancelTargets();
    /// Opens the requests waiting for a second person's approval (four eyes).
    void openApprovals();
    /// Opens the edit-and-resubmit dialog for currentMessageId() (non-modal to the event loop).
    void editTarget();
    /// Opens the dry run of currentMessageId(), with "Replay now" for a stuck message.
    void dryRunTarget();
    /// Stops the running bulk action after its current chunk.
    void cancelBulk();

Q_SIGNALS:
    void statusMessage(const QString& text);
    /// "Go to message": show it in Transactions.
    void goToMessage(qint64 id, const QString& businessKey);

private:
    void showGroups();
    void showCurrentGroup();
    void updateActions();
    const Ops::ExceptionGroup* currentGroup() const;
    void runAction(Ops::Action action, const QString& verb, const QString& done,
        const std::function<Result<int>(const QList<qint64>&, const QString&)>& call, bool needsNote,
        const QString& placeholder = {});
    bool may(Ops::Action action) const { return m_service && m_service->isAllowed(m_actor, action); }
    void bulkFinished(Ops::BulkAction* bulk, const QString& done);
    void showDryRun(qint64 id, const QByteArray& payload, QWidget* parent, bool offerReplay);
    Message currentMessage() const;

    QPointer<Ops::OperationsService> m_service;
    QPushButton* m_approvals = nullptr; ///< "Waiting for approval (N)…", shown while requests wait
    Ops::Actor m_actor;
    NoteProvider m_askNote;
    Confirmer m_confirm;
    QList<Ops::ExceptionGroup> m_groups;
    QString m_currentKey;
    QLabel* m_summary = nullptr;
    QTableWidget* m_groupTable = nullptr;
    QLabel* m_groupTitle = nullptr;
    QLabel* m_example = nullptr;
    QTableWidget* m_messages = nullptr;
    QLabel* m_scope = nullptr;
    QLabel* m_result = nullptr;
    QPushButton* m_goTo = nullptr;
    QPushButton* m_replay = nullptr;
    QPushButton* m_resolve = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_dryRun = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_bulkCancel = nullptr;
    QPointer<Ops::BulkAction> m_bulk;
    QString m_bulkVerb;
    QString m_notePlaceholder;
    int m_chunkSize = Ops::BulkAction::DefaultChunkSize;
};

} // namespace Interlock::Ui

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/journal/JournalTypes.h"

#include <QHash>
#include <QObject>
#include <atomic>
#include <memory>

class QThread;

namespace Interlock::Ops {

/// Counts and anchors of the transaction browser's lists, computed on worker threads, each with
/// its own read connection to the SQLite journal (WAL: they never block the engine or the GUI).
/// start() returns at once; progress() arrives on this object's thread. A cancelled or replaced
/// scan reports nothing more; the destructor cancels all scans and waits for their threads.
/// Used from one thread (the GUI thread).
class RowScanner : public QObject
{
    Q_OBJECT
public:
    explicit RowScanner(QString journalPath, QObject* parent = nullptr);
    ~RowScanner() override;

    /// Scans `query` (count first, then the first row of every `pageSize` rows) as `ticket`.
    void start(quint64 ticket, const Journal::PageQuery& query, int pageSize);
    void cancel(quint64 ticket);

Q_SIGNALS:
    void progress(quint64 ticket, qint64 rows, const QList<Interlock::Journal::PageAnchor>& anchors, bool done);

private:
    struct Job
    {
        QThread* thread = nullptr;
        std::shared_ptr<std::atomic<bool>> cancelled;
    };
    QString m_path;
    QHash<quint64, Job> m_jobs;
};

} // namespace Interlock::Ops

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/RowScanner.h"

#include "models/journal/JournalStore.h"

#include <QPointer>
#include <QThread>

namespace Interlock::Ops {

RowScanner::RowScanner(QString journalPath, QObject* parent)
    : QObject(parent)
    , m_path(std::move(journalPath))
{
}

RowScanner::~RowScanner()
{
    for (const Job& job : std::as_const(m_jobs))
        job.cancelled->store(true);
    for (const Job& job : std::as_const(m_jobs)) {
        job.thread->wait();
        delete job.thread;
    }
}

void RowScanner::cancel(quint64 ticket)
{
    auto it = m_jobs.find(ticket);
    if (it != m_jobs.end())
        it->cancelled->store(true);
}

void RowScanner::start(quint64 ticket, const Journal::PageQuery& query, int pageSize)
{
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    QPointer<RowScanner> self(this);
    // report(): from the worker to this thread; dropped when cancelled meanwhile
    auto report = [self, ticket, cancelled](qint64 rows, QList<Journal::PageAnchor> anchors, bool done) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, ticket, cancelled, rows, anchors = std::move(anchors), done] {
                if (self && !cancelled->load())
                    Q_EMIT self->progress(ticket, rows, anchors, done);
            },
            Qt::QueuedConnection);
    };
    QThread* thread = QThread::create([path = m_path, query, pageSize, cancelled, report] {
        Journal::JournalStore store;
        if (!store.openSqlite(path)) {
            report(-1, {}, true);
            return;
        }
        const auto n = store.count(query.filter);
        if (cancelled->load())
            return;
        const qint64 rows = n ? *n : -1;
        report(rows, {}, false);
        QList<Journal::PageAnchor> found;
        const auto scanned = store.scanAnchors(query, pageSize, [&](const QList<Journal::PageAnchor>& anchors, qint64) {
            found = anchors;
            return !cancelled->load();
        });
        if (cancelled->load())
            return;
        report(rows, scanned ? found : QList<Journal::PageAnchor> {}, true);
    });
    thread->setObjectName(QStringLiteral("interlock-row-scan"));
    // finished threads are reaped here, on this thread
    connect(thread, &QThread::finished, this, [this, ticket, thread] {
        auto it = m_jobs.find(ticket);
        if (it != m_jobs.end() && it->thread == thread)
            m_jobs.erase(it);
        thread->deleteLater();
    });
    m_jobs.insert(ticket, Job { thread, cancelled });
    thread->start(QThread::LowPriority);
}

} // namespace Interlock::Ops

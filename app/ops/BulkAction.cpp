// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/BulkAction.h"

#include <QTimer>

namespace Interlock::Ops {

BulkAction::BulkAction(QList<qint64> ids, Step step, int chunkSize, QObject* parent)
    : QObject(parent)
    , m_ids(std::move(ids))
    , m_step(std::move(step))
    , m_chunkSize(std::max(1, chunkSize))
{
}

void BulkAction::start()
{
    if (m_started)
        return;
    m_started = true;
    runChunk();
}

void BulkAction::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (!m_started) {
        m_started = true;
        finish();
    }
}

void BulkAction::runChunk()
{
    if (m_finished)
        return;
    if (m_cancelled || m_next >= total())
        return finish();
    const QList<qint64> chunk = m_ids.mid(m_next, m_chunkSize);
    const auto changed = m_step(chunk);
    if (!changed) {
        m_error = changed.error();
        return finish();
    }
    m_next += static_cast<int>(chunk.size());
    m_applied += *changed;
    ++m_chunks;
    Q_EMIT progress(m_next, total(), m_applied);
    if (m_next >= total())
        return finish();
    // back to the event loop: paint the progress, take a click on Cancel, then the next chunk
    QTimer::singleShot(0, this, &BulkAction::runChunk);
}

void BulkAction::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace Interlock::Ops

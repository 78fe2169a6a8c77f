// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Result.h"

#include <QList>
#include <QObject>
#include <functional>
#include <optional>

namespace Interlock::Ops {

/// Runs one action (replay, resolve, cancel) over many messages in chunks, one journal
/// transaction per chunk, returning to the event loop between chunks so a console stays live
/// and can cancel. cancel() stops after the chunk that is running: the chunks already applied
/// stay applied, each with its audit entries. A failed chunk stops the run (earlier chunks stay).
///
/// Threads: lives in the thread that created it; `step` is called there. The first chunk runs
/// inside start(), so a run that fits one chunk has finished when start() returns (connect first).
/// Emits finished() exactly once. Owns nothing but its ids; the owner keeps `step`'s captures alive.
class BulkAction : public QObject
{
    Q_OBJECT
public:
    /// Applies the action to one chunk of ids; returns how many messages it changed.
    using Step = std::function<Result<int>(const QList<qint64>& chunk)>;
    static constexpr int DefaultChunkSize = 200;

    BulkAction(QList<qint64> ids, Step step, int chunkSize = DefaultChunkSize, QObject* parent = nullptr);

    void start();
    /// Stops after the current chunk; no effect once finished.
    void cancel();

    int total() const { return static_cast<int>(m_ids.size()); }
    int processed() const { return m_next; } ///< ids handed to a step so far
    int applied() const { return m_applied; } ///< messages the steps changed so far
    int chunksApplied() const { return m_chunks; }
    bool isRunning() const { return m_started && !m_finished; }
    bool isFinished() const { return m_finished; }
    bool wasCancelled() const { return m_cancelled && m_next < total(); }
    const std::optional<Error>& error() const { return m_error; }

Q_SIGNALS:
    /// After each chunk: ids processed so far, of `total`, and how many messages changed.
    void progress(int processed, int total, int applied);
    void finished();

private:
    void runChunk();
    void finish();

    QList<qint64> m_ids;
    Step m_step;
    int m_chunkSize;
    int m_next = 0;
    int m_applied = 0;
    int m_chunks = 0;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;
    std::optional<Error> m_error;
};

} // namespace Interlock::Ops

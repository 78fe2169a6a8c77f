// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Result.h"

#include <QHash>
#include <QStringList>
#include <functional>

namespace Interlock::Ops {

/// What JournalGenerator::generate writes.
struct GeneratorOptions
{
    qint64 rows = 1000; ///< messages to write
    QStringList plants { QStringLiteral("BEDFORD"), QStringLiteral("NASHUA"), QStringLiteral("LEEDS") };
    int days = 7; ///< event times spread over the last `days` days before endAt
    quint64 seed = 1; ///< same seed, same options, same endAt: the same journal
    qint64 endAt = 0; ///< ms since the epoch of the newest event; 0 = now
    bool append = false; ///< allow writing into a journal that already holds messages
    int rowsPerTransaction = 20000;
    /// Called after every transaction with (messages written, messages asked for).
    std::function<void(qint64, qint64)> progress;
};

/// What a generation wrote.
struct GeneratorReport
{
    qint64 messages = 0;
    qint64 attempts = 0;
    qint64 auditEntries = 0;
    qint64 mappings = 0;
    QHash<QString, qint64> states; ///< state name -> messages written in it
    qint64 firstId = 0;
    qint64 lastId = 0;
    double seconds = 0;
};

/// Fills a journal with realistic traffic for benchmarks and demos: work order and parts
/// postings of several plants spread over days, most posted, some retrying, blocked on an
/// unmapped value or stuck with the errors SAP and Maximo really return, the attempt history
/// of each, and hash-chained audit entries for what people did (replay, resolve, cancel,
/// mappings). Payloads have the shape of the simulators' (Maximo MXWO / MATUSETRANS in,
/// SAP MaintenanceOrder / MaterialDocument out).
///
/// Writes through its own connection with prepared statements in large transactions,
/// synchronous=OFF and, for a new journal, no rollback journal until it is done (then WAL again):
/// a crash mid-way leaves a generated journal that may be damaged; delete it and generate again.
/// Never used for real traffic. Refuses a journal that holds messages unless `append`.
/// Blocking; call from a thread that may wait (minutes for ten million rows).
class JournalGenerator
{
public:
    static Result<GeneratorReport> generate(const QString& journalPath, const GeneratorOptions& options);
};

} // namespace Interlock::Ops

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"
#include "models/domain/Result.h"

#include <QList>
#include <QObject>
#include <functional>

namespace Interlock::Connectors {

/// What one poll of a source returned: the changes (oldest first) and the watermark that covers them.
struct SourceBatch
{
    QList<SourceChange> changes;
    QString watermark; ///< store this only in the transaction that journals `changes`
    int pages = 0; ///< how many pages were read
    bool truncated = false; ///< the page budget ran out; poll again soon
};

/// A CMMS that is polled for changes. Lives in one thread; callbacks run in that thread.
/// At most one fetch is outstanding per instance.
class CmmsSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~CmmsSource() override = default;
    /// Reads every change at or after `watermark` (inclusive: boundary records are read again and
    /// deduplicated by their idempotency key). An empty watermark means "from the beginning".
    virtual void fetchChanges(const QString& watermark, std::function<void(Result<SourceBatch>)> done) = 0;
    virtual QString systemName() const = 0;
};

} // namespace Interlock::Connectors

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"

#include <QHash>
#include <QList>
#include <optional>

namespace Interlock::Connectors {

/// An in-memory snapshot of the cross-reference table, for transforms.
/// A plant-specific row wins over an all-plant row (plant ""). Not thread-safe: one per thread.
class MappingLookup
{
public:
    MappingLookup() = default;
    explicit MappingLookup(const QList<Mapping>& rows);
    std::optional<QString> find(const QString& domain, const QString& plant, const QString& sourceValue) const;
    qsizetype size() const { return m_rows.size(); }

private:
    static QString key(const QString& domain, const QString& plant, const QString& value);
    QHash<QString, QString> m_rows;
};

} // namespace Interlock::Connectors

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/transform/MappingLookup.h"

namespace Interlock::Connectors {

MappingLookup::MappingLookup(const QList<Mapping>& rows)
{
    m_rows.reserve(rows.size());
    for (const Mapping& m : rows)
        m_rows.insert(key(m.domain, m.plant, m.sourceValue), m.targetValue);
}

QString MappingLookup::key(const QString& domain, const QString& plant, const QString& value)
{
    // \x1f (unit separator) cannot appear in codes coming from a form or a CSV cell unnoticed
    return domain + QChar(0x1f) + plant + QChar(0x1f) + value;
}

std::optional<QString> MappingLookup::find(const QString& domain, const QString& plant, const QString& value) const
{
    if (auto it = m_rows.constFind(key(domain, plant, value)); it != m_rows.cend())
        return *it;
    if (auto it = m_rows.constFind(key(domain, QString(), value)); it != m_rows.cend())
        return *it;
    return std::nullopt;
}

} // namespace Interlock::Connectors

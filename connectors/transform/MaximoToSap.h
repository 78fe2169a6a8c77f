// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/transform/MappingLookup.h"
#include "models/domain/Error.h"

#include <QJsonObject>

namespace Interlock::Connectors {

/// What a transform produced: SAP fields, or the first missing mapping, or a validation error.
struct TransformResult
{
    QJsonObject fields;
    QString targetPlant;
    QString missingDomain; ///< set when a mapping is missing
    QString missingValue;
    std::optional<Error> error; ///< set for a missing mapping (MissingMapping) or a bad payload (Validation)
    bool ok() const { return !error.has_value(); }
};

/// Maps a Maximo work order or material transaction (lean JSON, as journaled) to the fields of
/// an SAP maintenance order or goods issue, through the cross-reference mappings.
/// Pure function of its inputs; never throws; hostile payloads give a Validation error.
class MaximoToSap
{
public:
    explicit MaximoToSap(const MappingLookup& mappings)
        : m_mappings(mappings)
    {
    }
    TransformResult transform(const Message& message) const;

private:
    TransformResult workOrder(const QJsonObject& wo, const QString& site) const;
    TransformResult materialIssue(const QJsonObject& row, const QString& site, bool isReturn) const;
    const MappingLookup& m_mappings;
};

} // namespace Interlock::Connectors

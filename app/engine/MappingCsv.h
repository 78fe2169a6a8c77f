// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Message.h"
#include "models/domain/Result.h"

#include <QList>

namespace Interlock::Engine {

/// Reads and writes cross-reference mappings as CSV: header `domain,plant,source_value,target_value`,
/// one mapping a line, RFC 4180 quoting. Every bad line is reported with its number.
class MappingCsv
{
public:
    static Result<QList<Mapping>> parse(const QByteArray& csv, const QString& sourceSystem, const QString& targetSystem,
        const QString& createdBy, qint64 now);
    static Result<QList<Mapping>> load(const QString& path, const QString& sourceSystem, const QString& targetSystem,
        const QString& createdBy, qint64 now);
    static QByteArray write(const QList<Mapping>& rows);
};

} // namespace Interlock::Engine

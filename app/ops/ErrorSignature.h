// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Error.h"

#include <QString>

namespace Interlock::Ops {

/// Groups failures that differ only in their data: the error text with quoted values, codes
/// that mix letters and digits (materials, storage locations, business keys) and numbers
/// (order numbers, plants, quantities) masked. Pure; safe from any thread.
class ErrorSignature
{
public:
    /// "Material SP-0004 is not maintained in plant 1720" -> "Material <code> is not maintained in plant <n>".
    static QString normalize(const QString& text);
    /// The grouping key: class, code and normalized text.
    static QString key(ErrorClass errorClass, const QString& code, const QString& text);
};

} // namespace Interlock::Ops

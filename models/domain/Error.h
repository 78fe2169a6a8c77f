// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Enums.h"

#include <QString>

namespace Interlock {

QString errorClassName(ErrorClass c);
ErrorClass errorClassFromName(const QString& name);
/// True for classes the engine retries automatically.
bool isRetryable(ErrorClass c);

/// A recoverable failure with everything a person needs to understand it.
struct Error
{
    ErrorClass errorClass = ErrorClass::Permanent;
    QString code; ///< product code, e.g. "BMXAA4590E", "M7/021", "HTTP503"
    QString message; ///< one human-readable line
    int httpStatus = 0; ///< 0 when no HTTP answer was received
    QString detail; ///< excerpt of the response body (redacted, bounded)

    QString summary() const;
};

} // namespace Interlock

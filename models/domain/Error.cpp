// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/Error.h"

#include <QMetaEnum>

namespace Interlock {

QString errorClassName(ErrorClass c)
{
    return QString::fromLatin1(QMetaEnum::fromType<ErrorClass>().valueToKey(static_cast<int>(c)));
}

ErrorClass errorClassFromName(const QString& name)
{
    bool ok = false;
    const int v = QMetaEnum::fromType<ErrorClass>().keyToValue(name.toLatin1().constData(), &ok);
    return ok ? static_cast<ErrorClass>(v) : ErrorClass::None;
}

bool isRetryable(ErrorClass c)
{
    return c == ErrorClass::Transient || c == ErrorClass::Ambiguous || c == ErrorClass::Conflict
        || c == ErrorClass::Auth;
}

QString Error::summary() const
{
    QString s = errorClassName(errorClass);
    if (!code.isEmpty())
        s += QStringLiteral(" ") + code;
    if (httpStatus)
        s += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    if (!message.isEmpty())
        s += QStringLiteral(": ") + message;
    return s;
}

} // namespace Interlock

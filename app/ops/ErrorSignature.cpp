// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/ErrorSignature.h"

#include <QRegularExpression>

namespace Interlock::Ops {

QString ErrorSignature::normalize(const QString& text)
{
    // quoted values first: whatever they hold is data ('SP-0004', "2026-13-01", “x”)
    static const QRegularExpression quoted(QStringLiteral("'[^']*'|\"[^\"]*\"|“[^”]*”"));
    // a token: letters/digits joined by - / _ . : ; data when it holds a digit
    static const QRegularExpression token(QStringLiteral("[A-Za-z0-9]+(?:[-/_.:][A-Za-z0-9]+)*"));
    static const QRegularExpression digit(QStringLiteral("[0-9]"));
    static const QRegularExpression letter(QStringLiteral("[A-Za-z]"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));

    QString s = text;
    s.replace(quoted, QStringLiteral("<value>"));
    QString out;
    out.reserve(s.size());
    qsizetype last = 0;
    auto it = token.globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(s).mid(last, m.capturedStart() - last);
        const QString t = m.captured();
        if (!t.contains(digit))
            out += t;
        else if (t.contains(letter))
            out += QStringLiteral("<code>");
        else
            out += QStringLiteral("<n>");
        last = m.capturedEnd();
    }
    out += QStringView(s).mid(last);
    return out.replace(spaces, QStringLiteral(" ")).trimmed();
}

QString ErrorSignature::key(ErrorClass errorClass, const QString& code, const QString& text)
{
    return QStringLiteral("%1|%2|%3").arg(errorClassName(errorClass), code, normalize(text));
}

} // namespace Interlock::Ops

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/kpis/KpiCsv.h"

#include <QSaveFile>
#include <cmath>

namespace Interlock::Ui {

QString KpiCsv::cell(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return QString::number(value.toLongLong());
    case QMetaType::Double: {
        const double d = value.toDouble();
        return std::isfinite(d) ? QString::number(d, 'g', 15) : QString();
    }
    default:
        break;
    }
    if (value.isNull())
        return {};
    QString s = value.toString();
    bool quote = false;
    if (!s.isEmpty()) {
        const QChar first = s.at(0);
        if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-')
            || first == QLatin1Char('@') || first == QLatin1Char('\t') || first == QLatin1Char('\r')) {
            s.prepend(QLatin1Char('\''));
            quote = true;
        }
    }
    quote = quote || s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))
        || s.contains(QLatin1Char('\r')) || s.startsWith(QLatin1Char(' ')) || s.endsWith(QLatin1Char(' '));
    if (!quote)
        return s;
    s.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QByteArray KpiCsv::write(const QStringList& header, const QList<QVariantList>& rows)
{
    QStringList lines;
    QStringList h;
    for (const QString& c : header)
        h << cell(c);
    lines << h.join(QLatin1Char(','));
    for (const QVariantList& row : rows) {
        QStringList cells;
        for (const QVariant& v : row)
            cells << cell(v);
        lines << cells.join(QLatin1Char(','));
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

bool KpiCsv::save(const QString& path, const QStringList& header, const QList<QVariantList>& rows, QString& error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(write(header, rows)) < 0 || !f.commit()) {
        error = f.errorString();
        return false;
    }
    return true;
}

} // namespace Interlock::Ui

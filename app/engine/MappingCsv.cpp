// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine/MappingCsv.h"

#include <QFile>
#include <QSet>

namespace Interlock::Engine {

namespace {
/// Splits one CSV record; returns false on an unterminated quote.
bool splitRecord(const QString& line, QStringList& out)
{
    out.clear();
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    cell += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            out << cell;
            cell.clear();
        } else {
            cell += c;
        }
    }
    out << cell;
    return !quoted;
}

QString quote(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}
} // namespace

Result<QList<Mapping>> MappingCsv::parse(const QByteArray& csv, const QString& sourceSystem,
    const QString& targetSystem, const QString& createdBy, qint64 now)
{
    static const QSet<QString> domains { Domain::Plant, Domain::Equipment, Domain::Material, Domain::StorageLocation,
        Domain::CostCenter, Domain::WorkOrderStatus };
    if (csv.size() > 64 * 1024 * 1024)
        return fail(ErrorClass::Validation, QStringLiteral("CSV_TOO_LARGE"), QStringLiteral("mapping CSV over 64 MiB"));
    const QStringList lines = QString::fromUtf8(csv).split(QLatin1Char('\n'));
    QList<Mapping> out;
    QStringList cells;
    bool header = true;
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QString line = lines.at(n);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (!splitRecord(line, cells))
            return fail(ErrorClass::Validation, QStringLiteral("CSV_QUOTE"),
                QStringLiteral("line %1: unterminated quote").arg(n + 1));
        if (header) {
            header = false;
            if (cells.value(0).trimmed() == QLatin1String("domain"))
                continue;
        }
        if (cells.size() != 4)
            return fail(ErrorClass::Validation, QStringLiteral("CSV_COLUMNS"),
                QStringLiteral("line %1: expected 4 columns (domain,plant,source_value,target_value), got %2")
                    .arg(n + 1)
                    .arg(cells.size()));
        Mapping m;
        m.domain = cells.at(0).trimmed();
        m.plant = cells.at(1).trimmed();
        m.sourceValue = cells.at(2).trimmed();
        m.targetValue = cells.at(3).trimmed();
        if (!domains.contains(m.domain))
            return fail(ErrorClass::Validation, QStringLiteral("CSV_DOMAIN"),
                QStringLiteral("line %1: unknown domain '%2'").arg(n + 1).arg(m.domain.left(40)));
        if (m.sourceValue.isEmpty() || m.targetValue.isEmpty() || m.sourceValue.size() > 128
            || m.targetValue.size() > 128 || m.plant.size() > 32)
            return fail(ErrorClass::Validation, QStringLiteral("CSV_VALUE"),
                QStringLiteral("line %1: values must be 1-128 characters, plant at most 32").arg(n + 1));
        m.sourceSystem = sourceSystem;
        m.targetSystem = targetSystem;
        m.createdBy = createdBy;
        m.createdAt = now;
        out << m;
    }
    return out;
}

Result<QList<Mapping>> MappingCsv::load(
    const QString& path, const QString& sourceSystem, const QString& targetSystem, const QString& createdBy, qint64 now)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorClass::Validation, QStringLiteral("CSV_READ"),
            QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return parse(f.readAll(), sourceSystem, targetSystem, createdBy, now);
}

QByteArray MappingCsv::write(const QList<Mapping>& rows)
{
    QString out = QStringLiteral("domain,plant,source_value,target_value\n");
    for (const Mapping& m : rows)
        out += quote(m.domain) + QLatin1Char(',') + quote(m.plant) + QLatin1Char(',') + quote(m.sourceValue)
            + QLatin1Char(',') + quote(m.targetValue) + QLatin1Char('\n');
    return out.toUtf8();
}

} // namespace Interlock::Engine

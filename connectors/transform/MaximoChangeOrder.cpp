// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/transform/MaximoChangeOrder.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace Interlock::Connectors {

namespace {
struct Item
{
    SourceChange change;
    QJsonObject payload;
    qint64 rowstamp = -1; ///< -1 when absent or not numeric
};

qint64 rowstampOf(const QJsonObject& o)
{
    const QJsonValue v = o.value(QLatin1String("_rowstamp"));
    bool ok = false;
    const qint64 n = v.isString() ? v.toString().toLongLong(&ok) : v.toInteger(-1);
    return v.isString() ? (ok ? n : -1) : n;
}

/// true when `row` happened before `header` (rowstamps when both have one, else times)
bool before(const Item& row, const Item& header)
{
    if (row.rowstamp >= 0 && header.rowstamp >= 0)
        return row.rowstamp < header.rowstamp;
    return row.change.eventAtMs < header.change.eventAtMs;
}
} // namespace

QList<SourceChange> MaximoChangeOrder::apply(const QList<SourceChange>& changes, const QSet<QString>& knownKeys)
{
    QStringList keyOrder;
    QHash<QString, QList<Item>> rows;
    QHash<QString, QList<Item>> headers;
    for (const SourceChange& c : changes) {
        if (!rows.contains(c.businessKey) && !headers.contains(c.businessKey))
            keyOrder << c.businessKey;
        Item it { c, QJsonDocument::fromJson(c.payload).object(), -1 };
        it.rowstamp = rowstampOf(it.payload);
        (c.flow == Flow::WorkOrder ? headers[c.businessKey] : rows[c.businessKey]) << it;
        if (c.flow == Flow::WorkOrder)
            rows[c.businessKey];
        else
            headers[c.businessKey];
    }
    QList<SourceChange> out;
    out.reserve(changes.size() + 4);
    for (const QString& key : keyOrder) {
        QList<Item> hs = headers.value(key);
        QList<Item> rs = rows.value(key);
        auto byStamp = [](const Item& a, const Item& b) {
            if (a.rowstamp >= 0 && b.rowstamp >= 0 && a.rowstamp != b.rowstamp)
                return a.rowstamp < b.rowstamp;
            return a.change.eventAtMs < b.change.eventAtMs;
        };
        std::stable_sort(hs.begin(), hs.end(), byStamp);
        std::stable_sort(rs.begin(), rs.end(), byStamp);
        if (hs.isEmpty() || rs.isEmpty()) {
            for (const Item& h : hs)
                out << h.change;
            for (const Item& r : rs)
                out << r.change;
            continue;
        }
        const bool isNew = !knownKeys.contains(key);
        const Item& first = hs.first();
        const Item& last = hs.last();
        QString status = last.payload.value(QLatin1String("status_maxvalue")).toString();
        if (status.isEmpty())
            status = last.payload.value(QLatin1String("status")).toString();
        const bool closing = status == QLatin1String("CLOSE") || status == QLatin1String("CAN");
        const bool rowsBeforeClose
            = std::any_of(rs.cbegin(), rs.cend(), [&](const Item& r) { return before(r, last); });
        qsizetype h = 0;
        if (isNew && closing && rowsBeforeClose && hs.size() == 1) {
            QJsonObject open = first.payload;
            open.insert(QStringLiteral("status"), QStringLiteral("INPRG"));
            open.insert(QStringLiteral("status_maxvalue"), QStringLiteral("INPRG"));
            open.insert(QStringLiteral("interlockSynthetic"),
                QStringLiteral("open state restored: parts were issued at the source before it closed"));
            SourceChange s = first.change;
            s.idempotencyKey = first.change.idempotencyKey + QStringLiteral("#open");
            s.payload = QJsonDocument(open).toJson(QJsonDocument::Compact);
            s.eventAtMs = std::min(first.change.eventAtMs, rs.first().change.eventAtMs - 1);
            out << s;
        } else if (isNew) {
            out << first.change; // the order has to exist before anything is posted to it
            h = 1;
        }
        // merge the remaining headers and the rows by when they happened
        qsizetype r = 0;
        while (h < hs.size() || r < rs.size()) {
            if (r < rs.size() && (h >= hs.size() || before(rs.at(r), hs.at(h))))
                out << rs.at(r++).change;
            else
                out << hs.at(h++).change;
        }
    }
    return out;
}

} // namespace Interlock::Connectors

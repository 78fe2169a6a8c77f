// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/journal/KpiQueries.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Interlock::Journal {

namespace {
Unexpected sqlFail(const QSqlQuery& q, const QString& what)
{
    return fail(ErrorClass::Permanent, QStringLiteral("SQL%1").arg(q.lastError().nativeErrorCode()),
        QStringLiteral("%1: %2").arg(what, q.lastError().text()));
}

QString plantClause(const QString& plant)
{
    return plant.isEmpty() ? QString() : QStringLiteral(" AND plant = :plant");
}
} // namespace

KpiQueries::KpiQueries(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QList<KpiHourRow>> KpiQueries::hours(qint64 fromHour, qint64 toHour, const QString& plant)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT plant, hour, posted, first_attempt, lag_sum, lag_max, parts_posted, parts_costed, "
                             "parts_cost, labor_posted, labor_costed, labor_cost, attempts, failed FROM kpi_hour WHERE "
                             "hour >= :from AND hour < :to%1")
                  .arg(plantClause(plant)));
    q.bindValue(QStringLiteral(":from"), fromHour);
    q.bindValue(QStringLiteral(":to"), toHour);
    if (!plant.isEmpty())
        q.bindValue(QStringLiteral(":plant"), plant);
    if (!q.exec())
        return sqlFail(q, QStringLiteral("kpi hours"));
    QList<KpiHourRow> out;
    while (q.next()) {
        KpiHourRow r;
        r.plant = q.value(0).toString();
        r.hour = q.value(1).toLongLong();
        r.posted = q.value(2).toLongLong();
        r.firstAttempt = q.value(3).toLongLong();
        r.lagSum = q.value(4).toLongLong();
        r.lagMax = q.value(5).toLongLong();
        r.partsPosted = q.value(6).toLongLong();
        r.partsCosted = q.value(7).toLongLong();
        r.partsCost = q.value(8).toDouble();
        r.laborPosted = q.value(9).toLongLong();
        r.laborCosted = q.value(10).toLongLong();
        r.laborCost = q.value(11).toDouble();
        r.attempts = q.value(12).toLongLong();
        r.failed = q.value(13).toLongLong();
        out << r;
    }
    return out;
}

Result<QList<KpiLagRow>> KpiQueries::lagBins(qint64 fromHour, qint64 toHour, const QString& plant)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT plant, hour, bin, n FROM kpi_lag WHERE hour >= :from AND hour < :to%1")
                  .arg(plantClause(plant)));
    q.bindValue(QStringLiteral(":from"), fromHour);
    q.bindValue(QStringLiteral(":to"), toHour);
    if (!plant.isEmpty())
        q.bindValue(QStringLiteral(":plant"), plant);
    if (!q.exec())
        return sqlFail(q, QStringLiteral("kpi lag"));
    QList<KpiLagRow> out;
    QString lastPlant; // most rows repeat the plant of the row before: share its string
    while (q.next()) {
        KpiLagRow r;
        const QString p = q.value(0).toString();
        if (p != lastPlant)
            lastPlant = p;
        r.plant = lastPlant;
        r.hour = q.value(1).toLongLong();
        r.bin = q.value(2).toLongLong();
        r.n = q.value(3).toLongLong();
        out << r;
    }
    return out;
}

Result<QList<KpiTouch>> KpiQueries::touches(qint64 beforeMs)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT at, action, before_value, after_value, message_ids FROM audit WHERE role <> "
                       "'system' AND message_ids IS NOT NULL AND message_ids <> '' AND at < :before ORDER BY id"));
    q.bindValue(QStringLiteral(":before"), beforeMs);
    if (!q.exec())
        return sqlFail(q, QStringLiteral("kpi touches"));
    QList<KpiTouch> out;
    while (q.next()) {
        KpiTouch t;
        t.at = q.value(0).toLongLong();
        t.action = q.value(1).toString();
        t.before = q.value(2).toString();
        t.after = q.value(3).toString();
        const QStringList ids = q.value(4).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& id : ids) {
            bool ok = false;
            t.messageId = id.trimmed().toLongLong(&ok);
            if (ok && t.messageId > 0)
                out << t;
        }
    }
    return out;
}

Result<QList<KpiMessageFacts>> KpiQueries::messageFacts(const QList<qint64>& ids)
{
    QList<KpiMessageFacts> out;
    constexpr qsizetype kChunk = 500;
    for (qsizetype start = 0; start < ids.size(); start += kChunk) {
        const QList<qint64> chunk = ids.mid(start, kChunk);
        QStringList marks;
        for (qsizetype i = 0; i < chunk.size(); ++i)
            marks << QStringLiteral(":i%1").arg(i);
        const QString in = marks.join(QLatin1Char(','));
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        // rowid lookups, and the attempt_message index for each one's first failure
        q.prepare(QStringLiteral("SELECT m.id, m.plant, m.state, m.attempts, m.received_at, COALESCE(m.posted_at, 0), "
                                 "(SELECT MIN(a.started_at) FROM attempt a WHERE a.message_id = m.id AND "
                                 "a.error_class IS NOT NULL) FROM message m WHERE m.id IN (%1)")
                      .arg(in));
        for (qsizetype i = 0; i < chunk.size(); ++i)
            q.bindValue(marks.at(i), chunk.at(i));
        if (!q.exec())
            return sqlFail(q, QStringLiteral("kpi message facts"));
        while (q.next()) {
            KpiMessageFacts f;
            f.id = q.value(0).toLongLong();
            f.plant = q.value(1).toString();
            f.state = stateFromName(q.value(2).toString());
            f.attempts = q.value(3).toInt();
            f.receivedAt = q.value(4).toLongLong();
            f.postedAt = q.value(5).toLongLong();
            f.firstFailureAt = q.value(6).isNull() ? 0 : q.value(6).toLongLong();
            out << f;
        }
    }
    return out;
}

Result<QList<KpiOpenCount>> KpiQueries::openCounts(const QStringList& plants)
{
    static const QList<MessageState> open { MessageState::Received, MessageState::Ready, MessageState::InFlight,
        MessageState::Retrying, MessageState::Blocked, MessageState::Stuck };
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // message_plant_state (plant, state) holds the rowid: count and MIN(id) without touching rows;
    // ids grow with received_at (ingest order), so MIN(id) is the oldest
    q.prepare(QStringLiteral("SELECT COUNT(*), MIN(id) FROM message WHERE plant = :p AND state = :s"));
    QSqlQuery at(m_db);
    at.prepare(QStringLiteral("SELECT received_at FROM message WHERE id = :id"));
    QList<KpiOpenCount> out;
    for (const QString& plant : plants) {
        for (MessageState s : open) {
            q.bindValue(QStringLiteral(":p"), plant);
            q.bindValue(QStringLiteral(":s"), stateName(s));
            if (!q.exec() || !q.next())
                return sqlFail(q, QStringLiteral("kpi open counts"));
            const qint64 n = q.value(0).toLongLong();
            if (n == 0)
                continue;
            KpiOpenCount c { plant, s, n, 0 };
            at.bindValue(QStringLiteral(":id"), q.value(1).toLongLong());
            if (!at.exec())
                return sqlFail(at, QStringLiteral("kpi oldest open"));
            if (at.next())
                c.oldestReceivedAt = at.value(0).toLongLong();
            out << c;
        }
    }
    return out;
}

Result<QStringList> KpiQueries::knownPlants()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // kpi_hour's primary key starts with plant: one seek per distinct plant
    if (!q.exec(QStringLiteral("SELECT DISTINCT plant FROM kpi_hour ORDER BY plant")))
        return sqlFail(q, QStringLiteral("kpi plants"));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace Interlock::Journal

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/journal/JournalStore.h"

#include <QAtomicInt>
#include <QCryptographicHash>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlRecord>
#include <QVariant>
#include <algorithm>

Q_LOGGING_CATEGORY(lcJournal, "interlock.journal", QtInfoMsg)

namespace Interlock::Journal {

namespace {
QAtomicInt s_connectionCounter;

const QString kTerminalList = QStringLiteral("'posted','resolved','cancelled','superseded'");
const QString kBacklogList = QStringLiteral("'received','ready','in_flight','retrying'");

const QString kMessageColumns = QStringLiteral(
    "id, flow, operation, plant, source_system, target_system, business_key, seq, idempotency_key, "
    "source_payload, target_payload, state, attempts, next_attempt_at, lease_owner, lease_until, error_class, "
    "error_code, error_text, blocked_domain, blocked_value, target_ref, event_at, received_at, posted_at, "
    "updated_at");

QString prefixedColumns(const QString& prefix)
{
    QStringList cols = kMessageColumns.split(QStringLiteral(", "));
    for (QString& c : cols)
        c.prepend(prefix);
    return cols.join(QStringLiteral(", "));
}

Message readMessage(const QSqlQuery& q)
{
    Message m;
    m.id = q.value(0).toLongLong();
    m.flow = q.value(1).toString();
    m.operation = q.value(2).toString();
    m.plant = q.value(3).toString();
    m.sourceSystem = q.value(4).toString();
    m.targetSystem = q.value(5).toString();
    m.businessKey = q.value(6).toString();
    m.seq = q.value(7).toInt();
    m.idempotencyKey = q.value(8).toString();
    m.sourcePayload = q.value(9).toString().toUtf8();
    m.targetPayload = q.value(10).toString().toUtf8();
    m.state = stateFromName(q.value(11).toString());
    m.attempts = q.value(12).toInt();
    m.nextAttemptAt = q.value(13).toLongLong();
    m.leaseOwner = q.value(14).toString();
    m.leaseUntil = q.value(15).toLongLong();
    m.errorClass = q.value(16).isNull() ? ErrorClass::None : errorClassFromName(q.value(16).toString());
    m.errorCode = q.value(17).toString();
    m.errorText = q.value(18).toString();
    m.blockedDomain = q.value(19).toString();
    m.blockedValue = q.value(20).toString();
    m.targetRef = q.value(21).toString();
    m.eventAt = q.value(22).toLongLong();
    m.receivedAt = q.value(23).toLongLong();
    m.postedAt = q.value(24).toLongLong();
    m.updatedAt = q.value(25).toLongLong();
    return m;
}

QList<Message> readMessages(QSqlQuery& q)
{
    QList<Message> out;
    while (q.next())
        out << readMessage(q);
    return out;
}

const QString kAuditColumns
    = QStringLiteral("id, at, actor, role, action, message_ids, before_value, after_value, note, prev_hash, hash");

/// Reads a row selected with kAuditColumns.
AuditEntry readAudit(const QSqlQuery& q)
{
    AuditEntry e;
    e.id = q.value(0).toLongLong();
    e.at = q.value(1).toLongLong();
    e.actor = q.value(2).toString();
    e.role = q.value(3).toString();
    e.action = q.value(4).toString();
    e.messageIds = q.value(5).toString();
    e.before = q.value(6).toString();
    e.after = q.value(7).toString();
    e.note = q.value(8).toString();
    e.prevHash = q.value(9).toString();
    e.hash = q.value(10).toString();
    return e;
}

void bindMapping(QSqlQuery& q, const Mapping& m)
{
    q.bindValue(QStringLiteral(":d"), m.domain);
    q.bindValue(QStringLiteral(":p"), m.plant.isNull() ? QStringLiteral("") : m.plant);
    q.bindValue(QStringLiteral(":ss"), m.sourceSystem);
    q.bindValue(QStringLiteral(":sv"), m.sourceValue);
    q.bindValue(QStringLiteral(":ts"), m.targetSystem);
    q.bindValue(QStringLiteral(":tv"), m.targetValue);
    q.bindValue(QStringLiteral(":by"), m.createdBy);
    q.bindValue(QStringLiteral(":at"), m.createdAt);
}

QVariant nullableText(const QString& s)
{
    return s.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

qint64 percentile(QList<qint64>& sorted, double p)
{
    if (sorted.isEmpty())
        return -1;
    const auto idx = static_cast<qsizetype>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted.at(std::clamp<qsizetype>(idx, 0, sorted.size() - 1));
}
} // namespace

QString auditHash(const AuditEntry& e, const QString& prevHash)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    const QStringList parts { prevHash, QString::number(e.at), e.actor, e.role, e.action, e.messageIds, e.before,
        e.after, e.note };
    for (const auto& p : parts) {
        const QByteArray b = p.toUtf8();
        // length-prefix every field so "ab"+"c" and "a"+"bc" hash differently
        h.addData(QByteArray(QByteArray::number(b.size()) + ':'));
        h.addData(b);
    }
    return QString::fromLatin1(h.result().toHex());
}

JournalStore::JournalStore()
    : m_connection(QStringLiteral("interlock-journal-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1)))
{
}

JournalStore::~JournalStore()
{
    close();
}

void JournalStore::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool JournalStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

QSqlDatabase JournalStore::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

Error JournalStore::sqlError(const QSqlQuery& q, const QString& what) const
{
    const QSqlError e = q.lastError();
    // SQLITE_BUSY / locked, PostgreSQL serialization and deadlock failures are worth retrying
    const QString native = e.nativeErrorCode();
    const bool transient = native == QLatin1String("5") || native == QLatin1String("6")
        || native == QLatin1String("40001") || native == QLatin1String("40P01")
        || e.type() == QSqlError::ConnectionError;
    return Error { transient ? ErrorClass::Transient : ErrorClass::Permanent, QStringLiteral("SQL%1").arg(native),
        QStringLiteral("%1: %2").arg(what, e.text()), 0, q.lastQuery().left(300) };
}

Status JournalStore::openSqlite(const QString& path)
{
    close();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return fail(ErrorClass::Permanent, QStringLiteral("JOURNAL_OPEN"),
            QStringLiteral("cannot open journal %1: %2").arg(path, db.lastError().text()));
    QSqlQuery q(db);
    // WAL: readers never block the writer. synchronous=FULL: a commit survives power loss;
    // throughput comes from group commit, not from relaxing durability.
    for (const char* pragma : { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
             "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-32000" }) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return Unexpected { sqlError(q, QStringLiteral("pragma")) };
    }
    if (auto s = migrate(); !s)
        return s;
    auto chain = AuditChain::open(db, path);
    if (!chain)
        return Unexpected { chain.error() };
    m_auditChain = std::move(*chain);
    return {};
}

int JournalStore::schemaVersion()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Status JournalStore::migrate()
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at "
                               "INTEGER NOT NULL)")))
        return Unexpected { sqlError(q, QStringLiteral("schema_version")) };
    const QStringList migrations { QStringLiteral(":/interlock/migrations/sqlite/001_initial.sql"),
        QStringLiteral(":/interlock/migrations/sqlite/002_query_indexes.sql"),
        QStringLiteral(":/interlock/migrations/sqlite/003_alerts.sql"),
        QStringLiteral(":/interlock/migrations/sqlite/004_kpi.sql"),
        QStringLiteral(":/interlock/migrations/sqlite/005_sort_indexes.sql"),
        QStringLiteral(":/interlock/migrations/sqlite/006_users.sql") };
    const int current = schemaVersion();
    for (int v = current; v < migrations.size(); ++v) {
        QFile f(migrations.at(v));
        if (!f.open(QIODevice::ReadOnly))
            return fail(ErrorClass::Permanent, QStringLiteral("MIGRATION_MISSING"),
                QStringLiteral("migration %1 is not in the resources").arg(migrations.at(v)));
        const QString sql = QString::fromUtf8(f.readAll());
        if (auto s = begin(); !s)
            return s;
        const QStringList statements = sql.split(
            QRegularExpression(QStringLiteral("^;;\\s*$"), QRegularExpression::MultilineOption), Qt::SkipEmptyParts);
        for (const QString& st : statements) {
            QString body;
            for (const QString& line : st.split(QLatin1Char('\n')))
                if (!line.trimmed().startsWith(QLatin1String("--")))
                    body += line + QLatin1Char('\n');
            if (body.trimmed().isEmpty())
                continue;
            if (!q.exec(body)) {
                const Error e = sqlError(q, QStringLiteral("migration %1").arg(v + 1));
                rollback();
                return Unexpected { e };
            }
        }
        q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (:v, :at)"));
        q.bindValue(QStringLiteral(":v"), v + 1);
        q.bindValue(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch());
        if (!q.exec()) {
            const Error e = sqlError(q, QStringLiteral("schema_version"));
            rollback();
            return Unexpected { e };
        }
        if (auto s = commit(); !s)
            return s;
        qCInfo(lcJournal) << "journal migrated to version" << v + 1;
    }
    return {};
}

Status JournalStore::begin()
{
    // inside inTransaction(): the write method joins the open transaction
    if (m_txDepth > 0) {
        ++m_txDepth;
        return {};
    }
    QSqlQuery q(database());
    // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading a read lock
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Unexpected { sqlError(q, QStringLiteral("begin")) };
    m_txDepth = 1;
    m_txDoomed = false;
    return {};
}

Status JournalStore::commit()
{
    if (m_txDepth > 1) {
        --m_txDepth;
        return {};
    }
    m_txDepth = 0;
    QSqlQuery q(database());
    if (m_txDoomed) {
        // a joined write failed and rolled back its part: the whole transaction goes
        abortTransaction();
        return fail(ErrorClass::Permanent, QStringLiteral("TX_ABORTED"),
            QStringLiteral("a step of the transaction failed; nothing was written"));
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const Error e = sqlError(q, QStringLiteral("commit"));
        abortTransaction();
        return Unexpected { e };
    }
    if (m_auditChain)
        m_auditChain->committed();
    return {};
}

void JournalStore::rollback()
{
    if (m_txDepth > 1) {
        // a joined write failed: the outer transaction cannot commit any more
        --m_txDepth;
        m_txDoomed = true;
        return;
    }
    m_txDepth = 0;
    abortTransaction();
}

void JournalStore::abortTransaction()
{
    QSqlQuery q(database());
    q.exec(QStringLiteral("ROLLBACK"));
    if (m_auditChain)
        m_auditChain->rolledBack();
}

Status JournalStore::inTransaction(const std::function<Status()>& work)
{
    if (auto s = begin(); !s)
        return s;
    if (auto s = work(); !s) {
        rollback();
        return s;
    }
    return commit();
}

Result<IngestResult> JournalStore::ingest(const QList<SourceChange>& changes, const QString& connector,
    const QString& watermarkPlant, const QString& watermark, qint64 now)
{
    IngestResult r;
    if (auto s = begin(); !s)
        return Unexpected { s.error() };
    QSqlDatabase db = database();
    QSqlQuery exists(db);
    exists.prepare(QStringLiteral("SELECT 1 FROM message WHERE idempotency_key = :k"));
    QSqlQuery nextSeq(db);
    nextSeq.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM message WHERE business_key = :b"));
    QSqlQuery ins(db);
    ins.prepare(QStringLiteral(
        "INSERT INTO message (flow, operation, plant, source_system, target_system, business_key, seq, "
        "idempotency_key, source_payload, state, next_attempt_at, event_at, received_at, updated_at) VALUES (:flow, "
        ":op, :plant, :src, :tgt, :bk, :seq, :ik, :payload, 'received', 0, :ev, :now, :now)"));
    for (const SourceChange& c : changes) {
        exists.bindValue(QStringLiteral(":k"), c.idempotencyKey);
        if (!exists.exec()) {
            const Error e = sqlError(exists, QStringLiteral("ingest lookup"));
            rollback();
            return Unexpected { e };
        }
        if (exists.next()) {
            ++r.duplicates;
            continue;
        }
        nextSeq.bindValue(QStringLiteral(":b"), c.businessKey);
        if (!nextSeq.exec() || !nextSeq.next()) {
            const Error e = sqlError(nextSeq, QStringLiteral("ingest sequence"));
            rollback();
            return Unexpected { e };
        }
        ins.bindValue(QStringLiteral(":flow"), c.flow);
        ins.bindValue(QStringLiteral(":op"), c.operation);
        ins.bindValue(QStringLiteral(":plant"), c.plant);
        ins.bindValue(QStringLiteral(":src"), c.sourceSystem);
        ins.bindValue(QStringLiteral(":tgt"), c.targetSystem);
        ins.bindValue(QStringLiteral(":bk"), c.businessKey);
        ins.bindValue(QStringLiteral(":seq"), nextSeq.value(0).toInt());
        ins.bindValue(QStringLiteral(":ik"), c.idempotencyKey);
        ins.bindValue(QStringLiteral(":payload"), QString::fromUtf8(c.payload));
        ins.bindValue(QStringLiteral(":ev"), c.eventAtMs);
        ins.bindValue(QStringLiteral(":now"), now);
        if (!ins.exec()) {
            const Error e = sqlError(ins, QStringLiteral("ingest insert"));
            rollback();
            return Unexpected { e };
        }
        ++r.inserted;
    }
    if (!watermark.isEmpty()) {
        QSqlQuery wm(db);
        wm.prepare(QStringLiteral("INSERT INTO watermark (connector, plant, value, updated_at) VALUES (:c, :p, :v, "
                                  ":now) ON CONFLICT (connector, plant) DO UPDATE SET value = excluded.value, "
                                  "updated_at = excluded.updated_at"));
        wm.bindValue(QStringLiteral(":c"), connector);
        wm.bindValue(QStringLiteral(":p"), watermarkPlant);
        wm.bindValue(QStringLiteral(":v"), watermark);
        wm.bindValue(QStringLiteral(":now"), now);
        if (!wm.exec()) {
            const Error e = sqlError(wm, QStringLiteral("watermark"));
            rollback();
            return Unexpected { e };
        }
    }
    if (auto s = commit(); !s)
        return Unexpected { s.error() };
    return r;
}

Result<QString> JournalStore::watermark(const QString& connector, const QString& plant)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT value FROM watermark WHERE connector = :c AND plant = :p"));
    q.bindValue(QStringLiteral(":c"), connector);
    q.bindValue(QStringLiteral(":p"), plant);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("watermark")) };
    return q.next() ? q.value(0).toString() : QString();
}

Result<QSet<QString>> JournalStore::knownBusinessKeys(const QStringList& businessKeys)
{
    QSet<QString> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT 1 FROM message WHERE business_key = :b LIMIT 1"));
    for (const QString& b : businessKeys) {
        q.bindValue(QStringLiteral(":b"), b);
        if (!q.exec())
            return Unexpected { sqlError(q, QStringLiteral("known keys")) };
        if (q.next())
            out.insert(b);
    }
    return out;
}

Result<QList<Message>> JournalStore::messagesInState(MessageState state, int limit)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM message WHERE state = :s ORDER BY id LIMIT :n").arg(kMessageColumns));
    q.bindValue(QStringLiteral(":s"), stateName(state));
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("messages in state")) };
    return readMessages(q);
}

Result<QList<Message>> JournalStore::healableBlocked(int limit)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM message m WHERE m.state = 'blocked' AND EXISTS (SELECT 1 FROM mapping "
                             "p WHERE p.domain = m.blocked_domain AND p.source_value = m.blocked_value AND (p.plant "
                             "= m.plant OR p.plant = '')) ORDER BY m.id LIMIT :n")
                  .arg(prefixedColumns(QStringLiteral("m."))));
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("healable blocked")) };
    return readMessages(q);
}

Result<QList<QPair<Message, qint64>>> JournalStore::waitingBehindParked(int limit)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1, (SELECT MIN(p.id) FROM message p WHERE p.business_key = m.business_key AND "
                             "p.seq < m.seq AND p.state IN ('stuck','blocked')) AS parked FROM message m WHERE "
                             "m.state IN ('ready','retrying') AND EXISTS (SELECT 1 FROM message p WHERE "
                             "p.business_key = m.business_key AND p.seq < m.seq AND p.state IN ('stuck','blocked')) "
                             "ORDER BY m.id LIMIT :n")
                  .arg(prefixedColumns(QStringLiteral("m."))));
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("waiting behind parked")) };
    QList<QPair<Message, qint64>> out;
    while (q.next())
        out.append({ readMessage(q), q.value(26).toLongLong() });
    return out;
}

Result<QList<Message>> JournalStore::releasablePredecessorBlocked(int limit)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM message m WHERE m.state = 'blocked' AND m.blocked_domain = "
                             "'predecessor' AND NOT EXISTS (SELECT 1 FROM message p WHERE p.business_key = "
                             "m.business_key AND p.seq < m.seq AND p.state IN ('stuck','blocked')) ORDER BY m.id "
                             "LIMIT :n")
                  .arg(prefixedColumns(QStringLiteral("m."))));
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("releasable predecessor blocked")) };
    return readMessages(q);
}

Result<QList<Message>> JournalStore::claim(
    const QString& owner, const QString& plant, int limit, qint64 leaseMs, qint64 now)
{
    if (auto s = begin(); !s)
        return Unexpected { s.error() };
    QSqlDatabase db = database();
    QSqlQuery pick(db);
    // Per business key, only the first open message may move: everything before it is terminal.
    pick.prepare(QStringLiteral("SELECT m.id FROM message m WHERE m.plant = :plant AND m.state IN "
                                "('ready','retrying') AND m.next_attempt_at <= :now AND NOT EXISTS (SELECT 1 FROM "
                                "message p WHERE p.business_key = m.business_key AND p.seq < m.seq AND p.state NOT "
                                "IN (%1)) ORDER BY m.next_attempt_at, m.id LIMIT :n")
                     .arg(kTerminalList));
    pick.bindValue(QStringLiteral(":plant"), plant);
    pick.bindValue(QStringLiteral(":now"), now);
    pick.bindValue(QStringLiteral(":n"), limit);
    if (!pick.exec()) {
        const Error e = sqlError(pick, QStringLiteral("claim select"));
        rollback();
        return Unexpected { e };
    }
    QList<qint64> ids;
    while (pick.next())
        ids << pick.value(0).toLongLong();
    QSqlQuery upd(db);
    upd.prepare(QStringLiteral("UPDATE message SET state = 'in_flight', attempts = attempts + 1, lease_owner = :o, "
                               "lease_until = :until, updated_at = :now WHERE id = :id AND state IN "
                               "('ready','retrying')"));
    QSqlQuery sel(db);
    sel.prepare(QStringLiteral("SELECT %1 FROM message WHERE id = :id").arg(kMessageColumns));
    QList<Message> out;
    for (qint64 id : ids) {
        upd.bindValue(QStringLiteral(":o"), owner);
        upd.bindValue(QStringLiteral(":until"), now + leaseMs);
        upd.bindValue(QStringLiteral(":now"), now);
        upd.bindValue(QStringLiteral(":id"), id);
        if (!upd.exec()) {
            const Error e = sqlError(upd, QStringLiteral("claim update"));
            rollback();
            return Unexpected { e };
        }
        if (upd.numRowsAffected() != 1)
            continue;
        sel.bindValue(QStringLiteral(":id"), id);
        if (!sel.exec() || !sel.next()) {
            const Error e = sqlError(sel, QStringLiteral("claim read"));
            rollback();
            return Unexpected { e };
        }
        out << readMessage(sel);
    }
    if (auto s = commit(); !s)
        return Unexpected { s.error() };
    return out;
}

Result<int> JournalStore::recoverLeases(qint64 now, bool all, const QString& engine)
{
    if (auto s = begin(); !s)
        return Unexpected { s.error() };
    QSqlDatabase db = database();
    QSqlQuery pick(db);
    pick.prepare(all ? QStringLiteral("SELECT id, lease_owner FROM message WHERE state = 'in_flight'")
                     : QStringLiteral("SELECT id, lease_owner FROM message WHERE state = 'in_flight' AND "
                                      "lease_until < :now"));
    if (!all)
        pick.bindValue(QStringLiteral(":now"), now);
    if (!pick.exec()) {
        const Error e = sqlError(pick, QStringLiteral("recover select"));
        rollback();
        return Unexpected { e };
    }
    QList<QPair<qint64, QString>> rows;
    while (pick.next())
        rows.append({ pick.value(0).toLongLong(), pick.value(1).toString() });
    QSqlQuery upd(db);
    upd.prepare(QStringLiteral("UPDATE message SET state = 'ready', lease_owner = NULL, lease_until = 0, "
                               "next_attempt_at = :now, error_class = 'Ambiguous', error_code = 'LEASE_EXPIRED', "
                               "error_text = :txt, updated_at = :now WHERE id = :id AND state = 'in_flight'"));
    int n = 0;
    for (const auto& [id, owner] : rows) {
        const QString txt = QStringLiteral("lease of engine %1 expired with the request possibly sent; the next "
                                           "attempt looks the document up before posting")
                                .arg(owner);
        upd.bindValue(QStringLiteral(":now"), now);
        upd.bindValue(QStringLiteral(":txt"), txt);
        upd.bindValue(QStringLiteral(":id"), id);
        if (!upd.exec()) {
            const Error e = sqlError(upd, QStringLiteral("recover update"));
            rollback();
            return Unexpected { e };
        }
        Attempt a;
        a.messageId = id;
        a.startedAt = now;
        a.errorClass = ErrorClass::Ambiguous;
        a.errorCode = QStringLiteral("LEASE_EXPIRED");
        a.excerpt = txt;
        a.engine = engine;
        if (auto s = appendAttemptInTx(a); !s) {
            rollback();
            return Unexpected { s.error() };
        }
        ++n;
    }
    if (auto s = commit(); !s)
        return Unexpected { s.error() };
    return n;
}

Status JournalStore::appendAttemptInTx(const Attempt& a)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO attempt (message_id, started_at, duration_ms, http_status, error_class, "
                             "error_code, request, excerpt, engine) VALUES (:m, :s, :d, :h, :c, :code, :r, :x, :e)"));
    q.bindValue(QStringLiteral(":m"), a.messageId);
    q.bindValue(QStringLiteral(":s"), a.startedAt);
    q.bindValue(QStringLiteral(":d"), a.durationMs);
    q.bindValue(QStringLiteral(":h"), a.httpStatus);
    q.bindValue(QStringLiteral(":c"),
        a.errorClass == ErrorClass::None ? QVariant(QMetaType(QMetaType::QString))
                                         : QVariant(errorClassName(a.errorClass)));
    q.bindValue(QStringLiteral(":code"), nullableText(a.errorCode));
    q.bindValue(QStringLiteral(":r"), nullableText(a.request));
    q.bindValue(QStringLiteral(":x"), nullableText(a.excerpt));
    q.bindValue(QStringLiteral(":e"), nullableText(a.engine));
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("attempt insert")) };
    return {};
}

Result<QList<qint64>> JournalStore::apply(const QList<TransitionRequest>& requests, qint64 now)
{
    if (auto s = begin(); !s)
        return Unexpected { s.error() };
    QSqlDatabase db = database();
    QSqlQuery upd(db);
    upd.prepare(
        QStringLiteral("UPDATE message SET state = :to, updated_at = :now, "
                       "target_payload = CASE WHEN :setTp = 1 THEN :tp ELSE target_payload END, "
                       "target_ref = CASE WHEN :setRef = 1 THEN :ref ELSE target_ref END, "
                       "next_attempt_at = CASE WHEN :setNext = 1 THEN :next ELSE next_attempt_at END, "
                       "error_class = CASE WHEN :setErr = 1 THEN :ec WHEN :clrErr = 1 THEN NULL ELSE error_class END, "
                       "error_code = CASE WHEN :setErr = 1 THEN :ecode WHEN :clrErr = 1 THEN NULL ELSE error_code END, "
                       "error_text = CASE WHEN :setErr = 1 THEN :etext WHEN :clrErr = 1 THEN NULL ELSE error_text END, "
                       "blocked_domain = :bd, blocked_value = :bv, "
                       "attempts = CASE WHEN :resetAtt = 1 THEN 0 ELSE attempts END, "
                       "lease_owner = CASE WHEN :to = 'in_flight' THEN lease_owner ELSE NULL END, "
                       "lease_until = CASE WHEN :to = 'in_flight' THEN lease_until ELSE 0 END, "
                       "posted_at = CASE WHEN :to = 'posted' THEN :now ELSE posted_at END "
                       "WHERE id = :id AND state = :from"));
    QList<qint64> changed;
    for (const TransitionRequest& r : requests) {
        if (!StateMachine::canTransition(r.from, r.to)) {
            qCWarning(lcJournal) << "refused illegal transition" << stateName(r.from) << "->" << stateName(r.to)
                                 << "of message" << r.messageId;
            continue;
        }
        upd.bindValue(QStringLiteral(":to"), stateName(r.to));
        upd.bindValue(QStringLiteral(":now"), now);
        upd.bindValue(QStringLiteral(":setTp"), r.targetPayload ? 1 : 0);
        upd.bindValue(QStringLiteral(":tp"), r.targetPayload ? QString::fromUtf8(*r.targetPayload) : QString());
        upd.bindValue(QStringLiteral(":setRef"), r.targetRef ? 1 : 0);
        upd.bindValue(QStringLiteral(":ref"), r.targetRef.value_or(QString()));
        upd.bindValue(QStringLiteral(":setNext"), r.nextAttemptAt ? 1 : 0);
        upd.bindValue(QStringLiteral(":next"), r.nextAttemptAt.value_or(0));
        upd.bindValue(QStringLiteral(":setErr"), r.error ? 1 : 0);
        upd.bindValue(QStringLiteral(":clrErr"), r.clearError ? 1 : 0);
        upd.bindValue(QStringLiteral(":ec"), r.error ? errorClassName(r.error->errorClass) : QString());
        upd.bindValue(QStringLiteral(":ecode"), r.error ? r.error->code : QString());
        upd.bindValue(QStringLiteral(":etext"), r.error ? r.error->message : QString());
        const bool blocked = r.to == MessageState::Blocked;
        upd.bindValue(
            QStringLiteral(":bd"), blocked ? QVariant(r.blockedDomain) : QVariant(QMetaType(QMetaType::QString)));
        upd.bindValue(
            QStringLiteral(":bv"), blocked ? QVariant(r.blockedValue) : QVariant(QMetaType(QMetaType::QString)));
        upd.bindValue(QStringLiteral(":resetAtt"), r.resetAttempts ? 1 : 0);
        upd.bindValue(QStringLiteral(":id"), r.messageId);
        upd.bindValue(QStringLiteral(":from"), stateName(r.from));
        if (!upd.exec()) {
            const Error e = sqlError(upd, QStringLiteral("transition"));
            rollback();
            return Unexpected { e };
        }
        if (upd.numRowsAffected() != 1) {
            qCInfo(lcJournal) << "message" << r.messageId << "is no longer" << stateName(r.from)
                              << ": transition skipped";
            continue;
        }
        if (r.attempt) {
            Attempt a = *r.attempt;
            a.messageId = r.messageId;
            if (auto s = appendAttemptInTx(a); !s) {
                rollback();
                return Unexpected { s.error() };
            }
        }
        if (r.audit) {
            if (auto s = appendAuditInTx(*r.audit); !s) {
                rollback();
                return Unexpected { s.error() };
            }
        }
        changed << r.messageId;
    }
    if (auto s = commit(); !s)
        return Unexpected { s.error() };
    return changed;
}

Result<QString> JournalStore::postedRef(const QString& businessKey, const QString& flow)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT target_ref FROM message WHERE business_key = :b AND flow = :f AND state = "
                             "'posted' AND target_ref IS NOT NULL ORDER BY seq DESC LIMIT 1"));
    q.bindValue(QStringLiteral(":b"), businessKey);
    q.bindValue(QStringLiteral(":f"), flow);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("posted ref")) };
    return q.next() ? q.value(0).toString() : QString();
}

Result<QList<Mapping>> JournalStore::mappings(const QString& domain)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id, domain, plant, source_system, source_value, target_system, target_value, "
                             "created_by, created_at FROM mapping WHERE (:d = '' OR domain = :d) ORDER BY domain, "
                             "plant, source_value"));
    q.bindValue(QStringLiteral(":d"), domain.isNull() ? QStringLiteral("") : domain);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("mappings")) };
    QList<Mapping> out;
    while (q.next()) {
        Mapping m;
        m.id = q.value(0).toLongLong();
        m.domain = q.value(1).toString();
        m.plant = q.value(2).toString();
        m.sourceSystem = q.value(3).toString();
        m.sourceValue = q.value(4).toString();
        m.targetSystem = q.value(5).toString();
        m.targetValue = q.value(6).toString();
        m.createdBy = q.value(7).toString();
        m.createdAt = q.value(8).toLongLong();
        out << m;
    }
    return out;
}

Status JournalStore::putMapping(const Mapping& m, const AuditEntry& audit)
{
    if (auto s = begin(); !s)
        return s;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO mapping (domain, plant, source_system, source_value, target_system, "
                             "target_value, created_by, created_at) VALUES (:d, :p, :ss, :sv, :ts, :tv, :by, :at) ON "
                             "CONFLICT (domain, plant, source_system, source_value, target_system) DO UPDATE SET "
                             "target_value = excluded.target_value, created_by = excluded.created_by, created_at = "
                             "excluded.created_at"));
    bindMapping(q, m);
    if (!q.exec()) {
        const Error e = sqlError(q, QStringLiteral("mapping insert"));
        rollback();
        return Unexpected { e };
    }
    if (auto s = appendAuditInTx(audit); !s) {
        rollback();
        return s;
    }
    return commit();
}

Result<int> JournalStore::importMappings(const QList<Mapping>& rows, const AuditEntry& audit)
{
    if (auto s = begin(); !s)
        return Unexpected { s.error() };
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO mapping (domain, plant, source_system, source_value, target_system, "
                             "target_value, created_by, created_at) VALUES (:d, :p, :ss, :sv, :ts, :tv, :by, :at) ON "
                             "CONFLICT (domain, plant, source_system, source_value, target_system) DO NOTHING"));
    int inserted = 0;
    for (const Mapping& m : rows) {
        bindMapping(q, m);
        if (!q.exec()) {
            const Error e = sqlError(q, QStringLiteral("mapping import"));
            rollback();
            return Unexpected { e };
        }
        inserted += q.numRowsAffected() > 0 ? 1 : 0;
    }
    AuditEntry a = audit;
    a.after = QStringLiteral("%1 of %2 rows inserted").arg(inserted).arg(rows.size());
    if (auto s = appendAuditInTx(a); !s) {
        rollback();
        return Unexpected { s.error() };
    }
    if (auto s = commit(); !s)
        return Unexpected { s.error() };
    return inserted;
}

QString JournalStore::mappingVersion()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT COUNT(*), COALESCE(MAX(created_at), 0), COALESCE(MAX(id), 0) FROM mapping"))
        || !q.next())
        return {};
    return QStringLiteral("%1/%2/%3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
}

Result<qint64> JournalStore::countBlockedBy(const QString& domain, const QString& plant, const QString& value)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM message WHERE state = 'blocked' AND blocked_domain = :d AND "
                             "blocked_value = :v AND (:p = '' OR plant = :p)"));
    q.bindValue(QStringLiteral(":d"), domain);
    q.bindValue(QStringLiteral(":v"), value);
    q.bindValue(QStringLiteral(":p"), plant.isNull() ? QStringLiteral("") : plant);
    if (!q.exec() || !q.next())
        return Unexpected { sqlError(q, QStringLiteral("count blocked")) };
    return q.value(0).toLongLong();
}

Result<QList<BlockedValueCount>> JournalStore::blockedValueCounts()
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT blocked_domain, plant, blocked_value, COUNT(*) AS n FROM message WHERE state = "
                             "'blocked' AND blocked_domain IS NOT NULL AND blocked_domain <> '' AND blocked_domain <> "
                             "'predecessor' GROUP BY blocked_domain, plant, blocked_value ORDER BY n DESC, "
                             "blocked_domain, plant, blocked_value"));
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("blocked value counts")) };
    QList<BlockedValueCount> out;
    while (q.next())
        out << BlockedValueCount { q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toLongLong() };
    return out;
}

Result<QList<Message>> JournalStore::openProblems(int limit)
{
    // the payloads are not needed to group problems; leave them out of the read
    QString columns = kMessageColumns;
    columns.replace(QStringLiteral("source_payload, target_payload"), QStringLiteral("'' AS sp, '' AS tp"));
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("SELECT %1 FROM message WHERE state IN ('stuck','blocked') ORDER BY id LIMIT :n").arg(columns));
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("open problems")) };
    return readMessages(q);
}

Status JournalStore::appendAudit(const AuditEntry& entry)
{
    if (auto s = begin(); !s)
        return s;
    if (auto s = appendAuditInTx(entry); !s) {
        rollback();
        return s;
    }
    return commit();
}

Status JournalStore::appendAuditInTx(const AuditEntry& e)
{
    if (!m_auditChain)
        return fail(ErrorClass::Permanent, QStringLiteral("JOURNAL_CLOSED"), QStringLiteral("the journal is not open"));
    return m_auditChain->append(database(), e);
}

Result<QList<AuditEntry>> JournalStore::audit(qint64 messageId, int limit)
{
    QSqlQuery q(database());
    // message_ids is a comma list; match the id as a whole element
    q.prepare(QStringLiteral("SELECT %1 FROM audit WHERE (:m = 0 OR (',' || message_ids || ',') LIKE :pat) ORDER BY id "
                             "DESC LIMIT :n")
                  .arg(kAuditColumns));
    q.bindValue(QStringLiteral(":m"), messageId);
    q.bindValue(QStringLiteral(":pat"), QStringLiteral("%,%1,%").arg(messageId));
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("audit")) };
    QList<AuditEntry> out;
    while (q.next())
        out << readAudit(q);
    return out;
}

Result<qint64> JournalStore::verifyAudit()
{
    auto v = verifyAuditTrail();
    if (!v)
        return Unexpected { v.error() };
    return v->firstBadId;
}

Result<AuditVerification> JournalStore::verifyAuditTrail()
{
    if (!m_auditChain)
        return fail(ErrorClass::Permanent, QStringLiteral("JOURNAL_CLOSED"), QStringLiteral("the journal is not open"));
    return m_auditChain->verify(database());
}

Result<Message> JournalStore::message(qint64 id)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM message WHERE id = :id").arg(kMessageColumns));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("message")) };
    if (!q.next())
        return fail(ErrorClass::Permanent, QStringLiteral("NOT_FOUND"), QStringLiteral("no message %1").arg(id));
    return readMessage(q);
}

Result<QList<Attempt>> JournalStore::attempts(qint64 messageId)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id, message_id, started_at, duration_ms, http_status, error_class, error_code, "
                             "request, excerpt, engine FROM attempt WHERE message_id = :m ORDER BY id"));
    q.bindValue(QStringLiteral(":m"), messageId);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("attempts")) };
    QList<Attempt> out;
    while (q.next()) {
        Attempt a;
        a.id = q.value(0).toLongLong();
        a.messageId = q.value(1).toLongLong();
        a.startedAt = q.value(2).toLongLong();
        a.durationMs = q.value(3).toInt();
        a.httpStatus = q.value(4).toInt();
        a.errorClass = q.value(5).isNull() ? ErrorClass::None : errorClassFromName(q.value(5).toString());
        a.errorCode = q.value(6).toString();
        a.request = q.value(7).toString();
        a.excerpt = q.value(8).toString();
        a.engine = q.value(9).toString();
        out << a;
    }
    return out;
}

namespace {
/// WHERE clause (without "WHERE") and its bindings for a MessageFilter. Values are always bound.
QString filterSql(const MessageFilter& f, QVariantMap& binds)
{
    QStringList where { QStringLiteral("1 = 1") };
    if (!f.plant.isEmpty()) {
        where << QStringLiteral("plant = :fplant");
        binds[QStringLiteral(":fplant")] = f.plant;
    }
    if (!f.flow.isEmpty()) {
        where << QStringLiteral("flow = :fflow");
        binds[QStringLiteral(":fflow")] = f.flow;
    }
    if (!f.states.isEmpty()) {
        QStringList ph;
        for (int i = 0; i < f.states.size(); ++i) {
            const QString name = QStringLiteral(":fst%1").arg(i);
            ph << name;
            binds[name] = stateName(f.states.at(i));
        }
        where << QStringLiteral("state IN (%1)").arg(ph.join(QStringLiteral(", ")));
    }
    if (!f.errorClass.isEmpty()) {
        where << QStringLiteral("error_class = :fec");
        binds[QStringLiteral(":fec")] = f.errorClass;
    }
    if (!f.text.isEmpty()) {
        QString escaped = f.text;
        escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('%'), QStringLiteral("\\%"))
            .replace(QLatin1Char('_'), QStringLiteral("\\_"));
        where << QStringLiteral("(business_key LIKE :ftext ESCAPE '\\' OR idempotency_key LIKE :ftext ESCAPE "
                                "'\\' OR target_ref LIKE :ftext ESCAPE '\\')");
        binds[QStringLiteral(":ftext")] = QString(QStringLiteral("%") + escaped + QStringLiteral("%"));
    }
    if (f.fromMs > 0) {
        where << QStringLiteral("received_at >= :ffrom");
        binds[QStringLiteral(":ffrom")] = f.fromMs;
    }
    if (f.toMs > 0) {
        where << QStringLiteral("received_at < :fto");
        binds[QStringLiteral(":fto")] = f.toMs;
    }
    return where.join(QStringLiteral(" AND "));
}
} // namespace

Result<QList<Message>> JournalStore::page(const MessageFilter& filter, qint64 beforeId, int limit)
{
    QVariantMap binds;
    const QString where = filterSql(filter, binds);
    QSqlQuery q(database());
    q.setForwardOnly(true);
    // "id < :before" only when there is one: SQLite cannot turn "(:before = 0 OR id < :before)"
    // into a rowid range, and every page would scan from the newest row (measured: 476 ms per
    // page half-way through a 1M-row journal, 0.2 ms with the range)
    q.prepare(QStringLiteral("SELECT %1 FROM message WHERE %2%3 ORDER BY id DESC LIMIT :n")
                  .arg(kMessageColumns, where, beforeId > 0 ? QStringLiteral(" AND id < :before") : QString()));
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (beforeId > 0)
        q.bindValue(QStringLiteral(":before"), beforeId);
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("page")) };
    return readMessages(q);
}

Result<qint64> JournalStore::count(const MessageFilter& filter)
{
    QVariantMap binds;
    const QString where = filterSql(filter, binds);
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM message WHERE %1").arg(where));
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec() || !q.next())
        return Unexpected { sqlError(q, QStringLiteral("count")) };
    return q.value(0).toLongLong();
}

namespace {
QString sortColumn(MessageSort sort)
{
    switch (sort) {
    case MessageSort::EventAt:
        return QStringLiteral("event_at");
    case MessageSort::UpdatedAt:
        return QStringLiteral("updated_at");
    case MessageSort::Id:
        break;
    }
    return QStringLiteral("id");
}
} // namespace

Result<QList<Message>> JournalStore::page(const PageQuery& query)
{
    QVariantMap binds;
    const QString filterWhere = filterSql(query.filter, binds);
    const bool hasFilter = !binds.isEmpty();
    const QString key = sortColumn(query.sort);
    // walking down: descending order read forwards, or ascending order read backwards
    const bool down = query.descending != query.reverse;
    const QString dir = down ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString cmp = down ? QStringLiteral("<") : QStringLiteral(">");
    QString anchorWhere = QStringLiteral("1 = 1");
    if (query.anchor) {
        const QString idCmp = cmp + (query.inclusive ? QStringLiteral("=") : QString());
        if (query.sort == MessageSort::Id) {
            anchorWhere = QStringLiteral("id %1 :aid").arg(idCmp);
        } else {
            // the first term bounds the index range, the second breaks ties on the key by id
            anchorWhere = QStringLiteral("%1 %2= :akey AND (%1 %2 :akey OR id %3 :aid)").arg(key, cmp, idCmp);
            binds[QStringLiteral(":akey")] = query.anchor->key;
        }
        binds[QStringLiteral(":aid")] = query.anchor->id;
    }
    const QString where = filterWhere + QStringLiteral(" AND ") + anchorWhere;
    QString columns = kMessageColumns;
    if (!query.withPayloads)
        columns.replace(QStringLiteral("source_payload, target_payload"), QStringLiteral("'' AS sp, '' AS tp"));
    const QString order = query.sort == MessageSort::Id ? QStringLiteral("id %1").arg(dir)
                                                        : QStringLiteral("%1 %2, id %2").arg(key, dir);
    auto run = [&](const QString& sql, int window) -> Result<QList<Message>> {
        QSqlQuery q(database());
        q.setForwardOnly(true);
        q.prepare(sql);
        for (auto it = binds.cbegin(); it != binds.cend(); ++it)
            q.bindValue(it.key(), it.value());
        q.bindValue(QStringLiteral(":n"), std::max(0, query.limit));
        if (window > 0)
            q.bindValue(QStringLiteral(":window"), window);
        if (!q.exec())
            return Unexpected { sqlError(q, QStringLiteral("sorted page")) };
        return readMessages(q);
    };
    if (query.sort != MessageSort::Id && hasFilter) {
        // A filter plus a sort by time: SQLite would take the filter's index and sort every match
        // (seconds for "posted in BEDFORD" on 10M rows). Read a window of the sort index in order
        // instead and filter it: exact when the window holds a page of matches or reaches the end
        // of the index. Only a selective filter (few matches, so a cheap sort) falls through.
        const QString index = query.sort == MessageSort::EventAt ? QStringLiteral("message_event_at")
                                                                 : QStringLiteral("message_updated_at");
        const QString windowSql
            = QStringLiteral("SELECT id AS wid FROM message INDEXED BY %1 WHERE %2 ORDER BY %3 LIMIT :window")
                  .arg(index, anchorWhere, order);
        qsizetype found = 0;
        for (int window : { 2'000, 40'000 }) {
            // a filter that matched too few rows in the small window would not fill a page in the
            // large one either: straight to the filter's index
            if (window > 2'000 && found * window / 2'000 < query.limit)
                break;
            // CROSS JOIN: SQLite keeps the window as the outer loop (never the filter's index)
            auto rows = run(QStringLiteral("SELECT %1 FROM (%2) AS w CROSS JOIN message ON message.id = w.wid WHERE "
                                           "%3 ORDER BY %4 LIMIT :n")
                                .arg(columns, windowSql, where, order),
                window);
            if (!rows || rows->size() >= query.limit)
                return rows;
            found = rows->size();
            // fewer than a page: complete when the window reached the end of the index
            QSqlQuery q(database());
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM (%1)").arg(windowSql));
            for (auto it = binds.cbegin(); it != binds.cend(); ++it)
                if (anchorWhere.contains(it.key()))
                    q.bindValue(it.key(), it.value());
            q.bindValue(QStringLiteral(":window"), window);
            if (!q.exec() || !q.next())
                return Unexpected { sqlError(q, QStringLiteral("sorted page window")) };
            if (q.value(0).toInt() < window)
                return rows;
        }
    }
    return run(QStringLiteral("SELECT %1 FROM message WHERE %2 ORDER BY %3 LIMIT :n").arg(columns, where, order), 0);
}

Result<qint64> JournalStore::scanAnchors(
    const PageQuery& query, int every, const std::function<bool(const QList<PageAnchor>&, qint64)>& sink)
{
    every = std::max(1, every);
    constexpr qint64 kReportEvery = 200'000;
    QVariantMap binds;
    const QString where = filterSql(query.filter, binds);
    QSqlQuery q(database());
    q.setForwardOnly(true);
    QList<PageAnchor> anchors;
    if (query.sort == MessageSort::Id) {
        QSqlQuery range(database());
        if (!range.exec(QStringLiteral("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), -1) FROM message"))
            || !range.next())
            return Unexpected { sqlError(range, QStringLiteral("id range")) };
        const qint64 lo = range.value(0).toLongLong();
        const qint64 hi = range.value(1).toLongLong();
        if (hi < lo) {
            sink(anchors, 0);
            return qint64(0);
        }
        // no ORDER BY: SQLite reads the smallest index that answers the filter, never the wide rows
        // (an "id <=" bound would make it walk the table instead)
        q.prepare(QStringLiteral("SELECT id FROM message WHERE %1").arg(where));
        for (auto it = binds.cbegin(); it != binds.cend(); ++it)
            q.bindValue(it.key(), it.value());
        if (!q.exec())
            return Unexpected { sqlError(q, QStringLiteral("anchor scan")) };
        std::vector<quint64> bits(static_cast<size_t>((hi - lo) / 64 + 1), 0);
        qint64 seen = 0;
        while (q.next()) {
            const qint64 off = q.value(0).toLongLong() - lo;
            if (off < 0 || off > hi - lo)
                continue; // written after the range was read
            bits[static_cast<size_t>(off / 64)] |= quint64(1) << (off % 64);
            if (++seen % kReportEvery == 0 && !sink({}, seen))
                return seen;
        }
        // every `every`-th set bit in the order of the list
        qint64 n = 0;
        const auto visit = [&](qint64 off) {
            if (n++ % every == 0)
                anchors << PageAnchor { lo + off, lo + off };
        };
        if (query.descending) {
            for (qint64 w = static_cast<qint64>(bits.size()) - 1; w >= 0; --w)
                for (quint64 word = bits[static_cast<size_t>(w)]; word;) {
                    const int b = 63 - __builtin_clzll(word);
                    visit(w * 64 + b);
                    word &= ~(quint64(1) << b);
                }
        } else {
            for (qint64 w = 0; w < static_cast<qint64>(bits.size()); ++w)
                for (quint64 word = bits[static_cast<size_t>(w)]; word; word &= word - 1)
                    visit(w * 64 + __builtin_ctzll(word));
        }
        sink(anchors, seen);
        return seen;
    }
    const QString key = sortColumn(query.sort);
    const QString dir = query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    // along the sort index, filtering as it goes: slow for a selective filter, but never a sort of
    // millions of matches in memory (this runs in the console process)
    q.prepare(QStringLiteral("SELECT %1, id FROM message INDEXED BY %4 WHERE %2 ORDER BY %1 %3, id %3")
                  .arg(key, where, dir,
                      query.sort == MessageSort::EventAt ? QStringLiteral("message_event_at")
                                                         : QStringLiteral("message_updated_at")));
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("anchor scan")) };
    qint64 seen = 0;
    while (q.next()) {
        if (seen % every == 0)
            anchors << PageAnchor { q.value(0).toLongLong(), q.value(1).toLongLong() };
        if (++seen % kReportEvery == 0 && !sink(anchors, seen))
            return seen;
    }
    sink(anchors, seen);
    return seen;
}

Result<QList<CellStats>> JournalStore::cellStats(qint64 now, qint64 lagWindowMs)
{
    QMap<QPair<QString, QString>, CellStats> cells;
    auto cell = [&cells](const QString& plant, const QString& flow) -> CellStats& {
        auto& c = cells[qMakePair(plant, flow)];
        c.plant = plant;
        c.flow = flow;
        return c;
    };
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT plant, flow, state, COUNT(*) FROM message GROUP BY plant, flow, state")))
        return Unexpected { sqlError(q, QStringLiteral("cell counts")) };
    while (q.next()) {
        bool ok = false;
        const MessageState s = stateFromName(q.value(2).toString(), &ok);
        if (ok)
            cell(q.value(0).toString(), q.value(1).toString()).counts[s] = q.value(3).toLongLong();
    }
    if (!q.exec(QStringLiteral("SELECT plant, flow, MIN(received_at), COUNT(*) FROM message WHERE state IN (%1) "
                               "GROUP BY plant, flow")
                    .arg(kBacklogList)))
        return Unexpected { sqlError(q, QStringLiteral("cell backlog")) };
    while (q.next()) {
        auto& c = cell(q.value(0).toString(), q.value(1).toString());
        c.oldestBacklogAgeMs = std::max<qint64>(0, now - q.value(2).toLongLong());
        c.backlog = q.value(3).toLongLong();
    }
    QSqlQuery lag(db);
    lag.setForwardOnly(true);
    lag.prepare(QStringLiteral("SELECT plant, flow, posted_at - event_at, posted_at FROM message WHERE posted_at >= "
                               ":since AND state = 'posted'"));
    lag.bindValue(QStringLiteral(":since"), now - lagWindowMs);
    if (!lag.exec())
        return Unexpected { sqlError(lag, QStringLiteral("cell lag")) };
    QMap<QPair<QString, QString>, QList<qint64>> lags;
    QMap<QPair<QString, QString>, qint64> recent;
    while (lag.next()) {
        const auto key = qMakePair(lag.value(0).toString(), lag.value(1).toString());
        lags[key] << std::max<qint64>(0, lag.value(2).toLongLong());
        if (lag.value(3).toLongLong() >= now - 5 * 60 * 1000)
            ++recent[key];
    }
    for (auto it = lags.begin(); it != lags.end(); ++it) {
        auto& c = cell(it.key().first, it.key().second);
        std::sort(it->begin(), it->end());
        c.postedInWindow = it->size();
        c.lagP50Ms = percentile(*it, 0.50);
        c.lagP95Ms = percentile(*it, 0.95);
        c.throughputPerMin = static_cast<double>(recent.value(it.key())) / 5.0;
    }
    return cells.values();
}

qint64 JournalStore::dataVersion()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

Status JournalStore::putEndpointHealth(const EndpointHealth& h)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO endpoint_health (endpoint, breaker, since, consecutive_failures, "
                             "last_error, updated_at) VALUES (:e, :b, :s, :f, :l, :u) ON CONFLICT (endpoint) DO "
                             "UPDATE SET breaker = excluded.breaker, since = excluded.since, consecutive_failures = "
                             "excluded.consecutive_failures, last_error = excluded.last_error, updated_at = "
                             "excluded.updated_at"));
    q.bindValue(QStringLiteral(":e"), h.endpoint);
    q.bindValue(QStringLiteral(":b"), h.breaker);
    q.bindValue(QStringLiteral(":s"), h.since);
    q.bindValue(QStringLiteral(":f"), h.consecutiveFailures);
    q.bindValue(QStringLiteral(":l"), h.lastError);
    q.bindValue(QStringLiteral(":u"), h.updatedAt);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("endpoint health")) };
    return {};
}

Result<QList<EndpointHealth>> JournalStore::endpointHealth()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT endpoint, breaker, since, consecutive_failures, last_error, updated_at FROM "
                               "endpoint_health ORDER BY endpoint")))
        return Unexpected { sqlError(q, QStringLiteral("endpoint health")) };
    QList<EndpointHealth> out;
    while (q.next())
        out << EndpointHealth { q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
            q.value(3).toInt(), q.value(4).toString(), q.value(5).toLongLong() };
    return out;
}

// --- alerts -------------------------------------------------------------------------------

namespace {
const QString kAlertColumns = QStringLiteral("id, rule_id, plant, flow, metric, observed, threshold, raised_at, state, "
                                             "acknowledged_by, acknowledged_at, comment, cleared_at");
const QString kRuleColumns = QStringLiteral("id, flow, plant, metric, threshold, enabled, updated_by, updated_at");

Alert readAlert(const QSqlQuery& q)
{
    Alert a;
    a.id = q.value(0).toLongLong();
    a.ruleId = q.value(1).toLongLong();
    a.plant = q.value(2).toString();
    a.flow = q.value(3).toString();
    a.metric = q.value(4).toString();
    a.observed = q.value(5).toDouble();
    a.threshold = q.value(6).toDouble();
    a.raisedAt = q.value(7).toLongLong();
    a.state = q.value(8).toString();
    a.acknowledgedBy = q.value(9).toString();
    a.acknowledgedAt = q.value(10).toLongLong();
    a.comment = q.value(11).toString();
    a.clearedAt = q.value(12).toLongLong();
    return a;
}

AlertRule readRule(const QSqlQuery& q)
{
    AlertRule r;
    r.id = q.value(0).toLongLong();
    r.flow = q.value(1).toString();
    r.plant = q.value(2).toString();
    r.metric = q.value(3).toString();
    r.threshold = q.value(4).toDouble();
    r.enabled = q.value(5).toInt() != 0;
    r.updatedBy = q.value(6).toString();
    r.updatedAt = q.value(7).toLongLong();
    return r;
}

using AlertKey = std::tuple<qint64, QString, QString>; ///< rule, plant, flow
} // namespace

Result<QList<AlertRule>> JournalStore::alertRules()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT %1 FROM alert_rule ORDER BY metric, plant, flow, id").arg(kRuleColumns)))
        return Unexpected { sqlError(q, QStringLiteral("alert rules")) };
    QList<AlertRule> out;
    while (q.next())
        out << readRule(q);
    return out;
}

Result<qint64> JournalStore::putAlertRule(const AlertRule& rule, const AuditEntry& audit)
{
    if (auto s = begin(); !s)
        return Unexpected { s.error() };
    QSqlDatabase db = database();
    const auto failed = [this](const QSqlQuery& q, const QString& what) {
        const Error e = sqlError(q, what);
        rollback();
        return Unexpected { e };
    };
    AuditEntry a = audit;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id FROM alert_rule WHERE flow = :f AND plant = :p AND metric = :m AND id <> :id"));
    q.bindValue(QStringLiteral(":f"), rule.flow.isNull() ? QStringLiteral("") : rule.flow);
    q.bindValue(QStringLiteral(":p"), rule.plant.isNull() ? QStringLiteral("") : rule.plant);
    q.bindValue(QStringLiteral(":m"), rule.metric);
    q.bindValue(QStringLiteral(":id"), rule.id);
    if (!q.exec())
        return failed(q, QStringLiteral("alert rule scope"));
    if (q.next()) {
        const qint64 other = q.value(0).toLongLong();
        rollback();
        return fail(ErrorClass::Conflict, QStringLiteral("RULE_EXISTS"),
            QStringLiteral("rule %1 already watches %2 for this plant and flow; edit that one")
                .arg(other)
                .arg(rule.metric));
    }
    qint64 id = rule.id;
    if (rule.id > 0) {
        q.prepare(QStringLiteral("SELECT %1 FROM alert_rule WHERE id = :id").arg(kRuleColumns));
        q.bindValue(QStringLiteral(":id"), rule.id);
        if (!q.exec())
            return failed(q, QStringLiteral("alert rule"));
        if (!q.next()) {
            rollback();
            return fail(
                ErrorClass::Validation, QStringLiteral("NOT_FOUND"), QStringLiteral("no alert rule %1").arg(rule.id));
        }
        a.before = readRule(q).describe();
        q.prepare(QStringLiteral("UPDATE alert_rule SET flow = :f, plant = :p, metric = :m, threshold = :t, enabled = "
                                 ":e, updated_by = :by, updated_at = :at WHERE id = :id"));
        q.bindValue(QStringLiteral(":id"), rule.id);
    } else {
        q.prepare(QStringLiteral("INSERT INTO alert_rule (flow, plant, metric, threshold, enabled, updated_by, "
                                 "updated_at) VALUES (:f, :p, :m, :t, :e, :by, :at)"));
    }
    q.bindValue(QStringLiteral(":f"), rule.flow.isNull() ? QStringLiteral("") : rule.flow);
    q.bindValue(QStringLiteral(":p"), rule.plant.isNull() ? QStringLiteral("") : rule.plant);
    q.bindValue(QStringLiteral(":m"), rule.metric);
    q.bindValue(QStringLiteral(":t"), rule.threshold);
    q.bindValue(QStringLiteral(":e"), rule.enabled ? 1 : 0);
    q.bindValue(QStringLiteral(":by"), rule.updatedBy);
    q.bindValue(QStringLiteral(":at"), rule.updatedAt);
    if (!q.exec())
        return failed(q, QStringLiteral("alert rule write"));
    if (id == 0)
        id = q.lastInsertId().toLongLong();
    a.after = QStringLiteral("rule %1: %2").arg(id).arg(rule.describe());
    if (auto s = appendAuditInTx(a); !s) {
        rollback();
        return Unexpected { s.error() };
    }
    if (auto s = commit(); !s)
        return Unexpected { s.error() };
    return id;
}

Result<QList<Alert>> JournalStore::alerts(bool liveOnly, int limit)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM alert %2 ORDER BY CASE WHEN acknowledged_at IS NULL THEN 0 WHEN "
                             "cleared_at IS NULL THEN 1 ELSE 2 END, raised_at DESC, id DESC LIMIT :n")
                  .arg(kAlertColumns,
                      liveOnly ? QStringLiteral("WHERE acknowledged_at IS NULL OR cleared_at IS NULL") : QString()));
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("alerts")) };
    QList<Alert> out;
    while (q.next())
        out << readAlert(q);
    return out;
}

Result<Alert> JournalStore::alert(qint64 id)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM alert WHERE id = :id").arg(kAlertColumns));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("alert")) };
    if (!q.next())
        return fail(ErrorClass::Validation, QStringLiteral("NOT_FOUND"), QStringLiteral("no alert %1").arg(id));
    return readAlert(q);
}

Result<QList<Alert>> JournalStore::alertsAfter(qint64 afterId)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM alert WHERE id > :id ORDER BY id LIMIT 1000").arg(kAlertColumns));
    q.bindValue(QStringLiteral(":id"), afterId);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("new alerts")) };
    QList<Alert> out;
    while (q.next())
        out << readAlert(q);
    return out;
}

Status JournalStore::acknowledgeAlert(
    qint64 id, const QString& by, const QString& comment, const AuditEntry& audit, qint64 now)
{
    if (auto s = begin(); !s)
        return s;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE alert SET acknowledged_by = :by, acknowledged_at = :now, comment = :c, state = "
                             "CASE WHEN state = 'open' THEN 'acknowledged' ELSE state END WHERE id = :id AND "
                             "acknowledged_at IS NULL"));
    q.bindValue(QStringLiteral(":by"), by);
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":c"), comment);
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec()) {
        const Error e = sqlError(q, QStringLiteral("acknowledge alert"));
        rollback();
        return Unexpected { e };
    }
    if (q.numRowsAffected() != 1) {
        rollback();
        // tell "somebody was faster" from "no such alert"
        auto existing = alert(id);
        if (!existing)
            return Unexpected { existing.error() };
        return fail(ErrorClass::Conflict, QStringLiteral("ALREADY_ACKNOWLEDGED"),
            QStringLiteral("alert %1 was already acknowledged by %2").arg(id).arg(existing->acknowledgedBy));
    }
    if (auto s = appendAuditInTx(audit); !s) {
        rollback();
        return s;
    }
    return commit();
}

Result<AlertSync> JournalStore::syncAlerts(const QList<AlertBreach>& breaches, qint64 now)
{
    QSqlDatabase db = database();
    const auto readLive = [this, &db]() -> Result<QMap<AlertKey, Alert>> {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT %1 FROM alert WHERE acknowledged_at IS NULL OR cleared_at IS NULL")
                        .arg(kAlertColumns)))
            return Unexpected { sqlError(q, QStringLiteral("live alerts")) };
        QMap<AlertKey, Alert> out;
        while (q.next()) {
            const Alert a = readAlert(q);
            out.insert(AlertKey { a.ruleId, a.plant, a.flow }, a);
        }
        return out;
    };
    QMap<AlertKey, const AlertBreach*> holding;
    for (const AlertBreach& b : breaches)
        holding.insert(AlertKey { b.ruleId, b.plant, b.flow }, &b);
    const auto plan = [&holding](const QMap<AlertKey, Alert>& live, AlertSync* work) {
        QList<const AlertBreach*> raise;
        QList<QPair<qint64, const AlertBreach*>> reopen;
        QList<qint64> clear;
        for (auto it = holding.cbegin(); it != holding.cend(); ++it) {
            const auto l = live.constFind(it.key());
            if (l == live.cend())
                raise << it.value();
            else if (l->clearedAt > 0)
                reopen << qMakePair(l->id, it.value());
        }
        for (auto it = live.cbegin(); it != live.cend(); ++it)
            if (it->clearedAt == 0 && !holding.contains(it.key()))
                clear << it->id;
        if (work) {
            work->cleared = clear;
            for (const auto& r : reopen)
                work->reopened << r.first;
        }
        return std::make_tuple(raise, reopen, clear);
    };
    // most evaluations change nothing: decide on a plain read, take the write lock only for work
    {
        auto live = readLive();
        if (!live)
            return Unexpected { live.error() };
        const auto [raise, reopen, clear] = plan(*live, nullptr);
        if (raise.isEmpty() && reopen.isEmpty() && clear.isEmpty())
            return AlertSync {};
    }
    if (auto s = begin(); !s)
        return Unexpected { s.error() };
    AlertSync sync;
    auto live = readLive();
    if (!live) {
        rollback();
        return Unexpected { live.error() };
    }
    const auto [raise, reopen, clear] = plan(*live, &sync);
    const auto failed = [this](const QSqlQuery& q, const QString& what) {
        const Error e = sqlError(q, what);
        rollback();
        return Unexpected { e };
    };
    QSqlQuery ins(db);
    // DO NOTHING: another console raised it between our read and our lock (belt and braces;
    // BEGIN IMMEDIATE already serialises the evaluators)
    ins.prepare(
        QStringLiteral("INSERT INTO alert (rule_id, plant, flow, metric, observed, threshold, raised_at, state) "
                       "VALUES (:r, :p, :f, :m, :o, :t, :now, 'open') ON CONFLICT DO NOTHING"));
    for (const AlertBreach* b : raise) {
        ins.bindValue(QStringLiteral(":r"), b->ruleId);
        ins.bindValue(QStringLiteral(":p"), b->plant);
        ins.bindValue(QStringLiteral(":f"), b->flow);
        ins.bindValue(QStringLiteral(":m"), b->metric);
        ins.bindValue(QStringLiteral(":o"), b->observed);
        ins.bindValue(QStringLiteral(":t"), b->threshold);
        ins.bindValue(QStringLiteral(":now"), now);
        if (!ins.exec())
            return failed(ins, QStringLiteral("raise alert"));
        if (ins.numRowsAffected() == 1)
            sync.raised << ins.lastInsertId().toLongLong();
    }
    QSqlQuery up(db);
    up.prepare(QStringLiteral("UPDATE alert SET state = 'open', cleared_at = NULL, observed = :o, threshold = :t WHERE "
                              "id = :id AND cleared_at IS NOT NULL AND acknowledged_at IS NULL"));
    for (const auto& [id, b] : reopen) {
        up.bindValue(QStringLiteral(":o"), b->observed);
        up.bindValue(QStringLiteral(":t"), b->threshold);
        up.bindValue(QStringLiteral(":id"), id);
        if (!up.exec())
            return failed(up, QStringLiteral("reopen alert"));
    }
    QSqlQuery cl(db);
    cl.prepare(
        QStringLiteral("UPDATE alert SET state = 'cleared', cleared_at = :now WHERE id = :id AND cleared_at IS NULL"));
    for (qint64 id : clear) {
        cl.bindValue(QStringLiteral(":now"), now);
        cl.bindValue(QStringLiteral(":id"), id);
        if (!cl.exec())
            return failed(cl, QStringLiteral("clear alert"));
    }
    if (auto s = commit(); !s)
        return Unexpected { s.error() };
    return sync;
}

Result<QList<AttemptRate>> JournalStore::attemptRates(qint64 since)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT m.plant, m.flow, COUNT(*), SUM(CASE WHEN a.error_class IS NULL THEN 0 ELSE 1 END) "
                             "FROM attempt a JOIN message m ON m.id = a.message_id WHERE a.started_at >= :since GROUP "
                             "BY m.plant, m.flow"));
    q.bindValue(QStringLiteral(":since"), since);
    if (!q.exec())
        return Unexpected { sqlError(q, QStringLiteral("attempt rates")) };
    QList<AttemptRate> out;
    while (q.next())
        out << AttemptRate { q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
            q.value(3).toLongLong() };
    return out;
}

} // namespace Interlock::Journal

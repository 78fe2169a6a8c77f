// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/journal/AuditChain.h"

#include "models/journal/JournalStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Interlock::Journal {

namespace {
const QString kZeroHash(64, QLatin1Char('0'));

void addField(QMessageAuthenticationCode& m, const QByteArray& b)
{
    // length-prefixed, so "ab"+"c" and "a"+"bc" differ
    m.addData(QByteArray::number(b.size()) + ':');
    m.addData(b);
}

bool sameHex(const QString& a, const QString& b)
{
    // constant time over the length of the expected value
    if (a.size() != b.size())
        return false;
    char16_t diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<char16_t>(a.at(i).unicode() ^ b.at(i).unicode());
    return diff == 0;
}

Unexpected keyError(const QString& code, const QString& message)
{
    return fail(ErrorClass::Permanent, code, message);
}

/// Reads a key file, refusing one that anyone but its owner may read or write.
Result<QByteArray> readKeyFile(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st
    {
    };
    if (::stat(native.constData(), &st) != 0)
        return keyError(QStringLiteral("AUDIT_KEY_UNREADABLE"),
            QStringLiteral("cannot read audit key file %1: %2")
                .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (!S_ISREG(st.st_mode))
        return keyError(QStringLiteral("AUDIT_KEY_INVALID"), QStringLiteral("audit key %1 is not a file").arg(path));
    if ((st.st_mode & 077) != 0 || st.st_uid != ::geteuid())
        return keyError(QStringLiteral("AUDIT_KEY_PERMISSIONS"),
            QStringLiteral("refusing audit key file %1: mode %2 lets group or others in, or it is not yours; it must "
                           "be owned by this user with mode 0600 (chmod 600 %1)")
                .arg(path, QString::number(st.st_mode & 0777, 8)));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return keyError(
            QStringLiteral("AUDIT_KEY_UNREADABLE"), QStringLiteral("cannot read audit key file %1").arg(path));
    const QByteArray hex = f.readAll().trimmed();
    const QByteArray key = QByteArray::fromHex(hex);
    if (hex.size() != 64 || key.size() != 32)
        return keyError(QStringLiteral("AUDIT_KEY_INVALID"),
            QStringLiteral("audit key file %1 does not hold 32 bytes in hex").arg(path));
    return key;
}

/// Creates the key file atomically: written under a private name, then hard-linked to its
/// name, which fails if another process got there first (then its key is the one).
Status createKeyFile(const QString& path)
{
    std::array<quint32, 8> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray key(reinterpret_cast<const char*>(words.data()), 32);
    const QByteArray hex = key.toHex() + '\n';
    const QByteArray tmp = QFile::encodeName(path) + ".tmp." + QByteArray::number(::getpid());
    const QByteArray target = QFile::encodeName(path);
    const int fd = ::open(tmp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return keyError(QStringLiteral("AUDIT_KEY_CREATE"),
            QStringLiteral("cannot create audit key file %1: %2")
                .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    const bool written
        = ::write(fd, hex.constData(), static_cast<size_t>(hex.size())) == hex.size() && ::fsync(fd) == 0;
    ::close(fd);
    const int linked = written ? ::link(tmp.constData(), target.constData()) : -1;
    const int linkErrno = errno;
    ::unlink(tmp.constData());
    if (!written || (linked != 0 && linkErrno != EEXIST))
        return keyError(
            QStringLiteral("AUDIT_KEY_CREATE"), QStringLiteral("cannot create audit key file %1").arg(path));
    return {};
}

QString keyIdOf(const QByteArray& key)
{
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash("interlock-audit-key-id", key, QCryptographicHash::Sha256).toHex().left(16));
}

std::optional<AuditChain::Head> readHeadRow(const QSqlDatabase& db, QString* mac, QString* keyId, bool* ok)
{
    QSqlQuery q(db);
    *ok = q.exec(QStringLiteral(
        "SELECT keyed_from, head_count, head_id, head_hash, head_mac, key_id FROM audit_chain WHERE id = 1"));
    if (!*ok || !q.next())
        return std::nullopt;
    AuditChain::Head h;
    h.keyedFrom = q.value(0).toLongLong();
    h.count = q.value(1).toLongLong();
    h.headId = q.value(2).toLongLong();
    h.headHash = q.value(3).toString();
    *mac = q.value(4).toString();
    *keyId = q.value(5).toString();
    return h;
}
} // namespace

QString AuditChain::keyFilePath(const QString& journalPath)
{
    return journalPath + QStringLiteral(".auditkey");
}

QString AuditChain::headFilePath(const QString& journalPath)
{
    return journalPath + QStringLiteral(".audithead");
}

QString AuditChain::mac(const QByteArray& key, qint64 id, const AuditEntry& e, const QString& prevHash)
{
    QMessageAuthenticationCode m(QCryptographicHash::Sha256, key);
    m.addData("interlock-audit-v2");
    for (const QString& p : { QString::number(id), prevHash, QString::number(e.at), e.actor, e.role, e.action,
             e.messageIds, e.before, e.after, e.note })
        addField(m, p.toUtf8());
    return QString::fromLatin1(m.result().toHex());
}

QString AuditChain::headMac(const Head& h) const
{
    QMessageAuthenticationCode m(QCryptographicHash::Sha256, m_key);
    m.addData("interlock-audit-head-v1");
    for (const QString& p :
        { QString::number(h.keyedFrom), QString::number(h.count), QString::number(h.headId), h.headHash })
        addField(m, p.toUtf8());
    return QString::fromLatin1(m.result().toHex());
}

Result<AuditChain> AuditChain::open(const QSqlDatabase& db, const QString& journalPath)
{
    AuditChain chain;
    QSqlQuery q(db);
    // Created here, idempotently, not by a numbered migration: the table belongs to the chain and
    // must exist before the key is judged (docs/security.md). A later migration may adopt it with
    // the same IF NOT EXISTS statement.
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS audit_chain (id INTEGER PRIMARY KEY CHECK (id = 1), "
                               "key_id TEXT NOT NULL, keyed_from INTEGER NOT NULL, head_count INTEGER NOT NULL, "
                               "head_id INTEGER NOT NULL, head_hash TEXT NOT NULL, head_mac TEXT NOT NULL)")))
        return fail(ErrorClass::Permanent, QStringLiteral("AUDIT_CHAIN"),
            QStringLiteral("cannot create audit_chain: %1").arg(q.lastError().text()));
    const bool inMemory = journalPath.isEmpty() || journalPath == QLatin1String(":memory:")
        || journalPath.startsWith(QLatin1String("file::memory:"));
    if (inMemory) {
        std::array<quint32, 8> words {};
        QRandomGenerator::system()->fillRange(words.data(), words.size());
        chain.m_key = QByteArray(reinterpret_cast<const char*>(words.data()), 32);
        chain.m_keyId = keyIdOf(chain.m_key);
        return chain;
    }
    const QString keyPath = keyFilePath(journalPath);
    chain.m_headPath = headFilePath(journalPath);
    if (!QFile::exists(keyPath)) {
        // a new key is only right for a journal with no keyed entries yet
        QString mac;
        QString keyId;
        bool ok = false;
        if (readHeadRow(db, &mac, &keyId, &ok))
            return keyError(QStringLiteral("AUDIT_KEY_MISSING"),
                QStringLiteral("the journal's audit trail is keyed but its key file %1 is missing; restore it from "
                               "the backup (a new key would leave the trail unverifiable)")
                    .arg(keyPath));
        if (auto s = createKeyFile(keyPath); !s)
            return s.error().code.isEmpty() ? keyError(QStringLiteral("AUDIT_KEY_CREATE"), keyPath)
                                            : Unexpected { s.error() };
    }
    auto key = readKeyFile(keyPath);
    if (!key)
        return Unexpected { key.error() };
    chain.m_key = *key;
    chain.m_keyId = keyIdOf(chain.m_key);
    return chain;
}

Status AuditChain::append(const QSqlDatabase& db, const AuditEntry& e)
{
    QSqlQuery last(db);
    if (!last.exec(QStringLiteral("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")))
        return fail(ErrorClass::Transient, QStringLiteral("AUDIT_APPEND"),
            QStringLiteral("audit tail: %1").arg(last.lastError().text()));
    const bool any = last.next();
    const qint64 lastId = any ? last.value(0).toLongLong() : 0;
    const QString prev = any ? last.value(1).toString() : kZeroHash;
    QString storedMac;
    QString storedKeyId;
    bool ok = false;
    std::optional<Head> head = readHeadRow(db, &storedMac, &storedKeyId, &ok);
    if (!ok)
        return fail(ErrorClass::Transient, QStringLiteral("AUDIT_APPEND"), QStringLiteral("cannot read audit head"));
    if (head && storedKeyId != m_keyId)
        return fail(ErrorClass::Permanent, QStringLiteral("AUDIT_KEY_MISMATCH"),
            QStringLiteral("the audit key file does not belong to this journal"));
    Head next;
    if (head) {
        next = *head;
    } else {
        // the first keyed entry: everything before it stays under the SHA-256 rule
        QSqlQuery c(db);
        if (!c.exec(QStringLiteral("SELECT COUNT(*) FROM audit")) || !c.next())
            return fail(ErrorClass::Transient, QStringLiteral("AUDIT_APPEND"), QStringLiteral("audit count"));
        next.keyedFrom = lastId + 1;
        next.count = c.value(0).toLongLong();
    }
    const qint64 id = lastId + 1;
    const QString hash = mac(m_key, id, e, prev);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO audit (id, at, actor, role, action, message_ids, before_value, after_value, "
                             "note, prev_hash, hash) VALUES (:id, :at, :actor, :role, :action, :ids, :b, :a, :note, "
                             ":prev, :hash)"));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":at"), e.at);
    q.bindValue(QStringLiteral(":actor"), e.actor);
    q.bindValue(QStringLiteral(":role"), e.role);
    q.bindValue(QStringLiteral(":action"), e.action);
    q.bindValue(QStringLiteral(":ids"), e.messageIds);
    q.bindValue(QStringLiteral(":b"), e.before);
    q.bindValue(QStringLiteral(":a"), e.after);
    q.bindValue(QStringLiteral(":note"), e.note);
    q.bindValue(QStringLiteral(":prev"), prev);
    q.bindValue(QStringLiteral(":hash"), hash);
    if (!q.exec())
        return fail(ErrorClass::Transient, QStringLiteral("AUDIT_APPEND"),
            QStringLiteral("audit insert: %1").arg(q.lastError().text()));
    next.count += 1;
    next.headId = id;
    next.headHash = hash;
    QSqlQuery h(db);
    h.prepare(QStringLiteral("INSERT OR REPLACE INTO audit_chain (id, key_id, keyed_from, head_count, head_id, "
                             "head_hash, head_mac) VALUES (1, :k, :from, :n, :hid, :hh, :mac)"));
    h.bindValue(QStringLiteral(":k"), m_keyId);
    h.bindValue(QStringLiteral(":from"), next.keyedFrom);
    h.bindValue(QStringLiteral(":n"), next.count);
    h.bindValue(QStringLiteral(":hid"), next.headId);
    h.bindValue(QStringLiteral(":hh"), next.headHash);
    h.bindValue(QStringLiteral(":mac"), headMac(next));
    if (!h.exec())
        return fail(ErrorClass::Transient, QStringLiteral("AUDIT_APPEND"),
            QStringLiteral("audit head: %1").arg(h.lastError().text()));
    m_pending = next;
    return {};
}

void AuditChain::committed()
{
    if (!m_pending || m_headPath.isEmpty()) {
        m_pending.reset();
        return;
    }
    const Head h = *m_pending;
    m_pending.reset();
    // another process may have mirrored a newer head meanwhile: never move the mirror back
    if (const auto onFile = readHeadFile(); onFile && onFile->count >= h.count)
        return;
    QJsonObject o;
    o[QStringLiteral("keyedFrom")] = h.keyedFrom;
    o[QStringLiteral("count")] = h.count;
    o[QStringLiteral("headId")] = h.headId;
    o[QStringLiteral("headHash")] = h.headHash;
    o[QStringLiteral("mac")] = headMac(h);
    QSaveFile f(m_headPath);
    if (!f.open(QIODevice::WriteOnly))
        return; // the mirror lags; verify tolerates a lagging mirror
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    f.commit();
}

void AuditChain::rolledBack()
{
    m_pending.reset();
}

std::optional<AuditChain::Head> AuditChain::readHeadFile() const
{
    if (m_headPath.isEmpty())
        return std::nullopt;
    QFile f(m_headPath);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    Head h;
    h.keyedFrom = o.value(QStringLiteral("keyedFrom")).toInteger();
    h.count = o.value(QStringLiteral("count")).toInteger();
    h.headId = o.value(QStringLiteral("headId")).toInteger();
    h.headHash = o.value(QStringLiteral("headHash")).toString();
    if (!sameHex(o.value(QStringLiteral("mac")).toString(), headMac(h)))
        return std::nullopt;
    return h;
}

Result<AuditVerification> AuditChain::verify(const QSqlDatabase& db) const
{
    AuditVerification v;
    auto bad = [&v](qint64 id, const QString& problem) {
        v.intact = false;
        v.firstBadId = id;
        v.problem = problem;
        return v;
    };
    QString storedMac;
    QString storedKeyId;
    bool ok = false;
    const std::optional<Head> head = readHeadRow(db, &storedMac, &storedKeyId, &ok);
    if (!ok)
        return fail(ErrorClass::Transient, QStringLiteral("AUDIT_VERIFY"), QStringLiteral("cannot read audit head"));
    const bool headFileExists = !m_headPath.isEmpty() && QFile::exists(m_headPath);
    const std::optional<Head> mirror = readHeadFile();
    if (head) {
        v.keyedFrom = head->keyedFrom;
        if (storedKeyId != m_keyId)
            return bad(head->keyedFrom,
                QStringLiteral("the audit key file does not belong to this journal (key id %1, the journal expects %2)")
                    .arg(m_keyId, storedKeyId));
        if (!sameHex(storedMac, headMac(*head)))
            return bad(head->headId,
                QStringLiteral("the stored head of the trail (entry %1, %2 entries) was altered")
                    .arg(head->headId)
                    .arg(head->count));
    } else if (headFileExists) {
        return bad(mirror ? mirror->keyedFrom : -1,
            QStringLiteral(
                "the trail's head record is missing from the journal, but %1 says keyed entries were written")
                .arg(m_headPath));
    }
    if (headFileExists && !mirror)
        return bad(-1, QStringLiteral("the mirror of the trail's head %1 was altered").arg(m_headPath));

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, at, actor, role, action, message_ids, before_value, after_value, note, "
                               "prev_hash, hash FROM audit ORDER BY id")))
        return fail(ErrorClass::Transient, QStringLiteral("AUDIT_VERIFY"),
            QStringLiteral("audit verify: %1").arg(q.lastError().text()));
    QString prev = kZeroHash;
    qint64 prevId = 0;
    bool mirrorSeen = false;
    while (q.next()) {
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
        ++v.entries;
        const bool keyed = head && e.id >= head->keyedFrom;
        if (keyed && head && e.id > head->headId)
            return bad(e.id,
                QStringLiteral("entry %1 lies past the recorded head (entry %2): it was inserted outside Interlock")
                    .arg(e.id)
                    .arg(head->headId));
        if (keyed && prevId != 0 && e.id != prevId + 1 && prevId >= head->keyedFrom)
            return bad(prevId + 1,
                QStringLiteral("entry %1 is missing (the trail goes from entry %2 to entry %3)")
                    .arg(prevId + 1)
                    .arg(prevId)
                    .arg(e.id));
        if (e.prevHash != prev)
            return bad(e.id,
                QStringLiteral("entry %1 does not follow entry %2: an entry before it was deleted, inserted or moved")
                    .arg(e.id)
                    .arg(prevId));
        const QString expected = keyed ? mac(m_key, e.id, e, prev) : auditHash(e, prev);
        if (!sameHex(e.hash, expected))
            return bad(e.id,
                keyed ? QStringLiteral(
                    "entry %1 does not match its HMAC: it was edited, moved or written without the key")
                            .arg(e.id)
                      : QStringLiteral("entry %1 does not match its SHA-256 hash: it was edited").arg(e.id));
        if (mirror && e.id == mirror->headId)
            mirrorSeen = sameHex(e.hash, mirror->headHash) && v.entries == mirror->count;
        prev = e.hash;
        prevId = e.id;
    }
    if (head && (prevId != head->headId || v.entries != head->count || prev != head->headHash))
        return bad(prevId + 1,
            QStringLiteral(
                "the trail ends at entry %1 (%2 entries) but its head says entry %3 (%4 entries): the newest "
                "entries were deleted")
                .arg(prevId)
                .arg(v.entries)
                .arg(head->headId)
                .arg(head->count));
    if (mirror && (!mirrorSeen || (head && mirror->keyedFrom != head->keyedFrom)))
        return bad(std::min(prevId + 1, mirror->headId),
            QStringLiteral("the trail was cut back or restored from an older copy: %1 records entry %2 (%3 entries), "
                           "which the journal no longer holds")
                .arg(m_headPath)
                .arg(mirror->headId)
                .arg(mirror->count));
    return v;
}

} // namespace Interlock::Journal

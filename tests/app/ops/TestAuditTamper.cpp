// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The keyed audit chain against raw-SQL tampering: every edit, delete, reorder and insert is
// caught by JournalStore::verifyAuditTrail() and by `interlock-engine audit verify`, which name the
// first bad entry and exit non-zero.
#include "app/ops/EngineCommands.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QSqlQuery>
#include <QtTest>
#include <sys/stat.h>

using namespace Interlock;

namespace {
constexpr int kEntries = 6;

AuditEntry entry(int i)
{
    AuditEntry a;
    a.at = 1'780'000'000'000 + i;
    a.actor = QStringLiteral("user%1").arg(i);
    a.role = QStringLiteral("supervisor");
    a.action = QStringLiteral("message.resolve");
    a.messageIds = QString::number(100 + i);
    a.before = QStringLiteral("{\"state\":\"stuck\"}");
    a.after = QStringLiteral("{\"state\":\"resolved\"}");
    a.note = QStringLiteral("note %1").arg(i);
    return a;
}

int cliVerify(const QString& journal)
{
    return Ops::EngineCommands::main({ QStringLiteral("interlock-engine"), QStringLiteral("audit"),
        QStringLiteral("verify"), QStringLiteral("--journal"), journal });
}
} // namespace

class TestAuditTamper : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::TempJournal> m_tmp;
    std::unique_ptr<Journal::JournalStore> m_store;

    void exec(const QString& sql)
    {
        QSqlQuery q(m_store->database());
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<Test::TempJournal>();
        m_store = std::make_unique<Journal::JournalStore>();
        QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
        for (int i = 1; i <= kEntries; ++i)
            QVERIFY(m_store->appendAudit(entry(i)).has_value());
        auto v = m_store->verifyAuditTrail();
        QVERIFY(v.has_value());
        QVERIFY2(v->intact, qPrintable(v->problem));
        QCOMPARE(v->entries, kEntries);
        QCOMPARE(v->keyedFrom, 1);
        QCOMPARE(cliVerify(m_tmp->path()), 0);
    }

    void cleanup()
    {
        m_store.reset();
        m_tmp.reset();
    }

    void keyFileIsPrivate()
    {
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(Journal::AuditChain::keyFilePath(m_tmp->path())).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        // a key others can read is refused with a clear error
        QVERIFY(QFile::setPermissions(Journal::AuditChain::keyFilePath(m_tmp->path()),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        Journal::JournalStore other;
        auto opened = other.openSqlite(m_tmp->path());
        QVERIFY(!opened.has_value());
        QCOMPARE(opened.error().code, QStringLiteral("AUDIT_KEY_PERMISSIONS"));
        QVERIFY(opened.error().message.contains(QStringLiteral("chmod 600")));
        QCOMPARE(cliVerify(m_tmp->path()), 3);
    }

    void missingKeyIsRefused()
    {
        QVERIFY(QFile::remove(Journal::AuditChain::keyFilePath(m_tmp->path())));
        Journal::JournalStore other;
        auto opened = other.openSqlite(m_tmp->path());
        QVERIFY(!opened.has_value());
        QCOMPARE(opened.error().code, QStringLiteral("AUDIT_KEY_MISSING"));
    }

    void foreignKeyIsNamed()
    {
        // another installation's key: every keyed entry fails, and the verdict says why
        QFile key(Journal::AuditChain::keyFilePath(m_tmp->path()));
        QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
        key.write(QByteArray(64, 'a'));
        key.close();
        Journal::JournalStore other;
        QVERIFY(other.openSqlite(m_tmp->path()).has_value());
        auto v = other.verifyAuditTrail();
        QVERIFY(!v->intact);
        QVERIFY2(v->problem.contains(QStringLiteral("does not belong")), qPrintable(v->problem));
    }

    void tampering_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qint64>("firstBad");
        QTest::addColumn<QString>("says");
        const QStringList fields { QStringLiteral("at = at + 1"), QStringLiteral("actor = 'mallory'"),
            QStringLiteral("role = 'admin'"), QStringLiteral("action = 'mapping.put'"),
            QStringLiteral("message_ids = '999'"), QStringLiteral("before_value = '{}'"),
            QStringLiteral("after_value = '{}'"), QStringLiteral("note = 'edited'") };
        for (const QString& f : fields)
            QTest::newRow(qPrintable(QStringLiteral("edit %1").arg(f.section(QLatin1Char(' '), 0, 0))))
                << QStringLiteral("UPDATE audit SET %1 WHERE id = 3").arg(f) << qint64(3) << QStringLiteral("HMAC");
        QTest::newRow("edit hash")
            << QStringLiteral("UPDATE audit SET hash = '%1' WHERE id = 3").arg(QString(64, QLatin1Char('b')))
            << qint64(3) << QStringLiteral("HMAC");
        QTest::newRow("edit prev_hash")
            << QStringLiteral("UPDATE audit SET prev_hash = '%1' WHERE id = 3").arg(QString(64, QLatin1Char('b')))
            << qint64(3) << QStringLiteral("does not follow");
        QTest::newRow("delete middle") << QStringLiteral("DELETE FROM audit WHERE id = 3") << qint64(3)
                                       << QStringLiteral("missing");
        QTest::newRow("delete first") << QStringLiteral("DELETE FROM audit WHERE id = 1") << qint64(2)
                                      << QStringLiteral("does not follow");
        QTest::newRow("delete last") << QStringLiteral("DELETE FROM audit WHERE id = %1").arg(kEntries)
                                     << qint64(kEntries) << QStringLiteral("deleted");
        QTest::newRow("delete last and rewind head")
            << QStringLiteral("DELETE FROM audit WHERE id = %1; UPDATE audit_chain SET head_id = head_id - 1, "
                              "head_count = head_count - 1, head_hash = (SELECT hash FROM audit WHERE id = %2)")
                   .arg(kEntries)
                   .arg(kEntries - 1)
            << qint64(kEntries - 1) << QStringLiteral("head");
        QTest::newRow("delete everything")
            << QStringLiteral("DELETE FROM audit; DELETE FROM audit_chain") << qint64(1) << QStringLiteral("missing");
        QTest::newRow("reorder (swap ids)")
            << QStringLiteral("UPDATE audit SET id = -2 WHERE id = 2; UPDATE audit SET id = 2 WHERE id = 4; "
                              "UPDATE audit SET id = 4 WHERE id = -2")
            << qint64(2) << QStringLiteral("does not follow");
        QTest::newRow("reorder (swap contents)")
            << QStringLiteral("UPDATE audit SET note = CASE id WHEN 2 THEN 'note 4' ELSE 'note 2' END, actor = CASE "
                              "id WHEN 2 THEN 'user4' ELSE 'user2' END WHERE id IN (2, 4)")
            << qint64(2) << QStringLiteral("HMAC");
        QTest::newRow("insert middle (copy of a row)")
            << QStringLiteral("UPDATE audit SET id = id + 100 WHERE id > 3; INSERT INTO audit (id, at, actor, role, "
                              "action, message_ids, before_value, after_value, note, prev_hash, hash) SELECT 4, at, "
                              "actor, role, action, message_ids, before_value, after_value, note, hash, hash FROM "
                              "audit WHERE id = 3; UPDATE audit SET id = id - 99 WHERE id > 100")
            << qint64(4) << QStringLiteral("HMAC");
        QTest::newRow("insert at the end")
            << QStringLiteral("INSERT INTO audit (id, at, actor, role, action, message_ids, before_value, "
                              "after_value, note, prev_hash, hash) SELECT %1, at, 'mallory', role, action, "
                              "message_ids, before_value, after_value, note, hash, hash FROM audit WHERE id = %2")
                   .arg(kEntries + 1)
                   .arg(kEntries)
            << qint64(kEntries + 1) << QStringLiteral("past the recorded head");
        QTest::newRow("head row altered")
            << QStringLiteral("UPDATE audit_chain SET keyed_from = 4") << qint64(kEntries) << QStringLiteral("head");
    }

    void tampering()
    {
        QFETCH(QString, sql);
        QFETCH(qint64, firstBad);
        QFETCH(QString, says);
        for (const QString& st : sql.split(QStringLiteral("; ")))
            exec(st);
        auto v = m_store->verifyAuditTrail();
        QVERIFY(v.has_value());
        QVERIFY(!v->intact);
        QVERIFY2(v->problem.contains(says), qPrintable(v->problem));
        QCOMPARE(v->firstBadId, firstBad);
        QCOMPARE(m_store->verifyAudit().value(), firstBad);
        QCOMPARE(cliVerify(m_tmp->path()), 1);
    }

    void restoredOldCopyShows()
    {
        // a copy of the whole journal taken earlier, put back later: only the mirror beside the key knows
        m_store->close();
        const QString copy = m_tmp->dir() + QStringLiteral("/old.sqlite");
        QVERIFY(QFile::copy(m_tmp->path(), copy));
        QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
        QVERIFY(m_store->appendAudit(entry(kEntries + 1)).has_value());
        m_store->close();
        for (const char* suffix : { "", "-wal", "-shm" })
            QFile::remove(m_tmp->path() + QLatin1String(suffix));
        QVERIFY(QFile::copy(copy, m_tmp->path()));
        QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
        auto v = m_store->verifyAuditTrail();
        QVERIFY(!v->intact);
        QVERIFY2(v->problem.contains(QStringLiteral("older copy")), qPrintable(v->problem));
        QCOMPARE(v->firstBadId, kEntries + 1);
        QCOMPARE(cliVerify(m_tmp->path()), 1);
    }

    void legacyRowsStayVerifiable()
    {
        // a journal from before the key: plain SHA-256 rows, then keyed ones chained to them
        Test::TempJournal legacy;
        {
            Journal::JournalStore s;
            QVERIFY(s.openSqlite(legacy.path()).has_value());
            QSqlQuery q(s.database());
            QString prev(64, QLatin1Char('0'));
            for (int i = 1; i <= 3; ++i) {
                const AuditEntry e = entry(i);
                const QString h = Journal::auditHash(e, prev);
                q.prepare(QStringLiteral("INSERT INTO audit (at, actor, role, action, message_ids, before_value, "
                                         "after_value, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
                for (const QVariant& b :
                    { QVariant(e.at), QVariant(e.actor), QVariant(e.role), QVariant(e.action), QVariant(e.messageIds),
                        QVariant(e.before), QVariant(e.after), QVariant(e.note), QVariant(prev), QVariant(h) })
                    q.addBindValue(b);
                QVERIFY(q.exec());
                prev = h;
            }
            auto v = s.verifyAuditTrail();
            QVERIFY(v->intact);
            QCOMPARE(v->keyedFrom, 0);
            QVERIFY(s.appendAudit(entry(4)).has_value());
            v = s.verifyAuditTrail();
            QVERIFY2(v->intact, qPrintable(v->problem));
            QCOMPARE(v->keyedFrom, 4);
            QCOMPARE(v->entries, 4);
            // an old row rewritten with a recomputed SHA-256 chain still breaks the first keyed entry
            QSqlQuery t(s.database());
            QVERIFY(t.exec(QStringLiteral("UPDATE audit SET note = 'edited' WHERE id = 2")));
            AuditEntry e2 = entry(2);
            e2.note = QStringLiteral("edited");
            QVERIFY(t.exec(QStringLiteral("SELECT hash FROM audit WHERE id = 1")) && t.next());
            const QString h2 = Journal::auditHash(e2, t.value(0).toString());
            const QString h3 = Journal::auditHash(entry(3), h2);
            QVERIFY(t.exec(QStringLiteral("UPDATE audit SET hash = '%1' WHERE id = 2").arg(h2)));
            QVERIFY(t.exec(QStringLiteral("UPDATE audit SET prev_hash = '%1', hash = '%2' WHERE id = 3").arg(h2, h3)));
            v = s.verifyAuditTrail();
            QVERIFY(!v->intact);
            QCOMPARE(v->firstBadId, 4);
        }
    }
};

QTEST_GUILESS_MAIN(TestAuditTamper)
#include "TestAuditTamper.moc"

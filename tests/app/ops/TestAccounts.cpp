// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/Accounts.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>
#include <algorithm>

using namespace Interlock;

/// Local accounts: the password hash (PBKDF2-HMAC-SHA256 with the real iteration count), password
/// rules, sign-in with lock-out on a fake clock, and the audit trail of every account change.
class TestAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void hashIsSaltedSlowAndStoredWithItsCount();
    void constantTimeCompare();
    void signInWrongPasswordAndUnknownUser();
    void lockOutAndItsExpiry();
    void disabledAccountIsToldOnlyAfterItsPassword();
    void raisedIterationCountRehashesAtSignIn();
    void weakPasswordsAreRefused_data();
    void weakPasswordsAreRefused();
    void everyChangeIsAudited();

private:
    Ops::Accounts accounts(int iterations = 1000);
    const Ops::Actor m_admin { QStringLiteral("root"), QStringLiteral("admin") };
    const QString m_password = QStringLiteral("correct horse battery staple");
    std::unique_ptr<Test::TempJournal> m_tmp;
    std::unique_ptr<Journal::JournalStore> m_store;
    Test::FakeClock m_clock { 1'800'000'000'000 };
};

Ops::Accounts TestAccounts::accounts(int iterations)
{
    Ops::Accounts::Policy p;
    p.iterations = iterations;
    p.maxFailures = 3;
    p.lockoutMs = 10 * 60'000;
    return Ops::Accounts(*m_store, p, &m_clock);
}

void TestAccounts::init()
{
    m_tmp = std::make_unique<Test::TempJournal>();
    m_store = std::make_unique<Journal::JournalStore>();
    QVERIFY(m_store->openSqlite(m_tmp->path()).has_value());
    QCOMPARE(m_store->schemaVersion(), 6);
}

void TestAccounts::cleanup()
{
    m_store.reset();
    m_tmp.reset();
}

void TestAccounts::hashIsSaltedSlowAndStoredWithItsCount()
{
    QVERIFY(Ops::PasswordHash::DefaultIterations >= 210'000);
    // two hashes of one password differ in salt and key, and both verify
    const auto a = Ops::PasswordHash::create(m_password);
    const auto b = Ops::PasswordHash::create(m_password);
    QVERIFY(a && b);
    QCOMPARE(a->iterations(), Ops::PasswordHash::DefaultIterations);
    QCOMPARE(a->salt().size(), 16);
    QCOMPARE(a->key().size(), 32);
    QVERIFY(a->salt() != b->salt());
    QVERIFY(a->key() != b->key());
    QVERIFY(a->matches(m_password));
    QVERIFY(b->matches(m_password));
    QVERIFY(!a->matches(m_password + QLatin1Char(' ')));
    QVERIFY(!a->matches(QString()));
    // the count is part of the hash: the same salt with another count is another key
    const Ops::PasswordHash fewer(a->scheme(), a->iterations() - 1, a->salt(), a->key());
    QVERIFY(!fewer.matches(m_password));
    const Ops::PasswordHash otherScheme(QStringLiteral("md5"), a->iterations(), a->salt(), a->key());
    QVERIFY(!otherScheme.matches(m_password));

    // an account made with the default policy stores the scheme, count, salt and key, never the password
    Ops::Accounts real(*m_store);
    QVERIFY(real.add(m_admin, QStringLiteral("alice"), QStringLiteral("supervisor"), {}, m_password).has_value());
    QVERIFY(real.add(m_admin, QStringLiteral("bob"), QStringLiteral("supervisor"), {}, m_password).has_value());
    QSqlQuery q(m_store->database());
    QVERIFY(q.exec(QStringLiteral("SELECT password_scheme, password_iterations, password_salt, password_hash FROM "
                                  "account ORDER BY name")));
    QList<QByteArray> keys;
    while (q.next()) {
        QCOMPARE(q.value(0).toString(), QStringLiteral("pbkdf2-sha256"));
        QVERIFY(q.value(1).toInt() >= 210'000);
        QCOMPARE(q.value(2).toByteArray().size(), 16);
        QCOMPARE(q.value(3).toByteArray().size(), 32);
        keys << q.value(3).toByteArray();
    }
    QCOMPARE(keys.size(), 2);
    QVERIFY(keys.at(0) != keys.at(1)); // same password, different salt
    for (const QString& path : QStringList { m_tmp->path(), m_tmp->path() + QStringLiteral("-wal") }) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            QVERIFY(!file.readAll().contains(m_password.toUtf8()));
    }
    QVERIFY(real.signIn(QStringLiteral("alice"), m_password).has_value());
}

void TestAccounts::constantTimeCompare()
{
    using Ops::PasswordHash;
    const QByteArray key = QByteArray::fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    QVERIFY(PasswordHash::constantTimeEquals(key, key));
    QByteArray flipped = key;
    flipped[31] = static_cast<char>(flipped.at(31) ^ 1);
    QVERIFY(!PasswordHash::constantTimeEquals(key, flipped));
    QVERIFY(!PasswordHash::constantTimeEquals(key, key.left(31)));
    QVERIFY(PasswordHash::constantTimeEquals({}, {}));

    // the time does not depend on where the first difference is: a byte-wise early-exit
    // comparison of 4 MiB that differ in the first byte would be thousands of times faster
    const qsizetype n = 4 * 1024 * 1024;
    const QByteArray a(n, 'x');
    QByteArray early = a;
    early[0] = 'y';
    QByteArray late = a;
    late[n - 1] = 'y';
    QList<qint64> tEarly;
    QList<qint64> tLate;
    for (int i = 0; i < 15; ++i) {
        QElapsedTimer t;
        t.start();
        QVERIFY(!PasswordHash::constantTimeEquals(a, early));
        tEarly << t.nsecsElapsed();
        t.restart();
        QVERIFY(!PasswordHash::constantTimeEquals(a, late));
        tLate << t.nsecsElapsed();
    }
    std::sort(tEarly.begin(), tEarly.end());
    std::sort(tLate.begin(), tLate.end());
    const double ratio = static_cast<double>(tLate.at(7)) / static_cast<double>(std::max<qint64>(1, tEarly.at(7)));
    qInfo("median compare of 4 MiB: first byte differs %lld ns, last byte differs %lld ns", tEarly.at(7), tLate.at(7));
    QVERIFY2(ratio < 4.0 && ratio > 0.25, qPrintable(QStringLiteral("time ratio %1").arg(ratio)));
}

void TestAccounts::signInWrongPasswordAndUnknownUser()
{
    auto acc = accounts();
    QVERIFY(acc.add(
        m_admin, QStringLiteral("alice"), QStringLiteral("supervisor"), { QStringLiteral("bedford") }, m_password));
    const auto wrong = acc.signIn(QStringLiteral("alice"), QStringLiteral("correct horse battery stapler"));
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().errorClass, ErrorClass::Auth);
    QCOMPARE(wrong.error().code, QStringLiteral("SIGN_IN_FAILED"));
    // an unknown name gets the same answer, so it does not tell which names exist
    const auto unknown = acc.signIn(QStringLiteral("mallory"), m_password);
    QCOMPARE(unknown.error().code, wrong.error().code);
    QCOMPARE(unknown.error().message, wrong.error().message);
    QCOMPARE(acc.signIn(QStringLiteral("no such/name"), m_password).error().code, QStringLiteral("SIGN_IN_FAILED"));
    QCOMPARE(acc.find(QStringLiteral("alice"))->failedSignIns, 1);

    // the right one, in any case of the name: the account as stored, failures reset
    const auto ok = acc.signIn(QStringLiteral("  ALICE "), m_password);
    QVERIFY2(ok.has_value(), qPrintable(ok ? QString() : ok.error().summary()));
    QCOMPARE(ok->name, QStringLiteral("alice"));
    QCOMPARE(ok->role, QStringLiteral("supervisor"));
    QCOMPARE(ok->plants, QStringList { QStringLiteral("BEDFORD") });
    QCOMPARE(ok->lastSignInAt, m_clock.nowMs());
    QCOMPARE(acc.find(QStringLiteral("alice"))->failedSignIns, 0);
}

void TestAccounts::lockOutAndItsExpiry()
{
    auto acc = accounts();
    QVERIFY(acc.add(m_admin, QStringLiteral("alice"), QStringLiteral("supervisor"), {}, m_password));
    const QString bad = QStringLiteral("not the right password");
    QCOMPARE(acc.signIn(QStringLiteral("alice"), bad).error().code, QStringLiteral("SIGN_IN_FAILED"));
    m_clock.advance(1000);
    QCOMPARE(acc.signIn(QStringLiteral("alice"), bad).error().code, QStringLiteral("SIGN_IN_FAILED"));
    m_clock.advance(1000);
    // the third consecutive failure locks for ten minutes; both are recorded
    const auto third = acc.signIn(QStringLiteral("alice"), bad);
    QCOMPARE(third.error().code, QStringLiteral("LOCKED_OUT"));
    const qint64 until = m_clock.nowMs() + 10 * 60'000;
    const QString untilText = QDateTime::fromMSecsSinceEpoch(until).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QVERIFY2(third.error().message.contains(untilText), qPrintable(third.error().message));
    auto info = acc.find(QStringLiteral("alice")).value();
    QCOMPARE(info.failedSignIns, 3);
    QCOMPARE(info.lockedUntil, until);
    const AuditEntry lock = m_store->audit(0, 1)->first();
    QCOMPARE(lock.action, QStringLiteral("user.lock"));
    QCOMPARE(lock.actor, QStringLiteral("alice"));
    QVERIFY(lock.after.contains(untilText));

    // while locked even the right password is refused, and not checked
    m_clock.advance(9 * 60'000);
    const auto locked = acc.signIn(QStringLiteral("alice"), m_password);
    QCOMPARE(locked.error().code, QStringLiteral("LOCKED_OUT"));
    QVERIFY2(
        locked.error().message.contains(QStringLiteral("until %1").arg(untilText)), qPrintable(locked.error().message));
    QCOMPARE(acc.find(QStringLiteral("alice"))->failedSignIns, 3);

    // after the period the count starts again: one more failure does not lock
    m_clock.set(until + 1);
    QCOMPARE(acc.signIn(QStringLiteral("alice"), bad).error().code, QStringLiteral("SIGN_IN_FAILED"));
    info = acc.find(QStringLiteral("alice")).value();
    QCOMPARE(info.failedSignIns, 1);
    QCOMPARE(info.lockedUntil, 0);
    QVERIFY(acc.signIn(QStringLiteral("alice"), m_password).has_value());

    // an admin can unlock sooner
    for (int i = 0; i < 3; ++i)
        (void)acc.signIn(QStringLiteral("alice"), bad);
    QCOMPARE(acc.signIn(QStringLiteral("alice"), m_password).error().code, QStringLiteral("LOCKED_OUT"));
    QVERIFY(acc.unlock(m_admin, QStringLiteral("alice"), QStringLiteral("she called")).has_value());
    QVERIFY(acc.signIn(QStringLiteral("alice"), m_password).has_value());
    QCOMPARE(m_store->verifyAudit().value(), 0);
}

void TestAccounts::disabledAccountIsToldOnlyAfterItsPassword()
{
    auto acc = accounts();
    QVERIFY(acc.add(m_admin, QStringLiteral("alice"), QStringLiteral("viewer"), {}, m_password));
    QVERIFY(acc.setDisabled(m_admin, QStringLiteral("alice"), true));
    QCOMPARE(acc.signIn(QStringLiteral("alice"), QStringLiteral("a wrong password")).error().code,
        QStringLiteral("SIGN_IN_FAILED"));
    const auto r = acc.signIn(QStringLiteral("alice"), m_password);
    QCOMPARE(r.error().code, QStringLiteral("ACCOUNT_DISABLED"));
    QVERIFY(r.error().message.contains(QStringLiteral("disabled")));
    QVERIFY(acc.setDisabled(m_admin, QStringLiteral("alice"), false));
    QVERIFY(acc.signIn(QStringLiteral("alice"), m_password).has_value());
}

void TestAccounts::raisedIterationCountRehashesAtSignIn()
{
    QVERIFY(accounts(1000).add(m_admin, QStringLiteral("alice"), QStringLiteral("viewer"), {}, m_password));
    QCOMPARE(accounts().find(QStringLiteral("alice"))->passwordIterations, 1000);
    auto raised = accounts(5000);
    QVERIFY(raised.signIn(QStringLiteral("alice"), m_password).has_value());
    QCOMPARE(raised.find(QStringLiteral("alice"))->passwordIterations, 5000);
    QVERIFY(m_store->audit(0, 1)->first().after.contains(QStringLiteral("1000 -> 5000")));
    QVERIFY(raised.signIn(QStringLiteral("alice"), m_password).has_value());
}

void TestAccounts::weakPasswordsAreRefused_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("short") << QStringLiteral("Tr0ub4dor&3") << QStringLiteral("at least 12");
    QTest::newRow("user name") << QStringLiteral("alice-in-wonderland") << QStringLiteral("user name");
    QTest::newRow("repetitive") << QStringLiteral("abababababababab") << QStringLiteral("too few different");
    QTest::newRow("digits") << QStringLiteral("1234567890123") << QStringLiteral("no letters");
    QTest::newRow("common") << QStringLiteral("Password2024!") << QStringLiteral("common");
    QTest::newRow("control") << QStringLiteral("good words\tand more") << QStringLiteral("control character");
    QTest::newRow("fine") << QStringLiteral("pump seal gasket valve") << QString();
}

void TestAccounts::weakPasswordsAreRefused()
{
    QFETCH(QString, password);
    QFETCH(QString, says);
    auto acc = accounts();
    const auto r = acc.add(m_admin, QStringLiteral("alice"), QStringLiteral("viewer"), {}, password);
    if (says.isEmpty()) {
        QVERIFY(r.has_value());
        return;
    }
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("WEAK_PASSWORD"));
    QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
    QVERIFY(!acc.any().value());
    QVERIFY(m_store->audit(0, 10)->isEmpty());
}

void TestAccounts::everyChangeIsAudited()
{
    auto acc = accounts();
    const QString name = QStringLiteral("alice");
    QVERIFY(acc.add(m_admin, name, QStringLiteral("viewer"), {}, m_password, QStringLiteral("new hire")));
    QVERIFY(acc.setPassword(m_admin, name, QStringLiteral("another fine passphrase")));
    QVERIFY(acc.setRole(m_admin, name, QStringLiteral("supervisor")));
    QVERIFY(acc.setPlants(m_admin, name, { QStringLiteral("nashua"), QStringLiteral(" bedford ") }));
    QVERIFY(acc.setDisabled(m_admin, name, true));
    QVERIFY(acc.setDisabled(m_admin, name, false));
    QVERIFY(acc.unlock(m_admin, name));
    // refused changes write nothing
    QCOMPARE(acc.setRole(m_admin, name, QStringLiteral("root")).error().code, QStringLiteral("BAD_ROLE"));
    QCOMPARE(
        acc.setPlants(m_admin, name, { QStringLiteral("no such plant!") }).error().code, QStringLiteral("BAD_PLANT"));
    QCOMPARE(acc.add(m_admin, QStringLiteral("ALICE"), QStringLiteral("viewer"), {}, m_password).error().code,
        QStringLiteral("ACCOUNT_EXISTS"));
    QCOMPARE(acc.setPassword(m_admin, name, QStringLiteral("short")).error().code, QStringLiteral("WEAK_PASSWORD"));
    QCOMPARE(acc.setRole(m_admin, QStringLiteral("bob"), QStringLiteral("viewer")).error().code,
        QStringLiteral("NO_ACCOUNT"));

    auto entries = m_store->audit(0, 100).value();
    std::reverse(entries.begin(), entries.end());
    QStringList actions;
    for (const AuditEntry& e : std::as_const(entries)) {
        actions << e.action;
        QCOMPARE(e.actor, QStringLiteral("root"));
        QCOMPARE(e.role, QStringLiteral("admin"));
        QVERIFY(!e.after.contains(m_password));
    }
    QCOMPARE(actions,
        (QStringList { QStringLiteral("user.add"), QStringLiteral("user.passwd"), QStringLiteral("user.role"),
            QStringLiteral("user.plants"), QStringLiteral("user.disable"), QStringLiteral("user.enable"),
            QStringLiteral("user.unlock") }));
    QCOMPARE(entries.at(0).note, QStringLiteral("new hire"));
    QCOMPARE(entries.at(2).before, QStringLiteral("alice · role viewer · all plants · enabled"));
    QCOMPARE(entries.at(2).after, QStringLiteral("alice · role supervisor · all plants · enabled"));
    QCOMPARE(entries.at(3).after, QStringLiteral("alice · role supervisor · NASHUA,BEDFORD · enabled"));
    QCOMPARE(m_store->verifyAudit().value(), 0);
    const auto info = acc.find(name).value();
    QCOMPARE(info.plants, (QStringList { QStringLiteral("NASHUA"), QStringLiteral("BEDFORD") }));
}

QTEST_GUILESS_MAIN(TestAccounts)
#include "TestAccounts.moc"

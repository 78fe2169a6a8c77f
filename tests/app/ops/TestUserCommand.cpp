// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/Accounts.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Interlock;

/// `interlock-engine user ...` run as a process, the password written to its standard input.
class TestUserCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addAndList();
    void refusals();
    void passwdRoleDisableEnableUnlock();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& args, const QByteArray& stdinText = {});
    Test::TempJournal m_tmp;
};

TestUserCommand::Run TestUserCommand::run(const QStringList& args, const QByteArray& stdinText)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("detect_leaks=0"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(INTERLOCK_ENGINE_BIN), args);
    if (!p.waitForStarted(10'000))
        return {};
    p.write(stdinText);
    p.closeWriteChannel();
    if (!p.waitForFinished(60'000))
        return {};
    return Run { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

void TestUserCommand::addAndList()
{
    const QString journal = m_tmp.path();
    const QStringList at { QStringLiteral("--journal"), journal };
    auto r = run(QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("alice"),
                     QStringLiteral("--role"), QStringLiteral("supervisor"), QStringLiteral("--plants"),
                     QStringLiteral("bedford,NASHUA"), QStringLiteral("--actor"), QStringLiteral("ops") }
            + at,
        "a pump seal is not a password\n");
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("account alice added: supervisor, BEDFORD, NASHUA")), qPrintable(r.out));
    r = run(QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ada"),
                QStringLiteral("--role"), QStringLiteral("admin") }
            + at,
        "admins choose long phrases"); // no line end: the rest of stdin is the password
    QVERIFY2(r.code == 0, qPrintable(r.err));

    r = run(QStringList { QStringLiteral("user"), QStringLiteral("list") } + at);
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(QStringLiteral("NAME")));
    QVERIFY2(lines.at(1).contains(QStringLiteral("ada")) && lines.at(1).contains(QStringLiteral("admin"))
            && lines.at(1).contains(QStringLiteral("all plants")),
        qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).contains(QStringLiteral("alice")) && lines.at(2).contains(QStringLiteral("supervisor"))
            && lines.at(2).contains(QStringLiteral("BEDFORD, NASHUA"))
            && lines.at(2).contains(QStringLiteral("enabled")),
        qPrintable(lines.at(2)));
    r = run(QStringList { QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json") } + at);
    QCOMPARE(r.code, 0);
    const QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("alice"));
    QVERIFY(list.at(1).toObject().value(QLatin1String("passwordIterations")).toInt() >= 210'000);
    QVERIFY(!r.out.contains(QStringLiteral("hash")));

    // the password from stdin is the one that signs in; the change is audited by the actor
    Journal::JournalStore store;
    QVERIFY(store.openSqlite(journal).has_value());
    Ops::Accounts accounts(store);
    const auto alice = accounts.signIn(QStringLiteral("alice"), QStringLiteral("a pump seal is not a password"));
    QVERIFY2(alice.has_value(), qPrintable(alice ? QString() : alice.error().summary()));
    QCOMPARE(alice->plants, (QStringList { QStringLiteral("BEDFORD"), QStringLiteral("NASHUA") }));
    QVERIFY(accounts.signIn(QStringLiteral("ada"), QStringLiteral("admins choose long phrases")).has_value());
    bool audited = false;
    for (const auto& e : store.audit(0, 100).value())
        audited = audited
            || (e.action == QLatin1String("user.add") && e.actor == QLatin1String("ops")
                && e.after.startsWith(QStringLiteral("alice")));
    QVERIFY(audited);
    QCOMPARE(store.verifyAudit().value(), 0);
}

void TestUserCommand::refusals()
{
    Test::TempJournal tmp;
    const QStringList at { QStringLiteral("--journal"), tmp.path() };
    const QStringList add { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
        QStringLiteral("--role"), QStringLiteral("viewer") };
    // weak, empty, missing: refused with a clear message, exit 1
    auto r = run(add + at, "secret\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("password refused")) && r.err.contains(QStringLiteral("at least 12")),
        qPrintable(r.err));
    r = run(add + at, "\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("empty")), qPrintable(r.err));
    r = run(add + at, {});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no password on standard input")), qPrintable(r.err));
    // a password is never taken from the command line
    r = run(add + at + QStringList { QStringLiteral("--password"), QStringLiteral("a long enough password") });
    QVERIFY(r.code != 0);
    r = run(QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
                QStringLiteral("--role"), QStringLiteral("boss") }
            + at,
        "a long enough password\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("--role must be one of viewer, supervisor, integration, admin")),
        qPrintable(r.err));
    r = run(QStringList { QStringLiteral("user"), QStringLiteral("list") } + at);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("no accounts")), qPrintable(r.out));

    // a name taken (in any case) is refused before the password is read
    QCOMPARE(run(add + at, "a long enough password\n").code, 0);
    r = run(QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("BOB"),
                QStringLiteral("--role"), QStringLiteral("viewer") }
            + at,
        "another long password\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("already")), qPrintable(r.err));
    r = run(QStringList { QStringLiteral("user"), QStringLiteral("passwd"), QStringLiteral("nobody") } + at, "x\n");
    QCOMPARE(r.code, 1);
    r = run(QStringList { QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--journal"),
        tmp.dir() + QStringLiteral("/missing.sqlite") });
    QCOMPARE(r.code, 3);
}

void TestUserCommand::passwdRoleDisableEnableUnlock()
{
    Test::TempJournal tmp;
    const QStringList at { QStringLiteral("--journal"), tmp.path() };
    auto user = [&](const QStringList& args, const QByteArray& in = {}) {
        return run(QStringList { QStringLiteral("user") } + args + at, in);
    };
    QCOMPARE(user({ QStringLiteral("add"), QStringLiteral("carl"), QStringLiteral("--role"), QStringLiteral("viewer") },
                 "first long password\n")
                 .code,
        0);
    auto r = user({ QStringLiteral("passwd"), QStringLiteral("carl") }, "second long password\n");
    QVERIFY2(r.code == 0 && r.out.contains(QStringLiteral("password of carl changed")), qPrintable(r.err));
    r = user({ QStringLiteral("role"), QStringLiteral("carl"), QStringLiteral("--role"), QStringLiteral("integration"),
        QStringLiteral("--plants"), QStringLiteral("LEEDS") });
    QVERIFY2(r.code == 0 && r.out.contains(QStringLiteral("carl may act on LEEDS")), qPrintable(r.out + r.err));
    QCOMPARE(user({ QStringLiteral("disable"), QStringLiteral("carl") }).code, 0);
    QCOMPARE(user({ QStringLiteral("enable"), QStringLiteral("carl") }).code, 0);
    QCOMPARE(user({ QStringLiteral("unlock"), QStringLiteral("carl") }).code, 0);

    Journal::JournalStore store;
    QVERIFY(store.openSqlite(tmp.path()).has_value());
    Ops::Accounts accounts(store);
    QCOMPARE(accounts.signIn(QStringLiteral("carl"), QStringLiteral("first long password")).error().code,
        QStringLiteral("SIGN_IN_FAILED"));
    const auto carl = accounts.signIn(QStringLiteral("carl"), QStringLiteral("second long password"));
    QVERIFY(carl.has_value());
    QCOMPARE(carl->role, QStringLiteral("integration"));
    QCOMPARE(carl->plants, QStringList { QStringLiteral("LEEDS") });
    QStringList actions;
    for (const auto& e : store.audit(0, 100).value())
        actions.prepend(e.action);
    QCOMPARE(actions,
        (QStringList { QStringLiteral("user.add"), QStringLiteral("user.passwd"), QStringLiteral("user.role"),
            QStringLiteral("user.plants"), QStringLiteral("user.disable"), QStringLiteral("user.enable"),
            QStringLiteral("user.unlock"), QStringLiteral("user.sign_in") }));
}

QTEST_GUILESS_MAIN(TestUserCommand)
#include "TestUserCommand.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/app/ops/OpsFixture.h"
#include "ui/exceptions/ApprovalsDialog.h"
#include "ui/exceptions/ExceptionsView.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/signin/SignInDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

using namespace Interlock;

/// The console's sign-in, offscreen: the dialog's answers (wrong password, locked out until
/// when, disabled), the signed-in user in the status bar, and what the role may not do disabled.
class TestSignIn : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void withoutAccountsTheConsoleRunsAsLocalSupervisor();
    void dialogTellsWhyAndStaysOpen();
    void signInAtStartThenTheWindowActsAsTheAccount();
    void forbiddenActionsAreDisabled();
    void fourEyesInTheExceptionsView();

private:
    static Config::SecurityConfig security();
    /// Types into the dialog's fields and clicks Sign in.
    static void signIn(Ui::SignInDialog& d, const QString& user, const QString& password);
    static QString errorText(const Ui::SignInDialog& d);
    const QString m_password = QStringLiteral("a long test passphrase"); // OpsFixture::account's
};

Config::SecurityConfig TestSignIn::security()
{
    Config::SecurityConfig s;
    s.lockoutFailures = 3;
    s.lockoutMinutes = 20;
    return s;
}

void TestSignIn::initTestCase()
{
    QApplication::setOrganizationName(QStringLiteral("InterlockTest"));
    QApplication::setApplicationName(QStringLiteral("tst_ui_SignIn"));
}

void TestSignIn::signIn(Ui::SignInDialog& d, const QString& user, const QString& password)
{
    auto* u = d.findChild<QLineEdit*>(QStringLiteral("signInUser"));
    auto* p = d.findChild<QLineEdit*>(QStringLiteral("signInPassword"));
    QVERIFY(u && p);
    QCOMPARE(p->echoMode(), QLineEdit::Password);
    u->clear();
    QTest::keyClicks(u, user);
    QTest::keyClicks(p, password);
    QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("signInButton")), Qt::LeftButton);
}

QString TestSignIn::errorText(const Ui::SignInDialog& d)
{
    const auto* e = d.findChild<QLabel*>(QStringLiteral("signInError"));
    return e && e->isVisible() ? e->text() : QString();
}

void TestSignIn::withoutAccountsTheConsoleRunsAsLocalSupervisor()
{
    Test::OpsFixture f(security());
    const auto user = Ui::SignInDialog::signInAtStart(&f.service(), QStringLiteral("journal"));
    QVERIFY(user.has_value()); // no dialog at all
    QCOMPARE(user->actor.role, QStringLiteral("supervisor"));
    Ui::MainWindow window(&f.service(), QStringLiteral("journal"), *user);
    auto* label = window.findChild<QLabel*>(QStringLiteral("statusUser"));
    QVERIFY(label);
    QVERIFY2(label->text().startsWith(QStringLiteral("no accounts: local supervisor")), qPrintable(label->text()));
    QCOMPARE(window.actor().role, QStringLiteral("supervisor"));
    // the demo signs nobody in either, and may show every action
    QCOMPARE(Ui::ConsoleUser::demo().actor.role, QStringLiteral("admin"));
}

void TestSignIn::dialogTellsWhyAndStaysOpen()
{
    Test::OpsFixture f(security());
    f.account(QStringLiteral("sue"), QStringLiteral("supervisor"), { QStringLiteral("BEDFORD") });
    f.account(QStringLiteral("gone"), QStringLiteral("viewer"));
    Ops::UserChange off;
    off.kind = Ops::UserChange::Kind::Disable;
    off.name = QStringLiteral("gone");
    QVERIFY(f.service().changeUser(Ops::Actor { QStringLiteral("x"), QStringLiteral("admin") }, off, {}).error().code
        == QStringLiteral("UNKNOWN_ACTOR")); // accounts exist: an unknown admin is nobody
    Ops::Accounts(f.store()).setDisabled(
        Ops::Actor { QStringLiteral("setup"), QStringLiteral("admin") }, off.name, true);

    Ui::SignInDialog d(&f.service(), QStringLiteral("journal"));
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    // wrong password: said so, still open, the password field emptied
    signIn(d, QStringLiteral("sue"), QStringLiteral("not her password"));
    QVERIFY(d.isVisible());
    QCOMPARE(d.result(), int(QDialog::Rejected));
    QCOMPARE(errorText(d), QStringLiteral("wrong user name or password"));
    QVERIFY(d.findChild<QLineEdit*>(QStringLiteral("signInPassword"))->text().isEmpty());
    // nothing typed
    QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("signInButton")), Qt::LeftButton);
    QVERIFY(errorText(d).contains(QStringLiteral("Enter your user name and password")));
    // disabled: said after the right password
    signIn(d, QStringLiteral("gone"), m_password);
    QVERIFY2(errorText(d).contains(QStringLiteral("disabled")), qPrintable(errorText(d)));
    QVERIFY(d.isVisible());
    // locked out after three failures, with the time it ends; then even the right password is refused
    signIn(d, QStringLiteral("sue"), QStringLiteral("wrong again"));
    signIn(d, QStringLiteral("sue"), QStringLiteral("and again"));
    QVERIFY2(errorText(d).contains(QStringLiteral("locked until")), qPrintable(errorText(d)));
    signIn(d, QStringLiteral("sue"), m_password);
    const QString locked = errorText(d);
    QVERIFY2(locked.contains(QStringLiteral("is locked")) && locked.contains(QStringLiteral("until 20")),
        qPrintable(locked));
    QVERIFY(d.isVisible());
    QCOMPARE(d.result(), int(QDialog::Rejected));
}

void TestSignIn::signInAtStartThenTheWindowActsAsTheAccount()
{
    Test::OpsFixture f(security());
    f.account(QStringLiteral("sue"), QStringLiteral("supervisor"), { QStringLiteral("BEDFORD") });
    QVERIFY(f.service().hasAccounts().value());
    // the start-up path: a modal dialog; a wrong password first, then the right one
    QStringList seen;
    QTimer::singleShot(0, this, [&] {
        auto* d = qobject_cast<Ui::SignInDialog*>(QApplication::activeModalWidget());
        QVERIFY(d);
        signIn(*d, QStringLiteral("sue"), QStringLiteral("guess"));
        seen << errorText(*d);
        signIn(*d, QStringLiteral("sue"), m_password);
    });
    const auto user = Ui::SignInDialog::signInAtStart(&f.service(), QStringLiteral("journal"));
    QVERIFY(user.has_value());
    QCOMPARE(seen, QStringList { QStringLiteral("wrong user name or password") });
    QCOMPARE(user->actor.name, QStringLiteral("sue"));
    QCOMPARE(user->actor.role, QStringLiteral("supervisor"));

    Ui::MainWindow window(&f.service(), QStringLiteral("journal"), *user);
    QCOMPARE(window.actor().name, QStringLiteral("sue"));
    auto* label = window.statusBar()->findChild<QLabel*>(QStringLiteral("statusUser"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("Signed in: sue (supervisor · BEDFORD)"));
    // the sign-in is on record
    QCOMPARE(f.audit().first().action, QStringLiteral("user.sign_in"));
    QCOMPARE(f.audit().first().actor, QStringLiteral("sue"));

    // cancelling the dialog starts no console
    QTimer::singleShot(0, this, [] {
        if (auto* d = qobject_cast<Ui::SignInDialog*>(QApplication::activeModalWidget()))
            d->reject();
    });
    QVERIFY(!Ui::SignInDialog::signInAtStart(&f.service(), QStringLiteral("journal")).has_value());
}

void TestSignIn::forbiddenActionsAreDisabled()
{
    Test::OpsFixture f(security());
    f.stuck(QStringLiteral("BEDFORD"));
    struct Case
    {
        QString role;
        bool replay; ///< supervisor and up
        bool edit; ///< integration and up
    };
    for (const Case& c :
        { Case { QStringLiteral("viewer"), false, false }, Case { QStringLiteral("supervisor"), true, false },
            Case { QStringLiteral("integration"), true, true }, Case { QStringLiteral("admin"), true, true } }) {
        Ops::AccountInfo account;
        account.name = QStringLiteral("user-") + c.role;
        account.role = c.role;
        Ui::MainWindow window(&f.service(), QStringLiteral("journal"), Ui::ConsoleUser::signedIn(account));
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("statusUser"))->text(),
            QStringLiteral("Signed in: %1 (%2)").arg(account.name, c.role));
        Ui::ExceptionsView* ex = window.exceptions();
        window.showView(ex);
        ex->refresh();
        QVERIFY(!ex->groups().isEmpty());
        QVERIFY(ex->selectGroup(ex->groups().first().key));
        const auto enabled = [&](const char* name) {
            auto* b = window.findChild<QPushButton*>(QString::fromLatin1(name));
            if (!b)
                qFatal("no button %s", name);
            return b->isEnabled();
        };
        QCOMPARE(enabled("replayGroupButton"), c.replay);
        QCOMPARE(enabled("resolveGroupButton"), c.replay);
        QCOMPARE(enabled("cancelGroupButton"), c.replay);
        QCOMPARE(enabled("editResubmitButton"), c.edit);
        QCOMPARE(enabled("dryRunButton"), c.edit);
        QCOMPARE(enabled("addRuleButton"), c.edit);
    }
}

void TestSignIn::fourEyesInTheExceptionsView()
{
    Config::SecurityConfig sec = security();
    sec.fourEyesBulkAbove = 2;
    Test::OpsFixture f(sec);
    const Ops::Actor sue = f.account(QStringLiteral("sue"), QStringLiteral("supervisor"));
    const Ops::Actor ian = f.account(QStringLiteral("ian"), QStringLiteral("integration"));
    const QList<qint64> ids { f.stuck(QStringLiteral("BEDFORD")), f.stuck(QStringLiteral("BEDFORD")),
        f.stuck(QStringLiteral("NASHUA")) };

    // sue resolves the whole group of three (chunks of one): it goes as one request, for approval
    Ui::ExceptionsView view(&f.service(), sue);
    view.setBulkChunkSize(1);
    view.setNoteProvider([](const QString&, const QString&) { return QStringLiteral("posted by hand"); });
    view.refresh();
    QVERIFY(view.selectGroup(view.groups().first().key));
    QCOMPARE(view.targetIds(), ids);
    view.resolveTargets();
    QTRY_VERIFY(!view.bulkAction());
    const QString result = view.findChild<QLabel*>(QStringLiteral("actionResult"))->text();
    QVERIFY2(result.startsWith(QStringLiteral("Sent for approval")) && result.contains(QStringLiteral("3 messages")),
        qPrintable(result));
    for (qint64 id : ids)
        QCOMPARE(f.message(id).state, MessageState::Stuck);
    auto* waiting = view.findChild<QPushButton*>(QStringLiteral("approvalsButton"));
    QVERIFY(waiting && !waiting->isHidden());
    QCOMPARE(waiting->text(), QStringLiteral("Waiting for approval (1)…"));
    const qint64 requestId = f.service().approvals(true)->first().id;

    // she may withdraw it, not approve it
    {
        Ui::ApprovalsDialog mine(&f.service(), sue);
        QCOMPARE(mine.requests().size(), 1);
        QVERIFY(mine.selectRequest(requestId));
        QVERIFY(!mine.findChild<QPushButton*>(QStringLiteral("approveButton"))->isEnabled());
        QCOMPARE(mine.findChild<QPushButton*>(QStringLiteral("rejectButton"))->text(), QStringLiteral("Withdraw"));
    }
    // ian approves it in his console: executed, with both names in the audit trail
    Ui::ApprovalsDialog his(&f.service(), ian);
    QVERIFY(his.selectRequest(requestId));
    auto* approve = his.findChild<QPushButton*>(QStringLiteral("approveButton"));
    QVERIFY(approve->isEnabled());
    QTest::mouseClick(approve, Qt::LeftButton);
    QCOMPARE(his.findChild<QLabel*>(QStringLiteral("approvalResult"))->text(),
        QStringLiteral("Request %1 approved: 3 of 3 message(s) changed").arg(requestId));
    QVERIFY(his.requests().isEmpty());
    for (qint64 id : ids) {
        QCOMPARE(f.message(id).state, MessageState::Resolved);
        const AuditEntry e = f.store().audit(id, 3)->at(1); // between the request and the approval
        QCOMPARE(e.action, QStringLiteral("message.resolve"));
        QCOMPARE(e.actor, QStringLiteral("ian"));
        QVERIFY(e.note.contains(QStringLiteral("requested by sue")));
    }
    view.refresh();
    QVERIFY(waiting->isHidden());
}

QTEST_MAIN(TestSignIn)
#include "TestSignIn.moc"

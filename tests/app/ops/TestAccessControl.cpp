// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/app/ops/OpsFixture.h"

#include <QTest>

using namespace Interlock;

/// Plant scope and four eyes in the operations service, and the journal as the authority on
/// who an actor is (role and plants from the account, disabled and unknown names refused).
class TestAccessControl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scopedSupervisorIsRefusedOtherPlants();
    void scopedAccountsOnMappingsRulesAlertsAndUsers();
    void theJournalDecidesTheRole();
    void withoutAccountsTheActorIsTakenAsGiven();
    void fourEyesBulkPendingSelfApprovalAndApproval();
    void fourEyesCostOfPartsPostings();
};

namespace {
const QString kNote = QStringLiteral("handled by hand");

Config::SecurityConfig fourEyes(int bulkAbove, qint64 costAbove)
{
    Config::SecurityConfig s;
    s.fourEyesBulkAbove = bulkAbove;
    s.fourEyesCostAbove = costAbove;
    return s;
}
} // namespace

void TestAccessControl::scopedSupervisorIsRefusedOtherPlants()
{
    Test::OpsFixture f;
    const Ops::Actor sue
        = f.account(QStringLiteral("sue"), QStringLiteral("supervisor"), { QStringLiteral("BEDFORD") });
    const qint64 bedford = f.stuck(QStringLiteral("BEDFORD"));
    const qint64 nashua = f.stuck(QStringLiteral("NASHUA"));
    const qint64 nashua2 = f.stuck(QStringLiteral("NASHUA"));
    const QString before = f.dump();

    // a NASHUA message: refused with a clear error, nothing written
    auto r = f.service().resolve(sue, { nashua }, kNote);
    QVERIFY(!r);
    QCOMPARE(r.error().errorClass, ErrorClass::Auth);
    QCOMPARE(r.error().code, QStringLiteral("OUT_OF_SCOPE"));
    QVERIFY2(r.error().message.contains(QStringLiteral("%1 (NASHUA)").arg(nashua)), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(QStringLiteral("BEDFORD only")), qPrintable(r.error().message));
    QCOMPARE(f.dump(), before);

    // a mixed request names every outside id and writes nothing, not even for BEDFORD
    r = f.service().replay(sue, { bedford, nashua, nashua2 }, kNote);
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("OUT_OF_SCOPE"));
    QVERIFY(r.error().message.contains(QStringLiteral("2 of the messages")));
    QVERIFY(r.error().message.contains(QStringLiteral("%1 (NASHUA)").arg(nashua2)));
    QVERIFY(!r.error().message.contains(QStringLiteral("%1 (BEDFORD)").arg(bedford)));
    QCOMPARE(f.dump(), before);

    // her own plant: done, audited with her name and role
    r = f.service().resolve(sue, { bedford }, kNote);
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().summary()));
    QCOMPARE(*r, 1);
    QCOMPARE(f.message(bedford).state, MessageState::Resolved);
    QCOMPARE(f.message(nashua).state, MessageState::Stuck);
    const auto audit = f.store().audit(bedford, 10).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().actor, QStringLiteral("sue"));
    QCOMPARE(audit.first().role, QStringLiteral("supervisor"));
    QVERIFY(f.store().audit(nashua, 10)->isEmpty());
}

void TestAccessControl::scopedAccountsOnMappingsRulesAlertsAndUsers()
{
    Test::OpsFixture f;
    const QStringList bedfordOnly { QStringLiteral("BEDFORD") };
    const Ops::Actor ian = f.account(QStringLiteral("ian"), QStringLiteral("integration"), bedfordOnly);
    const Ops::Actor ada = f.account(QStringLiteral("ada"), QStringLiteral("admin"), bedfordOnly);
    const qint64 nashuaAlert = f.alert(QStringLiteral("NASHUA"));
    const qint64 nashuaMessage = f.stuck(QStringLiteral("NASHUA"));
    const QString before = f.dump();
    auto code = [](const auto& r) { return r ? QString() : r.error().code; };

    Mapping m;
    m.domain = Domain::Material;
    m.sourceValue = QStringLiteral("0-0099");
    m.targetValue = QStringLiteral("SP-0099");
    m.plant = QStringLiteral("NASHUA");
    QCOMPARE(code(f.service().putMapping(ian, m, kNote)), QStringLiteral("OUT_OF_SCOPE"));
    m.plant.clear(); // every plant: more than BEDFORD
    QCOMPARE(code(f.service().putMapping(ian, m, kNote)), QStringLiteral("OUT_OF_SCOPE"));
    QCOMPARE(code(f.service().importMappings(ian, { m }, kNote)), QStringLiteral("OUT_OF_SCOPE"));
    Ops::AlertRule rule;
    rule.plant = QStringLiteral("NASHUA");
    rule.metric = Journal::AlertMetric::StuckCount;
    rule.threshold = 2;
    QCOMPARE(code(f.service().putAlertRule(ian, rule, kNote)), QStringLiteral("OUT_OF_SCOPE"));
    // nor may a BEDFORD account move a rule of every plant to BEDFORD by editing it
    Ops::AlertRule global = f.store().alertRules()->first();
    QVERIFY(global.plant.isEmpty());
    global.plant = QStringLiteral("BEDFORD");
    QCOMPARE(code(f.service().putAlertRule(ian, global, kNote)), QStringLiteral("OUT_OF_SCOPE"));
    QCOMPARE(code(f.service().acknowledgeAlert(ian, nashuaAlert, kNote)), QStringLiteral("OUT_OF_SCOPE"));
    QCOMPARE(
        code(f.service().resubmit(ian, nashuaMessage, R"({"Material":"X"})", kNote)), QStringLiteral("OUT_OF_SCOPE"));
    QCOMPARE(code(f.service().dryRun(ian, nashuaMessage, {})), QStringLiteral("OUT_OF_SCOPE"));
    // a scoped admin may not manage accounts (it could widen its own scope)
    Ops::UserChange widen;
    widen.kind = Ops::UserChange::Kind::Plants;
    widen.name = QStringLiteral("ada");
    QCOMPARE(code(f.service().changeUser(ada, widen, kNote)), QStringLiteral("OUT_OF_SCOPE"));
    QCOMPARE(f.dump(), before);

    // in scope it works
    m.plant = QStringLiteral("BEDFORD");
    QVERIFY(f.service().putMapping(ian, m, kNote).has_value());
    rule.plant = QStringLiteral("BEDFORD");
    QVERIFY(f.service().putAlertRule(ian, rule, kNote).has_value());
}

void TestAccessControl::theJournalDecidesTheRole()
{
    Test::OpsFixture f;
    f.account(QStringLiteral("sue"), QStringLiteral("supervisor"));
    f.account(QStringLiteral("ada"), QStringLiteral("admin"));
    const qint64 id = f.stuck(QStringLiteral("BEDFORD"));

    // claiming a higher role than the account has gets nothing more
    const Ops::Actor forged { QStringLiteral("sue"), QStringLiteral("admin") };
    auto s = f.service().resubmit(forged, id, R"({"Material":"X"})", kNote);
    QVERIFY(!s);
    QCOMPARE(s.error().code, QStringLiteral("FORBIDDEN"));
    QVERIFY(s.error().message.contains(QStringLiteral("'supervisor'")));
    // what she may do is audited with the journal's role
    QVERIFY(f.service().replay(forged, { id }, {}).has_value());
    QCOMPARE(f.audit().first().role, QStringLiteral("supervisor"));

    // no account of that name; a disabled account; a role taken away: refused at once
    const qint64 other = f.stuck(QStringLiteral("BEDFORD"));
    const QString before = f.dump();
    auto r = f.service().resolve(Ops::Actor { QStringLiteral("mallory"), QStringLiteral("admin") }, { other }, kNote);
    QCOMPARE(r.error().code, QStringLiteral("UNKNOWN_ACTOR"));
    const Ops::Actor ada { QStringLiteral("ada"), QStringLiteral("admin") };
    Ops::UserChange c;
    c.name = QStringLiteral("sue");
    c.kind = Ops::UserChange::Kind::Disable;
    QVERIFY(f.service().changeUser(ada, c, QStringLiteral("left the company")).has_value());
    const QString afterDisable = f.dump();
    QVERIFY(afterDisable != before);
    r = f.service().resolve(Ops::Actor { QStringLiteral("sue"), QStringLiteral("supervisor") }, { other }, kNote);
    QCOMPARE(r.error().code, QStringLiteral("ACCOUNT_DISABLED"));
    c.kind = Ops::UserChange::Kind::Enable;
    QVERIFY(f.service().changeUser(ada, c, {}).has_value());
    c.kind = Ops::UserChange::Kind::Role;
    c.role = QStringLiteral("viewer");
    QVERIFY(f.service().changeUser(ada, c, {}).has_value());
    const QString afterDemotion = f.dump();
    r = f.service().resolve(Ops::Actor { QStringLiteral("sue"), QStringLiteral("supervisor") }, { other }, kNote);
    QCOMPARE(r.error().code, QStringLiteral("FORBIDDEN"));
    QCOMPARE(f.dump(), afterDemotion);
    QCOMPARE(f.message(other).state, MessageState::Stuck);
    // every account change is in the audit trail, by ada
    QStringList actions;
    for (const auto& a : f.audit())
        if (a.action.startsWith(QLatin1String("user.")) && a.actor == QLatin1String("ada"))
            actions.prepend(a.action);
    QCOMPARE(actions,
        (QStringList { QStringLiteral("user.disable"), QStringLiteral("user.enable"), QStringLiteral("user.role") }));
}

void TestAccessControl::withoutAccountsTheActorIsTakenAsGiven()
{
    Test::OpsFixture f;
    QCOMPARE(f.service().hasAccounts().value(), false);
    const qint64 id = f.stuck(QStringLiteral("NASHUA"));
    QVERIFY(f.service().resolve(Ops::Actor { QStringLiteral("desk"), QStringLiteral("supervisor") }, { id }, kNote));
    QCOMPARE(f.audit().first().actor, QStringLiteral("desk"));
    // still the table: a viewer reads only, and a made-up role is nothing
    const qint64 other = f.stuck(QStringLiteral("NASHUA"));
    QCOMPARE(f.service()
                 .resolve(Ops::Actor { QStringLiteral("m"), QStringLiteral("viewer") }, { other }, kNote)
                 .error()
                 .code,
        QStringLiteral("FORBIDDEN"));
    QCOMPARE(
        f.service().resolve(Ops::Actor { QStringLiteral("m"), QStringLiteral("root") }, { other }, kNote).error().code,
        QStringLiteral("UNKNOWN_ROLE"));
}

void TestAccessControl::fourEyesBulkPendingSelfApprovalAndApproval()
{
    Test::OpsFixture f(fourEyes(2, 0));
    const Ops::Actor sue = f.account(QStringLiteral("sue"), QStringLiteral("supervisor"));
    const Ops::Actor vic = f.account(QStringLiteral("vic"), QStringLiteral("viewer"));
    const Ops::Actor nat = f.account(QStringLiteral("nat"), QStringLiteral("supervisor"), { QStringLiteral("NASHUA") });
    const Ops::Actor ian = f.account(QStringLiteral("ian"), QStringLiteral("integration"));
    const QList<qint64> ids { f.stuck(QStringLiteral("BEDFORD")), f.stuck(QStringLiteral("BEDFORD")),
        f.stuck(QStringLiteral("BEDFORD")) };

    // two messages are under the threshold and run at once
    const QList<qint64> two { f.stuck(QStringLiteral("BEDFORD")), f.stuck(QStringLiteral("BEDFORD")) };
    QCOMPARE(f.service().approvalNeeded(Ops::Action::Resolve, two).value(), QString());
    QCOMPARE(f.service().resolve(sue, two, kNote).value(), 2);

    // three need a second person: recorded as pending, audited, nothing else changes
    QVERIFY(f.service().approvalNeeded(Ops::Action::Resolve, ids)->contains(QStringLiteral("3 messages")));
    const qint64 auditBefore = f.auditCount();
    auto r = f.service().resolve(sue, ids, kNote);
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("APPROVAL_PENDING"));
    const qint64 requestId = r.error().detail.toLongLong();
    QVERIFY(requestId > 0);
    QVERIFY2(r.error().message.contains(QStringLiteral("request %1").arg(requestId)), qPrintable(r.error().message));
    for (qint64 id : ids)
        QCOMPARE(f.message(id).state, MessageState::Stuck);
    QCOMPARE(f.auditCount(), auditBefore + 1);
    const AuditEntry requested = f.audit().first();
    QCOMPARE(requested.action, QStringLiteral("approval.request"));
    QCOMPARE(requested.actor, QStringLiteral("sue"));
    QCOMPARE(requested.role, QStringLiteral("supervisor"));
    QCOMPARE(requested.messageIds, QStringLiteral("%1,%2,%3").arg(ids.at(0)).arg(ids.at(1)).arg(ids.at(2)));
    auto pending = f.service().approvals(true).value();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().id, requestId);
    QCOMPARE(pending.first().requestedBy, QStringLiteral("sue"));
    QCOMPARE(pending.first().messageIds, ids);
    // asking again is the same request
    QCOMPARE(f.service().resolve(sue, ids, kNote).error().detail.toLongLong(), requestId);
    QCOMPARE(f.service().approvals(true)->size(), 1);

    // refused approvals change nothing: herself, a viewer, a supervisor of another plant
    const QString before = f.dump();
    auto a = f.service().approve(sue, requestId, {});
    QCOMPARE(a.error().code, QStringLiteral("SELF_APPROVAL"));
    a = f.service().approve(Ops::Actor { QStringLiteral("SUE"), QStringLiteral("supervisor") }, requestId, {});
    QCOMPARE(a.error().code, QStringLiteral("SELF_APPROVAL")); // names are one account whatever the case
    a = f.service().approve(vic, requestId, {});
    QCOMPARE(a.error().code, QStringLiteral("FORBIDDEN"));
    a = f.service().approve(nat, requestId, {});
    QCOMPARE(a.error().code, QStringLiteral("OUT_OF_SCOPE"));
    QCOMPARE(f.dump(), before);

    // a second, different person with a role allowed to resolve: executed, both names on record
    a = f.service().approve(ian, requestId, QStringLiteral("checked with stores"));
    QVERIFY2(a.has_value(), qPrintable(a ? QString() : a.error().summary()));
    QCOMPARE(*a, 3);
    for (qint64 id : ids) {
        QCOMPARE(f.message(id).state, MessageState::Resolved);
        // the message's entries, newest first: the approval names it too, the resolve is before it
        const auto entries = f.store().audit(id, 10).value();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(0).action, QStringLiteral("approval.approve"));
        QCOMPARE(entries.at(2).action, QStringLiteral("approval.request"));
        const AuditEntry& done = entries.at(1);
        QCOMPARE(done.action, QStringLiteral("message.resolve"));
        QCOMPARE(done.actor, QStringLiteral("ian"));
        QCOMPARE(done.role, QStringLiteral("integration"));
        QVERIFY2(done.note.contains(kNote), qPrintable(done.note));
        QVERIFY2(done.note.contains(QStringLiteral("requested by sue (supervisor)")), qPrintable(done.note));
        QVERIFY2(done.note.contains(QStringLiteral("approved by ian (integration)")), qPrintable(done.note));
    }
    const AuditEntry approved = f.audit().first();
    QCOMPARE(approved.action, QStringLiteral("approval.approve"));
    QCOMPARE(approved.actor, QStringLiteral("ian"));
    QVERIFY(approved.before.contains(QStringLiteral("requested by sue")));
    QVERIFY(approved.after.contains(QStringLiteral("approved by ian")));
    QVERIFY(approved.after.contains(QStringLiteral("3 of 3")));
    QCOMPARE(approved.note, QStringLiteral("checked with stores"));
    const auto decided = f.service().approvals(false).value().first();
    QCOMPARE(decided.state, Journal::ApprovalState::Approved);
    QCOMPARE(decided.decidedBy, QStringLiteral("ian"));
    QCOMPARE(decided.applied, 3);
    QVERIFY(f.service().approvals(true)->isEmpty());
    // once only
    QCOMPARE(f.service().approve(ian, requestId, {}).error().code, QStringLiteral("NOT_PENDING"));
    QCOMPARE(f.store().verifyAudit().value(), 0);
}

void TestAccessControl::fourEyesCostOfPartsPostings()
{
    Test::OpsFixture f(fourEyes(0, 1000));
    const Ops::Actor sue = f.account(QStringLiteral("sue"), QStringLiteral("supervisor"));
    const Ops::Actor ian = f.account(QStringLiteral("ian"), QStringLiteral("integration"));
    const qint64 dear = f.stuck(QStringLiteral("BEDFORD"), R"({"itemnum":"SP-0004","quantity":2,"linecost":2500.5})");
    const qint64 dearByUnit
        = f.stuck(QStringLiteral("BEDFORD"), R"({"itemnum":"SP-0005","quantity":-3,"unitcost":400})");
    const qint64 cheap = f.stuck(QStringLiteral("BEDFORD"), R"({"itemnum":"SP-0006","quantity":1,"linecost":99})");
    const qint64 order = f.stuck(QStringLiteral("BEDFORD"), R"({"wonum":"1001","linecost":50000})", Flow::WorkOrder);

    // cheap postings, work orders (not parts postings) and replays run at once
    QCOMPARE(f.service().cancel(sue, { cheap }, kNote).value(), 1);
    QCOMPARE(f.service().resolve(sue, { order }, kNote).value(), 1);
    QVERIFY(f.service().approvalNeeded(Ops::Action::Replay, { dear })->isEmpty());

    // a dear one (linecost, or quantity × unitcost) waits for a second person
    auto r = f.service().cancel(sue, { dear }, kNote);
    QCOMPARE(r.error().code, QStringLiteral("APPROVAL_PENDING"));
    QVERIFY2(r.error().message.contains(QStringLiteral("%1 (2500.50)").arg(dear)), qPrintable(r.error().message));
    const qint64 first = r.error().detail.toLongLong();
    r = f.service().resolve(sue, { dearByUnit }, kNote);
    QCOMPARE(r.error().code, QStringLiteral("APPROVAL_PENDING"));
    QVERIFY2(r.error().message.contains(QStringLiteral("%1 (1200.00)").arg(dearByUnit)), qPrintable(r.error().message));
    const qint64 second = r.error().detail.toLongLong();
    QCOMPARE(f.message(dear).state, MessageState::Stuck);
    QCOMPARE(f.message(dearByUnit).state, MessageState::Stuck);

    // the requester withdraws one; the other is approved by integration support
    QVERIFY(f.service().reject(sue, first, QStringLiteral("wrong message")).has_value());
    QCOMPARE(f.audit().first().action, QStringLiteral("approval.reject"));
    QCOMPARE(f.service().approve(ian, first, {}).error().code, QStringLiteral("NOT_PENDING"));
    QCOMPARE(f.message(dear).state, MessageState::Stuck);
    QCOMPARE(f.service().approve(ian, second, {}).value(), 1);
    QCOMPARE(f.message(dearByUnit).state, MessageState::Resolved);
    QCOMPARE(f.store().verifyAudit().value(), 0);
}

QTEST_GUILESS_MAIN(TestAccessControl)
#include "TestAccessControl.moc"

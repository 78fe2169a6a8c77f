// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/app/ops/OpsFixture.h"

#include <QTest>
#include <functional>

using namespace Interlock;
using Ops::Action;

/// The role matrix: every action × every role through the operations service (never the UI),
/// against a journal with one account per role. Allowed: the action succeeds and its audit entry
/// names the actor and the role. Refused: an Auth error FORBIDDEN and not one byte of the journal
/// changed. The expected matrix is written out here, independently of Permissions.cpp.
class TestRoleMatrix : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theMatrixCoversEveryAction();
    void permissionTableMatchesTheSpecification();
    void everyActionForEveryRole_data();
    void everyActionForEveryRole();
    void readsNeedNoPermission();

private:
    /// The specification: which roles may do each action (viewer reads only; supervisor acts on
    /// messages and alerts; integration also edits payloads, mappings and rules; admin everything).
    static QHash<QString, QStringList> expected();
};

namespace {
const QStringList kRoles { QStringLiteral("viewer"), QStringLiteral("supervisor"), QStringLiteral("integration"),
    QStringLiteral("admin") };

/// One action, its target already in the journal: performs it as `actor`; the error, or nullopt.
using Act = std::function<std::optional<Error>(const Ops::Actor&)>;
/// Puts what an action needs into the journal (a stuck message, an alert, ...) and returns the action.
using Prepare = std::function<Act(Test::OpsFixture&)>;

template <typename R> std::optional<Error> outcome(const R& r)
{
    if (r)
        return std::nullopt;
    return r.error();
}

QHash<QString, Prepare> performers()
{
    const QString note = QStringLiteral("role matrix");
    QHash<QString, Prepare> p;
    p[QStringLiteral("replay")] = [note](Test::OpsFixture& f) -> Act {
        const qint64 id = f.stuck(QStringLiteral("BEDFORD"));
        return [&f, id, note](const Ops::Actor& a) { return outcome(f.service().replay(a, { id }, note)); };
    };
    p[QStringLiteral("resolve")] = [note](Test::OpsFixture& f) -> Act {
        const qint64 id = f.stuck(QStringLiteral("BEDFORD"));
        return [&f, id, note](const Ops::Actor& a) { return outcome(f.service().resolve(a, { id }, note)); };
    };
    p[QStringLiteral("cancel")] = [note](Test::OpsFixture& f) -> Act {
        const qint64 id = f.stuck(QStringLiteral("BEDFORD"));
        return [&f, id, note](const Ops::Actor& a) { return outcome(f.service().cancel(a, { id }, note)); };
    };
    p[QStringLiteral("bulk")] = [note](Test::OpsFixture& f) -> Act {
        const QList<qint64> ids { f.stuck(QStringLiteral("BEDFORD")), f.stuck(QStringLiteral("NASHUA")),
            f.stuck(QStringLiteral("BEDFORD")) };
        return [&f, ids, note](const Ops::Actor& a) { return outcome(f.service().resolve(a, ids, note)); };
    };
    p[QStringLiteral("acknowledge_alert")] = [note](Test::OpsFixture& f) -> Act {
        const qint64 id = f.alert(QStringLiteral("NASHUA"));
        return [&f, id, note](const Ops::Actor& a) { return outcome(f.service().acknowledgeAlert(a, id, note)); };
    };
    p[QStringLiteral("resubmit")] = [note](Test::OpsFixture& f) -> Act {
        const qint64 id = f.stuck(QStringLiteral("BEDFORD"));
        return [&f, id, note](const Ops::Actor& a) {
            return outcome(f.service().resubmit(a, id, R"({"Material":"SP-0031"})", note));
        };
    };
    p[QStringLiteral("dry_run")] = [](Test::OpsFixture& f) -> Act {
        const qint64 id = f.stuck(QStringLiteral("BEDFORD"));
        return [&f, id](const Ops::Actor& a) { return outcome(f.service().dryRun(a, id, {})); };
    };
    p[QStringLiteral("put_mapping")] = [note](Test::OpsFixture& f) -> Act {
        Mapping m;
        m.domain = Domain::Material;
        m.plant = QStringLiteral("BEDFORD");
        m.sourceValue = QStringLiteral("0-0099");
        m.targetValue = QStringLiteral("SP-0099");
        return [&f, m, note](const Ops::Actor& a) { return outcome(f.service().putMapping(a, m, note)); };
    };
    p[QStringLiteral("import_mappings")] = [note](Test::OpsFixture& f) -> Act {
        QList<Mapping> rows;
        for (const char* v : { "0-0101", "0-0102" }) {
            Mapping m;
            m.domain = Domain::Material;
            m.sourceSystem = QStringLiteral("maximo");
            m.sourceValue = QString::fromLatin1(v);
            m.targetSystem = QStringLiteral("sap");
            m.targetValue = QStringLiteral("SP-") + QString::fromLatin1(v);
            m.createdBy = QStringLiteral("csv");
            m.createdAt = 1;
            rows << m;
        }
        return [&f, rows, note](const Ops::Actor& a) { return outcome(f.service().importMappings(a, rows, note)); };
    };
    p[QStringLiteral("put_alert_rule")] = [note](Test::OpsFixture& f) -> Act {
        Ops::AlertRule r;
        r.plant = QStringLiteral("BEDFORD");
        r.flow = Flow::PartsConsumption;
        r.metric = Journal::AlertMetric::StuckCount;
        r.threshold = 3;
        return [&f, r, note](const Ops::Actor& a) { return outcome(f.service().putAlertRule(a, r, note)); };
    };
    p[QStringLiteral("manage_users")] = [note](Test::OpsFixture& f) -> Act {
        Ops::UserChange c;
        c.kind = Ops::UserChange::Kind::Add;
        c.name = QStringLiteral("newhire");
        c.role = QStringLiteral("viewer");
        c.password = QStringLiteral("first day on the job");
        return [&f, c, note](const Ops::Actor& a) { return outcome(f.service().changeUser(a, c, note)); };
    };
    return p;
}

Action actionNamed(const QString& name)
{
    for (Action a : Ops::Permissions::allActions())
        if (Ops::Permissions::actionName(a) == name)
            return a;
    qFatal("no action %s", qPrintable(name));
}
} // namespace

QHash<QString, QStringList> TestRoleMatrix::expected()
{
    const QStringList acting { QStringLiteral("supervisor"), QStringLiteral("integration"), QStringLiteral("admin") };
    const QStringList engineering { QStringLiteral("integration"), QStringLiteral("admin") };
    return {
        { QStringLiteral("replay"), acting },
        { QStringLiteral("resolve"), acting },
        { QStringLiteral("cancel"), acting },
        { QStringLiteral("bulk"), acting },
        { QStringLiteral("acknowledge_alert"), acting },
        { QStringLiteral("resubmit"), engineering },
        { QStringLiteral("dry_run"), engineering },
        { QStringLiteral("put_mapping"), engineering },
        { QStringLiteral("import_mappings"), engineering },
        { QStringLiteral("put_alert_rule"), engineering },
        { QStringLiteral("manage_users"), { QStringLiteral("admin") } },
    };
}

void TestRoleMatrix::theMatrixCoversEveryAction()
{
    // an action added to the table without a row here fails this test
    QStringList inTable;
    for (Action a : Ops::Permissions::allActions())
        inTable << Ops::Permissions::actionName(a);
    QStringList specified = expected().keys();
    QStringList performed = performers().keys();
    inTable.sort();
    specified.sort();
    performed.sort();
    QCOMPARE(specified, inTable);
    QCOMPARE(performed, inTable);
}

void TestRoleMatrix::permissionTableMatchesTheSpecification()
{
    const auto spec = expected();
    for (Action a : Ops::Permissions::allActions())
        for (const QString& role : kRoles)
            QVERIFY2(Ops::Permissions::allows(role, a) == spec.value(Ops::Permissions::actionName(a)).contains(role),
                qPrintable(QStringLiteral("%1 × %2").arg(Ops::Permissions::actionName(a), role)));
    // an unknown role may do nothing
    for (Action a : Ops::Permissions::allActions())
        QVERIFY(!Ops::Permissions::allows(QStringLiteral("root"), a));
}

void TestRoleMatrix::everyActionForEveryRole_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("allowed");
    const auto spec = expected();
    for (Action a : Ops::Permissions::allActions()) {
        const QString name = Ops::Permissions::actionName(a);
        for (const QString& role : kRoles)
            QTest::addRow("%s × %s", qPrintable(name), qPrintable(role))
                << name << role << spec.value(name).contains(role);
    }
}

void TestRoleMatrix::everyActionForEveryRole()
{
    QFETCH(QString, action);
    QFETCH(QString, role);
    QFETCH(bool, allowed);
    Test::OpsFixture f;
    // one account per role, so the service takes the role from the journal
    f.account(QStringLiteral("vic"), QStringLiteral("viewer"));
    f.account(QStringLiteral("sue"), QStringLiteral("supervisor"));
    f.account(QStringLiteral("ian"), QStringLiteral("integration"));
    f.account(QStringLiteral("ada"), QStringLiteral("admin"));
    const QHash<QString, QString> names { { QStringLiteral("viewer"), QStringLiteral("vic") },
        { QStringLiteral("supervisor"), QStringLiteral("sue") },
        { QStringLiteral("integration"), QStringLiteral("ian") }, { QStringLiteral("admin"), QStringLiteral("ada") } };
    const Ops::Actor actor { names.value(role), role };
    const Prepare prepare = performers().value(action);
    QVERIFY(prepare);
    // the console disables by the same table
    QCOMPARE(f.service().isAllowed(actor, actionNamed(action)), allowed);

    const Act act = prepare(f);
    const QString before = f.dump();
    const qint64 auditBefore = f.auditCount();
    const std::optional<Error> result = act(actor);
    if (!allowed) {
        QVERIFY2(result.has_value(), "a refused action succeeded");
        QCOMPARE(result->errorClass, ErrorClass::Auth);
        QCOMPARE(result->code, QStringLiteral("FORBIDDEN"));
        QVERIFY2(result->message.contains(QStringLiteral("'%1'").arg(role)), qPrintable(result->message));
        QCOMPARE(f.dump(), before); // not one row written, changed or removed
    } else {
        QVERIFY2(!result.has_value(), qPrintable(result ? result->summary() : QString()));
        QVERIFY(f.dump() != before);
        const auto audit = f.audit();
        QVERIFY(audit.size() > auditBefore);
        // every entry the action wrote names the actor and the role (newest first)
        for (qsizetype i = 0; i < audit.size() - auditBefore; ++i) {
            QCOMPARE(audit.at(i).actor, actor.name);
            QCOMPARE(audit.at(i).role, role);
        }
    }
    QCOMPARE(f.store().verifyAudit().value(), 0);
}

void TestRoleMatrix::readsNeedNoPermission()
{
    Test::OpsFixture f;
    f.account(QStringLiteral("vic"), QStringLiteral("viewer"));
    const qint64 id = f.stuck(QStringLiteral("BEDFORD"));
    f.alert(QStringLiteral("BEDFORD"));
    const QString before = f.dump();
    auto& s = f.service();
    QVERIFY(s.overview().has_value());
    QCOMPARE(s.page({}, 0, 10)->size(), 1);
    QCOMPARE(s.detail(id)->message.id, id);
    QCOMPARE(s.exceptionGroups()->size(), 1);
    QVERIFY(s.mappings({}).has_value());
    QCOMPARE(s.alerts(Ops::AlertFilter::Open)->size(), 1);
    QVERIFY(s.approvals(true)->isEmpty());
    QCOMPARE(f.dump(), before);
}

QTEST_GUILESS_MAIN(TestRoleMatrix)
#include "TestRoleMatrix.moc"

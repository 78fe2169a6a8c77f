// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/MessageState.h"

#include <QSet>
#include <QTest>

using namespace Interlock;

/// Every pair of states, legal or not, checked against the table written out here on its own
/// (not derived from the code under test).
class TestStateMachine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyPair_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("legal");
        const QHash<QString, QStringList> legal {
            { QStringLiteral("received"),
                { QStringLiteral("ready"), QStringLiteral("blocked"), QStringLiteral("stuck"),
                    QStringLiteral("cancelled"), QStringLiteral("superseded") } },
            { QStringLiteral("ready"),
                { QStringLiteral("in_flight"), QStringLiteral("blocked"), QStringLiteral("cancelled"),
                    QStringLiteral("superseded"), QStringLiteral("stuck") } },
            { QStringLiteral("in_flight"),
                { QStringLiteral("posted"), QStringLiteral("retrying"), QStringLiteral("stuck"),
                    QStringLiteral("blocked"), QStringLiteral("ready") } },
            { QStringLiteral("retrying"),
                { QStringLiteral("in_flight"), QStringLiteral("ready"), QStringLiteral("stuck"),
                    QStringLiteral("blocked"), QStringLiteral("cancelled"), QStringLiteral("superseded") } },
            { QStringLiteral("blocked"),
                { QStringLiteral("ready"), QStringLiteral("stuck"), QStringLiteral("resolved"),
                    QStringLiteral("cancelled"), QStringLiteral("superseded") } },
            { QStringLiteral("stuck"),
                { QStringLiteral("ready"), QStringLiteral("resolved"), QStringLiteral("cancelled"),
                    QStringLiteral("superseded") } },
            { QStringLiteral("posted"), {} },
            { QStringLiteral("resolved"), {} },
            { QStringLiteral("cancelled"), {} },
            { QStringLiteral("superseded"), {} },
        };
        QCOMPARE(legal.size(), allStates().size());
        for (auto from : allStates())
            for (auto to : allStates()) {
                const QString f = stateName(from), t = stateName(to);
                QVERIFY2(legal.contains(f), qPrintable(f));
                QTest::addRow("%s->%s", qPrintable(f), qPrintable(t)) << f << t << legal.value(f).contains(t);
            }
    }
    void everyPair()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, legal);
        bool ok1 = false, ok2 = false;
        const MessageState f = stateFromName(from, &ok1);
        const MessageState t = stateFromName(to, &ok2);
        QVERIFY(ok1 && ok2);
        QCOMPARE(StateMachine::canTransition(f, t), legal);
    }
    void terminalStatesHaveNoSuccessors()
    {
        for (auto s : allStates())
            QCOMPARE(isTerminal(s), StateMachine::successors(s).isEmpty());
    }
    void namesRoundTrip()
    {
        QSet<QString> names;
        for (auto s : allStates()) {
            bool ok = false;
            QCOMPARE(stateFromName(stateName(s), &ok), s);
            QVERIFY(ok);
            names.insert(stateName(s));
        }
        QCOMPARE(names.size(), allStates().size());
        bool ok = true;
        stateFromName(QStringLiteral("posted; DROP TABLE message"), &ok);
        QVERIFY(!ok);
    }
};

QTEST_GUILESS_MAIN(TestStateMachine)
#include "TestStateMachine.moc"

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/ops/Accounts.h"
#include "app/ops/LocalOperationsService.h"
#include "models/journal/JournalStore.h"
#include "tests/support/TestSupport.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <memory>

namespace Interlock::Test {

/// A journal with two plants (BEDFORD, NASHUA), stuck messages made by hand, accounts and a
/// LocalOperationsService over it: the operations service as the console and a remote API see it.
/// Passwords are hashed with few iterations to keep the suites fast (PasswordHash and Accounts
/// are tested with the real count).
class OpsFixture
{
public:
    static constexpr int FastIterations = 1000;
    inline static const QByteArray GoodsIssue
        = R"({"Material":"SP-0004","Plant":"1710","StorageLocation":"171A",)"
          R"("QuantityInEntryUnit":"2","EntryUnit":"EA","GoodsMovementType":"261"})";

    explicit OpsFixture(Config::SecurityConfig security = {})
    {
        if (!m_store.openSqlite(m_tmp.path()))
            qFatal("cannot open the journal");
        m_config.journalPath = m_tmp.path();
        m_config.security = security;
        for (const char* site : { "BEDFORD", "NASHUA" }) {
            Config::PlantConfig p;
            p.site = QString::fromLatin1(site);
            p.erpUrl = QUrl(QStringLiteral("https://erp.example.com:44300/sap/opu/odata/sap"));
            p.erpUser = QStringLiteral("INTERLOCK");
            p.erpPassword = QStringLiteral("s3cret-password");
            p.sapClient = QStringLiteral("100");
            m_config.plants << p;
        }
        m_service = std::make_unique<Ops::LocalOperationsService>(m_config);
        m_service->setPasswordIterations(FastIterations);
        if (!m_service->open())
            qFatal("cannot open the service");
    }

    Journal::JournalStore& store() { return m_store; }
    Ops::LocalOperationsService& service() { return *m_service; }
    const Config::EngineConfig& config() const { return m_config; }

    /// An account made directly in the journal (as `interlock-engine user add` would).
    Ops::Actor account(const QString& name, const QString& role, const QStringList& plants = {})
    {
        Ops::Accounts::Policy policy;
        policy.iterations = FastIterations;
        Ops::Accounts accounts(m_store, policy);
        const auto added = accounts.add(Ops::Actor { QStringLiteral("setup"), QStringLiteral("admin") }, name, role,
            plants, QStringLiteral("a long test passphrase"));
        if (!added)
            qFatal("account %s: %s", qPrintable(name), qPrintable(added.error().message));
        return Ops::Actor { name, role };
    }

    /// A stuck message of `plant` with a target payload (goods issue unless `flow` says otherwise).
    qint64 stuck(
        const QString& plant, const QByteArray& sourcePayload = "{}", const QString& flow = Flow::PartsConsumption)
    {
        SourceChange c;
        c.flow = flow;
        c.operation = flow == Flow::WorkOrder ? QStringLiteral("upsert") : QStringLiteral("goods_issue");
        c.plant = plant;
        c.sourceSystem = QStringLiteral("maximo");
        c.targetSystem = QStringLiteral("sap");
        c.businessKey = QStringLiteral("%1/%2").arg(plant).arg(1000 + ++m_seq);
        c.idempotencyKey = QStringLiteral("maximo:%1").arg(m_seq);
        c.payload = sourcePayload;
        c.eventAtMs = 1000 + m_seq;
        if (!m_store.ingest({ c }, {}, {}, {}, 1000 + m_seq))
            qFatal("ingest failed");
        const qint64 id = m_store.messagesInState(MessageState::Received, 1000).value().last().id;
        Journal::TransitionRequest t;
        t.messageId = id;
        t.from = MessageState::Received;
        t.to = MessageState::Stuck;
        t.targetPayload = GoodsIssue;
        t.error = Error { ErrorClass::Permanent, QStringLiteral("M7/021"), QStringLiteral("locked order"), 400, {} };
        if (m_store.apply({ t }, 5000).value().size() != 1)
            qFatal("transition failed");
        return id;
    }

    /// An open alert (the default stuck_count rule) for `plant`.
    qint64 alert(const QString& plant)
    {
        Journal::AlertBreach b;
        for (const auto& r : m_store.alertRules().value())
            if (r.metric == Journal::AlertMetric::StuckCount)
                b.ruleId = r.id;
        b.plant = plant;
        b.flow = Flow::PartsConsumption;
        b.metric = Journal::AlertMetric::StuckCount;
        b.observed = 9;
        b.threshold = 5;
        const auto sync = m_store.syncAlerts({ b }, 10'000);
        if (!sync || sync->raised.isEmpty())
            qFatal("alert not raised");
        return m_store.alerts(true, 100).value().first().id;
    }

    Message message(qint64 id) { return m_store.message(id).value(); }
    QList<AuditEntry> audit() { return m_store.audit(0, 1000).value(); }
    qint64 auditCount() { return audit().size(); }

    /// Every row of every table, as text: equal before and after means nothing was written.
    QString dump()
    {
        QString out;
        QSqlQuery tables(m_store.database());
        tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        for (const QString& t : std::as_const(names)) {
            QSqlQuery q(m_store.database());
            q.exec(QStringLiteral("SELECT * FROM \"%1\" ORDER BY rowid").arg(t));
            out += QStringLiteral("[%1]\n").arg(t);
            while (q.next()) {
                for (int i = 0; i < q.record().count(); ++i) {
                    const QVariant v = q.value(i);
                    out += v.typeId() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex())
                                                               : v.toString();
                    out += QLatin1Char('|');
                }
                out += QLatin1Char('\n');
            }
        }
        return out;
    }

private:
    TempJournal m_tmp;
    Journal::JournalStore m_store;
    Config::EngineConfig m_config;
    std::unique_ptr<Ops::LocalOperationsService> m_service;
    int m_seq = 0;
};

} // namespace Interlock::Test

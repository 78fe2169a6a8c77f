// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing secret leaks: the real interlock-engine runs against interlock-sim over loopback with
// unique secrets (a Maximo API key from the environment, SAP passwords from the encrypted secret
// store, a wrong password and a wrong API key that draw 401s, a store secret no one uses), with
// 5xx, validation and auth failures. Then the exports are made (`status --json`, the KPI CSV, a dry
// run's text) and every byte the run left behind — journal (all tables, WAL included), engine and
// simulator logs, this process's Qt messages, the exports — is searched for each secret, its base64
// form and the Basic credentials built from it. None may appear.
#include "app/config/EngineConfig.h"
#include "app/ops/LocalOperationsService.h"
#include "models/journal/JournalStore.h"
#include "ui/exceptions/DryRunDialog.h"
#include "ui/kpis/KpisView.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Interlock;

namespace {
QMutex s_logMutex;
QByteArray s_log; ///< every Qt message of this process
QtMessageHandler s_previous = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& msg)
{
    {
        QMutexLocker lock(&s_logMutex);
        s_log += msg.toUtf8() + '\n';
    }
    if (s_previous)
        s_previous(type, context, msg);
}

QString unique(const char* prefix)
{
    const quint64 r = QRandomGenerator::system()->generate64();
    return QString::fromLatin1(prefix) + QString::number(r, 16).rightJustified(16, QLatin1Char('0'));
}

void sleepMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}
} // namespace

class TestRedactionGrep : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QProcess m_sim;
    QProcess m_engine;
    QNetworkAccessManager m_nam;
    QUrl m_simUrl;
    QString m_config;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    // the run's own secrets
    const QString m_apiKey = unique("ak");
    const QString m_wrongApiKey = unique("akw");
    const QString m_erpPassword = unique("pw");
    const QString m_wrongPassword = unique("pww");
    const QString m_unusedStoreSecret = unique("st");
    const QString m_secretsKey = QString::fromLatin1(
        QByteArray::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, '0').repeated(4));

    QString path(const QString& name) const { return m_dir.filePath(name); }

    void postFaults(const QJsonObject& body)
    {
        QNetworkRequest req(m_simUrl.resolved(QUrl(QStringLiteral("sim/faults"))));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        req.setTransferTimeout(10'000);
        QNetworkReply* reply = m_nam.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }

    /// Runs interlock-engine with `args`, `input` on stdin; stdout and stderr go to files named `log`.
    QByteArray engine(const QStringList& args, const QByteArray& input, const QString& log, int* exitCode = nullptr)
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(QStringLiteral(INTERLOCK_ENGINE_BIN), args);
        p.waitForStarted(10'000);
        p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(60'000);
        const QByteArray out = p.readAllStandardOutput();
        QFile o(path(log + QStringLiteral(".out")));
        if (o.open(QIODevice::WriteOnly))
            o.write(out);
        QFile e(path(log + QStringLiteral(".err")));
        if (e.open(QIODevice::WriteOnly))
            e.write(p.readAllStandardError());
        if (exitCode)
            *exitCode = p.exitCode();
        return out;
    }

    QJsonObject plantConfig(const QJsonObject& info, int index, const QString& apiKeyRef, const QString& passwordRef)
    {
        const QJsonObject p = info.value(QLatin1String("plants")).toArray().at(index).toObject();
        return QJsonObject {
            { QStringLiteral("site"), p.value(QLatin1String("site")) },
            { QStringLiteral("cmms"),
                QJsonObject { { QStringLiteral("type"), QStringLiteral("maximo") },
                    { QStringLiteral("baseUrl"), info.value(QLatin1String("cmms")) },
                    { QStringLiteral("apiKey"), apiKeyRef } } },
            { QStringLiteral("erp"),
                QJsonObject { { QStringLiteral("type"), QStringLiteral("sap") },
                    { QStringLiteral("baseUrl"),
                        QString(info.value(QLatin1String("erp")).toString() + QStringLiteral("/sap/opu/odata/sap")) },
                    { QStringLiteral("user"), QStringLiteral("INTERLOCK") },
                    { QStringLiteral("password"), passwordRef } } },
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        s_previous = qInstallMessageHandler(captureMessage);
        m_env.insert(QStringLiteral("INTERLOCK_SECRETS_FILE"), path(QStringLiteral("secrets.enc")));
        m_env.insert(QStringLiteral("INTERLOCK_SECRETS_KEY"), m_secretsKey);
        m_env.insert(QStringLiteral("RG_MAXIMO_KEY"), m_apiKey);
        m_env.insert(QStringLiteral("RG_MAXIMO_KEY_WRONG"), m_wrongApiKey);
        // the secrets go into the store through the command, on stdin
        for (const auto& [name, value] : { std::pair { QStringLiteral("erp-password"), m_erpPassword },
                 std::pair { QStringLiteral("erp-password-wrong"), m_wrongPassword },
                 std::pair { QStringLiteral("spare-token"), m_unusedStoreSecret } }) {
            int rc = -1;
            engine({ QStringLiteral("secret"), QStringLiteral("set"), name }, value.toUtf8() + '\n',
                QStringLiteral("secret-set-") + name, &rc);
            QCOMPARE(rc, 0);
        }
        int rc = -1;
        const QByteArray names
            = engine({ QStringLiteral("secret"), QStringLiteral("list") }, {}, QStringLiteral("secret-list"), &rc);
        QCOMPARE(rc, 0);
        QVERIFY(names.contains("erp-password-wrong"));

        m_sim.setProgram(QStringLiteral(INTERLOCK_SIM_BIN));
        m_sim.setArguments(
            { QStringLiteral("--plants"), QStringLiteral("3"), QStringLiteral("--events"), QStringLiteral("240"),
                QStringLiteral("--rate"), QStringLiteral("80"), QStringLiteral("--seed"), QStringLiteral("11"),
                QStringLiteral("--apikey"), m_apiKey, QStringLiteral("--erp-password"), m_erpPassword });
        m_sim.setStandardErrorFile(path(QStringLiteral("sim.err")));
        m_sim.start();
        QVERIFY(m_sim.waitForStarted(10'000));
        QVERIFY(m_sim.waitForReadyRead(10'000));
        const QJsonObject info = QJsonDocument::fromJson(m_sim.readLine()).object();
        QVERIFY2(info.contains(QLatin1String("erp")), "simulator did not print its ports");
        m_simUrl = QUrl(info.value(QLatin1String("erp")).toString() + QLatin1Char('/'));
        postFaults(QJsonObject {
            { QStringLiteral("erp"),
                QJsonObject { { QStringLiteral("errorRate"), 0.1 }, { QStringLiteral("validationErrorRate"), 0.1 },
                    { QStringLiteral("unknownMaterialRate"), 0.05 } } },
            { QStringLiteral("cmms"), QJsonObject { { QStringLiteral("unmappedMaterialRate"), 0.05 } } } });

        // plant 1 right; plant 2 a wrong SAP password (401 on every post); plant 3 a wrong API key
        const QJsonObject config {
            { QStringLiteral("version"), 1 },
            { QStringLiteral("journal"), QJsonObject { { QStringLiteral("path"), QStringLiteral("journal.sqlite") } } },
            { QStringLiteral("mappingsCsv"),
                QStringLiteral(INTERLOCK_SOURCE_DIR "/resources/config/demo-mappings.csv") },
            { QStringLiteral("engine"),
                QJsonObject { { QStringLiteral("pollIntervalMs"), 200 }, { QStringLiteral("requestTimeoutMs"), 3000 },
                    { QStringLiteral("retryBaseMs"), 100 }, { QStringLiteral("retryCapMs"), 1000 },
                    { QStringLiteral("maxAttempts"), 3 } } },
            { QStringLiteral("plants"),
                QJsonArray {
                    plantConfig(info, 0, QStringLiteral("env:RG_MAXIMO_KEY"), QStringLiteral("store:erp-password")),
                    plantConfig(
                        info, 1, QStringLiteral("env:RG_MAXIMO_KEY"), QStringLiteral("store:erp-password-wrong")),
                    plantConfig(
                        info, 2, QStringLiteral("env:RG_MAXIMO_KEY_WRONG"), QStringLiteral("store:erp-password")) } },
        };
        m_config = path(QStringLiteral("engine.json"));
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(config).toJson());
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(s_previous);
        if (QTest::currentTestFailed() || qEnvironmentVariableIsSet("INTERLOCK_REDACTION_KEEP")) {
            m_dir.setAutoRemove(false);
            qInfo("journal, config and logs kept in %s", qPrintable(m_dir.path()));
        }
        for (QProcess* p : { &m_engine, &m_sim }) {
            if (p->state() != QProcess::NotRunning) {
                p->terminate();
                if (!p->waitForFinished(10'000))
                    p->kill();
            }
        }
    }

    void noSecretAnywhere()
    {
        m_engine.setProcessEnvironment(m_env);
        m_engine.setProgram(QStringLiteral(INTERLOCK_ENGINE_BIN));
        m_engine.setArguments({ QStringLiteral("run"), QStringLiteral("--config"), m_config });
        m_engine.setStandardOutputFile(path(QStringLiteral("engine.out")));
        m_engine.setStandardErrorFile(path(QStringLiteral("engine.err")));
        m_engine.start();
        QVERIFY(m_engine.waitForStarted(10'000));

        // run until the journal shows every kind of failure, or 40 s
        QElapsedTimer t;
        t.start();
        QJsonObject status;
        while (t.elapsed() < 40'000) {
            sleepMs(1500);
            Journal::JournalStore store;
            QVERIFY(store.openSqlite(path(QStringLiteral("journal.sqlite"))).has_value());
            QSqlQuery q(store.database());
            QVERIFY(q.exec(QStringLiteral("SELECT SUM(error_class = 'Auth'), SUM(error_class = 'Validation'), "
                                          "SUM(state = 'posted') FROM message")));
            QVERIFY(q.next());
            if (q.value(0).toInt() > 0 && q.value(1).toInt() > 0 && q.value(2).toInt() > 10)
                break;
        }
        int rc = -1;
        status = QJsonDocument::fromJson(
            engine({ QStringLiteral("status"), QStringLiteral("--config"), m_config, QStringLiteral("--json") }, {},
                QStringLiteral("status-json"), &rc))
                     .object();
        QVERIFY(!status.isEmpty());
        engine({ QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--config"), m_config }, {},
            QStringLiteral("audit-verify"), &rc);
        QCOMPARE(rc, 0);
        m_engine.terminate();
        QVERIFY(m_engine.waitForFinished(20'000));

        // the exports, through the console's own code
        {
            // the console's way in: the same config file, its secrets resolved (the store among them)
            for (const QString& name :
                { QStringLiteral("INTERLOCK_SECRETS_FILE"), QStringLiteral("INTERLOCK_SECRETS_KEY"),
                    QStringLiteral("RG_MAXIMO_KEY"), QStringLiteral("RG_MAXIMO_KEY_WRONG") })
                qputenv(name.toLatin1().constData(), m_env.value(name).toUtf8());
            auto loaded = Config::EngineConfig::load(m_config);
            QVERIFY2(loaded.has_value(), loaded ? "" : qPrintable(loaded.error().message));
            const Config::EngineConfig cfg = *loaded;
            QCOMPARE(cfg.plants.at(1).erpPassword, m_wrongPassword);
            Ops::LocalOperationsService service(cfg);
            QVERIFY(service.open().has_value());
            Ui::KpisView view(&service);
            view.refresh();
            QString error;
            QVERIFY2(view.exportTableCsv(path(QStringLiteral("kpis.csv")), error), qPrintable(error));
            Journal::JournalStore store;
            QVERIFY(store.openSqlite(cfg.journalPath).has_value());
            QSqlQuery q(store.database());
            QVERIFY(q.exec(QStringLiteral("SELECT id FROM message WHERE state NOT IN ('posted') ORDER BY "
                                          "error_class = 'Auth' DESC LIMIT 5")));
            QFile plans(path(QStringLiteral("dry-runs.txt")));
            QVERIFY(plans.open(QIODevice::WriteOnly));
            int planned = 0;
            const Ops::Actor engineer { QStringLiteral("tester"), QStringLiteral("integration") };
            while (q.next()) {
                auto plan = service.dryRun(engineer, q.value(0).toLongLong(), {});
                if (plan) {
                    plans.write(QByteArray(Ui::DryRunDialog::describe(*plan).toUtf8() + '\n'));
                    ++planned;
                }
            }
            QVERIFY(planned > 0);
        }
        m_sim.terminate();
        QVERIFY(m_sim.waitForFinished(10'000));
        {
            QFile own(path(QStringLiteral("test-messages.log")));
            QVERIFY(own.open(QIODevice::WriteOnly));
            QMutexLocker lock(&s_logMutex);
            own.write(s_log);
        }

        // the evidence that failures happened, so the search below searched something
        Journal::JournalStore store;
        QVERIFY(store.openSqlite(path(QStringLiteral("journal.sqlite"))).has_value());
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), SUM(http_status = 401), SUM(http_status BETWEEN 400 AND 499 "
                                      "AND http_status <> 401), SUM(http_status >= 500) FROM attempt")));
        QVERIFY(q.next());
        qInfo("attempts %d: 401 %d, other 4xx %d, 5xx %d", q.value(0).toInt(), q.value(1).toInt(), q.value(2).toInt(),
            q.value(3).toInt());
        QVERIFY(q.value(1).toInt() > 0);
        QVERIFY(q.value(2).toInt() > 0);
        store.close();

        QList<QPair<QString, QByteArray>> needles;
        for (const QString& s : { m_apiKey, m_wrongApiKey, m_erpPassword, m_wrongPassword, m_unusedStoreSecret }) {
            needles.append({ s, s.toUtf8() });
            needles.append({ s + QStringLiteral(" (base64)"), s.toUtf8().toBase64() });
            needles.append(
                { s + QStringLiteral(" (base64, unpadded)"), s.toUtf8().toBase64(QByteArray::OmitTrailingEquals) });
            needles.append({ s + QStringLiteral(" (Basic)"),
                QByteArray(QByteArrayLiteral("INTERLOCK:") + s.toUtf8()).toBase64() });
        }
        needles.append({ QStringLiteral("secret store key"), m_secretsKey.toUtf8() });
        // the search finds what it looks for: a header as the connector sends it
        const QByteArray control = "Authorization: Basic "
            + QByteArray(QByteArrayLiteral("INTERLOCK:") + m_erpPassword.toUtf8()).toBase64()
            + "\r\napikey: " + m_apiKey.toUtf8();
        int controlHits = 0;
        for (const auto& [what, needle] : needles)
            controlHits += control.contains(needle) ? 1 : 0;
        QCOMPARE(controlHits, 2);
        int files = 0;
        qint64 bytes = 0;
        QStringList leaks;
        QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray data = f.readAll();
            ++files;
            bytes += data.size();
            for (const auto& [what, needle] : needles)
                if (data.contains(needle))
                    leaks << QStringLiteral("%1 in %2").arg(what, QFileInfo(file).fileName());
        }
        qInfo("searched %d files, %lld bytes, for %lld forms of %d secrets", files, bytes,
            static_cast<long long>(needles.size()), 6);
        QVERIFY(QFileInfo::exists(path(QStringLiteral("kpis.csv"))));
        QVERIFY(QFileInfo::exists(path(QStringLiteral("journal.sqlite"))));
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QStringLiteral("; "))));
    }
};

QTEST_MAIN(TestRedactionGrep)
#include "TestRedactionGrep.moc"

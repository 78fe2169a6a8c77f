// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The AES-256-GCM secret store: round trip, wrong key, altered file, loose key-file permissions,
// a fresh nonce per write, the `secret` command and "store:NAME" references in the engine config.
#include "app/config/EngineConfig.h"
#include "app/config/SecretStore.h"
#include "app/ops/SecretCommands.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>

using namespace Interlock;
using Config::SecretStore;

namespace {
const QByteArray kKeyHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}
} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void roundTrip()
    {
        SecretStore s(path(QStringLiteral("rt.enc")), path(QStringLiteral("rt.key")), kKeyHex);
        QVERIFY(s.set(QStringLiteral("erp-password"), QStringLiteral("pässwörd with spaces")).has_value());
        QVERIFY(s.set(QStringLiteral("maximo.apikey"), QStringLiteral("k-123")).has_value());
        SecretStore again(path(QStringLiteral("rt.enc")), path(QStringLiteral("rt.key")), kKeyHex.toUpper());
        QCOMPARE(again.get(QStringLiteral("erp-password")).value(), QStringLiteral("pässwörd with spaces"));
        QCOMPARE(
            again.names().value(), QStringList({ QStringLiteral("erp-password"), QStringLiteral("maximo.apikey") }));
        QVERIFY(again.remove(QStringLiteral("maximo.apikey")).has_value());
        QCOMPARE(again.get(QStringLiteral("maximo.apikey")).error().code, QStringLiteral("SECRET_UNKNOWN"));
        // the same key as base64 opens it too; the file never holds the value in the clear
        SecretStore b64(path(QStringLiteral("rt.enc")), {}, QByteArray::fromHex(kKeyHex).toBase64());
        QCOMPARE(b64.get(QStringLiteral("erp-password")).value(), QStringLiteral("pässwörd with spaces"));
        QVERIFY(!readAll(path(QStringLiteral("rt.enc"))).contains("spaces"));
        QVERIFY(!s.set(QStringLiteral("bad name!"), QStringLiteral("x")).has_value());
    }

    void wrongKeyIsClear()
    {
        SecretStore s(path(QStringLiteral("wk.enc")), {}, kKeyHex);
        QVERIFY(s.set(QStringLiteral("a"), QStringLiteral("secret-a")).has_value());
        QByteArray other = kKeyHex;
        other[0] = '9';
        SecretStore wrong(path(QStringLiteral("wk.enc")), {}, other);
        auto v = wrong.get(QStringLiteral("a"));
        QVERIFY(!v.has_value());
        QCOMPARE(v.error().code, QStringLiteral("SECRETS_WRONG_KEY"));
        QVERIFY(v.error().message.contains(QStringLiteral("key does not open")));
        QVERIFY(!v.error().message.contains(QStringLiteral("secret-a")));
        // and a key that is not 32 bytes is refused before any decryption
        SecretStore shortKey(path(QStringLiteral("wk.enc")), {}, QByteArray("abcd"));
        QCOMPARE(shortKey.get(QStringLiteral("a")).error().code, QStringLiteral("SECRETS_KEY"));
    }

    void tamperedFileFailsTheTag()
    {
        SecretStore s(path(QStringLiteral("tp.enc")), {}, kKeyHex);
        QVERIFY(s.set(QStringLiteral("a"), QStringLiteral("secret-a")).has_value());
        const QByteArray good = readAll(path(QStringLiteral("tp.enc")));
        // flip one bit in the ciphertext, in the tag, and in the nonce
        for (qsizetype at : { qsizetype(5 + 8 + 12 + 2), good.size() - 3, qsizetype(5 + 8 + 1) }) {
            QByteArray bad = good;
            bad[at] = static_cast<char>(bad.at(at) ^ 0x01);
            writeAll(path(QStringLiteral("tp.enc")), bad);
            auto v = s.get(QStringLiteral("a"));
            QVERIFY(!v.has_value());
            QCOMPARE(v.error().code, QStringLiteral("SECRETS_TAMPERED"));
            QVERIFY(v.error().message.contains(QStringLiteral("GCM tag")));
        }
        writeAll(path(QStringLiteral("tp.enc")), good.left(20));
        QCOMPARE(s.get(QStringLiteral("a")).error().code, QStringLiteral("SECRETS_FORMAT"));
    }

    void keyFilePermissions()
    {
        const QString keyFile = path(QStringLiteral("kp.key"));
        SecretStore s(path(QStringLiteral("kp.enc")), keyFile);
        // the first set creates a private key file
        QVERIFY(s.set(QStringLiteral("a"), QStringLiteral("secret-a")).has_value());
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(keyFile).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(readAll(path(QStringLiteral("kp.enc"))).isEmpty(), false);
        QCOMPARE(s.get(QStringLiteral("a")).value(), QStringLiteral("secret-a"));
        for (auto extra : { QFileDevice::ReadGroup, QFileDevice::ReadOther, QFileDevice::WriteOther }) {
            QVERIFY(QFile::setPermissions(keyFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner | extra));
            auto v = s.get(QStringLiteral("a"));
            QVERIFY(!v.has_value());
            QCOMPARE(v.error().code, QStringLiteral("SECRETS_KEY_PERMISSIONS"));
            QVERIFY(v.error().message.contains(QStringLiteral("chmod 600")));
            QVERIFY(!s.set(QStringLiteral("b"), QStringLiteral("x")).has_value());
        }
        // no key at all: a clear error, not an empty secret
        SecretStore none(path(QStringLiteral("kp.enc")), path(QStringLiteral("absent.key")));
        QCOMPARE(none.get(QStringLiteral("a")).error().code, QStringLiteral("SECRETS_KEY"));
    }

    void nonceDiffersEachWrite()
    {
        const QByteArray key = QByteArray::fromHex(kKeyHex);
        QSet<QByteArray> nonces;
        for (int i = 0; i < 20; ++i) {
            auto image = SecretStore::seal(key, QByteArray("same plaintext"));
            QVERIFY(image.has_value());
            nonces.insert(image->mid(5 + 8, 12));
            QCOMPARE(SecretStore::unseal(key, *image).value(), QByteArray("same plaintext"));
        }
        QCOMPARE(nonces.size(), 20);
        // and through the store: rewriting the same map gives a different file
        SecretStore s(path(QStringLiteral("nc.enc")), {}, kKeyHex);
        QVERIFY(s.set(QStringLiteral("a"), QStringLiteral("v")).has_value());
        const QByteArray first = readAll(path(QStringLiteral("nc.enc")));
        QVERIFY(s.set(QStringLiteral("a"), QStringLiteral("v")).has_value());
        const QByteArray second = readAll(path(QStringLiteral("nc.enc")));
        QCOMPARE(first.size(), second.size());
        QVERIFY(first.mid(13, 12) != second.mid(13, 12));
    }

    void commandAndConfigReference()
    {
        qputenv("INTERLOCK_SECRETS_FILE", QFile::encodeName(path(QStringLiteral("cmd.enc"))));
        qputenv("INTERLOCK_SECRETS_KEY", kKeyHex);
        QBuffer in;
        in.setData("s3cr3t-from-stdin\n");
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(Ops::SecretCommands::run({ QStringLiteral("set"), QStringLiteral("erp") }, in), 0);
        QBuffer none;
        QVERIFY(none.open(QIODevice::ReadOnly));
        QCOMPARE(Ops::SecretCommands::run({ QStringLiteral("list") }, none), 0);
        QCOMPARE(Config::EngineConfig::resolveSecret(QStringLiteral("store:erp")).value(),
            QStringLiteral("s3cr3t-from-stdin"));
        auto missing = Config::EngineConfig::resolveSecret(QStringLiteral("store:nope"));
        QVERIFY(!missing.has_value());
        QVERIFY(missing.error().message.contains(QStringLiteral("nope")));
        QCOMPARE(Ops::SecretCommands::run({ QStringLiteral("delete"), QStringLiteral("erp") }, none), 0);
        QCOMPARE(Ops::SecretCommands::run({ QStringLiteral("delete"), QStringLiteral("erp") }, none), 1);
        QCOMPARE(Ops::SecretCommands::run({ QStringLiteral("set") }, none), 3);
        qunsetenv("INTERLOCK_SECRETS_FILE");
        qunsetenv("INTERLOCK_SECRETS_KEY");
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"

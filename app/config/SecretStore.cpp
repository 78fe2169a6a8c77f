// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/config/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Interlock::Config {

namespace {
const QByteArray kMagic("ILSS\x01", 5);
constexpr int kCheckLen = 8;
constexpr int kNonceLen = 12;
constexpr int kTagLen = 16;
constexpr int kKeyLen = 32;

Unexpected secretError(const QString& code, const QString& message)
{
    return fail(ErrorClass::Permanent, code, message);
}

QByteArray keyCheck(const QByteArray& key)
{
    static const char label[] = "interlock-secrets-key-check";
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(label),
        sizeof(label) - 1, out, &len);
    return QByteArray(reinterpret_cast<const char*>(out), kCheckLen);
}

struct CipherCtxFree
{
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

const unsigned char* bytes(const QByteArray& b)
{
    return reinterpret_cast<const unsigned char*>(b.constData());
}

unsigned char* bytes(QByteArray& b)
{
    return reinterpret_cast<unsigned char*>(b.data());
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

/// Only a regular file of this user, closed to group and others, may hold a key.
Status checkPrivate(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return secretError(
            QStringLiteral("SECRETS_KEY"), QStringLiteral("cannot read key file %1: %2").arg(path, errnoText()));
    if (!S_ISREG(st.st_mode) || (st.st_mode & 077) != 0 || st.st_uid != ::geteuid())
        return secretError(QStringLiteral("SECRETS_KEY_PERMISSIONS"),
            QStringLiteral(
                "refusing key file %1: mode %2 lets group or others in, or it is not a file of this user; it "
                "must be owned by this user with mode 0600 (chmod 600 %1)")
                .arg(path, QString::number(st.st_mode & 0777, 8)));
    return {};
}
} // namespace

SecretStore::SecretStore(QString file, QString keyFile, QByteArray keyText)
    : m_file(std::move(file))
    , m_keyFile(std::move(keyFile))
    , m_keyText(std::move(keyText))
{
}

SecretStore SecretStore::fromEnvironment()
{
    QString file = qEnvironmentVariable("INTERLOCK_SECRETS_FILE");
    if (file.isEmpty())
        file = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + QStringLiteral("/interlock/secrets.enc");
    QString keyFile = qEnvironmentVariable("INTERLOCK_SECRETS_KEY_FILE");
    if (keyFile.isEmpty())
        keyFile = file + QStringLiteral(".key");
    return SecretStore(file, keyFile, qgetenv("INTERLOCK_SECRETS_KEY"));
}

bool SecretStore::validName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"));
    return re.match(name).hasMatch();
}

Result<QByteArray> SecretStore::parseKey(const QByteArray& text, const QString& where)
{
    const QByteArray t = text.trimmed();
    static const QRegularExpression hex(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    if (hex.match(QString::fromLatin1(t)).hasMatch())
        return QByteArray::fromHex(t);
    const auto b64 = QByteArray::fromBase64Encoding(t, QByteArray::AbortOnBase64DecodingErrors);
    if (b64 && b64.decoded.size() == kKeyLen)
        return b64.decoded;
    return secretError(QStringLiteral("SECRETS_KEY"),
        QStringLiteral("%1 must hold a 32-byte key as 64 hex digits or base64").arg(where));
}

Result<QByteArray> SecretStore::seal(const QByteArray& key, const QByteArray& plain)
{
    if (key.size() != kKeyLen)
        return secretError(QStringLiteral("SECRETS_KEY"), QStringLiteral("the key must be 32 bytes"));
    QByteArray nonce(kNonceLen, Qt::Uninitialized);
    if (RAND_bytes(bytes(nonce), kNonceLen) != 1)
        return secretError(QStringLiteral("SECRETS_RANDOM"), QStringLiteral("no random bytes for a nonce"));
    const QByteArray aad = kMagic + keyCheck(key);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray ct(plain.size() + kTagLen, Qt::Uninitialized);
    int len = 0;
    int total = 0;
    QByteArray tag(kTagLen, Qt::Uninitialized);
    const bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceLen, nullptr) == 1
        && EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(nonce)) == 1
        && EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) == 1
        && EVP_EncryptUpdate(ctx.get(), bytes(ct), &len, bytes(plain), static_cast<int>(plain.size())) == 1
        && (total = len, EVP_EncryptFinal_ex(ctx.get(), bytes(ct) + total, &len) == 1)
        && (total += len, EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagLen, tag.data()) == 1);
    if (!ok)
        return secretError(QStringLiteral("SECRETS_ENCRYPT"), QStringLiteral("AES-256-GCM encryption failed"));
    ct.resize(total);
    return QByteArray(aad + nonce + ct + tag);
}

Result<QByteArray> SecretStore::unseal(const QByteArray& key, const QByteArray& image)
{
    const int head = static_cast<int>(kMagic.size()) + kCheckLen;
    if (image.size() < head + kNonceLen + kTagLen || !image.startsWith(kMagic))
        return secretError(QStringLiteral("SECRETS_FORMAT"), QStringLiteral("not an Interlock secret store"));
    if (CRYPTO_memcmp(image.constData() + kMagic.size(), keyCheck(key).constData(), kCheckLen) != 0)
        return secretError(QStringLiteral("SECRETS_WRONG_KEY"),
            QStringLiteral("the key does not open this secret store (wrong INTERLOCK_SECRETS_KEY or key file)"));
    const QByteArray aad = image.left(head);
    const QByteArray nonce = image.mid(head, kNonceLen);
    QByteArray tag = image.right(kTagLen);
    const QByteArray ct = image.mid(head + kNonceLen, image.size() - head - kNonceLen - kTagLen);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray plain(ct.size() + kTagLen, Qt::Uninitialized);
    int len = 0;
    int total = 0;
    const bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceLen, nullptr) == 1
        && EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(nonce)) == 1
        && EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) == 1
        && EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, bytes(ct), static_cast<int>(ct.size())) == 1
        && (total = len, EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagLen, tag.data()) == 1)
        && EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + total, &len) == 1;
    if (!ok)
        return secretError(QStringLiteral("SECRETS_TAMPERED"),
            QStringLiteral("the secret store failed its authentication check (GCM tag): the file was altered or is "
                           "damaged"));
    plain.resize(total + len);
    return plain;
}

Result<QByteArray> SecretStore::key(bool createIfMissing) const
{
    if (!m_keyText.isEmpty())
        return parseKey(m_keyText, QStringLiteral("INTERLOCK_SECRETS_KEY"));
    if (!QFileInfo::exists(m_keyFile)) {
        if (!createIfMissing)
            return secretError(QStringLiteral("SECRETS_KEY"),
                QStringLiteral("no key for the secret store: set INTERLOCK_SECRETS_KEY or provide the key file %1")
                    .arg(m_keyFile));
        QDir().mkpath(QFileInfo(m_keyFile).absolutePath());
        QByteArray k(kKeyLen, Qt::Uninitialized);
        if (RAND_bytes(bytes(k), kKeyLen) != 1)
            return secretError(QStringLiteral("SECRETS_RANDOM"), QStringLiteral("no random bytes for a key"));
        const QByteArray text = k.toHex() + '\n';
        const int fd = ::open(QFile::encodeName(m_keyFile).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return secretError(QStringLiteral("SECRETS_KEY"),
                QStringLiteral("cannot create key file %1: %2").arg(m_keyFile, errnoText()));
        const bool written = ::write(fd, text.constData(), static_cast<size_t>(text.size())) == text.size();
        ::close(fd);
        if (!written)
            return secretError(
                QStringLiteral("SECRETS_KEY"), QStringLiteral("cannot write key file %1").arg(m_keyFile));
    }
    if (auto s = checkPrivate(m_keyFile); !s)
        return Unexpected { s.error() };
    QFile f(m_keyFile);
    if (!f.open(QIODevice::ReadOnly))
        return secretError(QStringLiteral("SECRETS_KEY"), QStringLiteral("cannot read key file %1").arg(m_keyFile));
    return parseKey(f.readAll(), QStringLiteral("key file %1").arg(m_keyFile));
}

Result<QJsonObject> SecretStore::load(const QByteArray& key) const
{
    QFile f(m_file);
    if (!f.exists())
        return QJsonObject();
    if (!f.open(QIODevice::ReadOnly))
        return secretError(QStringLiteral("SECRETS_READ"),
            QStringLiteral("cannot read secret store %1: %2").arg(m_file, f.errorString()));
    auto plain = unseal(key, f.readAll());
    if (!plain)
        return secretError(plain.error().code, QStringLiteral("%1: %2").arg(m_file, plain.error().message));
    const QJsonDocument doc = QJsonDocument::fromJson(*plain);
    if (!doc.isObject())
        return secretError(
            QStringLiteral("SECRETS_FORMAT"), QStringLiteral("%1 does not hold a secret map").arg(m_file));
    return doc.object();
}

Status SecretStore::save(const QByteArray& key, const QJsonObject& secrets)
{
    auto image = seal(key, QJsonDocument(secrets).toJson(QJsonDocument::Compact));
    if (!image)
        return Unexpected { image.error() };
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile f(m_file);
    if (!f.open(QIODevice::WriteOnly))
        return secretError(QStringLiteral("SECRETS_WRITE"),
            QStringLiteral("cannot write secret store %1: %2").arg(m_file, f.errorString()));
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(*image);
    if (!f.commit())
        return secretError(QStringLiteral("SECRETS_WRITE"),
            QStringLiteral("cannot write secret store %1: %2").arg(m_file, f.errorString()));
    return {};
}

Result<QString> SecretStore::get(const QString& name) const
{
    auto k = key(false);
    if (!k)
        return Unexpected { k.error() };
    auto secrets = load(*k);
    if (!secrets)
        return Unexpected { secrets.error() };
    if (!secrets->contains(name))
        return fail(ErrorClass::Validation, QStringLiteral("SECRET_UNKNOWN"),
            QStringLiteral("no secret named '%1' in %2").arg(name.left(128), m_file));
    return secrets->value(name).toString();
}

Result<QStringList> SecretStore::names() const
{
    if (!QFileInfo::exists(m_file))
        return QStringList();
    auto k = key(false);
    if (!k)
        return Unexpected { k.error() };
    auto secrets = load(*k);
    if (!secrets)
        return Unexpected { secrets.error() };
    return secrets->keys();
}

Status SecretStore::set(const QString& name, const QString& value)
{
    if (!validName(name))
        return fail(ErrorClass::Validation, QStringLiteral("SECRET_NAME"),
            QStringLiteral("a secret name is 1-128 letters, digits, '_', '.' or '-'"));
    auto k = key(!QFileInfo::exists(m_file));
    if (!k)
        return Unexpected { k.error() };
    auto secrets = load(*k);
    if (!secrets)
        return Unexpected { secrets.error() };
    secrets->insert(name, value);
    return save(*k, *secrets);
}

Status SecretStore::remove(const QString& name)
{
    auto k = key(false);
    if (!k)
        return Unexpected { k.error() };
    auto secrets = load(*k);
    if (!secrets)
        return Unexpected { secrets.error() };
    if (!secrets->contains(name))
        return fail(ErrorClass::Validation, QStringLiteral("SECRET_UNKNOWN"),
            QStringLiteral("no secret named '%1' in %2").arg(name.left(128), m_file));
    secrets->remove(name);
    return save(*k, *secrets);
}

} // namespace Interlock::Config

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/PasswordHash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace Interlock::Ops {

PasswordHash::PasswordHash(QString scheme, int iterations, QByteArray salt, QByteArray key)
    : m_scheme(std::move(scheme))
    , m_iterations(iterations)
    , m_salt(std::move(salt))
    , m_key(std::move(key))
{
}

QByteArray PasswordHash::derive(const QString& password, const QByteArray& salt, int iterations)
{
    QByteArray utf8 = password.toUtf8();
    QByteArray key(KeyBytes, '\0');
    const int ok = PKCS5_PBKDF2_HMAC(utf8.constData(), static_cast<int>(utf8.size()),
        reinterpret_cast<const unsigned char*>(salt.constData()), static_cast<int>(salt.size()), iterations,
        EVP_sha256(), KeyBytes, reinterpret_cast<unsigned char*>(key.data()));
    OPENSSL_cleanse(utf8.data(), static_cast<size_t>(utf8.size()));
    return ok == 1 ? key : QByteArray();
}

Result<PasswordHash> PasswordHash::create(const QString& password, int iterations)
{
    if (iterations < 1)
        return fail(ErrorClass::Permanent, QStringLiteral("HASH_PARAMETERS"),
            QStringLiteral("a password hash needs at least one iteration"));
    QByteArray salt(SaltBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), SaltBytes) != 1)
        return fail(ErrorClass::Permanent, QStringLiteral("RANDOM_FAILED"),
            QStringLiteral("OpenSSL could not produce random bytes for a salt"));
    QByteArray key = derive(password, salt, iterations);
    if (key.isEmpty())
        return fail(ErrorClass::Permanent, QStringLiteral("HASH_FAILED"), QStringLiteral("PBKDF2 failed in OpenSSL"));
    return PasswordHash(QString::fromLatin1(Scheme), iterations, salt, key);
}

bool PasswordHash::matches(const QString& password) const
{
    if (m_scheme != QLatin1String(Scheme) || m_iterations < 1 || m_salt.isEmpty() || m_key.size() != KeyBytes)
        return false;
    return constantTimeEquals(derive(password, m_salt, m_iterations), m_key);
}

bool PasswordHash::constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

} // namespace Interlock::Ops

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Result.h"

#include <QByteArray>
#include <QString>

namespace Interlock::Ops {

/// A salted, slow password hash: PBKDF2-HMAC-SHA256 through OpenSSL (PKCS5_PBKDF2_HMAC), a
/// 16-byte salt from RAND_bytes, a 32-byte key. The iteration count travels with the hash, so
/// it can be raised for new hashes without invalidating the old ones. Comparison is constant
/// time (CRYPTO_memcmp). Values only; thread-safe. One hash costs about 0.1 s of one core at the
/// default count: hash on sign-in and account changes, never in a loop over accounts.
class PasswordHash
{
public:
    static constexpr const char* Scheme = "pbkdf2-sha256";
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    static constexpr int DefaultIterations = 210'000;
    static constexpr int SaltBytes = 16;
    static constexpr int KeyBytes = 32;

    PasswordHash() = default;
    PasswordHash(QString scheme, int iterations, QByteArray salt, QByteArray key);

    /// A new hash of `password` with a fresh random salt (a Permanent error if OpenSSL fails).
    static Result<PasswordHash> create(const QString& password, int iterations = DefaultIterations);
    /// Whether `password` derives this hash (false for an unknown scheme or a broken record).
    bool matches(const QString& password) const;
    /// Equal contents, in time that depends only on the length (CRYPTO_memcmp); false when the
    /// lengths differ.
    static bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

    const QString& scheme() const { return m_scheme; }
    int iterations() const { return m_iterations; }
    const QByteArray& salt() const { return m_salt; }
    const QByteArray& key() const { return m_key; }

private:
    static QByteArray derive(const QString& password, const QByteArray& salt, int iterations);

    QString m_scheme;
    int m_iterations = 0;
    QByteArray m_salt;
    QByteArray m_key;
};

} // namespace Interlock::Ops

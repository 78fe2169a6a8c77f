// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Interlock::Config {

/// Named secrets in one file encrypted with AES-256-GCM (OpenSSL EVP), for hosts without a
/// keyring (headless servers, CI). Config values "store:NAME" resolve through it.
///
/// File: "ILSS" 0x01, an 8-byte key check (HMAC-SHA256(key, label), so a wrong key is told apart
/// from an altered file), a fresh random 12-byte nonce per write, the ciphertext of a JSON object
/// {name: value}, and the 16-byte GCM tag; magic and key check are authenticated data. Written
/// atomically (QSaveFile) with mode 0600.
///
/// Key (32 bytes, as 64 hex digits or base64): the environment variable INTERLOCK_SECRETS_KEY, or
/// else the key file (INTERLOCK_SECRETS_KEY_FILE, default `<store>.key`), which must be a regular
/// file owned by this user with no group or other permissions; anything looser is refused.
/// set() creates that key file (0600) when no key exists yet. Store path: INTERLOCK_SECRETS_FILE,
/// default `$XDG_CONFIG_HOME/interlock/secrets.enc`.
///
/// Not thread-safe per instance; every call reads the file afresh, so instances are cheap.
/// Values never appear in error messages.
class SecretStore
{
public:
    SecretStore(QString file, QString keyFile, QByteArray keyText = {});
    /// The store the environment points at (see the class comment).
    static SecretStore fromEnvironment();

    Result<QString> get(const QString& name) const;
    Result<QStringList> names() const;
    Status set(const QString& name, const QString& value);
    Status remove(const QString& name);

    QString file() const { return m_file; }
    QString keyFile() const { return m_keyFile; }

    /// Parses 64 hex digits or base64 of 32 bytes.
    static Result<QByteArray> parseKey(const QByteArray& text, const QString& where);
    /// Encrypts `plain` under `key` with a fresh nonce (the whole file image).
    static Result<QByteArray> seal(const QByteArray& key, const QByteArray& plain);
    /// Checks the key and the GCM tag and decrypts a file image.
    static Result<QByteArray> unseal(const QByteArray& key, const QByteArray& image);
    static bool validName(const QString& name);

private:
    Result<QByteArray> key(bool createIfMissing) const;
    Result<QJsonObject> load(const QByteArray& key) const;
    Status save(const QByteArray& key, const QJsonObject& secrets);

    QString m_file;
    QString m_keyFile;
    QByteArray m_keyText; ///< from the environment; wins over the key file
};

} // namespace Interlock::Config

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/Accounts.h"

#include "app/ops/Permissions.h"
#include "models/journal/JournalStore.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>

namespace Interlock::Ops {

namespace {
Unexpected signInFailed()
{
    return fail(ErrorClass::Auth, QStringLiteral("SIGN_IN_FAILED"), QStringLiteral("wrong user name or password"));
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

/// Words that make a weak password whatever digits or symbols surround them.
const QStringList kCommonWords { QStringLiteral("password"), QStringLiteral("passwort"), QStringLiteral("qwerty"),
    QStringLiteral("qwertyuiop"), QStringLiteral("asdfghjkl"), QStringLiteral("letmein"), QStringLiteral("welcome"),
    QStringLiteral("admin"), QStringLiteral("administrator"), QStringLiteral("changeme"), QStringLiteral("interlock"),
    QStringLiteral("iloveyou"), QStringLiteral("monkey"), QStringLiteral("dragon"), QStringLiteral("secret"),
    QStringLiteral("abcdefghijkl"), QStringLiteral("maximo"), QStringLiteral("sap") };
} // namespace

QString AccountInfo::plantsText() const
{
    return plants.isEmpty() ? QStringLiteral("all plants") : plants.join(QStringLiteral(", "));
}

Accounts::Accounts(Journal::JournalStore& store)
    : Accounts(store, Policy {})
{
}

Accounts::Accounts(Journal::JournalStore& store, Policy policy, const Clock* clock)
    : m_store(store)
    , m_accounts(store)
    , m_policy(policy)
    , m_clock(clock ? clock : Clock::system())
{
}

AccountInfo Accounts::info(const Journal::Account& a)
{
    AccountInfo i;
    i.name = a.name;
    i.role = a.role;
    i.plants = a.plants;
    i.disabled = a.disabled;
    i.failedSignIns = a.failedSignIns;
    i.lockedUntil = a.lockedUntil;
    i.lastSignInAt = a.lastSignInAt;
    i.createdBy = a.createdBy;
    i.createdAt = a.createdAt;
    i.passwordIterations = a.passwordIterations;
    return i;
}

QString Accounts::describe(const Journal::Account& a)
{
    QString text
        = QStringLiteral("%1 · role %2 · %3 · %4")
              .arg(a.name, a.role, a.plants.isEmpty() ? QStringLiteral("all plants") : a.plants.join(QLatin1Char(',')),
                  a.disabled ? QStringLiteral("disabled") : QStringLiteral("enabled"));
    if (a.lockedUntil > 0)
        text += QStringLiteral(" · locked until %1").arg(timeText(a.lockedUntil));
    else if (a.failedSignIns > 0)
        text += QStringLiteral(" · %1 failed sign-ins").arg(a.failedSignIns);
    return text;
}

Result<bool> Accounts::any()
{
    auto n = m_accounts.accountCount();
    if (!n)
        return Unexpected { n.error() };
    return *n > 0;
}

Result<QList<AccountInfo>> Accounts::list()
{
    auto rows = m_accounts.accounts();
    if (!rows)
        return Unexpected { rows.error() };
    QList<AccountInfo> out;
    for (const auto& a : std::as_const(*rows))
        out << info(a);
    return out;
}

Result<AccountInfo> Accounts::find(const QString& name)
{
    auto a = load(name);
    if (!a)
        return Unexpected { a.error() };
    return info(*a);
}

Result<Journal::Account> Accounts::load(const QString& name)
{
    return m_accounts.account(name.trimmed());
}

AuditEntry Accounts::audit(const Actor& by, const QString& action, const QString& note) const
{
    AuditEntry e;
    e.at = m_clock->nowMs();
    e.actor = by.name;
    e.role = by.role;
    e.action = action;
    e.note = note.trimmed();
    return e;
}

Status Accounts::checkName(const QString& name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"));
    if (!valid.match(name).hasMatch())
        return fail(ErrorClass::Validation, QStringLiteral("BAD_NAME"),
            QStringLiteral("a user name has 1-64 letters, digits, '.', '_', '-' or '@' and starts with a letter or "
                           "digit"));
    return {};
}

Status Accounts::checkPassword(const QString& password, const QString& name)
{
    const auto weak = [](const QString& why) {
        return fail(
            ErrorClass::Validation, QStringLiteral("WEAK_PASSWORD"), QStringLiteral("password refused: ") + why);
    };
    if (password.isEmpty())
        return weak(QStringLiteral("it is empty"));
    if (password.size() < 12)
        return weak(QStringLiteral("it has %1 characters; at least 12 are needed (a few words make a good one)")
                        .arg(password.size()));
    if (password.size() > 1024)
        return weak(QStringLiteral("it has more than 1024 characters"));
    for (const QChar c : password)
        if (c.category() == QChar::Other_Control)
            return weak(QStringLiteral("it holds a control character"));
    const QString lower = password.toLower();
    if (name.size() >= 3 && lower.contains(name.toLower()))
        return weak(QStringLiteral("it contains the user name"));
    if (QSet<QChar>(password.cbegin(), password.cend()).size() < 5)
        return weak(QStringLiteral("it repeats too few different characters"));
    QString letters;
    for (const QChar c : lower)
        if (c.isLetter())
            letters += c;
    if (letters.isEmpty())
        return weak(QStringLiteral("it has no letters"));
    if (kCommonWords.contains(letters))
        return weak(QStringLiteral("it is a common password with digits or symbols around it"));
    return {};
}

Result<QStringList> Accounts::normalizePlants(const QStringList& plants)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Z0-9_-]{1,32}$"));
    QStringList out;
    for (const QString& p : plants) {
        const QString site = p.trimmed().toUpper();
        if (site.isEmpty())
            continue;
        if (!valid.match(site).hasMatch())
            return fail(ErrorClass::Validation, QStringLiteral("BAD_PLANT"),
                QStringLiteral("'%1' is not a site id (1-32 of A-Z, 0-9, '_', '-')").arg(site.left(40)));
        if (!out.contains(site))
            out << site;
    }
    return out;
}

Status Accounts::add(const Actor& by, const QString& rawName, const QString& role, const QStringList& plants,
    const QString& password, const QString& note)
{
    const QString name = rawName.trimmed();
    if (auto s = checkName(name); !s)
        return s;
    if (!Permissions::roleFromName(role))
        return fail(ErrorClass::Validation, QStringLiteral("BAD_ROLE"),
            QStringLiteral("'%1' is not a role (%2)")
                .arg(role.left(40), Permissions::roleNames().join(QStringLiteral(", "))));
    const auto sites = normalizePlants(plants);
    if (!sites)
        return Unexpected { sites.error() };
    if (auto s = checkPassword(password, name); !s)
        return s;
    const auto hash = PasswordHash::create(password, m_policy.iterations);
    if (!hash)
        return Unexpected { hash.error() };
    const qint64 now = m_clock->nowMs();
    Journal::Account a;
    a.name = name;
    a.role = role;
    a.plants = *sites;
    a.passwordScheme = hash->scheme();
    a.passwordIterations = hash->iterations();
    a.passwordSalt = hash->salt();
    a.passwordHash = hash->key();
    a.createdBy = by.name;
    a.createdAt = now;
    a.updatedAt = now;
    AuditEntry e = audit(by, QStringLiteral("user.add"), note);
    e.after = describe(a);
    auto id = m_accounts.insertAccount(a, e);
    if (!id)
        return Unexpected { id.error() };
    return {};
}

Status Accounts::change(const Actor& by, const QString& name, const QString& action, const QString& note,
    const std::function<Status(Journal::Account&)>& edit)
{
    auto a = load(name);
    if (!a)
        return Unexpected { a.error() };
    AuditEntry e = audit(by, action, note);
    e.before = describe(*a);
    if (auto s = edit(*a); !s)
        return s;
    a->updatedAt = m_clock->nowMs();
    e.after = describe(*a);
    if (action == QLatin1String("user.passwd"))
        e.after += QStringLiteral(" · new password (%1 iterations)").arg(a->passwordIterations);
    return m_accounts.updateAccount(*a, e);
}

Status Accounts::setPassword(const Actor& by, const QString& name, const QString& password, const QString& note)
{
    return change(by, name, QStringLiteral("user.passwd"), note, [&](Journal::Account& a) -> Status {
        if (auto s = checkPassword(password, a.name); !s)
            return s;
        const auto hash = PasswordHash::create(password, m_policy.iterations);
        if (!hash)
            return Unexpected { hash.error() };
        a.passwordScheme = hash->scheme();
        a.passwordIterations = hash->iterations();
        a.passwordSalt = hash->salt();
        a.passwordHash = hash->key();
        // a new password starts with a clean slate
        a.failedSignIns = 0;
        a.lockedUntil = 0;
        return {};
    });
}

Status Accounts::setRole(const Actor& by, const QString& name, const QString& role, const QString& note)
{
    return change(by, name, QStringLiteral("user.role"), note, [&](Journal::Account& a) -> Status {
        if (!Permissions::roleFromName(role))
            return fail(ErrorClass::Validation, QStringLiteral("BAD_ROLE"),
                QStringLiteral("'%1' is not a role (%2)")
                    .arg(role.left(40), Permissions::roleNames().join(QStringLiteral(", "))));
        a.role = role;
        return {};
    });
}

Status Accounts::setPlants(const Actor& by, const QString& name, const QStringList& plants, const QString& note)
{
    return change(by, name, QStringLiteral("user.plants"), note, [&](Journal::Account& a) -> Status {
        const auto sites = normalizePlants(plants);
        if (!sites)
            return Unexpected { sites.error() };
        a.plants = *sites;
        return {};
    });
}

Status Accounts::setDisabled(const Actor& by, const QString& name, bool disabled, const QString& note)
{
    return change(by, name, disabled ? QStringLiteral("user.disable") : QStringLiteral("user.enable"), note,
        [&](Journal::Account& a) -> Status {
            a.disabled = disabled;
            return {};
        });
}

Status Accounts::unlock(const Actor& by, const QString& name, const QString& note)
{
    return change(by, name, QStringLiteral("user.unlock"), note, [&](Journal::Account& a) -> Status {
        a.failedSignIns = 0;
        a.lockedUntil = 0;
        return {};
    });
}

Result<AccountInfo> Accounts::signIn(const QString& rawName, const QString& password)
{
    const QString name = rawName.trimmed();
    const qint64 now = m_clock->nowMs();
    auto found = checkName(name) ? load(name) : Result<Journal::Account>(signInFailed());
    if (!found) {
        if (found.error().code != QLatin1String("NO_ACCOUNT") && found.error().code != QLatin1String("SIGN_IN_FAILED"))
            return Unexpected { found.error() };
        // as slow as a real check, so the answer's timing does not tell which names exist
        static const QByteArray dummySalt(PasswordHash::SaltBytes, '\x5a');
        (void)PasswordHash(QString::fromLatin1(PasswordHash::Scheme), m_policy.iterations, dummySalt,
            QByteArray(PasswordHash::KeyBytes, '\0'))
            .matches(password);
        return signInFailed();
    }
    Journal::Account a = *found;
    if (a.lockedUntil > now)
        return fail(ErrorClass::Auth, QStringLiteral("LOCKED_OUT"),
            QStringLiteral("account '%1' is locked after %2 failed sign-ins until %3; an admin can unlock it sooner")
                .arg(a.name)
                .arg(a.failedSignIns)
                .arg(timeText(a.lockedUntil)));
    if (a.lockedUntil > 0) {
        // the lock-out is over: the count starts again
        a.lockedUntil = 0;
        a.failedSignIns = 0;
    }
    const PasswordHash stored(a.passwordScheme, a.passwordIterations, a.passwordSalt, a.passwordHash);
    if (!stored.matches(password)) {
        a.failedSignIns += 1;
        a.lastFailedAt = now;
        a.updatedAt = now;
        std::optional<AuditEntry> lock;
        if (a.failedSignIns >= m_policy.maxFailures) {
            a.lockedUntil = now + m_policy.lockoutMs;
            lock = audit(Actor { a.name, a.role }, QStringLiteral("user.lock"), {});
            lock->before = QStringLiteral("%1 consecutive failed sign-ins").arg(a.failedSignIns);
            lock->after = QStringLiteral("locked until %1").arg(timeText(a.lockedUntil));
        }
        if (auto s = m_accounts.updateAccount(a, lock); !s)
            return Unexpected { s.error() };
        if (lock)
            return fail(ErrorClass::Auth, QStringLiteral("LOCKED_OUT"),
                QStringLiteral("wrong user name or password; after %1 failed sign-ins account '%2' is locked until %3")
                    .arg(a.failedSignIns)
                    .arg(a.name, timeText(a.lockedUntil)));
        return signInFailed();
    }
    if (a.disabled)
        return fail(ErrorClass::Auth, QStringLiteral("ACCOUNT_DISABLED"),
            QStringLiteral("account '%1' is disabled; ask an admin to enable it").arg(a.name));
    AuditEntry e = audit(Actor { a.name, a.role }, QStringLiteral("user.sign_in"), {});
    if (a.failedSignIns > 0)
        e.before = QStringLiteral("%1 failed sign-ins before").arg(a.failedSignIns);
    a.failedSignIns = 0;
    a.lastSignInAt = now;
    a.updatedAt = now;
    if (a.passwordIterations < m_policy.iterations) {
        // the policy was raised since this hash was made: re-hash now that the password is known
        if (const auto hash = PasswordHash::create(password, m_policy.iterations)) {
            e.after = QStringLiteral("password re-hashed: %1 -> %2 iterations")
                          .arg(a.passwordIterations)
                          .arg(hash->iterations());
            a.passwordIterations = hash->iterations();
            a.passwordSalt = hash->salt();
            a.passwordHash = hash->key();
        }
    }
    if (auto s = m_accounts.updateAccount(a, e); !s)
        return Unexpected { s.error() };
    return info(a);
}

} // namespace Interlock::Ops

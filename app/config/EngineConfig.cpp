// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/config/EngineConfig.h"

#include "app/config/SecretStore.h"
#include "models/domain/Message.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace Interlock::Config {

namespace {
Unexpected configError(const QString& path, const QString& text)
{
    return fail(ErrorClass::Validation, QStringLiteral("CONFIG"), QStringLiteral("%1: %2").arg(path, text));
}

/// Reads an optional integer field, refusing wrong types and values outside [lo, hi].
template <typename T>
std::optional<Unexpected> readInt(
    const QJsonObject& o, const char* key, const QString& path, T& out, qint64 lo, qint64 hi)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInteger()))
        return configError(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be an integer"));
    const qint64 n = v.toInteger();
    if (n < lo || n > hi)
        return configError(
            path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be between %1 and %2").arg(lo).arg(hi));
    out = static_cast<T>(n);
    return std::nullopt;
}

bool isLoopbackOrNamed(const QUrl& u)
{
    return u.isValid() && !u.host().isEmpty();
}
} // namespace

Result<QString> EngineConfig::resolveSecret(const QString& ref)
{
    if (ref.startsWith(QLatin1String("env:"))) {
        const QByteArray name = ref.mid(4).toLatin1();
        if (!qEnvironmentVariableIsSet(name.constData()))
            return fail(ErrorClass::Validation, QStringLiteral("SECRET"),
                QStringLiteral("environment variable %1 is not set").arg(QString::fromLatin1(name)));
        return qEnvironmentVariable(name.constData());
    }
    if (ref.startsWith(QLatin1String("file:"))) {
        // A regular file, and one bounded line of it: "file:/dev/zero" or a FIFO would otherwise
        // hang the engine or fill its memory while it reads its configuration.
        QFile f(ref.mid(5));
        if (!QFileInfo(f).isFile())
            return fail(ErrorClass::Validation, QStringLiteral("SECRET"),
                QStringLiteral("secret file %1 is not a regular file").arg(ref.mid(5)));
        if (!f.open(QIODevice::ReadOnly))
            return fail(ErrorClass::Validation, QStringLiteral("SECRET"),
                QStringLiteral("secret file %1 cannot be read").arg(ref.mid(5)));
        return QString::fromUtf8(f.readLine(4096)).trimmed();
    }
    if (ref.startsWith(QLatin1String("store:"))) {
        auto value = SecretStore::fromEnvironment().get(ref.mid(6));
        if (!value)
            return fail(ErrorClass::Validation, QStringLiteral("SECRET"), value.error().message);
        return value;
    }
    if (ref.startsWith(QLatin1String("plain:")))
        return ref.mid(6);
    return fail(ErrorClass::Validation, QStringLiteral("SECRET"),
        QStringLiteral("a secret must be a reference (env:NAME, file:/path or store:NAME), never a plain value"));
}

Result<EngineConfig> EngineConfig::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorClass::Validation, QStringLiteral("CONFIG"),
            QStringLiteral("cannot read config %1: %2").arg(path, f.errorString()));
    if (f.size() > 4 * 1024 * 1024)
        return fail(
            ErrorClass::Validation, QStringLiteral("CONFIG"), QStringLiteral("config %1 is over 4 MiB").arg(path));
    return fromJson(f.readAll(), QFileInfo(path).absolutePath());
}

Result<EngineConfig> EngineConfig::fromJson(const QByteArray& json, const QString& baseDir)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return configError(QStringLiteral("$"),
            QStringLiteral("not valid JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject())
        return configError(QStringLiteral("$"), QStringLiteral("must be a JSON object"));
    const QJsonObject root = doc.object();
    EngineConfig c;
    if (root.value(QLatin1String("version")).toInt(-1) != 1)
        return configError(QStringLiteral("$.version"), QStringLiteral("must be 1 (this engine reads version 1)"));
    auto resolvePath = [&baseDir](const QString& p) {
        return p.isEmpty() || QDir::isAbsolutePath(p) ? p : QDir(baseDir).absoluteFilePath(p);
    };
    const QJsonObject journal = root.value(QLatin1String("journal")).toObject();
    if (journal.value(QLatin1String("backend")).toString(QStringLiteral("sqlite")) != QLatin1String("sqlite"))
        return configError(QStringLiteral("$.journal.backend"), QStringLiteral("only \"sqlite\" is supported yet"));
    c.journalPath = resolvePath(journal.value(QLatin1String("path")).toString());
    if (c.journalPath.isEmpty())
        return configError(QStringLiteral("$.journal.path"), QStringLiteral("is required"));
    c.mappingsCsv = resolvePath(root.value(QLatin1String("mappingsCsv")).toString());

    const QJsonObject e = root.value(QLatin1String("engine")).toObject();
    const QString ep = QStringLiteral("$.engine");
    for (auto err : { readInt(e, "pollIntervalMs", ep, c.pollIntervalMs, 50, 3'600'000),
             readInt(e, "dispatchIntervalMs", ep, c.dispatchIntervalMs, 1, 60'000),
             readInt(e, "flushIntervalMs", ep, c.flushIntervalMs, 1, 10'000),
             readInt(e, "batchSize", ep, c.batchSize, 1, 10'000),
             readInt(e, "maxInFlightPerPlant", ep, c.maxInFlightPerPlant, 1, 1'000),
             readInt(e, "leaseMs", ep, c.leaseMs, 1'000, 3'600'000),
             readInt(e, "requestTimeoutMs", ep, c.requestTimeoutMs, 100, 600'000),
             readInt(e, "maxResponseBytes", ep, c.maxResponseBytes, 64 * 1024, 1024LL * 1024 * 1024),
             readInt(e, "retryBaseMs", ep, c.retryBaseMs, 1, 3'600'000),
             readInt(e, "retryCapMs", ep, c.retryCapMs, 1, 86'400'000),
             readInt(e, "maxAttempts", ep, c.maxAttempts, 1, 1'000),
             readInt(e, "breakerThreshold", ep, c.breakerThreshold, 1, 1'000),
             readInt(e, "breakerOpenMs", ep, c.breakerOpenMs, 10, 3'600'000),
             readInt(e, "breakerMaxOpenMs", ep, c.breakerMaxOpenMs, 10, 3'600'000),
             readInt(e, "lagWindowMs", ep, c.lagWindowMs, 1'000, 30LL * 86'400'000) }) {
        if (err)
            return *err;
    }
    if (c.leaseMs <= c.requestTimeoutMs)
        return configError(QStringLiteral("$.engine.leaseMs"),
            QStringLiteral("must exceed requestTimeoutMs, or a slow request would be taken over while it runs"));
    const QJsonObject slo = root.value(QLatin1String("slo")).toObject();
    const QString sp = QStringLiteral("$.slo");
    for (auto err : { readInt(slo, "lagP95WarnMs", sp, c.slo.lagP95WarnMs, 0, 86'400'000),
             readInt(slo, "lagP95CritMs", sp, c.slo.lagP95CritMs, 0, 86'400'000),
             readInt(slo, "backlogAgeWarnMs", sp, c.slo.backlogAgeWarnMs, 0, 86'400'000),
             readInt(slo, "backlogAgeCritMs", sp, c.slo.backlogAgeCritMs, 0, 86'400'000),
             readInt(slo, "stuckWarn", sp, c.slo.stuckWarn, 0, 1'000'000'000),
             readInt(slo, "stuckCrit", sp, c.slo.stuckCrit, 0, 1'000'000'000) }) {
        if (err)
            return *err;
    }
    const QJsonValue overrides = slo.value(QLatin1String("overrides"));
    if (!overrides.isUndefined() && !overrides.isArray())
        return configError(sp + QStringLiteral(".overrides"), QStringLiteral("must be an array"));
    const QJsonArray overrideList = overrides.toArray();
    for (qsizetype i = 0; i < overrideList.size(); ++i) {
        const QString op = QStringLiteral("%1.overrides[%2]").arg(sp).arg(i);
        if (!overrideList.at(i).isObject())
            return configError(op, QStringLiteral("must be an object with plant and/or flow and thresholds"));
        const QJsonObject o = overrideList.at(i).toObject();
        SloOverride so;
        so.plant = o.value(QLatin1String("plant")).toString();
        so.flow = o.value(QLatin1String("flow")).toString();
        if (so.plant.isEmpty() && so.flow.isEmpty())
            return configError(op, QStringLiteral("needs a plant, a flow or both (the defaults are $.slo itself)"));
        if (!so.flow.isEmpty() && so.flow != Flow::WorkOrder && so.flow != Flow::PartsConsumption)
            return configError(op + QStringLiteral(".flow"),
                QStringLiteral("unknown flow '%1' (work_order, parts_consumption)").arg(so.flow.left(64)));
        so.slo = c.slo;
        for (auto err : { readInt(o, "lagP95WarnMs", op, so.slo.lagP95WarnMs, 0, 86'400'000),
                 readInt(o, "lagP95CritMs", op, so.slo.lagP95CritMs, 0, 86'400'000),
                 readInt(o, "backlogAgeWarnMs", op, so.slo.backlogAgeWarnMs, 0, 86'400'000),
                 readInt(o, "backlogAgeCritMs", op, so.slo.backlogAgeCritMs, 0, 86'400'000),
                 readInt(o, "stuckWarn", op, so.slo.stuckWarn, 0, 1'000'000'000),
                 readInt(o, "stuckCrit", op, so.slo.stuckCrit, 0, 1'000'000'000) }) {
            if (err)
                return *err;
        }
        for (const SloOverride& seen : std::as_const(c.sloOverrides))
            if (seen.plant == so.plant && seen.flow == so.flow)
                return configError(op, QStringLiteral("a second override for the same plant and flow"));
        c.sloOverrides << so;
    }

    const QJsonObject security = root.value(QLatin1String("security")).toObject();
    const QString secp = QStringLiteral("$.security");
    const QJsonObject fourEyes = security.value(QLatin1String("fourEyes")).toObject();
    const QString fep = QStringLiteral("$.security.fourEyes");
    for (auto err : { readInt(security, "lockoutFailures", secp, c.security.lockoutFailures, 1, 100),
             readInt(security, "lockoutMinutes", secp, c.security.lockoutMinutes, 1, 7 * 24 * 60),
             readInt(fourEyes, "bulkAbove", fep, c.security.fourEyesBulkAbove, 0, 1'000'000'000),
             readInt(fourEyes, "costAbove", fep, c.security.fourEyesCostAbove, 0, 1'000'000'000'000LL) }) {
        if (err)
            return *err;
    }

    const QJsonValue plantsValue = root.value(QLatin1String("plants"));
    if (!plantsValue.isArray() || plantsValue.toArray().isEmpty())
        return configError(QStringLiteral("$.plants"), QStringLiteral("must be a non-empty array"));
    QSet<QString> sites;
    const QJsonArray plants = plantsValue.toArray();
    for (qsizetype i = 0; i < plants.size(); ++i) {
        const QString pp = QStringLiteral("$.plants[%1]").arg(i);
        const QJsonObject p = plants.at(i).toObject();
        PlantConfig pc;
        pc.site = p.value(QLatin1String("site")).toString();
        if (pc.site.isEmpty() || pc.site.size() > 32)
            return configError(pp + QStringLiteral(".site"), QStringLiteral("must be a site id of 1-32 characters"));
        if (sites.contains(pc.site))
            return configError(pp + QStringLiteral(".site"), QStringLiteral("duplicate site %1").arg(pc.site));
        sites.insert(pc.site);
        const QJsonObject cmms = p.value(QLatin1String("cmms")).toObject();
        if (cmms.value(QLatin1String("type")).toString() != QLatin1String("maximo"))
            return configError(pp + QStringLiteral(".cmms.type"), QStringLiteral("must be \"maximo\""));
        pc.cmmsUrl = QUrl(cmms.value(QLatin1String("baseUrl")).toString());
        if (!isLoopbackOrNamed(pc.cmmsUrl))
            return configError(pp + QStringLiteral(".cmms.baseUrl"), QStringLiteral("must be an http(s) URL"));
        auto key = resolveSecret(cmms.value(QLatin1String("apiKey")).toString());
        if (!key)
            return configError(pp + QStringLiteral(".cmms.apiKey"), key.error().message);
        pc.cmmsApiKey = *key;
        if (auto err = readInt(cmms, "pageSize", pp + QStringLiteral(".cmms"), pc.cmmsPageSize, 1, 10'000))
            return *err;
        const QJsonObject erp = p.value(QLatin1String("erp")).toObject();
        if (erp.value(QLatin1String("type")).toString() != QLatin1String("sap"))
            return configError(pp + QStringLiteral(".erp.type"), QStringLiteral("must be \"sap\""));
        pc.erpUrl = QUrl(erp.value(QLatin1String("baseUrl")).toString());
        if (!isLoopbackOrNamed(pc.erpUrl))
            return configError(pp + QStringLiteral(".erp.baseUrl"), QStringLiteral("must be an http(s) URL"));
        pc.erpUser = erp.value(QLatin1String("user")).toString();
        auto pw = resolveSecret(erp.value(QLatin1String("password")).toString());
        if (!pw)
            return configError(pp + QStringLiteral(".erp.password"), pw.error().message);
        pc.erpPassword = *pw;
        pc.sapClient = erp.value(QLatin1String("sapClient")).toString();
        c.plants << pc;
    }
    for (qsizetype i = 0; i < c.sloOverrides.size(); ++i) {
        const QString plant = c.sloOverrides.at(i).plant;
        if (!plant.isEmpty() && !sites.contains(plant))
            return configError(QStringLiteral("$.slo.overrides[%1].plant").arg(i),
                QStringLiteral("'%1' is not one of the configured plants").arg(plant.left(64)));
    }
    return c;
}

Slo EngineConfig::sloFor(const QString& plant, const QString& flow) const
{
    const SloOverride* best = nullptr;
    int bestRank = 0;
    for (const SloOverride& o : sloOverrides) {
        if ((!o.plant.isEmpty() && o.plant != plant) || (!o.flow.isEmpty() && o.flow != flow))
            continue;
        // plant and flow (3) beats plant (2) beats flow (1)
        const int rank = (o.plant.isEmpty() ? 0 : 2) + (o.flow.isEmpty() ? 0 : 1);
        if (rank > bestRank) {
            best = &o;
            bestRank = rank;
        }
    }
    return best ? best->slo : slo;
}

} // namespace Interlock::Config

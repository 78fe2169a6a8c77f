// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Result.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace Interlock::Config {

/// SLO thresholds that turn a plant × flow cell amber (warn) or red (critical).
struct Slo
{
    qint64 lagP95WarnMs = 60'000;
    qint64 lagP95CritMs = 300'000;
    qint64 backlogAgeWarnMs = 300'000;
    qint64 backlogAgeCritMs = 1'800'000;
    qint64 stuckWarn = 1; ///< this many stuck messages make a cell degraded
    qint64 stuckCrit = 100;
};

/// SLO thresholds for one plant, one flow, or one plant × flow cell. Empty plant or flow means
/// any. The most specific override wins: plant and flow, then plant, then flow, then `slo`.
struct SloOverride
{
    QString plant;
    QString flow;
    Slo slo; ///< the defaults with this override's fields applied
};

/// Sign-in lock-out and four-eyes thresholds ("$.security"). A threshold of 0 is off.
struct SecurityConfig
{
    int lockoutFailures = 5; ///< consecutive failed sign-ins that lock an account
    int lockoutMinutes = 15; ///< how long it stays locked
    /// Four eyes: a replay, resolve or cancel of more than this many messages in one request
    /// needs a second person's approval.
    int fourEyesBulkAbove = 0;
    /// Four eyes: resolving or cancelling parts postings (goods issues) whose cost (Maximo
    /// linecost, else |quantity| × unitcost, as the KPIs count it) is above this needs a second
    /// person's approval. In the plants' currency.
    qint64 fourEyesCostAbove = 0;
};

struct PlantConfig
{
    QString site; ///< CMMS site id; the journal's plant key
    QUrl cmmsUrl; ///< Maximo base URL (scheme, host, port)
    QString cmmsApiKey; ///< resolved secret
    int cmmsPageSize = 200;
    QUrl erpUrl; ///< SAP OData root, .../sap/opu/odata/sap
    QString erpUser;
    QString erpPassword; ///< resolved secret
    QString sapClient;
};

/// The engine's validated configuration file (JSON, "version": 1). Secrets are never written
/// in the file itself: a secret value is a reference "env:NAME", "file:/path" (the file's
/// first line) or "store:NAME" (SecretStore::fromEnvironment()), resolved at load time. "plain:VALUE" is accepted only
/// for loopback demos and tests.
struct EngineConfig
{
    int version = 1;
    QString journalPath;
    QString mappingsCsv; ///< seed mappings imported when the mapping table is empty
    int pollIntervalMs = 1000;
    int dispatchIntervalMs = 20;
    int flushIntervalMs = 10;
    int batchSize = 200; ///< most state changes per commit
    int maxInFlightPerPlant = 24;
    qint64 leaseMs = 30'000;
    int requestTimeoutMs = 10'000;
    /// Largest Maximo page or SAP answer accepted (bytes); a larger one fails RESPONSE_TOO_LARGE.
    qint64 maxResponseBytes = 16 * 1024 * 1024;
    qint64 retryBaseMs = 500;
    qint64 retryCapMs = 30'000;
    int maxAttempts = 12;
    int breakerThreshold = 5;
    qint64 breakerOpenMs = 2'000;
    qint64 breakerMaxOpenMs = 30'000;
    qint64 lagWindowMs = 3'600'000;
    Slo slo;
    QList<SloOverride> sloOverrides; ///< "$.slo.overrides"
    SecurityConfig security; ///< "$.security"
    QList<PlantConfig> plants;

    /// The SLO that judges the cell of `plant` × `flow` (`plant` empty: the all-plants row).
    Slo sloFor(const QString& plant, const QString& flow) const;

    /// Loads and validates; every problem is reported with its JSON path.
    static Result<EngineConfig> load(const QString& path);
    static Result<EngineConfig> fromJson(const QByteArray& json, const QString& baseDir);
    static Result<QString> resolveSecret(const QString& reference);
};

} // namespace Interlock::Config

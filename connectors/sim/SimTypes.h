// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <vector>

namespace Interlock::Sim {

/// One simulated plant: the CMMS site and its SAP plant.
struct SimPlant
{
    QString site; ///< e.g. BEDFORD
    QString plant; ///< e.g. 1710
};

/// A Maximo matusetrans row (material issue). Times are seconds since the epoch (UTC).
struct SimMatUse
{
    qint64 id = 0;
    QString itemnum;
    double quantity = 0;
    QString storeloc;
    qint64 transdate = 0;
    qint64 rowstamp = 0;
    bool unmapped = false; ///< item outside the mapping pools (fault)
    double unitcost = 0; ///< the item's average cost at issue; linecost = quantity × unitcost
};

/// A Maximo work order (mxapiwodetail). Times are seconds since the epoch (UTC).
struct SimWorkOrder
{
    QString wonum;
    QString site;
    QString description;
    QString status;
    QString worktype;
    QString assetnum;
    QString location;
    QString glaccount;
    int priority = 2;
    qint64 reportdate = 0;
    qint64 changedate = 0;
    qint64 rowstamp = 0;
    std::vector<SimMatUse> matuse;
};

/// An SAP maintenance order. Times are milliseconds since the epoch (UTC).
struct SimErpOrder
{
    QString order;
    QString type;
    QString description;
    QString plant;
    QString equipment;
    QString costCenter;
    QString priority;
    QString status;
    QString externalRef;
    qint64 createdMs = 0;
    qint64 changedMs = 0;
    int version = 1;
    bool locked = false;
};

/// One item of an SAP material document.
struct SimMaterialDocItem
{
    QString material;
    QString plant;
    QString storageLocation;
    QString movementType;
    QString order;
    QString quantity; ///< decimal string as received
    QString unit;
    QString itemText;
};

/// An SAP material document (goods movement). Times are milliseconds since the epoch (UTC).
struct SimMaterialDoc
{
    QString year;
    QString document;
    QString headerText;
    QString movementCode;
    qint64 createdMs = 0;
    std::vector<SimMaterialDocItem> items;
};

/// ERP-side fault settings (docs/simulator.md, POST /sim/faults "erp").
struct SimErpFaults
{
    double errorRate = 0;
    int latencyMs = 0;
    int latencyJitterMs = 0;
    double dropAfterProcessRate = 0;
    qint64 outageUntilMs = 0;
    double lockedOrderRate = 0;
    double validationErrorRate = 0;
    double unknownMaterialRate = 0;
    int csrfTokenTtlSec = 1800;
    int dropHoldSec = 60; ///< a dropped request's connection is aborted after this long
};

/// CMMS-side fault settings (docs/simulator.md, POST /sim/faults "cmms").
struct SimCmmsFaults
{
    double errorRate = 0;
    int latencyMs = 0;
    int latencyJitterMs = 0;
    qint64 outageUntilMs = 0;
    double unmappedMaterialRate = 0;
};

} // namespace Interlock::Sim

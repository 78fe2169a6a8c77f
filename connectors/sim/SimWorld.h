// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/sim/SimTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>
#include <map>
#include <random>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace Interlock::Sim {

/// The state of both simulated products: CMMS work orders with their material issues, ERP
/// orders and material documents (the ledger), CSRF sessions, request counters, the fault
/// settings and the decisions drawn from them, and the background event generator.
/// Single-threaded: lives in the Simulator's thread. Generation draws from its own seeded
/// random stream, so the generated data depend only on the seed and the fault settings, never
/// on the request traffic. Lookups are hash or ordered-map based (O(1)/O(log n)).
class SimWorld : public QObject
{
    Q_OBJECT
public:
    /// Sort key of the CMMS change index: changedate (s), wonum, site.
    using ChangeKey = std::tuple<qint64, QString, QString>;

    SimWorld(int plants, quint32 seed, QObject* parent = nullptr);

    const std::vector<SimPlant>& plants() const { return m_plants; }
    bool isKnownSite(const QString& site) const;

    // ---- CMMS ----
    QString createWorkOrder(const QString& site, const QString& status, const QString& assetnum,
        const QString& glaccount, const QString& description = {});
    bool changeStatus(const QString& site, const QString& wonum, const QString& status);
    /// The simulated catalog price of an item (stable per item number).
    static double catalogUnitCost(const QString& itemnum);
    /// Returns the matusetransid, or 0 when the work order does not exist.
    qint64 addMaterialIssue(const QString& site, const QString& wonum, const QString& itemnum, double quantity,
        const QString& storeloc, bool unmapped = false);
    const SimWorkOrder* workOrder(const QString& site, const QString& wonum) const;
    const std::map<ChangeKey, int>& changeIndex() const { return m_changeIndex; }
    const SimWorkOrder& workOrderAt(int index) const { return m_workOrders[static_cast<size_t>(index)]; }

    // ---- ERP master data ----
    bool isKnownPlant(const QString& plant) const { return m_erpPlants.contains(plant); }
    bool isKnownEquipment(const QString& equipment) const { return m_erpEquipment.contains(equipment); }
    bool isKnownCostCenter(const QString& costCenter) const { return m_erpCostCenters.contains(costCenter); }
    bool isKnownMaterial(const QString& material) const { return m_erpMaterials.contains(material); }
    bool isKnownStorageLocation(const QString& plant, const QString& sloc) const;
    static QString storageLocationFor(const QString& plant, int store); ///< store 0 = CENTRAL, 1 = STORE2

    // ---- ERP documents ----
    SimErpOrder& addOrder(SimErpOrder order); ///< assigns the number and times
    SimErpOrder* order(const QString& number);
    QList<const SimErpOrder*> ordersByExternalRef(const QString& ref) const;
    QList<const SimErpOrder*> allOrders(int top) const;
    qint64 orderCount() const { return static_cast<qint64>(m_orderList.size()); }
    void touchOrder(SimErpOrder& order);
    const SimMaterialDoc& addMaterialDoc(SimMaterialDoc doc); ///< assigns number, year, time
    const SimMaterialDoc* materialDoc(const QString& year, const QString& number) const;
    QList<const SimMaterialDoc*> materialDocsByHeaderText(const QString& text) const;
    QList<const SimMaterialDoc*> allMaterialDocs(int top) const;
    qint64 materialDocCount() const { return static_cast<qint64>(m_docs.size()); }
    void setOrderLocked(const QString& order, bool locked);

    // ---- CSRF sessions ----
    /// Returns (sessionId, token); reuses the session given when it is still known.
    std::pair<QString, QString> fetchCsrf(const QString& existingSession);
    bool validCsrf(const QString& session, const QString& token) const;
    void expireCsrfTokens();

    // ---- faults and counters ----
    void setFaults(const QJsonObject& faults);
    QJsonObject faults() const;
    void setDemoFaults();
    const SimErpFaults& erpFaults() const { return m_erpFaults; }
    const SimCmmsFaults& cmmsFaults() const { return m_cmmsFaults; }
    bool roll(double probability); ///< fault decision (traffic random stream)
    int erpLatencyMs();
    int cmmsLatencyMs();
    bool erpOutage() const;
    bool cmmsOutage() const;
    void countRequest() { ++m_requestsTotal; }
    void countInjectedFailure() { ++m_requestsFailedInjected; }
    void countDropped() { ++m_requestsDropped; }

    // ---- generation and evidence ----
    void generate(qint64 events, double rate);
    qint64 generatedEvents() const { return m_generated; }
    bool generationDone() const;
    QJsonObject expected() const;
    QJsonObject ledger() const;

    static QString formatMaximoDate(qint64 secs);
    static qint64 nowMs();

Q_SIGNALS:
    void generationFinished();

private:
    struct CsrfSession
    {
        QString token;
        qint64 issuedMs = 0;
        quint64 epoch = 0;
    };

    int workOrderIndex(const QString& site, const QString& wonum) const;
    void touchWorkOrder(SimWorkOrder& wo, int index, bool header);
    void onGenerateTick();
    void generateOne();
    QString randomHex(int bytes);

    std::vector<SimPlant> m_plants;
    QHash<QString, int> m_siteIndex;
    std::mt19937 m_genRng;
    std::mt19937 m_faultRng;

    // CMMS
    std::vector<SimWorkOrder> m_workOrders;
    QHash<QString, int> m_woByKey; // "SITE/WONUM"
    std::map<ChangeKey, int> m_changeIndex;
    std::vector<int> m_nextWonum; // per site
    std::vector<std::vector<int>> m_openBySite; // indices of not CLOSE/CAN work orders
    std::vector<std::pair<int, int>> m_issueLog; // (work order index, matuse index) in creation order
    qint64 m_rowstamp = 100000;
    qint64 m_nextMatUseId = 1;

    // ERP
    QHash<QString, bool> m_erpPlants;
    QHash<QString, bool> m_erpEquipment;
    QHash<QString, bool> m_erpCostCenters;
    QHash<QString, bool> m_erpMaterials;
    std::unordered_map<std::string, SimErpOrder> m_orders;
    std::vector<QString> m_orderList;
    QHash<QString, QList<QString>> m_ordersByRef;
    qint64 m_nextOrder = 4000001;
    std::vector<SimMaterialDoc> m_docs;
    QHash<QString, int> m_docByKey; // "YEAR/NUMBER"
    QHash<QString, QList<int>> m_docsByHeaderText;
    qint64 m_nextDoc = 4900000001LL;
    QHash<QString, CsrfSession> m_csrf;
    quint64 m_csrfEpoch = 0;

    // faults, counters
    SimErpFaults m_erpFaults;
    SimCmmsFaults m_cmmsFaults;
    bool m_demo = false;
    QTimer m_demoOutageTimer;
    qint64 m_requestsTotal = 0;
    qint64 m_requestsFailedInjected = 0;
    qint64 m_requestsDropped = 0;

    // generation
    QTimer m_genTimer;
    QElapsedTimer m_genClock;
    qint64 m_genTarget = 0; // absolute event count to reach; -1 = forever
    qint64 m_genBase = 0; // m_generated when the current run started
    double m_genRate = 0;
    qint64 m_generated = 0;
};

} // namespace Interlock::Sim

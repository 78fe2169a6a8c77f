// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sim/SimWorld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace Interlock::Sim {

namespace {

QString siteName(int i)
{
    static const char* const names[]
        = { "BEDFORD", "NASHUA", "TEXAS", "LAREDO", "DENVER", "BOSTON", "AUSTIN", "RENO", "OMAHA", "TULSA" };
    if (i < 10)
        return QString::fromLatin1(names[i]);
    return QStringLiteral("SITE%1").arg(i + 1);
}

QString wonumKey(const QString& site, const QString& wonum)
{
    return site + QLatin1Char('/') + wonum;
}

const char* const descriptions[] = { "Replace seal", "Inspect bearing", "Lubricate gearbox", "Repair leak",
    "Calibrate sensor", "Replace filter", "Align coupling", "Tighten flange", "Replace V-belt", "Check vibration" };

QString nextStatus(const QString& status)
{
    if (status == QLatin1String("WAPPR"))
        return QStringLiteral("APPR");
    if (status == QLatin1String("APPR"))
        return QStringLiteral("INPRG");
    if (status == QLatin1String("INPRG"))
        return QStringLiteral("COMP");
    if (status == QLatin1String("COMP"))
        return QStringLiteral("CLOSE");
    return {};
}

bool isFinalStatus(const QString& status)
{
    return status == QLatin1String("CLOSE") || status == QLatin1String("CAN");
}

QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

SimWorld::SimWorld(int plants, quint32 seed, QObject* parent)
    : QObject(parent)
    , m_genRng(seed)
    , m_faultRng(seed ^ 0x9e3779b9U)
{
    plants = std::clamp(plants, 1, 50);
    for (int i = 0; i < plants; ++i) {
        SimPlant p { siteName(i), QString::number(1710 + 10 * i) };
        m_siteIndex.insert(p.site, i);
        m_erpPlants.insert(p.plant, true);
        for (int c = 100; c <= 105; ++c)
            m_erpCostCenters.insert(p.plant + QLatin1Char('-') + QString::number(c), true);
        m_plants.push_back(p);
    }
    m_nextWonum.assign(m_plants.size(), 1001);
    m_openBySite.resize(m_plants.size());
    for (int e = 1; e <= 40; ++e)
        m_erpEquipment.insert(QString::number(10000000 + e), true);
    for (int m = 1; m <= 60; ++m)
        m_erpMaterials.insert(QStringLiteral("SP-%1").arg(m, 4, 10, QLatin1Char('0')), true);

    m_genTimer.setInterval(20);
    connect(&m_genTimer, &QTimer::timeout, this, &SimWorld::onGenerateTick);
    m_demoOutageTimer.setInterval(180 * 1000);
    connect(&m_demoOutageTimer, &QTimer::timeout, this, [this] { m_erpFaults.outageUntilMs = nowMs() + 20 * 1000; });
}

bool SimWorld::isKnownSite(const QString& site) const
{
    return m_siteIndex.contains(site);
}

qint64 SimWorld::nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString SimWorld::formatMaximoDate(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
        + QStringLiteral("+00:00");
}

// ---------------------------------------------------------------- CMMS

int SimWorld::workOrderIndex(const QString& site, const QString& wonum) const
{
    return m_woByKey.value(wonumKey(site, wonum), -1);
}

const SimWorkOrder* SimWorld::workOrder(const QString& site, const QString& wonum) const
{
    const int i = workOrderIndex(site, wonum);
    return i < 0 ? nullptr : &m_workOrders[static_cast<size_t>(i)];
}

void SimWorld::touchWorkOrder(SimWorkOrder& wo, int index, bool header)
{
    const qint64 now = nowMs() / 1000;
    if (wo.changedate != 0)
        m_changeIndex.erase(ChangeKey { wo.changedate, wo.wonum, wo.site });
    wo.changedate = now;
    m_changeIndex.emplace(ChangeKey { wo.changedate, wo.wonum, wo.site }, index);
    if (header)
        wo.rowstamp = ++m_rowstamp;
}

QString SimWorld::createWorkOrder(const QString& site, const QString& status, const QString& assetnum,
    const QString& glaccount, const QString& description)
{
    const int s = m_siteIndex.value(site, -1);
    if (s < 0)
        return {};
    SimWorkOrder wo;
    wo.site = site;
    wo.wonum = QString::number(m_nextWonum[static_cast<size_t>(s)]++);
    wo.status = status.isEmpty() ? QStringLiteral("WAPPR") : status;
    wo.assetnum = assetnum.isEmpty() ? QStringLiteral("A1001") : assetnum;
    wo.glaccount = glaccount.isEmpty() ? QStringLiteral("6000-100") : glaccount;
    wo.description = description.isEmpty() ? QStringLiteral("Work on ") + wo.assetnum : description;
    wo.worktype = QStringLiteral("CM");
    wo.location = QStringLiteral("BR") + QString::number(100 + (wo.assetnum.right(2).toInt() % 4) * 100);
    wo.reportdate = nowMs() / 1000;
    const int index = static_cast<int>(m_workOrders.size());
    m_workOrders.push_back(wo);
    m_woByKey.insert(wonumKey(site, wo.wonum), index);
    touchWorkOrder(m_workOrders.back(), index, true);
    if (!isFinalStatus(wo.status))
        m_openBySite[static_cast<size_t>(s)].push_back(index);
    return wo.wonum;
}

bool SimWorld::changeStatus(const QString& site, const QString& wonum, const QString& status)
{
    const int index = workOrderIndex(site, wonum);
    if (index < 0)
        return false;
    SimWorkOrder& wo = m_workOrders[static_cast<size_t>(index)];
    if (wo.status == status)
        return true;
    const bool wasOpen = !isFinalStatus(wo.status);
    wo.status = status;
    touchWorkOrder(wo, index, true);
    if (wasOpen && isFinalStatus(status)) {
        auto& open = m_openBySite[static_cast<size_t>(m_siteIndex.value(site))];
        const auto it = std::find(open.begin(), open.end(), index); // rare, short list in practice
        if (it != open.end()) {
            *it = open.back();
            open.pop_back();
        }
    }
    return true;
}

double SimWorld::catalogUnitCost(const QString& itemnum)
{
    // a stable price per item, 4.50 to 904.50, so reruns and the ledger agree on the cost
    const quint32 h = qHash(itemnum, 0x1e7c05d1U);
    return 4.5 + static_cast<double>(h % 9001U) / 10.0;
}

qint64 SimWorld::addMaterialIssue(const QString& site, const QString& wonum, const QString& itemnum, double quantity,
    const QString& storeloc, bool unmapped)
{
    const int index = workOrderIndex(site, wonum);
    if (index < 0)
        return 0;
    SimWorkOrder& wo = m_workOrders[static_cast<size_t>(index)];
    SimMatUse mu;
    mu.id = m_nextMatUseId++;
    mu.itemnum = itemnum;
    mu.quantity = quantity;
    mu.storeloc = storeloc;
    mu.unitcost = catalogUnitCost(itemnum);
    mu.transdate = nowMs() / 1000;
    mu.rowstamp = ++m_rowstamp;
    mu.unmapped = unmapped;
    wo.matuse.push_back(mu);
    m_issueLog.emplace_back(index, static_cast<int>(wo.matuse.size()) - 1);
    touchWorkOrder(wo, index, false);
    return mu.id;
}

// ---------------------------------------------------------------- ERP master data

QString SimWorld::storageLocationFor(const QString& plant, int store)
{
    return plant.left(3) + (store == 0 ? QLatin1Char('A') : QLatin1Char('B'));
}

bool SimWorld::isKnownStorageLocation(const QString& plant, const QString& sloc) const
{
    return isKnownPlant(plant) && (sloc == storageLocationFor(plant, 0) || sloc == storageLocationFor(plant, 1));
}

// ---------------------------------------------------------------- ERP documents

SimErpOrder& SimWorld::addOrder(SimErpOrder order)
{
    order.order = QString::number(m_nextOrder++);
    order.createdMs = order.changedMs = nowMs();
    order.version = 1;
    m_orderList.push_back(order.order);
    m_ordersByRef[order.externalRef].append(order.order);
    auto [it, inserted] = m_orders.emplace(order.order.toStdString(), std::move(order));
    Q_UNUSED(inserted)
    return it->second;
}

SimErpOrder* SimWorld::order(const QString& number)
{
    const auto it = m_orders.find(number.toStdString());
    return it == m_orders.end() ? nullptr : &it->second;
}

QList<const SimErpOrder*> SimWorld::ordersByExternalRef(const QString& ref) const
{
    QList<const SimErpOrder*> out;
    const auto numbers = m_ordersByRef.value(ref);
    for (const QString& n : numbers)
        out.append(&m_orders.at(n.toStdString()));
    return out;
}

QList<const SimErpOrder*> SimWorld::allOrders(int top) const
{
    QList<const SimErpOrder*> out;
    for (const QString& n : m_orderList) {
        if (top >= 0 && out.size() >= top)
            break;
        out.append(&m_orders.at(n.toStdString()));
    }
    return out;
}

void SimWorld::touchOrder(SimErpOrder& order)
{
    order.changedMs = nowMs();
    ++order.version;
}

void SimWorld::setOrderLocked(const QString& number, bool locked)
{
    if (SimErpOrder* o = order(number))
        o->locked = locked;
}

const SimMaterialDoc& SimWorld::addMaterialDoc(SimMaterialDoc doc)
{
    doc.createdMs = nowMs();
    doc.year = QString::number(QDateTime::fromMSecsSinceEpoch(doc.createdMs, Qt::UTC).date().year());
    doc.document = QString::number(m_nextDoc++);
    const int index = static_cast<int>(m_docs.size());
    m_docByKey.insert(doc.year + QLatin1Char('/') + doc.document, index);
    m_docsByHeaderText[doc.headerText].append(index);
    m_docs.push_back(std::move(doc));
    return m_docs.back();
}

const SimMaterialDoc* SimWorld::materialDoc(const QString& year, const QString& number) const
{
    const int i = m_docByKey.value(year + QLatin1Char('/') + number, -1);
    return i < 0 ? nullptr : &m_docs[static_cast<size_t>(i)];
}

QList<const SimMaterialDoc*> SimWorld::materialDocsByHeaderText(const QString& text) const
{
    QList<const SimMaterialDoc*> out;
    const auto indices = m_docsByHeaderText.value(text);
    for (int i : indices)
        out.append(&m_docs[static_cast<size_t>(i)]);
    return out;
}

QList<const SimMaterialDoc*> SimWorld::allMaterialDocs(int top) const
{
    QList<const SimMaterialDoc*> out;
    for (const SimMaterialDoc& d : m_docs) {
        if (top >= 0 && out.size() >= top)
            break;
        out.append(&d);
    }
    return out;
}

// ---------------------------------------------------------------- CSRF

QString SimWorld::randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i)
        raw[i] = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(raw.toHex());
}

std::pair<QString, QString> SimWorld::fetchCsrf(const QString& existingSession)
{
    const qint64 now = nowMs();
    auto it = m_csrf.find(existingSession);
    if (it != m_csrf.end() && validCsrf(existingSession, it->token))
        return { existingSession, it->token };
    const QString sid = existingSession.isEmpty() || it == m_csrf.end() ? randomHex(16) : existingSession;
    m_csrf.insert(sid, CsrfSession { randomHex(12), now, m_csrfEpoch });
    return { sid, m_csrf.value(sid).token };
}

bool SimWorld::validCsrf(const QString& session, const QString& token) const
{
    const auto it = m_csrf.constFind(session);
    if (it == m_csrf.constEnd() || token.isEmpty() || it->token != token || it->epoch != m_csrfEpoch)
        return false;
    return nowMs() - it->issuedMs < qint64(m_erpFaults.csrfTokenTtlSec) * 1000;
}

void SimWorld::expireCsrfTokens()
{
    ++m_csrfEpoch;
}

// ---------------------------------------------------------------- faults

void SimWorld::setFaults(const QJsonObject& faults)
{
    const QString preset = faults.value(QLatin1String("preset")).toString();
    if (preset == QLatin1String("demo")) {
        setDemoFaults();
    } else if (preset == QLatin1String("none")) {
        m_erpFaults = SimErpFaults {};
        m_cmmsFaults = SimCmmsFaults {};
        m_demo = false;
        m_demoOutageTimer.stop();
    }
    const auto outage = [](const QJsonObject& o, qint64& until) {
        if (o.contains(QLatin1String("outageForSec"))) {
            const double sec = o.value(QLatin1String("outageForSec")).toDouble();
            until = sec > 0 ? nowMs() + static_cast<qint64>(sec * 1000) : 0;
        }
    };
    const auto rate = [](const QJsonObject& o, const char* key, double& v) {
        const QString k = QString::fromLatin1(key);
        if (o.contains(k))
            v = std::clamp(o.value(k).toDouble(), 0.0, 1.0);
    };
    const auto ms = [](const QJsonObject& o, const char* key, int& v) {
        const QString k = QString::fromLatin1(key);
        if (o.contains(k))
            v = std::max(0, o.value(k).toInt());
    };
    if (faults.contains(QLatin1String("erp"))) {
        const QJsonObject e = faults.value(QLatin1String("erp")).toObject();
        rate(e, "errorRate", m_erpFaults.errorRate);
        ms(e, "latencyMs", m_erpFaults.latencyMs);
        ms(e, "latencyJitterMs", m_erpFaults.latencyJitterMs);
        rate(e, "dropAfterProcessRate", m_erpFaults.dropAfterProcessRate);
        outage(e, m_erpFaults.outageUntilMs);
        rate(e, "lockedOrderRate", m_erpFaults.lockedOrderRate);
        rate(e, "validationErrorRate", m_erpFaults.validationErrorRate);
        rate(e, "unknownMaterialRate", m_erpFaults.unknownMaterialRate);
        ms(e, "csrfTokenTtlSec", m_erpFaults.csrfTokenTtlSec);
        ms(e, "dropHoldSec", m_erpFaults.dropHoldSec);
    }
    if (faults.contains(QLatin1String("cmms"))) {
        const QJsonObject c = faults.value(QLatin1String("cmms")).toObject();
        rate(c, "errorRate", m_cmmsFaults.errorRate);
        ms(c, "latencyMs", m_cmmsFaults.latencyMs);
        ms(c, "latencyJitterMs", m_cmmsFaults.latencyJitterMs);
        outage(c, m_cmmsFaults.outageUntilMs);
        rate(c, "unmappedMaterialRate", m_cmmsFaults.unmappedMaterialRate);
    }
}

void SimWorld::setDemoFaults()
{
    m_demo = true;
    m_erpFaults.errorRate = 0.03;
    m_erpFaults.latencyMs = 30;
    m_erpFaults.latencyJitterMs = 90;
    m_erpFaults.dropAfterProcessRate = 0.01;
    m_erpFaults.lockedOrderRate = 0.01;
    m_erpFaults.validationErrorRate = 0.01;
    m_erpFaults.unknownMaterialRate = 0.01;
    m_cmmsFaults.errorRate = 0.03;
    m_cmmsFaults.latencyMs = 30;
    m_cmmsFaults.latencyJitterMs = 90;
    m_cmmsFaults.unmappedMaterialRate = 0.02;
    m_demoOutageTimer.start();
}

QJsonObject SimWorld::faults() const
{
    const qint64 now = nowMs();
    const auto remaining
        = [now](qint64 until) { return until > now ? static_cast<double>((until - now + 999) / 1000) : 0.0; };
    const SimErpFaults& e = m_erpFaults;
    const SimCmmsFaults& c = m_cmmsFaults;
    return QJsonObject {
        { QStringLiteral("demo"), m_demo },
        { QStringLiteral("erp"),
            QJsonObject { { QStringLiteral("errorRate"), e.errorRate }, { QStringLiteral("latencyMs"), e.latencyMs },
                { QStringLiteral("latencyJitterMs"), e.latencyJitterMs },
                { QStringLiteral("dropAfterProcessRate"), e.dropAfterProcessRate },
                { QStringLiteral("outageForSec"), remaining(e.outageUntilMs) },
                { QStringLiteral("lockedOrderRate"), e.lockedOrderRate },
                { QStringLiteral("validationErrorRate"), e.validationErrorRate },
                { QStringLiteral("unknownMaterialRate"), e.unknownMaterialRate },
                { QStringLiteral("csrfTokenTtlSec"), e.csrfTokenTtlSec },
                { QStringLiteral("dropHoldSec"), e.dropHoldSec } } },
        { QStringLiteral("cmms"),
            QJsonObject { { QStringLiteral("errorRate"), c.errorRate }, { QStringLiteral("latencyMs"), c.latencyMs },
                { QStringLiteral("latencyJitterMs"), c.latencyJitterMs },
                { QStringLiteral("outageForSec"), remaining(c.outageUntilMs) },
                { QStringLiteral("unmappedMaterialRate"), c.unmappedMaterialRate } } },
    };
}

bool SimWorld::roll(double probability)
{
    if (probability <= 0)
        return false;
    return static_cast<double>(m_faultRng()) / 4294967296.0 < probability;
}

int SimWorld::erpLatencyMs()
{
    const SimErpFaults& f = m_erpFaults;
    return f.latencyMs + (f.latencyJitterMs > 0 ? static_cast<int>(m_faultRng() % (f.latencyJitterMs + 1U)) : 0);
}

int SimWorld::cmmsLatencyMs()
{
    const SimCmmsFaults& f = m_cmmsFaults;
    return f.latencyMs + (f.latencyJitterMs > 0 ? static_cast<int>(m_faultRng() % (f.latencyJitterMs + 1U)) : 0);
}

bool SimWorld::erpOutage() const
{
    return m_erpFaults.outageUntilMs > nowMs();
}

bool SimWorld::cmmsOutage() const
{
    return m_cmmsFaults.outageUntilMs > nowMs();
}

// ---------------------------------------------------------------- generation

void SimWorld::generate(qint64 events, double rate)
{
    m_genBase = m_generated;
    m_genTarget = events > 0 ? m_generated + events : -1;
    m_genRate = rate > 0 ? rate : 20;
    m_genClock.start();
    if (!m_genTimer.isActive())
        m_genTimer.start();
}

bool SimWorld::generationDone() const
{
    return m_genTarget >= 0 && m_generated >= m_genTarget;
}

void SimWorld::onGenerateTick()
{
    const auto due = m_genBase + static_cast<qint64>(static_cast<double>(m_genClock.elapsed()) * m_genRate / 1000.0);
    qint64 limit = std::min(due, m_generated + 20000); // bound the work per tick
    if (m_genTarget >= 0)
        limit = std::min(limit, m_genTarget);
    while (m_generated < limit) {
        generateOne();
        ++m_generated;
    }
    if (m_genTarget >= 0 && m_generated >= m_genTarget) {
        m_genTimer.stop();
        Q_EMIT generationFinished();
    }
}

void SimWorld::generateOne()
{
    const auto pick = [this](quint32 n) { return static_cast<int>(m_genRng() % n); };
    const int p = pick(static_cast<quint32>(m_plants.size()));
    const QString& site = m_plants[static_cast<size_t>(p)].site;
    auto& open = m_openBySite[static_cast<size_t>(p)];
    const int r = pick(100);
    if (open.size() < 3 || r < 30) {
        const QString asset = QStringLiteral("A%1").arg(1001 + pick(40));
        const QString gl = QStringLiteral("6000-%1").arg(100 + pick(6));
        const QString desc = QString::fromLatin1(descriptions[pick(10)]) + QStringLiteral(" on ") + asset;
        createWorkOrder(site, QStringLiteral("WAPPR"), asset, gl, desc);
        m_workOrders.back().priority = 1 + pick(4);
        m_workOrders.back().worktype = pick(3) == 0 ? QStringLiteral("PM") : QStringLiteral("CM");
        return;
    }
    const int index = open[static_cast<size_t>(pick(static_cast<quint32>(open.size())))];
    const SimWorkOrder& wo = m_workOrders[static_cast<size_t>(index)];
    if (wo.status == QLatin1String("WAPPR") || r < 60) {
        QString next = nextStatus(wo.status);
        if (wo.status == QLatin1String("WAPPR") && pick(20) == 0)
            next = QStringLiteral("CAN");
        const QString wonum = wo.wonum;
        changeStatus(site, wonum, next);
        return;
    }
    const double unmappedRate = m_cmmsFaults.unmappedMaterialRate;
    const bool unmapped = unmappedRate > 0 && static_cast<double>(m_genRng()) / 4294967296.0 < unmappedRate;
    const QString item = unmapped ? QStringLiteral("9-9%1").arg(1 + pick(999), 3, 10, QLatin1Char('0'))
                                  : QStringLiteral("0-%1").arg(1 + pick(60), 4, 10, QLatin1Char('0'));
    const double qty = 1 + pick(5);
    const QString store = pick(10) < 7 ? QStringLiteral("CENTRAL") : QStringLiteral("STORE2");
    const QString wonum = wo.wonum;
    addMaterialIssue(site, wonum, item, qty, store, unmapped);
}

// ---------------------------------------------------------------- evidence

QJsonObject SimWorld::expected() const
{
    QJsonArray wos;
    for (const SimWorkOrder& wo : m_workOrders)
        wos.append(QJsonObject { { QStringLiteral("site"), wo.site }, { QStringLiteral("wonum"), wo.wonum },
            { QStringLiteral("status"), wo.status } });
    QJsonArray issues;
    for (const auto& [woIndex, muIndex] : m_issueLog) {
        const SimWorkOrder& wo = m_workOrders[static_cast<size_t>(woIndex)];
        const SimMatUse& mu = wo.matuse[static_cast<size_t>(muIndex)];
        QJsonObject o { { QStringLiteral("site"), wo.site }, { QStringLiteral("wonum"), wo.wonum },
            { QStringLiteral("matusetransid"), mu.id }, { QStringLiteral("itemnum"), mu.itemnum },
            { QStringLiteral("quantity"), mu.quantity } };
        if (mu.unmapped)
            o.insert(QStringLiteral("unmapped"), true);
        issues.append(o);
    }
    return QJsonObject { { QStringLiteral("workOrders"), wos }, { QStringLiteral("materialIssues"), issues },
        { QStringLiteral("events"), m_generated },
        { QStringLiteral("done"), m_genTarget < 0 ? !m_genTimer.isActive() : generationDone() } };
}

QJsonObject SimWorld::ledger() const
{
    QJsonArray orders;
    for (const QString& n : m_orderList) {
        const SimErpOrder& o = m_orders.at(n.toStdString());
        orders.append(QJsonObject { { QStringLiteral("order"), o.order },
            { QStringLiteral("externalRef"), o.externalRef }, { QStringLiteral("plant"), o.plant },
            { QStringLiteral("status"), o.status }, { QStringLiteral("createdAt"), isoMs(o.createdMs) } });
    }
    QJsonArray docs;
    for (const SimMaterialDoc& d : m_docs) {
        for (const SimMaterialDocItem& item : d.items) {
            docs.append(QJsonObject { { QStringLiteral("year"), d.year }, { QStringLiteral("document"), d.document },
                { QStringLiteral("headerText"), d.headerText }, { QStringLiteral("itemText"), item.itemText },
                { QStringLiteral("order"), item.order }, { QStringLiteral("material"), item.material },
                { QStringLiteral("quantity"), item.quantity } });
        }
    }
    return QJsonObject { { QStringLiteral("orders"), orders }, { QStringLiteral("materialDocuments"), docs },
        { QStringLiteral("requests"),
            QJsonObject { { QStringLiteral("total"), m_requestsTotal },
                { QStringLiteral("failedInjected"), m_requestsFailedInjected },
                { QStringLiteral("dropped"), m_requestsDropped } } } };
}

} // namespace Interlock::Sim

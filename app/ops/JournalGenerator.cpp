// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ops/JournalGenerator.h"

#include "models/journal/JournalStore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <array>
#include <random>

namespace Interlock::Ops {

namespace {

using Rng = std::mt19937_64;

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr int kOpenOrdersPerPlant = 400; ///< work orders receiving traffic at any time, per plant

const char* const kOrderService = "/sap/opu/odata/sap/API_MAINTENANCEORDER";
const char* const kGoodsService = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";
const std::array<const char*, 4> kEngines { "engine-3f9a61c2", "engine-3f9a61c2", "engine-b20e7d14",
    "engine-c5d1e0a8" };
const std::array<const char*, 4> kSupervisors { "mthompson", "akowalski", "rdubois", "jnakamura" };
const std::array<const char*, 12> kDescriptions { "Replace drive belt on conveyor C-12",
    "Inspect hydraulic pump for leaks", "Lubricate main spindle bearings", "Quarterly PM: compressor K-3",
    "Replace mechanical seal, pump P-204", "Calibrate pressure transmitter PT-88", "Vibration analysis motor M-17",
    "Repair gearbox oil leak, line 2", "Change filter cartridges, HVAC unit 4", "Check valve V-310 does not close",
    "Emergency: line stop, robot cell 6 fault", "Annual safety inspection crane CR-2" };
const std::array<const char*, 5> kWorkTypes { "PM", "PM", "CM", "EM", "PdM" };
const std::array<const char*, 4> kStatuses { "WAPPR", "APPR", "INPRG", "COMP" };
const std::array<const char*, 4> kSapStatuses { "CRTD", "REL", "REL", "TECO" };

struct Failure
{
    const char* errorClass;
    const char* code;
    int httpStatus;
    const char* text; ///< %1 = order, %2 = material, %3 = plant
};

// what SAP Gateway and the ERP answer when they refuse a posting (a human must act)
const std::array<Failure, 7> kPermanent { {
    { "Permanent", "CO/469", 400, "Order %1 is being processed by user MAINT02" },
    { "Permanent", "M7/021", 400, "Deficit of SL Unrestricted-use 4 PC : %2 %3 0001" },
    { "Permanent", "IW/504", 400, "Order %1 is closed; changes are not possible" },
    { "Permanent", "KI/235", 400, "Cost center 4711-%3 does not exist on key date" },
    { "Permanent", "IS/102", 400, "Equipment 10002345 does not exist" },
    { "Validation", "00/055", 400, "Make an entry in all required fields" },
    { "Validation", "00/055", 400, "Invalid field value: description max 40, status CRTD/REL/TECO/CLSD/DLFL" },
} };
// transient failures the engine retries with back-off
const std::array<Failure, 5> kTransient { {
    { "Transient", "/IWFND/CM_BEC/026", 503, "SAP Gateway: RFC communication failure with the backend system" },
    { "Transient", "HTTP504", 504, "Gateway Timeout from the SAP Web Dispatcher" },
    { "Transient", "HTTP429", 429, "Too many requests: retry after 30 s" },
    { "Ambiguous", "TIMEOUT", 0, "no answer within 30000 ms after the request was sent" },
    { "Auth", "BMXAA7901E", 401, "BMXAA7901E - You cannot log in at this time. Contact the system administrator." },
} };

struct Order
{
    qint64 wonum = 0;
    int seq = 0; ///< last seq used on its business key
    int status = 0; ///< index into kStatuses
    int description = 0;
    int workType = 0;
    int asset = 0;
    int location = 0;
    int priority = 3;
    int issues = 0; ///< goods issues so far
    qint64 sapOrder = 0; ///< ERP order number once posted
};

/// Everything of one message row, bound positionally into the prepared insert.
struct Row
{
    qint64 id = 0;
    bool workOrder = true;
    QString operation;
    QString plant;
    QString businessKey;
    int seq = 0;
    QString idempotencyKey;
    QString sourcePayload;
    QString targetPayload; ///< null when not transformed
    QString state;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString leaseOwner;
    qint64 leaseUntil = 0;
    QString errorClass;
    QString errorCode;
    QString errorText;
    QString blockedDomain;
    QString blockedValue;
    QString targetRef;
    qint64 eventAt = 0;
    qint64 receivedAt = 0;
    qint64 postedAt = 0;
    qint64 updatedAt = 0;
};

QVariant text(const QString& s)
{
    return s.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

QString latin(const QByteArray& b)
{
    return QString::fromLatin1(b);
}

class Writer
{
public:
    Writer(QSqlDatabase db, const GeneratorOptions& o, qint64 firstId, qint64 firstWonum, QString prevHash)
        : m_db(std::move(db))
        , m_o(o)
        , m_rng(o.seed)
        , m_nextId(firstId)
        , m_prevHash(std::move(prevHash))
        , m_msg(m_db)
        , m_att(m_db)
        , m_aud(m_db)
    {
        m_msg.prepare(QStringLiteral(
            "INSERT INTO message (id, flow, operation, plant, source_system, target_system, business_key, seq, "
            "idempotency_key, source_payload, target_payload, state, attempts, next_attempt_at, lease_owner, "
            "lease_until, error_class, error_code, error_text, blocked_domain, blocked_value, target_ref, event_at, "
            "received_at, posted_at, updated_at) VALUES (?, ?, ?, ?, 'maximo', 'sap', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        m_att.prepare(QStringLiteral("INSERT INTO attempt (message_id, started_at, duration_ms, http_status, "
                                     "error_class, error_code, request, excerpt, engine) VALUES (?, ?, ?, ?, ?, ?, ?, "
                                     "?, ?)"));
        m_aud.prepare(QStringLiteral("INSERT INTO audit (at, actor, role, action, message_ids, before_value, "
                                     "after_value, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        // plant sizes differ: the first plant carries the most traffic
        double sum = 0;
        for (int k = 0; k < o.plants.size(); ++k)
            m_weights << (sum += 1.0 / (1.0 + 0.35 * k));
        m_orders.resize(o.plants.size());
        m_nextWonum = firstWonum;
        for (auto& list : m_orders)
            for (int i = 0; i < kOpenOrdersPerPlant; ++i)
                list.push_back(newOrder());
    }

    Status run(GeneratorReport& report, qint64 startAt, qint64 endAt)
    {
        QElapsedTimer t;
        t.start();
        report.firstId = m_nextId;
        const qint64 rows = m_o.rows;
        const qint64 span = std::max<qint64>(1, endAt - startAt);
        qint64 done = 0;
        while (done < rows) {
            const qint64 n = std::min<qint64>(std::max(1, m_o.rowsPerTransaction), rows - done);
            if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
                return fail(QStringLiteral("begin"), m_lastError);
            for (qint64 i = 0; i < n; ++i) {
                const qint64 k = done + i;
                // ids follow arrival; event times spread evenly with a little jitter
                const qint64 at = startAt
                    + static_cast<qint64>(static_cast<double>(span) * static_cast<double>(k)
                        / static_cast<double>(std::max<qint64>(1, rows - 1)));
                if (auto s = writeMessage(report, at, endAt); !s) {
                    exec(QStringLiteral("ROLLBACK"));
                    return s;
                }
            }
            if (!exec(QStringLiteral("UPDATE message SET state = 'posted' WHERE id >= %1 AND state = 'in_flight' AND "
                                     "posted_at IS NOT NULL")
                          .arg(m_nextId - n))) {
                const QString why = m_lastError;
                exec(QStringLiteral("ROLLBACK"));
                return fail(QStringLiteral("posting"), why);
            }
            if (!exec(QStringLiteral("COMMIT")))
                return fail(QStringLiteral("commit"), m_lastError);
            done += n;
            if (m_o.progress)
                m_o.progress(done, rows);
        }
        report.lastId = m_nextId - 1;
        report.seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
        return {};
    }

    Status writeMappings(GeneratorReport& report, qint64 at)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO mapping (domain, plant, source_system, source_value, "
                                 "target_system, target_value, created_by, created_at) VALUES (?, ?, 'maximo', ?, "
                                 "'sap', ?, ?, ?)"));
        if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
            return fail(QStringLiteral("begin"), m_lastError);
        for (int k = 0; k < m_o.plants.size(); ++k) {
            const QString plant = m_o.plants.at(k);
            const QList<std::array<QString, 3>> rows {
                { QStringLiteral("plant"), plant, QString::number(1000 + 10 * k) },
                { QStringLiteral("storage_location"), QStringLiteral("CENTRAL"), QStringLiteral("0001") },
                { QStringLiteral("cost_center"), QStringLiteral("6100-%1").arg(k), QStringLiteral("4711%1").arg(k) },
                { QStringLiteral("wo_status"), QStringLiteral("APPR"), QStringLiteral("REL") },
                { QStringLiteral("wo_status"), QStringLiteral("COMP"), QStringLiteral("TECO") },
            };
            for (const auto& r : rows) {
                const QString actor = QString::fromLatin1(kSupervisors[static_cast<size_t>(k) % kSupervisors.size()]);
                q.bindValue(0, r[0]);
                q.bindValue(1, plant);
                q.bindValue(2, r[1]);
                q.bindValue(3, r[2]);
                q.bindValue(4, actor);
                q.bindValue(5, at);
                if (!q.exec()) {
                    const QString why = q.lastError().text();
                    exec(QStringLiteral("ROLLBACK"));
                    return fail(QStringLiteral("mapping"), why);
                }
                if (q.numRowsAffected() <= 0)
                    continue;
                ++report.mappings;
                if (auto s = audit(report, at, actor, QStringLiteral("integration"), QStringLiteral("mapping.put"), {},
                        {}, QStringLiteral("%1 %2 %3 -> %4").arg(r[0], plant, r[1], r[2]),
                        QStringLiteral("initial cross-reference load"));
                    !s) {
                    exec(QStringLiteral("ROLLBACK"));
                    return s;
                }
            }
        }
        if (!exec(QStringLiteral("COMMIT")))
            return fail(QStringLiteral("commit"), m_lastError);
        return {};
    }

private:
    double uniform() { return std::uniform_real_distribution<double>(0, 1)(m_rng); }
    int pick(int n) { return static_cast<int>(m_rng() % static_cast<quint64>(n)); }

    Status fail(const QString& what, const QString& why) const
    {
        return Interlock::fail(ErrorClass::Permanent, QStringLiteral("GENERATE"),
            QStringLiteral("generator: %1 failed: %2").arg(what, why));
    }

    bool exec(const QString& sql)
    {
        QSqlQuery q(m_db);
        if (q.exec(sql))
            return true;
        m_lastError = q.lastError().text();
        return false;
    }

    Order newOrder()
    {
        Order o;
        o.wonum = m_nextWonum++;
        o.description = pick(static_cast<int>(kDescriptions.size()));
        o.workType = pick(static_cast<int>(kWorkTypes.size()));
        o.asset = 10000 + pick(4000);
        o.location = 100 + pick(700);
        o.priority = 1 + pick(5);
        return o;
    }

    int pickPlant()
    {
        const double u = std::uniform_real_distribution<double>(0, m_weights.constLast())(m_rng);
        const auto it = std::lower_bound(m_weights.cbegin(), m_weights.cend(), u);
        return std::min(static_cast<int>(it - m_weights.cbegin()), static_cast<int>(m_weights.size()) - 1);
    }

    static QString fmt(const char* text, const Row& r, qint64 sapOrder, const QString& material)
    {
        // not arg(): most texts use only some of the placeholders
        return QString::fromLatin1(text)
            .replace(QLatin1String("%1"), QString::number(sapOrder))
            .replace(QLatin1String("%2"), material)
            .replace(QLatin1String("%3"), r.plant);
    }

    /// Queued: attempts reference their message, which is inserted once its fate is known.
    Status attempt(GeneratorReport&, const Row& r, qint64 at, int durationMs, int status, const char* errorClass,
        const char* errorCode, const QString& request, const QString& excerpt)
    {
        m_pendingAttempts.push_back({ r.id, std::min(at, m_endAt), durationMs, status,
            errorClass ? QVariant(QString::fromLatin1(errorClass)) : text(QString()),
            errorCode ? QVariant(QString::fromLatin1(errorCode)) : text(QString()), request, excerpt,
            QString::fromLatin1(kEngines[static_cast<size_t>(r.id) % kEngines.size()]) });
        return {};
    }

    Status flushAttempts(GeneratorReport& report)
    {
        for (const auto& a : m_pendingAttempts) {
            for (int i = 0; i < static_cast<int>(a.size()); ++i)
                m_att.bindValue(i, a[static_cast<size_t>(i)]);
            if (!m_att.exec())
                return fail(QStringLiteral("attempt insert"), m_att.lastError().text());
            ++report.attempts;
        }
        m_pendingAttempts.clear();
        return {};
    }

    Status audit(GeneratorReport& report, qint64 at, const QString& actor, const QString& role, const QString& action,
        const QString& ids, const QString& before, const QString& after, const QString& note)
    {
        AuditEntry e;
        e.at = at;
        e.actor = actor;
        e.role = role;
        e.action = action;
        e.messageIds = ids;
        e.before = before;
        e.after = after;
        e.note = note;
        const QString hash = Journal::auditHash(e, m_prevHash);
        m_aud.bindValue(0, e.at);
        m_aud.bindValue(1, e.actor);
        m_aud.bindValue(2, e.role);
        m_aud.bindValue(3, e.action);
        m_aud.bindValue(4, e.messageIds);
        m_aud.bindValue(5, e.before);
        m_aud.bindValue(6, e.after);
        m_aud.bindValue(7, e.note);
        m_aud.bindValue(8, m_prevHash);
        m_aud.bindValue(9, hash);
        if (!m_aud.exec())
            return fail(QStringLiteral("audit insert"), m_aud.lastError().text());
        m_prevHash = hash;
        ++report.auditEntries;
        return {};
    }

    QString sourcePayload(const Row& r, const Order& o, qint64 matuse, const QString& material, int quantity)
    {
        const QByteArray site = r.plant.toLatin1();
        const QByteArray wonum = QByteArray::number(o.wonum);
        QByteArray p;
        p.reserve(560);
        p += "{\"href\":\"http://maximo.example.com/maximo/oslc/os/mxwo/_";
        p += QByteArray(site + '/' + wonum).toBase64(QByteArray::OmitTrailingEquals);
        p += "\",\"wonum\":\"" + wonum + "\",\"siteid\":\"" + site + "\",\"orgid\":\"EAGLENA\",\"description\":\"";
        p += kDescriptions[static_cast<size_t>(o.description)];
        p += "\",\"status\":\"";
        p += kStatuses[static_cast<size_t>(o.status)];
        p += "\",\"worktype\":\"";
        p += kWorkTypes[static_cast<size_t>(o.workType)];
        p += "\",\"wopriority\":" + QByteArray::number(o.priority);
        p += ",\"assetnum\":\"" + QByteArray::number(o.asset) + "\",\"location\":\"" + site + "-L"
            + QByteArray::number(o.location) + "\",\"glaccount\":\"6100-" + QByteArray::number(o.asset % 90)
            + "\",\"changedate\":\""
            + QDateTime::fromMSecsSinceEpoch(r.eventAt, Qt::UTC).toString(Qt::ISODate).toLatin1()
            + "\",\"_rowstamp\":\"" + QByteArray::number(r.id * 7 + 1100000) + "\"";
        if (!r.workOrder) {
            p += ",\"matusetrans\":[{\"matusetransid\":" + QByteArray::number(matuse) + ",\"itemnum\":\""
                + material.toLatin1() + "\",\"quantity\":" + QByteArray::number(quantity)
                + ",\"storeloc\":\"CENTRAL\",\"issuetype\":\"ISSUE\",\"issueunit\":\"EACH\",\"_rowstamp\":\""
                + QByteArray::number(r.id * 7 + 1100003) + "\"}]";
        }
        p += '}';
        return latin(p);
    }

    QString targetPayload(const Row& r, const Order& o, int plantIndex, const QString& material, int quantity)
    {
        const QByteArray sapPlant = QByteArray::number(1000 + 10 * plantIndex);
        QByteArray p;
        p.reserve(300);
        if (r.workOrder) {
            p += "{\"MaintenanceOrderType\":\"";
            p += o.workType >= 2 ? "PM01" : "PM02";
            p += "\",\"MaintenancePlanningPlant\":\"" + sapPlant + "\",\"MaintenanceOrderSystemStatus\":\"";
            p += kSapStatuses[static_cast<size_t>(o.status)];
            p += "\",\"Equipment\":\"" + QByteArray::number(10000000 + o.asset) + "\",\"ResponsibleCostCenter\":\"4711"
                + QByteArray::number(plantIndex) + "\",\"MaintenanceOrderDesc\":\""
                + QByteArray(kDescriptions[static_cast<size_t>(o.description)]).left(40) + "\",\"MaintPriority\":\""
                + QByteArray::number(o.priority) + "\",\"YY1_ExternalReference_ORD\":\"" + r.businessKey.toLatin1()
                + "\"}";
        } else {
            p += "{\"GoodsMovementCode\":\"03\",\"to_MaterialDocumentItem\":[{\"Material\":\""
                + material.toLatin1().replace("MAT-", "") + "\",\"Plant\":\"" + sapPlant
                + "\",\"StorageLocation\":\"0001\",\"GoodsMovementType\":\"261\",\"QuantityInEntryUnit\":\""
                + QByteArray::number(quantity) + ".000\",\"EntryUnit\":\"PC\",\"MaintenanceOrder\":\""
                + QByteArray::number(o.sapOrder > 0 ? o.sapOrder : 4000000000LL + o.wonum)
                + "\",\"MaterialDocumentItemText\":\"" + r.plant.toLatin1() + "/MATU/" + QByteArray::number(r.id)
                + "\"}]}";
        }
        return latin(p);
    }

    Status writeMessage(GeneratorReport& report, qint64 nominalAt, qint64 endAt)
    {
        m_endAt = endAt;
        Row r;
        r.id = m_nextId++;
        const int plantIndex = pickPlant();
        r.plant = m_o.plants.at(plantIndex);
        auto& orders = m_orders[static_cast<size_t>(plantIndex)];
        const int slot = pick(kOpenOrdersPerPlant);
        Order& o = orders[static_cast<size_t>(slot)];
        const qint64 wonum = o.wonum;
        // a work order's life: a few status changes and a few goods issues, then it closes
        r.workOrder = o.seq == 0 || uniform() < 0.4;
        if (r.workOrder && o.seq > 0)
            o.status = std::min(o.status + 1, static_cast<int>(kStatuses.size()) - 1);
        r.operation = r.workOrder ? QStringLiteral("upsert") : QStringLiteral("goods_issue");
        r.businessKey = r.plant + QLatin1Char('/') + QString::number(o.wonum);
        r.seq = ++o.seq;
        const qint64 matuse = 500'000 + r.id;
        const QString material = QStringLiteral("MAT-%1").arg(10000 + pick(20000));
        const int quantity = 1 + pick(12);
        r.idempotencyKey = r.workOrder ? QStringLiteral("maximo:%1@%2").arg(r.businessKey).arg(r.id * 7 + 1100000)
                                       : QStringLiteral("maximo:%1/MATU/%2").arg(r.plant).arg(matuse);
        r.eventAt = std::min(endAt, nominalAt + static_cast<qint64>(m_rng() % 20'000));
        r.receivedAt = std::min(endAt, r.eventAt + 400 + static_cast<qint64>(m_rng() % 15'000));
        r.sourcePayload = sourcePayload(r, o, matuse, material, quantity);
        if (!r.workOrder)
            ++o.issues;

        // what became of it: depends on how old it is (the engine's live backlog is recent)
        const qint64 age = endAt - r.receivedAt;
        const double u = uniform();
        const QString request = r.workOrder
            ? (r.seq == 1 ? QStringLiteral("POST %1/MaintenanceOrder").arg(QLatin1String(kOrderService))
                          : QStringLiteral("MERGE %1/MaintenanceOrder('%2')")
                                .arg(QLatin1String(kOrderService))
                                .arg(4000000000LL + o.wonum))
            : QStringLiteral("POST %1/A_MaterialDocumentHeader").arg(QLatin1String(kGoodsService));
        const qint64 sapOrder = 4000000000LL + o.wonum;
        qint64 t = r.receivedAt + 50 + static_cast<qint64>(m_rng() % 400);
        auto posted = [&](qint64 at) -> Status {
            const int duration = 120 + pick(900);
            r.state = QStringLiteral("posted");
            r.targetRef = r.workOrder ? QString::number(sapOrder) : QString::number(4900000000LL + r.id);
            r.postedAt = std::min(endAt, at + duration);
            r.updatedAt = r.postedAt;
            ++r.attempts;
            return attempt(report, r, at, duration, r.workOrder && r.seq > 1 ? 204 : 201, nullptr, nullptr, request,
                r.workOrder ? QStringLiteral("%1 MaintenanceOrder %2").arg(r.seq > 1 ? 204 : 201).arg(sapOrder)
                            : QStringLiteral("201 MaterialDocument %1/%2")
                                  .arg(r.targetRef)
                                  .arg(QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).date().year()));
        };
        auto failed = [&](qint64 at, const Failure& f) -> Status {
            const int duration = f.httpStatus == 0 ? 30'000 : 80 + pick(2500);
            ++r.attempts;
            const QString msg = fmt(f.text, r, sapOrder, material);
            r.errorClass = QString::fromLatin1(f.errorClass);
            r.errorCode = QString::fromLatin1(f.code);
            r.errorText = msg;
            r.updatedAt = at + duration;
            const QString excerpt = f.httpStatus == 0
                ? msg
                : QStringLiteral("{\"error\":{\"code\":\"%1\",\"message\":{\"lang\":\"en\",\"value\":\"%2\"}}}")
                      .arg(r.errorCode, msg);
            return attempt(report, r, at, duration, f.httpStatus, f.errorClass, f.code, request, excerpt);
        };
        m_pendingAttempts.clear();
        Status s;
        if (age < 20'000 && u < 0.5) {
            // just arrived: not transformed or waiting for its turn, or on the wire
            r.state = u < 0.2 ? QStringLiteral("received")
                : u < 0.4     ? QStringLiteral("ready")
                              : QStringLiteral("in_flight");
            r.updatedAt = r.receivedAt;
            if (r.state == QLatin1String("in_flight")) {
                r.attempts = 1;
                r.leaseOwner = QString::fromLatin1(kEngines[0]);
                r.leaseUntil = endAt + 30'000;
            }
        } else if (age < 3 * kHour && u < 0.03) {
            // a target having a bad afternoon: retrying with back-off
            const int n = 1 + pick(4);
            const Failure& f = kTransient[static_cast<size_t>(pick(static_cast<int>(kTransient.size())))];
            for (int i = 0; i < n && s; ++i, t += (15'000LL << i))
                s = failed(t, f);
            r.state = QStringLiteral("retrying");
            r.nextAttemptAt = std::max(endAt, t) + 5'000 + pick(120'000);
        } else if (u < 0.012) {
            // blocked on a value nobody mapped yet: a few values per plant, so each blocks many
            r.state = QStringLiteral("blocked");
            const int v = pick(8);
            if (r.workOrder) {
                r.blockedDomain = v < 5 ? QStringLiteral("equipment") : QStringLiteral("cost_center");
                r.blockedValue = v < 5 ? QStringLiteral("%1-%2").arg(r.plant.left(3)).arg(88100 + v)
                                       : QStringLiteral("6190-%1").arg(v);
            } else {
                r.blockedDomain = QStringLiteral("material");
                r.blockedValue = QStringLiteral("MAT-NEW-%1").arg(40 + v + 8 * plantIndex);
            }
            r.errorClass = QStringLiteral("MissingMapping");
            r.errorCode = QStringLiteral("MAPPING_MISSING");
            r.errorText
                = QStringLiteral("no %1 mapping for '%2' (plant %3)").arg(r.blockedDomain, r.blockedValue, r.plant);
            r.updatedAt = t;
        } else if (u < 0.032) {
            // refused by the ERP: stuck, resolved or cancelled by a person, or replayed and then posted
            static const std::array<int, 7> orderFailures { 0, 0, 2, 3, 4, 5, 6 };
            static const std::array<int, 4> goodsFailures { 1, 1, 1, 5 };
            const int which = r.workOrder ? orderFailures[static_cast<size_t>(pick(7))]
                                          : goodsFailures[static_cast<size_t>(pick(4))];
            const Failure& f = kPermanent[static_cast<size_t>(which)];
            s = failed(t, f);
            const double v = uniform();
            const qint64 actAt
                = std::min(endAt, r.updatedAt + 10 * kMinute + static_cast<qint64>(m_rng() % (8 * kHour)));
            const QString actor = QString::fromLatin1(kSupervisors[static_cast<size_t>(pick(4))]);
            if (!s) {
            } else if (v < 0.35 || actAt >= endAt) {
                r.state = QStringLiteral("stuck");
                r.targetPayload = targetPayload(r, o, plantIndex, material, quantity);
            } else if (v < 0.60) {
                r.state = QStringLiteral("resolved");
                r.updatedAt = actAt;
                s = audit(report, actAt, actor, QStringLiteral("supervisor"), QStringLiteral("message.resolve"),
                    QString::number(r.id), QStringLiteral("stuck"), QStringLiteral("resolved"),
                    r.workOrder ? QStringLiteral("changed by hand in IW32, order %1").arg(sapOrder)
                                : QStringLiteral("posted by hand as document %1 (MIGO)").arg(4900000000LL + r.id));
            } else if (v < 0.75) {
                r.state = QStringLiteral("cancelled");
                r.updatedAt = actAt;
                s = audit(report, actAt, actor, QStringLiteral("supervisor"), QStringLiteral("message.cancel"),
                    QString::number(r.id), QStringLiteral("stuck"), QStringLiteral("cancelled"),
                    r.workOrder ? QStringLiteral("work order cancelled in Maximo, nothing to post")
                                : QStringLiteral("parts returned to stores, issue withdrawn"));
            } else {
                // a person fixed the cause in the ERP and replayed: posted on the next attempt
                s = audit(report, actAt, actor, QStringLiteral("supervisor"), QStringLiteral("message.replay"),
                    QString::number(r.id), QStringLiteral("stuck"), QStringLiteral("ready"),
                    QStringLiteral("cause fixed in SAP, replayed"));
                r.errorClass.clear();
                r.errorCode.clear();
                r.errorText.clear();
                if (s)
                    s = posted(std::min(endAt, actAt + 2'000));
            }
        } else if (u < 0.04) {
            // a newer change of the same work order made this one obsolete
            r.state = QStringLiteral("superseded");
            r.updatedAt = t + 2'000;
        } else {
            // the normal case; one in twenty needed a retry first
            if (uniform() < 0.05) {
                s = failed(t, kTransient[static_cast<size_t>(pick(3))]);
                t = r.updatedAt + 15'000 + pick(30'000);
                r.errorClass.clear();
                r.errorCode.clear();
                r.errorText.clear();
            }
            if (s)
                s = posted(t);
        }
        if (!s)
            return s;
        if (r.targetPayload.isNull() && r.state != QLatin1String("received") && r.state != QLatin1String("blocked")
            && r.errorClass != QLatin1String("Validation"))
            r.targetPayload = targetPayload(r, o, plantIndex, material, quantity);
        if (r.updatedAt == 0)
            r.updatedAt = r.receivedAt;
        r.updatedAt = std::min(r.updatedAt, std::max(endAt, r.receivedAt));
        if (r.workOrder && r.state == QLatin1String("posted"))
            o.sapOrder = sapOrder;
        if (o.wonum == wonum && (o.status == static_cast<int>(kStatuses.size()) - 1 || o.issues > 4))
            orders[static_cast<size_t>(slot)] = newOrder(); // closed: a new order takes its place

        const std::array<QVariant, 24> values { r.id,
            r.workOrder ? QStringLiteral("work_order") : QStringLiteral("parts_consumption"), r.operation, r.plant,
            r.businessKey, r.seq, r.idempotencyKey, r.sourcePayload, text(r.targetPayload),
            // a posted row goes in as in_flight and is posted by the batch's UPDATE, so the KPI
            // rollup triggers (migration 4) count it as they would for the engine's posting
            r.state == QLatin1String("posted") ? QStringLiteral("in_flight") : r.state, r.attempts, r.nextAttemptAt,
            text(r.leaseOwner), r.leaseUntil, text(r.errorClass), text(r.errorCode), text(r.errorText),
            text(r.blockedDomain), text(r.blockedValue), text(r.targetRef), r.eventAt, r.receivedAt,
            r.postedAt > 0 ? QVariant(r.postedAt) : QVariant(QMetaType(QMetaType::LongLong)), r.updatedAt };
        // bound positionally (source and target system are literals in the statement)
        for (int i = 0; i < 24; ++i)
            m_msg.bindValue(i, values[static_cast<size_t>(i)]);
        if (!m_msg.exec())
            return fail(QStringLiteral("message insert"), m_msg.lastError().text());
        ++report.messages;
        ++report.states[r.state];
        return flushAttempts(report);
    }

    QSqlDatabase m_db;
    const GeneratorOptions& m_o;
    Rng m_rng;
    qint64 m_nextId;
    qint64 m_nextWonum = 0;
    qint64 m_endAt = 0;
    QString m_prevHash;
    QString m_lastError;
    QSqlQuery m_msg;
    QSqlQuery m_att;
    QSqlQuery m_aud;
    QList<double> m_weights;
    std::vector<std::vector<Order>> m_orders;
    std::vector<std::array<QVariant, 9>> m_pendingAttempts;
};

} // namespace

Result<GeneratorReport> JournalGenerator::generate(const QString& journalPath, const GeneratorOptions& options)
{
    if (options.rows < 0)
        return fail(ErrorClass::Validation, QStringLiteral("GENERATE"), QStringLiteral("--rows must not be negative"));
    if (options.plants.isEmpty())
        return fail(ErrorClass::Validation, QStringLiteral("GENERATE"), QStringLiteral("no plants to generate for"));
    if (options.days <= 0)
        return fail(ErrorClass::Validation, QStringLiteral("GENERATE"), QStringLiteral("--days must be at least 1"));
    Journal::JournalStore store;
    if (auto s = store.openSqlite(journalPath); !s)
        return Unexpected { s.error() };
    QSqlDatabase db = store.database();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0), COUNT(*) > 0 FROM (SELECT id FROM message ORDER BY id "
                               "DESC LIMIT 1)"))
        || !q.next())
        return fail(ErrorClass::Permanent, QStringLiteral("GENERATE"), q.lastError().text());
    const qint64 maxId = q.value(0).toLongLong();
    if (maxId > 0 && !options.append)
        return fail(ErrorClass::Validation, QStringLiteral("JOURNAL_NOT_EMPTY"),
            QStringLiteral("%1 already holds messages (up to id %2); pass --append to add to it")
                .arg(journalPath)
                .arg(maxId));
    // work order numbers never repeat, also across appended runs: they start past the highest so far
    qint64 firstWonum = 1'000'000;
    if (maxId > 0) {
        if (!q.exec(QStringLiteral("SELECT MAX(CAST(substr(business_key, instr(business_key, '/') + 1) AS INTEGER)) "
                                   "FROM message"))
            || !q.next())
            return fail(ErrorClass::Permanent, QStringLiteral("GENERATE"), q.lastError().text());
        firstWonum = std::max(firstWonum, q.value(0).toLongLong() + 1);
    }
    QString prevHash(64, QLatin1Char('0'));
    if (!q.exec(QStringLiteral("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")))
        return fail(ErrorClass::Permanent, QStringLiteral("GENERATE"), q.lastError().text());
    if (q.next())
        prevHash = q.value(0).toString();
    // generated data: speed over durability (see the class comment); a big page cache keeps
    // the indexes being built in memory
    for (const char* pragma : { "PRAGMA synchronous=OFF", "PRAGMA cache_size=-262144" })
        q.exec(QString::fromLatin1(pragma));
    // a new journal nobody reads yet: no WAL while filling it (every page would be written twice,
    // to the WAL and again at the checkpoint); back to WAL at the end. Appending keeps WAL, since
    // an engine or a console may have the journal open.
    const bool bulk = maxId == 0 && q.exec(QStringLiteral("PRAGMA journal_mode=OFF")) && q.next()
        && q.value(0).toString() == QLatin1String("off");
    q.finish();

    const qint64 endAt = options.endAt > 0 ? options.endAt : QDateTime::currentMSecsSinceEpoch();
    const qint64 startAt = endAt - static_cast<qint64>(options.days) * 24 * kHour;
    GeneratorReport report;
    Writer writer(db, options, maxId + 1, firstWonum, prevHash);
    if (maxId == 0)
        if (auto s = writer.writeMappings(report, startAt - kHour); !s)
            return Unexpected { s.error() };
    if (auto s = writer.run(report, startAt, endAt); !s)
        return Unexpected { s.error() };
    if (bulk && !q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        return fail(ErrorClass::Permanent, QStringLiteral("GENERATE"), q.lastError().text());
    // leave the WAL small for whoever opens the journal next
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return report;
}

} // namespace Interlock::Ops

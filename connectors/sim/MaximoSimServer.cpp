// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sim/MaximoSimServer.h"

#include "connectors/sim/SimWorld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>
#include <limits>

namespace Interlock::Sim {

namespace {

const QString collectionPath = QStringLiteral("/maximo/api/os/mxapiwodetail");

/// One parsed oslc.where clause.
struct Clause
{
    QString attr;
    QString op;
    QString value;
    qint64 secs = 0; // changedate only
};

bool compare(int c, const QString& op)
{
    if (op == QLatin1String("="))
        return c == 0;
    if (op == QLatin1String("!="))
        return c != 0;
    if (op == QLatin1String(">"))
        return c > 0;
    if (op == QLatin1String(">="))
        return c >= 0;
    if (op == QLatin1String("<"))
        return c < 0;
    return c <= 0; // "<="
}

/// Top-level comma split of oslc.select (keeps "matusetrans{a,b}" together).
QStringList splitSelect(const QString& select)
{
    QStringList out;
    int depth = 0;
    QString cur;
    for (QChar ch : select) {
        if (ch == QLatin1Char('{'))
            ++depth;
        if (ch == QLatin1Char('}'))
            --depth;
        if (ch == QLatin1Char(',') && depth == 0) {
            out.append(cur.trimmed());
            cur.clear();
        } else {
            cur.append(ch);
        }
    }
    if (!cur.trimmed().isEmpty())
        out.append(cur.trimmed());
    return out;
}

} // namespace

MaximoSimServer::MaximoSimServer(SimWorld& world, QString apiKey, QObject* parent)
    : QObject(parent)
    , m_world(world)
    , m_apiKey(std::move(apiKey))
    , m_control(world)
    , m_http(std::make_unique<SimHttpServer>([this](const SimHttpRequest& r) { return handle(r); }))
{
}

quint16 MaximoSimServer::listen(quint16 port)
{
    return m_http->listenLocal(port);
}

QUrl MaximoSimServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_http->port()));
}

QString MaximoSimServer::restId(const QString& wonum, const QString& site)
{
    QByteArray b = (wonum + QLatin1Char('/') + site).toUtf8().toBase64(QByteArray::Base64UrlEncoding);
    b.replace('=', '-');
    return QLatin1Char('_') + QString::fromLatin1(b);
}

SimHttpResponse MaximoSimServer::error(int status, const QString& reasonCode, const QString& message)
{
    const QJsonObject e { { QStringLiteral("reasonCode"), reasonCode },
        { QStringLiteral("message"), QString(reasonCode + QStringLiteral(" - ") + message) },
        { QStringLiteral("statusCode"), QString::number(status) },
        { QStringLiteral("extendedError"),
            QJsonObject { { QStringLiteral("moreInfo"),
                QJsonObject {
                    { QStringLiteral("href"), QString(QStringLiteral("oslc/error/messages/") + reasonCode) } } } } } };
    return SimHttpResponse::json(status, QJsonDocument(QJsonObject { { QStringLiteral("Error"), e } }));
}

SimHttpResponse MaximoSimServer::handle(const SimHttpRequest& request)
{
    if (auto control = m_control.handle(request))
        return *control;
    m_world.countRequest();
    SimHttpResponse response;
    if (m_world.cmmsOutage() || m_world.roll(m_world.cmmsFaults().errorRate)) {
        m_world.countInjectedFailure();
        response
            = error(503, QStringLiteral("BMXAA9999E"), QStringLiteral("Service temporarily unavailable (simulated)."));
    } else {
        response = route(request);
    }
    response.delayMs = m_world.cmmsLatencyMs();
    return response;
}

SimHttpResponse MaximoSimServer::route(const SimHttpRequest& request)
{
    if (request.header("apikey") != m_apiKey.toUtf8()) {
        return error(401, QStringLiteral("BMXAA0021E"),
            QStringLiteral("User name and password combination are not valid. Try again."));
    }
    const QString path = request.path.toLower();
    if (request.method != "GET")
        return error(
            400, QStringLiteral("BMXAA9487E"), QStringLiteral("The simulator supports GET only on this path."));
    if (path == collectionPath || path == collectionPath + QLatin1Char('/'))
        return queryWorkOrders(request);
    if (path.startsWith(collectionPath + QLatin1Char('/')))
        return oneWorkOrder(request.path.mid(collectionPath.size() + 1), request);
    return error(404, QStringLiteral("BMXAA8727E"), QStringLiteral("The object structure or resource was not found."));
}

QJsonObject MaximoSimServer::render(const SimWorkOrder& wo, const QStringList& select) const
{
    const bool all = select.isEmpty() || select.contains(QStringLiteral("*"));
    QJsonObject o { { QStringLiteral("href"),
        QString(baseUrl().toString() + collectionPath + QLatin1Char('/') + restId(wo.wonum, wo.site)) } };
    const auto add = [&](const QString& name, const QJsonValue& v) {
        if (all || select.contains(name))
            o.insert(name, v);
    };
    add(QStringLiteral("wonum"), wo.wonum);
    add(QStringLiteral("siteid"), wo.site);
    add(QStringLiteral("orgid"), QStringLiteral("EAGLENA"));
    add(QStringLiteral("description"), wo.description);
    add(QStringLiteral("status"), wo.status);
    add(QStringLiteral("status_maxvalue"), wo.status);
    add(QStringLiteral("worktype"), wo.worktype);
    add(QStringLiteral("wopriority"), wo.priority);
    add(QStringLiteral("assetnum"), wo.assetnum);
    add(QStringLiteral("location"), wo.location);
    add(QStringLiteral("glaccount"), wo.glaccount);
    add(QStringLiteral("reportdate"), SimWorld::formatMaximoDate(wo.reportdate));
    add(QStringLiteral("changedate"), SimWorld::formatMaximoDate(wo.changedate));
    // like href, Maximo returns the system attribute _rowstamp with every selected record
    o.insert(QStringLiteral("_rowstamp"), QString::number(wo.rowstamp));
    bool withRows = all;
    for (const QString& s : select)
        withRows = withRows || s == QLatin1String("matusetrans") || s.startsWith(QLatin1String("matusetrans{"));
    if (withRows && !wo.matuse.empty()) {
        QJsonArray rows;
        for (const SimMatUse& mu : wo.matuse) {
            rows.append(QJsonObject { { QStringLiteral("matusetransid"), mu.id },
                { QStringLiteral("itemnum"), mu.itemnum }, { QStringLiteral("quantity"), mu.quantity },
                { QStringLiteral("storeloc"), mu.storeloc }, { QStringLiteral("issuetype"), QStringLiteral("ISSUE") },
                { QStringLiteral("issueunit"), QStringLiteral("EACH") }, { QStringLiteral("unitcost"), mu.unitcost },
                { QStringLiteral("linecost"), std::round(mu.quantity * mu.unitcost * 100.0) / 100.0 },
                { QStringLiteral("transdate"), SimWorld::formatMaximoDate(mu.transdate) },
                { QStringLiteral("_rowstamp"), QString::number(mu.rowstamp) } });
        }
        o.insert(QStringLiteral("matusetrans"), rows);
    }
    return o;
}

SimHttpResponse MaximoSimServer::queryWorkOrders(const SimHttpRequest& request)
{
    // Parse oslc.where.
    QList<Clause> clauses;
    const QString where = request.queryValue(QStringLiteral("oslc.where")).trimmed();
    static const QRegularExpression andRe(QStringLiteral("\\s+and\\s+"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression clauseRe(
        QStringLiteral("^\\s*([A-Za-z_.]+)\\s*(>=|<=|!=|=|>|<)\\s*\"([^\"]*)\"\\s*$"));
    if (!where.isEmpty()) {
        const QStringList parts = where.split(andRe);
        for (const QString& part : parts) {
            const auto m = clauseRe.match(part);
            if (!m.hasMatch()) {
                return error(400, QStringLiteral("BMXAA3897E"),
                    QStringLiteral("The oslc.where clause \"%1\" is not supported by the simulator.").arg(part));
            }
            Clause c { m.captured(1).toLower(), m.captured(2), m.captured(3) };
            static const QStringList attrs { QStringLiteral("siteid"), QStringLiteral("status"),
                QStringLiteral("wonum"), QStringLiteral("changedate") };
            if (!attrs.contains(c.attr)) {
                return error(400, QStringLiteral("BMXAA3897E"),
                    QStringLiteral("The attribute %1 is not supported in oslc.where by the simulator.").arg(c.attr));
            }
            if (c.attr == QLatin1String("changedate")) {
                QDateTime dt = QDateTime::fromString(c.value, Qt::ISODateWithMs);
                if (!dt.isValid()) // a '+' sent unencoded arrives as a space
                    dt = QDateTime::fromString(
                        QString(c.value).replace(QLatin1Char(' '), QLatin1Char('+')), Qt::ISODateWithMs);
                if (!dt.isValid()) {
                    return error(400, QStringLiteral("BMXAA4153E"),
                        QStringLiteral("The date value \"%1\" is not a valid ISO 8601 date.").arg(c.value));
                }
                c.secs = dt.toSecsSinceEpoch();
            }
            clauses.append(c);
        }
    }
    int pageSize = 0;
    if (request.query.hasQueryItem(QStringLiteral("oslc.pageSize"))) {
        bool ok = false;
        pageSize = request.queryValue(QStringLiteral("oslc.pageSize")).toInt(&ok);
        if (!ok || pageSize <= 0)
            return error(400, QStringLiteral("BMXAA3898E"), QStringLiteral("oslc.pageSize must be a positive number."));
    }
    int pageNo = 1;
    if (request.query.hasQueryItem(QStringLiteral("pageno"))) {
        bool ok = false;
        pageNo = request.queryValue(QStringLiteral("pageno")).toInt(&ok);
        if (!ok || pageNo <= 0)
            return error(400, QStringLiteral("BMXAA3898E"), QStringLiteral("pageno must be a positive number."));
    }

    // Narrow the range of the change index by the changedate clauses, filter the rest.
    const auto& index = m_world.changeIndex();
    qint64 lower = std::numeric_limits<qint64>::min();
    qint64 upper = std::numeric_limits<qint64>::max();
    for (const Clause& c : clauses) {
        if (c.attr != QLatin1String("changedate"))
            continue;
        if (c.op == QLatin1String(">=") || c.op == QLatin1String("="))
            lower = std::max(lower, c.secs);
        else if (c.op == QLatin1String(">"))
            lower = std::max(lower, c.secs + 1);
        if (c.op == QLatin1String("<=") || c.op == QLatin1String("="))
            upper = std::min(upper, c.secs);
        else if (c.op == QLatin1String("<"))
            upper = std::min(upper, c.secs - 1);
    }
    const auto first = lower == std::numeric_limits<qint64>::min()
        ? index.begin()
        : index.lower_bound(SimWorld::ChangeKey { lower, QString(), QString() });
    std::vector<int> matches;
    for (auto it = first; it != index.end() && std::get<0>(it->first) <= upper; ++it) {
        const SimWorkOrder& wo = m_world.workOrderAt(it->second);
        bool ok = true;
        for (const Clause& c : clauses) {
            if (c.attr == QLatin1String("changedate")) {
                ok = compare(wo.changedate < c.secs ? -1 : (wo.changedate > c.secs ? 1 : 0), c.op);
            } else {
                const QString& v = c.attr == QLatin1String("siteid") ? wo.site
                    : c.attr == QLatin1String("status")              ? wo.status
                                                                     : wo.wonum;
                ok = compare(QString::compare(v, c.value), c.op);
            }
            if (!ok)
                break;
        }
        if (ok)
            matches.push_back(it->second);
    }

    const int total = static_cast<int>(matches.size());
    const int size = pageSize > 0 ? pageSize : std::max(total, 1);
    const int totalPages = std::max(1, (total + size - 1) / size);
    const QStringList select = splitSelect(request.queryValue(QStringLiteral("oslc.select")));
    QJsonArray members;
    for (int i = (pageNo - 1) * size; i < std::min(total, pageNo * size); ++i)
        members.append(render(m_world.workOrderAt(matches[static_cast<size_t>(i)]), select));

    const auto pageUrl = [&](int page) {
        QUrl url = baseUrl();
        url.setPath(request.url.path());
        QUrlQuery q = request.query;
        q.removeAllQueryItems(QStringLiteral("pageno"));
        q.addQueryItem(QStringLiteral("pageno"), QString::number(page));
        url.setQuery(q);
        return url.toString(QUrl::FullyEncoded);
    };
    QUrl self = baseUrl();
    self.setPath(request.url.path());
    self.setQuery(request.query);
    QJsonObject info { { QStringLiteral("href"), self.toString(QUrl::FullyEncoded) },
        { QStringLiteral("pagenum"), pageNo }, { QStringLiteral("totalCount"), total },
        { QStringLiteral("totalPages"), totalPages } };
    if (pageNo < totalPages)
        info.insert(QStringLiteral("nextPage"), QJsonObject { { QStringLiteral("href"), pageUrl(pageNo + 1) } });
    if (pageNo > 1)
        info.insert(QStringLiteral("previousPage"), QJsonObject { { QStringLiteral("href"), pageUrl(pageNo - 1) } });
    return SimHttpResponse::json(200,
        QJsonDocument(QJsonObject { { QStringLiteral("member"), members }, { QStringLiteral("responseInfo"), info } }));
}

SimHttpResponse MaximoSimServer::oneWorkOrder(const QString& id, const SimHttpRequest& request)
{
    if (id.startsWith(QLatin1Char('_'))) {
        const QByteArray raw = id.mid(1).toLatin1();
        // '-' is both a base64url digit and the written padding: try the readings in turn.
        for (int pad = 0; pad <= 2; ++pad) {
            QByteArray b = raw;
            for (int i = 0; i < pad && b.size() - 1 - i >= 0; ++i) {
                if (b[b.size() - 1 - i] != '-')
                    break;
                b[b.size() - 1 - i] = '=';
            }
            const auto decoded = QByteArray::fromBase64Encoding(
                b, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                continue;
            const QString key = QString::fromUtf8(*decoded);
            const qsizetype slash = key.lastIndexOf(QLatin1Char('/'));
            if (slash <= 0)
                continue;
            if (const SimWorkOrder* wo = m_world.workOrder(key.mid(slash + 1), key.left(slash))) {
                return SimHttpResponse::json(
                    200, QJsonDocument(render(*wo, splitSelect(request.queryValue(QStringLiteral("oslc.select"))))));
            }
        }
    }
    return error(404, QStringLiteral("BMXAA8727E"), QStringLiteral("The record %1 was not found.").arg(id));
}

} // namespace Interlock::Sim

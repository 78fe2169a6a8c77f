// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/maximo/MaximoSource.h"

#include "connectors/http/HttpClient.h"
#include "connectors/http/Redaction.h"
#include "connectors/maximo/MaximoErrors.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimer>
#include <algorithm>

Q_LOGGING_CATEGORY(lcMaximo, "interlock.connector.maximo", QtInfoMsg)

namespace Interlock::Connectors::Maximo {

namespace {

const QString kSelect = QStringLiteral(
    "wonum,siteid,orgid,description,status,status_maxvalue,worktype,wopriority,assetnum,location,glaccount,"
    "reportdate,changedate,matusetrans{matusetransid,itemnum,quantity,storeloc,issuetype,issueunit,transdate,unitcost,"
    "linecost}");

Unexpected invalid(const QString& message, const QByteArray& context = {})
{
    return fail(ErrorClass::Validation, QStringLiteral("MAXIMO_PAYLOAD"), message, 200,
        context.isEmpty() ? QString() : Http::Redaction::excerpt(context, 512));
}

/// A string attribute; numbers are not accepted where Maximo sends strings.
bool stringField(const QJsonObject& o, QLatin1String key, QString& out)
{
    const QJsonValue v = o.value(key);
    if (!v.isString())
        return false;
    out = v.toString();
    return !out.isEmpty();
}

/// An identifier Maximo may send as a number or a string (`_rowstamp`, `matusetransid`).
bool idField(const QJsonObject& o, QLatin1String key, QString& out)
{
    const QJsonValue v = o.value(key);
    if (v.isString()) {
        out = v.toString().trimmed();
        return !out.isEmpty() && out.size() <= 40;
    }
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d < 0 || d > 9.0e15 || d != static_cast<double>(static_cast<qint64>(d)))
            return false;
        out = QString::number(static_cast<qint64>(d));
        return true;
    }
    return false;
}

bool dateField(const QJsonObject& o, QLatin1String key, QString& text, qint64& ms)
{
    if (!stringField(o, key, text) || text.size() > 64)
        return false;
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        return false;
    ms = dt.toMSecsSinceEpoch();
    return true;
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

struct MaximoSource::Fetch
{
    std::function<void(Result<SourceBatch>)> done;
    QString watermark;
    SourceBatch batch;
    qint64 maxMs = 0;
    quint64 requestId = 0;
    QSet<QString> seen; ///< idempotency keys already in `batch` (boundary records are read again)
    QString boundary; ///< the changedate the current query starts at (inclusive)
    qint64 boundaryMs = -1;
    int pageNo = 1; ///< pageno within one boundary: only > 1 when a whole page shares one changedate
};

MaximoSource::MaximoSource(MaximoConfig config, Http::HttpClient* client, QObject* parent)
    : CmmsSource(parent)
    , m_config(std::move(config))
    , m_client(client ? client : new Http::HttpClient(this))
{
}

MaximoSource::~MaximoSource()
{
    if (m_fetch) {
        if (m_fetch->requestId && m_client)
            m_client->abort(m_fetch->requestId);
        auto done = std::move(m_fetch->done);
        m_fetch.reset();
        if (done)
            done(fail(ErrorClass::Transient, QStringLiteral("CANCELLED"),
                QStringLiteral("Maximo source shut down during a fetch")));
    }
}

QUrl MaximoSource::firstPageUrl(const QString& watermark) const
{
    QString site = m_config.site;
    site.remove(QLatin1Char('"'));
    QString where = QStringLiteral("siteid=\"") + site + QLatin1Char('"');
    if (!watermark.isEmpty()) {
        QString w = watermark;
        w.remove(QLatin1Char('"'));
        where += QStringLiteral(" and changedate>=\"") + w + QLatin1Char('"');
    }
    QByteArray query = "lean=1&oslc.select=" + QUrl::toPercentEncoding(kSelect, ",")
        + "&oslc.where=" + QUrl::toPercentEncoding(where)
        + "&oslc.orderBy=%2Bchangedate,%2Bwonum&oslc.pageSize=" + QByteArray::number(qMax(1, m_config.pageSize));
    QByteArray base = m_config.baseUrl.toEncoded(QUrl::StripTrailingSlash);
    return QUrl::fromEncoded(base + "/maximo/api/os/mxapiwodetail?" + query, QUrl::StrictMode);
}

void MaximoSource::fetchChanges(const QString& watermark, std::function<void(Result<SourceBatch>)> done)
{
    if (m_fetch) {
        QTimer::singleShot(0, this, [done = std::move(done)] {
            done(fail(
                ErrorClass::Transient, QStringLiteral("BUSY"), QStringLiteral("a Maximo fetch is already running")));
        });
        return;
    }
    m_fetch = std::make_unique<Fetch>();
    m_fetch->done = std::move(done);
    m_fetch->watermark = watermark;
    m_fetch->batch.watermark = watermark;
    m_fetch->boundary = watermark;
    const QDateTime w = QDateTime::fromString(watermark, Qt::ISODateWithMs);
    m_fetch->boundaryMs = w.isValid() ? w.toMSecsSinceEpoch() : -1;
    requestPage(firstPageUrl(watermark));
}

void MaximoSource::requestPage(const QUrl& url)
{
    if (!m_client) {
        QTimer::singleShot(0, this, [this] {
            if (m_fetch)
                finish(fail(ErrorClass::Transient, QStringLiteral("NO_CLIENT"), QStringLiteral("HTTP client is gone")));
        });
        return;
    }
    auto req = Http::HttpRequest::get(url)
                   .header("apikey", m_config.apiKey.toUtf8())
                   .header("Accept", "application/json")
                   .timeout(m_config.timeoutMs)
                   .maxResponseBytes(m_config.maxResponseBytes);
    m_fetch->requestId = m_client->send(req, this, [this](const Http::HttpResponse& r) {
        if (!m_fetch)
            return;
        m_fetch->requestId = 0;
        if (!r.isSuccess()) {
            finish(Unexpected { MaximoErrors::fromResponse(r) });
            return;
        }
        auto page = parsePage(r.body);
        if (!page) {
            finish(Unexpected { page.error() });
            return;
        }
        Fetch& f = *m_fetch;
        f.batch.pages += 1;
        for (SourceChange& c : page->changes) {
            if (!f.seen.contains(c.idempotencyKey)) {
                f.seen.insert(c.idempotencyKey);
                f.batch.changes.append(std::move(c));
            }
        }
        if (!page->maxChangedate.isEmpty() && (f.maxMs == 0 || page->maxChangedateMs > f.maxMs)) {
            f.maxMs = page->maxChangedateMs;
            f.batch.watermark = page->maxChangedate;
        }
        if (page->nextPageHref.isEmpty() || page->members == 0) {
            finish(std::move(f.batch));
            return;
        }
        if (f.batch.pages >= qMax(1, m_config.maxPages)) {
            f.batch.truncated = true;
            finish(std::move(f.batch));
            return;
        }
        // Keyset paging: the next page is a fresh query from the highest changedate read so far
        // (inclusive, duplicates dropped above) instead of nextPage.href. Offset paging (pageno) over
        // a set that changes while we page skips the record that slides onto an already-read page
        // when an earlier record is updated, and the watermark then moves past it for good.
        // nextPage only tells us that more records exist (its URL is never followed, so the API key
        // never goes anywhere but the configured server).
        if (page->maxChangedateMs > f.boundaryMs) {
            f.boundary = page->maxChangedate;
            f.boundaryMs = page->maxChangedateMs;
            f.pageNo = 1;
        } else {
            // The whole page shares the boundary second: step through that second by page number.
            f.pageNo += 1;
        }
        QUrl next = firstPageUrl(f.boundary);
        if (f.pageNo > 1)
            next = QUrl::fromEncoded(next.toEncoded() + "&pageno=" + QByteArray::number(f.pageNo), QUrl::StrictMode);
        requestPage(next);
    });
}

void MaximoSource::finish(Result<SourceBatch> result)
{
    auto done = std::move(m_fetch->done);
    m_fetch.reset();
    if (result)
        sortChanges(result->changes);
    else
        qCWarning(lcMaximo) << "fetch failed:" << result.error().summary();
    if (done)
        done(std::move(result));
}

Result<MaximoPage> MaximoSource::parsePage(const QByteArray& body)
{
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("Maximo answered malformed JSON: ") + pe.errorString(), body);
    if (!doc.isObject())
        return invalid(QStringLiteral("Maximo answered JSON that is not an object"), body);
    const QJsonObject root = doc.object();
    const QJsonValue memberV = root.value(QLatin1String("member"));
    if (!memberV.isArray() && !memberV.isUndefined())
        return invalid(QStringLiteral("Maximo 'member' is not an array"), body);

    MaximoPage page;
    const QJsonArray members = memberV.toArray();
    page.members = static_cast<int>(members.size());
    for (qsizetype i = 0; i < members.size(); ++i) {
        const QJsonValue mv = members.at(i);
        const QString where = QStringLiteral("member ") + QString::number(i);
        if (!mv.isObject())
            return invalid(where + QStringLiteral(" is not an object"), body);
        QJsonObject wo = mv.toObject();
        QString wonum, siteid, changedate, rowstamp;
        qint64 changedMs = 0;
        if (!stringField(wo, QLatin1String("wonum"), wonum) || wonum.size() > 64)
            return invalid(where + QStringLiteral(": 'wonum' missing or not a string"), compact(wo));
        if (!stringField(wo, QLatin1String("siteid"), siteid) || siteid.size() > 64)
            return invalid(where + QStringLiteral(": 'siteid' missing or not a string"), compact(wo));
        if (!dateField(wo, QLatin1String("changedate"), changedate, changedMs))
            return invalid(where + QStringLiteral(": 'changedate' missing or not an ISO 8601 date"), compact(wo));
        if (!idField(wo, QLatin1String("_rowstamp"), rowstamp))
            return invalid(where + QStringLiteral(": '_rowstamp' missing or not a string/number"), compact(wo));
        const QJsonValue rowsV = wo.value(QLatin1String("matusetrans"));
        if (!rowsV.isUndefined() && !rowsV.isNull() && !rowsV.isArray())
            return invalid(where + QStringLiteral(": 'matusetrans' is not an array"), compact(wo));
        wo.remove(QLatin1String("matusetrans"));

        const QString businessKey = siteid + QLatin1Char('/') + wonum;
        SourceChange header;
        header.flow = Flow::WorkOrder;
        header.operation = QStringLiteral("upsert");
        header.plant = siteid;
        header.sourceSystem = QStringLiteral("maximo");
        header.targetSystem = QStringLiteral("sap");
        header.businessKey = businessKey;
        header.idempotencyKey = QStringLiteral("maximo:") + businessKey + QLatin1Char('@') + rowstamp;
        header.payload = compact(wo);
        header.eventAtMs = changedMs;
        page.changes.append(header);
        if (page.maxChangedate.isEmpty() || changedMs > page.maxChangedateMs) {
            page.maxChangedate = changedate;
            page.maxChangedateMs = changedMs;
        }

        const QJsonArray rows = rowsV.toArray();
        for (qsizetype j = 0; j < rows.size(); ++j) {
            const QString rwhere = where + QStringLiteral(" matusetrans ") + QString::number(j);
            if (!rows.at(j).isObject())
                return invalid(rwhere + QStringLiteral(" is not an object"), compact(wo));
            QJsonObject row = rows.at(j).toObject();
            QString id, issuetype, transdate;
            qint64 transMs = 0;
            if (!idField(row, QLatin1String("matusetransid"), id))
                return invalid(rwhere + QStringLiteral(": 'matusetransid' missing or invalid"), compact(row));
            if (!stringField(row, QLatin1String("issuetype"), issuetype))
                return invalid(rwhere + QStringLiteral(": 'issuetype' missing or not a string"), compact(row));
            QString operation;
            if (issuetype.compare(QLatin1String("ISSUE"), Qt::CaseInsensitive) == 0)
                operation = QStringLiteral("goods_issue");
            else if (issuetype.compare(QLatin1String("RETURN"), Qt::CaseInsensitive) == 0)
                operation = QStringLiteral("goods_return");
            else
                return invalid(rwhere + QStringLiteral(": unknown issuetype ") + issuetype.left(32), compact(row));
            if (!dateField(row, QLatin1String("transdate"), transdate, transMs))
                return invalid(rwhere + QStringLiteral(": 'transdate' missing or not an ISO 8601 date"), compact(row));
            row.insert(QLatin1String("wonum"), wonum);
            row.insert(QLatin1String("siteid"), siteid);
            SourceChange c;
            c.flow = Flow::PartsConsumption;
            c.operation = operation;
            c.plant = siteid;
            c.sourceSystem = QStringLiteral("maximo");
            c.targetSystem = QStringLiteral("sap");
            c.businessKey = businessKey;
            c.idempotencyKey = QStringLiteral("maximo:") + siteid + QStringLiteral("/MATU/") + id;
            c.payload = compact(row);
            c.eventAtMs = transMs;
            page.changes.append(c);
        }
    }

    const QJsonValue infoV = root.value(QLatin1String("responseInfo"));
    if (infoV.isObject()) {
        const QJsonValue next = infoV.toObject().value(QLatin1String("nextPage"));
        if (next.isObject())
            page.nextPageHref = next.toObject().value(QLatin1String("href")).toString();
        else if (next.isString())
            page.nextPageHref = next.toString();
        else if (!next.isUndefined() && !next.isNull())
            return invalid(QStringLiteral("Maximo responseInfo.nextPage has an unexpected type"), body);
    } else if (!infoV.isUndefined() && !infoV.isNull()) {
        return invalid(QStringLiteral("Maximo responseInfo is not an object"), body);
    }
    return page;
}

void MaximoSource::sortChanges(QList<SourceChange>& changes)
{
    std::stable_sort(changes.begin(), changes.end(), [](const SourceChange& a, const SourceChange& b) {
        if (a.eventAtMs != b.eventAtMs)
            return a.eventAtMs < b.eventAtMs;
        const bool aHeader = a.flow == Flow::WorkOrder;
        const bool bHeader = b.flow == Flow::WorkOrder;
        return aHeader && !bHeader;
    });
    // A row read with its work order must never precede that header (its transdate can be older than
    // the header's changedate): the ERP order has to exist before parts are issued to it.
    QHash<QString, qsizetype> firstRow;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const SourceChange& c = changes.at(i);
        if (c.flow != Flow::WorkOrder) {
            firstRow.insert(c.businessKey, qMin(firstRow.value(c.businessKey, i), i));
            continue;
        }
        const auto it = firstRow.constFind(c.businessKey);
        if (it != firstRow.constEnd() && *it < i) {
            const qsizetype to = *it;
            changes.move(i, to);
            // Everything from `to` moved one place right; earlier-recorded positions >= to shift too.
            for (auto f = firstRow.begin(); f != firstRow.end(); ++f) {
                if (*f >= to)
                    *f += 1;
            }
        }
    }
}

} // namespace Interlock::Connectors::Maximo

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/CmmsSource.h"
#include "connectors/maximo/MaximoConfig.h"

#include <QLoggingCategory>
#include <QPointer>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcMaximo)

namespace Interlock::Connectors::Http {
class HttpClient;
}

namespace Interlock::Connectors::Maximo {

/// One parsed page of `mxapiwodetail` (lean JSON).
struct MaximoPage
{
    QList<SourceChange> changes; ///< in page order: each work order header, then its matusetrans rows
    QString maxChangedate; ///< highest `changedate` on the page, as received (empty when no member)
    qint64 maxChangedateMs = 0;
    QString nextPageHref; ///< responseInfo.nextPage(.href), empty when this is the last page
    int members = 0;
};

/// Polls Maximo work orders (with their material use rows) of one site through the JSON API
/// with an API key. Watermark = `changedate` (ISO 8601 string as Maximo returns it), inclusive.
/// Paging is keyset paging on changedate (each further page is a fresh `changedate>=` query from
/// the highest changedate read, duplicates dropped; pageno only within one crowded second), so a
/// record updated while we page cannot make another one slide past us; up to maxPages requests.
/// Thread: one thread; callbacks run there, never inside fetchChanges(). At most one fetch at a
/// time (a second call fails with Transient "BUSY"). Cookies are never sent nor kept.
/// `client` is not owned and must outlive this object; with nullptr the source makes its own.
/// Destroying the source while a fetch runs answers it with a Transient "CANCELLED" error.
class MaximoSource : public CmmsSource
{
    Q_OBJECT
public:
    MaximoSource(MaximoConfig config, Http::HttpClient* client = nullptr, QObject* parent = nullptr);
    ~MaximoSource() override;

    void fetchChanges(const QString& watermark, std::function<void(Result<SourceBatch>)> done) override;
    QString systemName() const override { return QStringLiteral("maximo"); }

    const MaximoConfig& config() const { return m_config; }
    /// The URL of the first page for `watermark` (exposed for tests and diagnostics).
    QUrl firstPageUrl(const QString& watermark) const;
    /// Parses one page. Malformed JSON, missing keys or wrong types give a Validation error.
    static Result<MaximoPage> parsePage(const QByteArray& body);
    /// Orders changes by event time; on equal times a work order header precedes its rows.
    static void sortChanges(QList<SourceChange>& changes);

private:
    struct Fetch;
    void requestPage(const QUrl& url);
    void finish(Result<SourceBatch> result);

    MaximoConfig m_config;
    QPointer<Http::HttpClient> m_client; ///< guarded: an owner may destroy a shared client first
    std::unique_ptr<Fetch> m_fetch;
};

} // namespace Interlock::Connectors::Maximo

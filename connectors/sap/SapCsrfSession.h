// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/http/HttpRequest.h"
#include "connectors/http/HttpResponse.h"
#include "models/domain/Result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>

class QNetworkCookieJar;

namespace Interlock::Connectors::Http {
class HttpClient;
}

namespace Interlock::Connectors::Sap {

/// The SAP CSRF handshake and session cookies of one connector.
/// A GET of `fetchRequest` with `X-CSRF-Token: Fetch` yields a token bound to the session cookies
/// that came with it; both go on every write (apply()). Cookies are kept in a private jar (never
/// the HttpClient's, never by name). Each token has a generation: invalidate(g) drops the token
/// only if it is still generation g, so N writes rejected together cause one fetch, and writes
/// that ask while a fetch runs wait for it. Thread: the owner's thread. `client` is not owned.
class SapCsrfSession : public QObject
{
    Q_OBJECT
public:
    using Ready = std::function<void(const Result<quint64>& generation)>;

    SapCsrfSession(Http::HttpClient* client, Http::HttpRequest fetchRequest, QObject* parent = nullptr);
    ~SapCsrfSession() override;

    /// Calls `ready` with the current token generation: at once when a token is held, else after
    /// the (single, shared) fetch. On failure `ready` gets the classified fetch error. A `ready`
    /// whose `context` was destroyed is dropped.
    void ensureToken(QObject* context, Ready ready);
    /// Forgets the token if it is still `generation` (a write was rejected with "Required").
    void invalidate(quint64 generation);
    /// Adds the session cookies and, when held, the token.
    void apply(Http::HttpRequest& request) const;
    /// Adds only the session cookies (reads).
    void applyCookies(Http::HttpRequest& request) const;
    /// Keeps the cookies a response set.
    void absorb(const Http::HttpResponse& response, const QUrl& url);

    bool hasToken() const { return m_hasToken; }
    quint64 generation() const { return m_generation; }
    int fetchCount() const { return m_fetchCount; }
    QString fetchRequestText() const { return m_fetchRequest.describe(); }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Ready ready;
    };
    void startFetch();

    QPointer<Http::HttpClient> m_client; ///< guarded: an owner may destroy a shared client first
    Http::HttpRequest m_fetchRequest;
    QNetworkCookieJar* m_jar = nullptr;
    QByteArray m_token;
    bool m_hasToken = false;
    bool m_fetching = false;
    quint64 m_generation = 0;
    int m_fetchCount = 0;
    QList<Waiter> m_waiters;
};

} // namespace Interlock::Connectors::Sap

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sap/SapCsrfSession.h"

#include "connectors/http/HttpClient.h"
#include "connectors/sap/SapErrors.h"

#include <QNetworkCookie>
#include <QNetworkCookieJar>

namespace Interlock::Connectors::Sap {

SapCsrfSession::SapCsrfSession(Http::HttpClient* client, Http::HttpRequest fetchRequest, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_fetchRequest(std::move(fetchRequest))
    , m_jar(new QNetworkCookieJar(this))
{
    m_fetchRequest.header("X-CSRF-Token", "Fetch");
}

SapCsrfSession::~SapCsrfSession() = default;

void SapCsrfSession::ensureToken(QObject* context, Ready ready)
{
    if (m_hasToken) {
        ready(m_generation);
        return;
    }
    m_waiters.append({ QPointer<QObject>(context), context != nullptr, std::move(ready) });
    if (!m_fetching)
        startFetch();
}

void SapCsrfSession::invalidate(quint64 generation)
{
    if (m_hasToken && generation == m_generation) {
        m_hasToken = false;
        m_token.clear();
    }
}

void SapCsrfSession::applyCookies(Http::HttpRequest& request) const
{
    const auto cookies = m_jar->cookiesForUrl(request.url());
    if (cookies.isEmpty()) {
        request.removeHeader("Cookie");
        return;
    }
    QByteArray value;
    for (const auto& c : cookies) {
        if (!value.isEmpty())
            value += "; ";
        value += c.toRawForm(QNetworkCookie::NameAndValueOnly);
    }
    request.header("Cookie", value);
}

void SapCsrfSession::apply(Http::HttpRequest& request) const
{
    applyCookies(request);
    if (m_hasToken && !m_token.isEmpty())
        request.header("X-CSRF-Token", m_token);
}

void SapCsrfSession::absorb(const Http::HttpResponse& response, const QUrl& url)
{
    for (const auto& h : response.headers) {
        if (h.first.compare("Set-Cookie", Qt::CaseInsensitive) == 0)
            m_jar->setCookiesFromUrl(QNetworkCookie::parseCookies(h.second), url);
    }
}

void SapCsrfSession::startFetch()
{
    if (!m_client) {
        const auto waiters = std::exchange(m_waiters, {});
        for (const auto& w : waiters) {
            if (!w.hasContext || w.context)
                w.ready(
                    fail(ErrorClass::Transient, QStringLiteral("NO_CLIENT"), QStringLiteral("HTTP client is gone")));
        }
        return;
    }
    m_fetching = true;
    ++m_fetchCount;
    Http::HttpRequest req = m_fetchRequest;
    applyCookies(req);
    const QUrl url = req.url();
    m_client->send(req, this, [this, url](const Http::HttpResponse& r) {
        m_fetching = false;
        absorb(r, url);
        Result<quint64> result = quint64(0);
        if (r.isSuccess()) {
            // A system without CSRF protection answers no token: writes then go without one.
            m_token = r.header("x-csrf-token").trimmed();
            m_hasToken = true;
            ++m_generation;
            result = m_generation;
        } else {
            Error e = SapErrors::fromResponse(r, false);
            e.message = QStringLiteral("CSRF token fetch failed: ") + e.message;
            result = Unexpected { e };
        }
        const auto waiters = std::exchange(m_waiters, {});
        for (const auto& w : waiters) {
            if (w.hasContext && !w.context)
                continue;
            w.ready(result);
        }
    });
}

} // namespace Interlock::Connectors::Sap

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/http/HttpClient.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <memory>

Q_LOGGING_CATEGORY(lcHttp, "interlock.http", QtInfoMsg)

namespace Interlock::Connectors::Http {

namespace {

/// A jar that never keeps nor offers a cookie: session handling is the connector's business
/// (Maximo API keys must never travel with cookies; SAP sessions are kept per connector).
class NoCookieJar : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    QList<QNetworkCookie> cookiesForUrl(const QUrl&) const override { return {}; }
    bool setCookiesFromUrl(const QList<QNetworkCookie>&, const QUrl&) override { return false; }
};

struct ReplyState
{
    QElapsedTimer timer;
    bool sent = false;
    bool tooLarge = false;
};

} // namespace

HttpClient::HttpClient(QObject* parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setCookieJar(new NoCookieJar(m_nam));
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpClient::~HttpClient()
{
    const auto replies = m_replies;
    m_replies.clear();
    for (const auto& reply : replies) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
        }
    }
}

quint64 HttpClient::send(const HttpRequest& request, QObject* context, Callback done)
{
    QNetworkRequest nr(request.url());
    for (const auto& h : request.headers())
        nr.setRawHeader(h.first, h.second);
    nr.setTransferTimeout(request.timeoutMs());
    nr.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    nr.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    nr.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    nr.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    nr.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    nr.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    const QByteArray method = request.method().toUpper();
    QNetworkReply* reply = nullptr;
    if (method == "GET")
        reply = m_nam->get(nr);
    else if (method == "POST")
        reply = m_nam->post(nr, request.bodyData());
    else if (method == "PUT")
        reply = m_nam->put(nr, request.bodyData());
    else if (method == "DELETE" && request.bodyData().isEmpty())
        reply = m_nam->deleteResource(nr);
    else
        reply = m_nam->sendCustomRequest(nr, method, request.bodyData());

    const quint64 id = m_nextId++;
    m_replies.insert(id, reply);
    auto state = std::make_shared<ReplyState>();
    state->timer.start();
    const bool hasContext = context != nullptr;
    QPointer<QObject> guard(context);

    connect(reply, &QNetworkReply::requestSent, this, [state] { state->sent = true; });
    connect(reply, &QNetworkReply::uploadProgress, this, [state](qint64 sent, qint64) {
        if (sent > 0)
            state->sent = true;
    });
    // Oversized answers are refused before they fill memory: by Content-Length, or as they arrive.
    const qint64 maxBytes = request.maxResponseBytesLimit();
    connect(reply, &QNetworkReply::downloadProgress, this, [reply, state, maxBytes](qint64 received, qint64 total) {
        if (state->tooLarge || (received <= maxBytes && total <= maxBytes))
            return;
        state->tooLarge = true;
        reply->abort(); // emits finished, handled below
    });
    connect(reply, &QNetworkReply::finished, this,
        [this, id, reply, state, hasContext, guard, method, maxBytes, done = std::move(done)] {
            m_replies.remove(id);
            reply->deleteLater();
            HttpResponse r;
            r.durationMs = static_cast<int>(state->timer.elapsed());
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.headers = reply->rawHeaderPairs();
            if (reply->isOpen() && !state->tooLarge)
                r.body = reply->readAll();
            r.bodyTooLarge = state->tooLarge;
            r.maxBodyBytes = maxBytes;
            r.networkError = reply->error();
            r.requestSent = state->sent || r.status > 0;
            if (r.networkError != QNetworkReply::NoError)
                r.errorString = reply->errorString();
            if (r.bodyTooLarge)
                r.errorString = QStringLiteral("response body over the limit of %1 bytes").arg(maxBytes);
            // Qt reports an expired transfer timeout as OperationCanceledError (6.4) or TimeoutError.
            // abort() disconnects before cancelling, so a cancellation that reaches us is the timeout.
            r.timedOut = r.status == 0 && !r.bodyTooLarge
                && (r.networkError == QNetworkReply::TimeoutError
                    || r.networkError == QNetworkReply::OperationCanceledError);
            if (hasContext && !guard)
                return;
            qCDebug(lcHttp) << method.constData() << reply->url().path() << r.status << r.networkError << r.durationMs
                            << "ms";
            if (done)
                done(r);
        });
    return id;
}

void HttpClient::abort(quint64 id)
{
    const auto reply = m_replies.take(id);
    if (!reply)
        return;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

} // namespace Interlock::Connectors::Http

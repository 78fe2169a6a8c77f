// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/http/HttpRequest.h"
#include "connectors/http/HttpResponse.h"

#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace Interlock::Connectors::Http {

/// Asynchronous HTTP client wrapping one QNetworkAccessManager.
/// Thread: lives in, and must only be used from, the thread that created it (one per thread).
/// Cookies: never stored nor sent automatically (connectors that need a session keep their own
/// store and set the Cookie header themselves). Redirects are not followed.
/// Callbacks run later in the client's thread, never inside send(); a callback whose `context`
/// has been destroyed is dropped. Destroying the client aborts every request in flight without
/// calling their callbacks; owners that promise "exactly one answer" must answer first.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const HttpResponse&)>;

    explicit HttpClient(QObject* parent = nullptr);
    ~HttpClient() override;

    /// Sends `request`; `done` is called once with the response unless `context` is gone or the
    /// request was aborted with abort(). Returns an id for abort().
    quint64 send(const HttpRequest& request, QObject* context, Callback done);
    /// Aborts a request in flight; its callback is not called. Unknown ids are ignored.
    void abort(quint64 id);
    int inFlight() const { return static_cast<int>(m_replies.size()); }

private:
    QNetworkAccessManager* m_nam = nullptr;
    QHash<quint64, QPointer<QNetworkReply>> m_replies;
    quint64 m_nextId = 1;
};

} // namespace Interlock::Connectors::Http

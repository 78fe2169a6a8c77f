// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace Interlock::Connectors::Maximo {

/// Connection settings of one Maximo site feed. `baseUrl` is the server root
/// (e.g. http://host:port, without /maximo); the API key is a secret: never log it.
struct MaximoConfig
{
    QUrl baseUrl;
    QString apiKey;
    QString site; ///< siteid, e.g. "BEDFORD"
    int pageSize = 200; ///< oslc.pageSize
    int maxPages = 20; ///< page budget per fetch; the batch is marked truncated when it runs out
    int timeoutMs = 10000; ///< transfer timeout per request
    qint64 maxResponseBytes = 16 * 1024 * 1024; ///< a larger page is refused (RESPONSE_TOO_LARGE)
};

} // namespace Interlock::Connectors::Maximo

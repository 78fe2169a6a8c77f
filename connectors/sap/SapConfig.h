// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace Interlock::Connectors::Sap {

/// Connection settings of one SAP S/4HANA system (OData V2, Basic auth).
/// `baseUrl` is the OData root, e.g. http://host:port/sap/opu/odata/sap (services are appended).
/// The password is a secret: never log it.
struct SapConfig
{
    QUrl baseUrl;
    QString user;
    QString password;
    QString sapClient; ///< optional: sent as `sap-client=NNN` on every request
    int timeoutMs = 10000; ///< transfer timeout per request
    qint64 maxResponseBytes = 16 * 1024 * 1024; ///< a larger answer is refused (RESPONSE_TOO_LARGE)
};

} // namespace Interlock::Connectors::Sap

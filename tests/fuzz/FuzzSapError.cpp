// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// A SAP Gateway error body (`{"error":{"code","message":{"value"},"innererror":{...}}}`, an HTML
// page from a proxy, anything) through SapErrors. The first byte picks the HTTP status, whether the
// call was a write and whether `x-csrf-token: Required` came back; the rest is the body.
#include "connectors/sap/SapErrors.h"
#include "tests/fuzz/FuzzSupport.h"

#include <array>

using namespace Interlock;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Fuzz::quiet();
    static constexpr std::array<int, 14> statuses { 400, 401, 403, 404, 405, 409, 412, 428, 429, 500, 503, 0, 0, 502 };
    Connectors::Http::HttpResponse response;
    bool isWrite = false;
    if (size > 0) {
        const std::uint8_t selector = data[0];
        response.status = statuses.at((selector & 0x0f) % statuses.size());
        isWrite = (selector & 0x10) != 0;
        if ((selector & 0x20) != 0)
            response.headers.append({ QByteArrayLiteral("x-csrf-token"), QByteArrayLiteral("Required") });
        if (response.status == 0) {
            response.networkError
                = (selector & 0x40) != 0 ? QNetworkReply::OperationCanceledError : QNetworkReply::RemoteHostClosedError;
            response.timedOut = (selector & 0x40) != 0;
            response.requestSent = (selector & 0x80) != 0;
        }
        response.body = Fuzz::bytes(data + 1, size - 1);
    }

    const auto body = Connectors::Sap::SapErrors::parseBody(response.body);
    if (!body.valid)
        FUZZ_CHECK(body.details.isEmpty());
    Q_UNUSED(Connectors::Sap::SapErrors::isLockMessage(body.message))
    for (const auto& detail : body.details)
        Q_UNUSED(Connectors::Sap::SapErrors::isLockMessage(detail.message))
    Q_UNUSED(Connectors::Sap::SapErrors::isCsrfRequired(response))
    const Error error = Connectors::Sap::SapErrors::fromResponse(response, isWrite);
    FUZZ_CHECK(error.errorClass != ErrorClass::None);
    return 0;
}

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// A Maximo error body (`{"Error":{...}}`, or whatever a proxy sent instead) through MaximoErrors.
// The first byte picks the HTTP status; the rest is the body.
#include "connectors/maximo/MaximoErrors.h"
#include "tests/fuzz/FuzzSupport.h"

#include <array>

using namespace Interlock;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Fuzz::quiet();
    static constexpr std::array<int, 12> statuses { 400, 401, 403, 404, 409, 412, 429, 500, 502, 503, 0, 302 };
    Connectors::Http::HttpResponse response;
    if (size > 0) {
        response.status = statuses.at(data[0] % statuses.size());
        response.body = Fuzz::bytes(data + 1, size - 1);
    }
    if (response.status == 0)
        response.networkError = QNetworkReply::ConnectionRefusedError;

    const auto body = Connectors::Maximo::MaximoErrors::parseBody(response.body);
    if (!body.valid)
        FUZZ_CHECK(body.reasonCode.isEmpty());
    const Error error = Connectors::Maximo::MaximoErrors::fromResponse(response);
    FUZZ_CHECK(error.errorClass != ErrorClass::None);
    Q_UNUSED(Connectors::Maximo::MaximoErrors::classify(body.statusCode, body.reasonCode))
    return 0;
}

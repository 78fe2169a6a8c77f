// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// An OData V2 JSON response (`{"d":{...}}`, `{"d":{"results":[...]}}`) through ODataV2: the
// envelopes, then every property value through the date, decimal and scalar readers.
#include "connectors/sap/ODataV2.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Interlock;
using Connectors::Sap::ODataV2;

namespace {

void readValue(const QJsonValue& value)
{
    if (value.isString()) {
        // a date read back from its own formatting is the same instant
        if (const auto ms = ODataV2::parseDate(value.toString())) {
            FUZZ_CHECK(ODataV2::parseDate(ODataV2::formatDate(*ms)) == ms);
            FUZZ_CHECK(ODataV2::parseDate(ODataV2::formatDateTimeOffset(*ms)) == ms);
        }
        Q_UNUSED(ODataV2::quote(value.toString()))
    }
    // a decimal string is its own canonical form
    if (const auto decimal = ODataV2::decimalString(value))
        FUZZ_CHECK(ODataV2::decimalString(QJsonValue(*decimal)) == decimal);
    Q_UNUSED(ODataV2::scalarText(value))
}

void readEntity(const QJsonObject& entity)
{
    for (auto it = entity.constBegin(); it != entity.constEnd(); ++it) {
        readValue(it.value());
        // navigation properties come inline as {"results":[...]} or as an object
        const QJsonObject nested = it.value().toObject();
        const QJsonArray results = nested.value(QLatin1String("results")).toArray();
        for (const QJsonValue& v : results)
            readValue(v);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Fuzz::quiet();
    const QByteArray body = Fuzz::bytes(data, size);
    if (const auto entity = ODataV2::unwrapEntity(body))
        readEntity(*entity);
    if (const auto results = ODataV2::unwrapResults(body)) {
        for (const QJsonValue& v : *results)
            readEntity(v.toObject());
    }
    // the raw text as a property value, too
    readValue(QJsonValue(QString::fromUtf8(body)));
    return 0;
}

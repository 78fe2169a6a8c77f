// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// A journaled message's source payload through MaximoToSap (the transform every message goes
// through before it is posted). The first byte picks the flow and operation; the rest is the payload.
#include "connectors/transform/MaximoToSap.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QJsonDocument>
#include <array>

using namespace Interlock;

namespace {

Mapping mapping(const QString& domain, const QString& plant, const QString& from, const QString& to)
{
    Mapping m;
    m.domain = domain;
    m.plant = plant;
    m.sourceSystem = QStringLiteral("maximo");
    m.sourceValue = from;
    m.targetSystem = QStringLiteral("sap");
    m.targetValue = to;
    return m;
}

/// The values of the seed corpus are mapped, so the fuzzer reaches the field rules behind the lookups.
const Connectors::MappingLookup& lookup()
{
    static const Connectors::MappingLookup rows({
        mapping(Domain::Plant, {}, QStringLiteral("BEDFORD"), QStringLiteral("1710")),
        mapping(Domain::Plant, {}, QStringLiteral("NASHUA"), QStringLiteral("1720")),
        mapping(Domain::WorkOrderStatus, {}, QStringLiteral("APPR"), QStringLiteral("REL")),
        mapping(Domain::WorkOrderStatus, {}, QStringLiteral("WAPPR"), QStringLiteral("CRTD")),
        mapping(Domain::WorkOrderStatus, {}, QStringLiteral("INPRG"), QStringLiteral("REL")),
        mapping(Domain::WorkOrderStatus, {}, QStringLiteral("COMP"), QStringLiteral("TECO")),
        mapping(Domain::WorkOrderStatus, {}, QStringLiteral("CLOSE"), QStringLiteral("CLSD")),
        mapping(Domain::Equipment, {}, QStringLiteral("A1003"), QStringLiteral("10000003")),
        mapping(Domain::CostCenter, QStringLiteral("BEDFORD"), QStringLiteral("6000-101"), QStringLiteral("1710-101")),
        mapping(Domain::Material, {}, QStringLiteral("0-0031"), QStringLiteral("SP-0031")),
        mapping(Domain::StorageLocation, QStringLiteral("BEDFORD"), QStringLiteral("CENTRAL"), QStringLiteral("171A")),
        // the simulator's values (corpus/Transform/*-sim-*), for any plant
        mapping(Domain::Equipment, {}, QStringLiteral("A1002"), QStringLiteral("10000002")),
        mapping(Domain::Equipment, {}, QStringLiteral("A1010"), QStringLiteral("10000010")),
        mapping(Domain::Equipment, {}, QStringLiteral("A1012"), QStringLiteral("10000012")),
        mapping(Domain::Equipment, {}, QStringLiteral("A1027"), QStringLiteral("10000027")),
        mapping(Domain::Equipment, {}, QStringLiteral("A1032"), QStringLiteral("10000032")),
        mapping(Domain::CostCenter, {}, QStringLiteral("6000-102"), QStringLiteral("1700-102")),
        mapping(Domain::CostCenter, {}, QStringLiteral("6000-104"), QStringLiteral("1700-104")),
        mapping(Domain::CostCenter, {}, QStringLiteral("6000-105"), QStringLiteral("1700-105")),
        mapping(Domain::Material, {}, QStringLiteral("0-0008"), QStringLiteral("SP-0008")),
        mapping(Domain::Material, {}, QStringLiteral("0-0016"), QStringLiteral("SP-0016")),
        mapping(Domain::Material, {}, QStringLiteral("0-0033"), QStringLiteral("SP-0033")),
        mapping(Domain::Material, {}, QStringLiteral("0-0039"), QStringLiteral("SP-0039")),
        mapping(Domain::StorageLocation, {}, QStringLiteral("CENTRAL"), QStringLiteral("170A")),
        mapping(Domain::StorageLocation, {}, QStringLiteral("STORE2"), QStringLiteral("170B")),
    });
    return rows;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Fuzz::quiet();
    struct Kind
    {
        const QString& flow;
        const char* operation;
    };
    static const QString unknownFlow = QStringLiteral("purchase_order");
    static const std::array<Kind, 4> kinds { { { Flow::WorkOrder, "upsert" }, { Flow::PartsConsumption, "goods_issue" },
        { Flow::PartsConsumption, "goods_return" }, { unknownFlow, "upsert" } } };
    Message message;
    message.id = 1;
    message.seq = 1;
    message.sourceSystem = QStringLiteral("maximo");
    message.targetSystem = QStringLiteral("sap");
    if (size > 0) {
        const Kind& kind = kinds.at(data[0] % kinds.size());
        message.flow = kind.flow;
        message.operation = QString::fromLatin1(kind.operation);
        message.sourcePayload = Fuzz::bytes(data + 1, size - 1);
    }

    const Connectors::MaximoToSap transform(lookup());
    const Connectors::TransformResult result = transform.transform(message);
    if (result.ok()) {
        FUZZ_CHECK(!result.fields.isEmpty());
        FUZZ_CHECK(!result.targetPlant.isEmpty());
        Q_UNUSED(QJsonDocument(result.fields).toJson(QJsonDocument::Compact))
    } else if (result.error->errorClass == ErrorClass::MissingMapping) {
        FUZZ_CHECK(!result.missingDomain.isEmpty());
    } else {
        FUZZ_CHECK(result.error->errorClass == ErrorClass::Validation);
    }
    return 0;
}

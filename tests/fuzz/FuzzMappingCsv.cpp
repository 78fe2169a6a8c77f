// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// A mapping CSV import through MappingCsv::parse; what parses must survive an export and a re-import.
#include "app/engine/MappingCsv.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Interlock;

namespace {
Result<QList<Mapping>> parse(const QByteArray& csv)
{
    return Engine::MappingCsv::parse(
        csv, QStringLiteral("maximo"), QStringLiteral("sap"), QStringLiteral("fuzz"), 1'700'000'000'000);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Fuzz::quiet();
    const auto rows = parse(Fuzz::bytes(data, size));
    if (!rows) {
        FUZZ_CHECK(rows.error().errorClass != ErrorClass::None);
        return 0;
    }
    const auto again = parse(Engine::MappingCsv::write(*rows));
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->size() == rows->size());
    for (qsizetype i = 0; i < rows->size(); ++i) {
        const Mapping& a = rows->at(i);
        const Mapping& b = again->at(i);
        FUZZ_CHECK(a.domain == b.domain && a.plant == b.plant);
        FUZZ_CHECK(a.sourceValue == b.sourceValue && a.targetValue == b.targetValue);
    }
    return 0;
}

// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// A Maximo `mxapiwodetail` page (lean JSON) through MaximoSource::parsePage, then the changes it
// yields through sortChanges and MaximoChangeOrder (the path of every polled page).
#include "connectors/maximo/MaximoSource.h"
#include "connectors/transform/MaximoChangeOrder.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QSet>

using namespace Interlock;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Fuzz::quiet();
    const auto page = Connectors::Maximo::MaximoSource::parsePage(Fuzz::bytes(data, size));
    if (!page) {
        FUZZ_CHECK(page.error().errorClass != ErrorClass::None);
        return 0;
    }
    FUZZ_CHECK(page->members >= 0);
    QList<SourceChange> changes = page->changes;
    Connectors::Maximo::MaximoSource::sortChanges(changes);
    FUZZ_CHECK(changes.size() == page->changes.size());

    // every other work order counts as already journaled, so both of the ordering's cases run
    QSet<QString> known;
    for (qsizetype i = 0; i < changes.size(); i += 2)
        known.insert(changes.at(i).businessKey);
    const QList<SourceChange> ordered = Connectors::MaximoChangeOrder::apply(changes, known);
    // the ordering may add a synthetic "#open" header, but it never drops a change
    FUZZ_CHECK(ordered.size() >= changes.size());
    QSet<QString> keys;
    for (const SourceChange& c : ordered)
        keys.insert(c.idempotencyKey);
    for (const SourceChange& c : changes)
        FUZZ_CHECK(keys.contains(c.idempotencyKey));
    return 0;
}

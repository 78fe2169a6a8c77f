// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// An error text (as a target sent it) through the ErrorSignature normalizer that groups exceptions.
// The first byte picks the decoding: UTF-8, or raw UTF-16 (which can hold lone surrogates, as a
// JSON "\ud800" escape can); the rest is the text.
#include "app/ops/ErrorSignature.h"
#include "tests/fuzz/FuzzSupport.h"

#include <cstring>

using namespace Interlock;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Fuzz::quiet();
    if (size == 0)
        return 0;
    const QByteArray raw = Fuzz::bytes(data + 1, size - 1);
    QString text;
    if ((data[0] & 1) != 0) {
        text = QString(raw.size() / 2, Qt::Uninitialized);
        std::memcpy(text.data(), raw.constData(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    } else {
        text = QString::fromUtf8(raw);
    }
    const QString normalized = Ops::ErrorSignature::normalize(text);
    // a signature is stable: normalizing it again changes nothing
    FUZZ_CHECK(Ops::ErrorSignature::normalize(normalized) == normalized);
    const QString key = Ops::ErrorSignature::key(ErrorClass::Permanent, QStringLiteral("M7/021"), text);
    FUZZ_CHECK(key.endsWith(normalized));
    return 0;
}

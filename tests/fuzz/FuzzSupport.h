// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

/// Shared by the libFuzzer targets (tests/fuzz/Fuzz*.cpp) and their replay driver (ReplayMain.cpp).
/// A target is one `LLVMFuzzerTestOneInput`: it feeds the bytes to one parser, checks the parser's
/// own invariants with FUZZ_CHECK, and never touches the network or the disk outside a temp dir.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace Interlock::Fuzz {

/// The input as a deep copy (a QByteArray is NUL-terminated; the fuzzer's buffer is not).
inline QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

/// Silences Qt's logging: the parsers log hostile input, and printing it slows the fuzzer down.
inline void quiet()
{
    static const bool once = [] {
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& text) {
            if (type == QtFatalMsg) {
                std::fprintf(stderr, "qFatal: %s\n", qPrintable(text));
                std::abort();
            }
        });
        return true;
    }();
    Q_UNUSED(once)
}

/// A broken invariant is a finding: abort, so libFuzzer keeps the input as a crash.
[[noreturn]] inline void fail(const char* what, const char* file, int line)
{
    std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", what, file, line);
    std::abort();
}

} // namespace Interlock::Fuzz

#define FUZZ_CHECK(cond)                                                                                               \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            ::Interlock::Fuzz::fail(#cond, __FILE__, __LINE__);                                                        \
    } while (false)

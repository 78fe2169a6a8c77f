// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Replays files through a fuzz target's LLVMFuzzerTestOneInput without libFuzzer (any compiler):
// `replay_<Target> DIR_OR_FILE...` runs every file, in name order; a missing folder is skipped
// (git keeps no empty regressions/ folder), but no file at all is an error.
#include "tests/fuzz/FuzzSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <cstdio>

int main(int argc, char** argv)
{
    QStringList files;
    for (int i = 1; i < argc; ++i) {
        const QFileInfo arg(QString::fromLocal8Bit(argv[i]));
        if (arg.isDir()) {
            const QDir dir(arg.filePath());
            const auto names = dir.entryList(QDir::Files | QDir::Hidden, QDir::Name);
            for (const QString& name : names)
                files << dir.filePath(name);
        } else if (arg.isFile()) {
            files << arg.filePath();
        }
    }
    if (files.isEmpty()) {
        std::fprintf(stderr, "replay: no input file in the %d argument(s)\n", argc - 1);
        return 2;
    }
    for (const QString& path : files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "replay: cannot read %s\n", qPrintable(path));
            return 2;
        }
        const QByteArray data = f.readAll();
        std::fprintf(stderr, "replay: %s (%lld bytes)\n", qPrintable(path), static_cast<long long>(data.size()));
        LLVMFuzzerTestOneInput(
            reinterpret_cast<const std::uint8_t*>(data.constData()), static_cast<std::size_t>(data.size()));
    }
    std::printf("replay: %lld file(s) ran without a crash\n", static_cast<long long>(files.size()));
    return 0;
}

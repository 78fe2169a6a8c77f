#!/bin/sh
# SPDX-FileCopyrightText: 2026 Interlock developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the benchmarks with the release preset (under the shared build lock) and runs one:
#   tests/bench/run-bench.sh [journal] [ARGS]   interlock-bench-journal, e.g. --rows 200000
#   tests/bench/run-bench.sh console [ARGS]     interlock-bench-console on generated journals of
#       1,000,000 and 10,000,000 rows (BENCH_CONSOLE_ROWS="1000000 10000000"), kept in
#       BENCH_DIR (default /tmp/interlock-bench) and reused; a size whose journal is missing is
#       generated first, under the build lock (CPU heavy), when the disk has room for it.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
lock=${INTERLOCK_BUILD_LOCK:-/tmp/interlock-build.lock}
cd "$root"
which=journal
if [ "${1:-}" = journal ] || [ "${1:-}" = console ]; then
    which=$1
    shift
fi
flock "$lock" cmake --preset release >/dev/null
if [ "$which" = journal ]; then
    flock "$lock" cmake --build build/release --target interlock-bench-journal
    exec "$root/build/release/tests/bench/interlock-bench-journal" "$@"
fi

flock "$lock" cmake --build build/release --target interlock-bench-console
bench="$root/build/release/tests/bench/interlock-bench-console"
dir=${BENCH_DIR:-/tmp/interlock-bench}
mkdir -p "$dir"
export QT_QPA_PLATFORM=offscreen
for rows in ${BENCH_CONSOLE_ROWS:-1000000 10000000}; do
    journal="$dir/console-$rows.sqlite"
    if [ ! -f "$journal" ]; then
        # about 1.4 KB per message with its attempts and indexes, and room to spare
        need_kb=$((rows * 16 / 10 + 2000000))
        avail_kb=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')
        if [ "$avail_kb" -lt "$need_kb" ]; then
            echo "skipping $rows rows: $((avail_kb / 1024)) MB free in $dir, about $((need_kb / 1024)) MB needed"
            continue
        fi
        flock "$lock" "$bench" --generate-only --rows "$rows" --dir "$dir"
    fi
    extra=""
    # the fetch-everything baseline only where it fits in memory
    [ "$rows" -le 2000000 ] && extra="--fetch-all"
    flock "$lock" "$bench" --rows "$rows" --dir "$dir" $extra "$@"
done

#!/bin/sh
# SPDX-FileCopyrightText: 2026 Interlock developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds interlock-bench-journal with the release preset (under the shared build lock) and runs it.
# Arguments go to the benchmark, e.g. tests/bench/run-bench.sh --rows 200000
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
lock=${INTERLOCK_BUILD_LOCK:-/tmp/interlock-build.lock}
cd "$root"
flock "$lock" cmake --preset release >/dev/null
flock "$lock" cmake --build build/release --target interlock-bench-journal
exec "$root/build/release/tests/bench/interlock-bench-journal" "$@"

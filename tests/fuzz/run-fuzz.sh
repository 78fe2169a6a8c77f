#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Interlock developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A short libFuzzer run of every parser's target (tests/fuzz/Fuzz*.cpp), part of `scripts/setup.sh test`:
# configures and builds the fuzz preset (clang, ASan + UBSan), runs each target for a bounded time from
# its seed corpus and regressions, and prints executions per target. A crash fails the run and leaves
# the crashing input in build/fuzz/crashes/<Target>/; copy it into tests/fuzz/regressions/<Target>/ so
# the ctest fuzz.<Target> (debug and ci presets) replays it from then on.
#
#   bash tests/fuzz/run-fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Environment: INTERLOCK_FUZZ_SECONDS (default 10, used when no argument is given),
#   INTERLOCK_BUILD_LOCK: a lock file taken (flock) around the build and around each run, for
#   machines where several people build at once; unset, nothing is locked.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seconds="${1:-${INTERLOCK_FUZZ_SECONDS:-10}}"
[[ $# -gt 0 ]] && shift
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || { echo "run-fuzz: bad SECONDS_PER_TARGET '$seconds'" >&2; exit 2; }

locked() {
    if [[ -n "${INTERLOCK_BUILD_LOCK:-}" ]]; then
        flock "$INTERLOCK_BUILD_LOCK" "$@"
    else
        "$@"
    fi
}

build=build/fuzz
start=$SECONDS
echo "[fuzz] cmake --preset fuzz && cmake --build --preset fuzz"
locked cmake --preset fuzz >"$build.configure.log" 2>&1 || { cat "$build.configure.log" >&2; exit 1; }
locked cmake --build --preset fuzz
build_seconds=$((SECONDS - start))

if (($# > 0)); then
    targets=("$@")
else
    targets=()
    for exe in "$build"/tests/fuzz/fuzz_*; do
        [[ -f "$exe" && -x "$exe" ]] && targets+=("${exe##*/fuzz_}")
    done
fi
((${#targets[@]} > 0)) || { echo "run-fuzz: no fuzz target was built in $build/tests/fuzz" >&2; exit 1; }

# halt on the first error; leaks are reported (Qt's own one-time allocations are still reachable, not leaks)
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=0:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export QT_QPA_PLATFORM=offscreen

rows=()
failed=()
for t in "${targets[@]}"; do
    exe="$build/tests/fuzz/fuzz_$t"
    [[ -x "$exe" ]] || { echo "run-fuzz: $exe was not built" >&2; exit 1; }
    work="$build/corpus/$t" # what the fuzzer finds stays in the build tree; the seeds stay small
    crashes="$build/crashes/$t"
    log="$build/fuzz-$t.log"
    mkdir -p "$work" "$crashes"
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
        -artifact_prefix="$crashes/")
    [[ -f "tests/fuzz/$t.dict" ]] && args+=(-dict="tests/fuzz/$t.dict")
    seeds=("tests/fuzz/corpus/$t")
    [[ -d "tests/fuzz/regressions/$t" ]] && seeds+=("tests/fuzz/regressions/$t")
    echo "[fuzz] $t: ${seconds} s from ${seeds[*]}"
    set +e
    locked "$exe" "${args[@]}" "$work" "${seeds[@]}" >"$log" 2>&1
    rc=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    added=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    result=ok
    if ((rc != 0)); then
        result="CRASH (exit $rc)"
        failed+=("$t")
        echo "[fuzz] $t failed; the end of $log:" >&2
        tail -40 "$log" >&2
        ls -1 "$crashes" | sed "s|^|[fuzz]   crash input: $crashes/|" >&2
    fi
    rows+=("$(printf '%-16s %12s %10s %8s %6s  %s' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${added:-?}" "$result")")
done

echo
echo "[fuzz] libFuzzer, ${seconds} s per target (build ${build_seconds} s, total $((SECONDS - start)) s)"
printf '%-16s %12s %10s %8s %6s  %s\n' target executions exec/s cov new result
printf '%s\n' "${rows[@]}"
if ((${#failed[@]} > 0)); then
    echo "[fuzz] FAILED: ${failed[*]}; crash inputs are in $build/crashes/<target>/ (add them to tests/fuzz/regressions/<target>/)" >&2
    exit 1
fi

#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Interlock developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Two-command set-up for a fresh Debian 12 (as root, or with sudo):
#   bash scripts/setup.sh run    install what is missing, build the release preset, start `interlock --demo`
#   bash scripts/setup.sh test   install what is missing, then `cmake --workflow --preset ci`, then a short
#                                libFuzzer run of every parser (tests/fuzz/run-fuzz.sh; INTERLOCK_FUZZ_SECONDS per target)
# Internal helpers (used by the two modes, handy on their own):
#   bash scripts/setup.sh deps   only install what is missing
#   bash scripts/setup.sh build  install what is missing and build the release preset, start nothing
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
# CI has 2 cores shared by the compiler and the linker: keep Ninja at 2 jobs unless told otherwise.
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Debian 12 package names; keep README.md's list in step with this one.
packages=(
    cmake ninja-build g++
    qt6-base-dev qt6-charts-dev libqt6sql6-sqlite libqt6sql6-psql qt6-httpserver-dev qt6-websockets-dev
    libssl-dev libgl-dev libqt6svg6
    xvfb xauth imagemagick fonts-dejavu-core
    clang-format desktop-file-utils appstream dpkg-dev file
    clang libclang-rt-14-dev
)

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

usage()
{
    cat <<USAGE
usage: bash scripts/setup.sh run [ARGS...]   build the release preset and start the console (default ARGS: --demo)
       bash scripts/setup.sh test            build and run every test with the ci preset
       bash scripts/setup.sh deps            only install the Debian packages that are missing
       bash scripts/setup.sh build           install + build the release preset, start nothing
USAGE
}

missing_packages()
{
    local p
    for p in "${packages[@]}"; do
        # "ii" = installed and configured; anything else (absent, half-installed, removed) counts as missing.
        if [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)" != ii* ]]; then
            printf '%s\n' "$p"
        fi
    done
}

install_deps()
{
    command -v dpkg-query >/dev/null || die "dpkg-query not found: this script targets Debian 12"
    local missing
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)); then
        log "all ${#packages[@]} Debian packages are installed; skipping apt-get"
        return 0
    fi
    log "missing Debian packages: ${missing[*]}"
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || die "not root and no sudo: install as root: apt-get install ${missing[*]}"
        sudo=(sudo -E)
    fi
    log "apt-get update"
    "${sudo[@]}" apt-get update </dev/null
    log "apt-get install -y --no-install-recommends ${missing[*]}"
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
}

build_release()
{
    log "cmake --preset release"
    cmake --preset release
    log "cmake --build --preset release (jobs: $CMAKE_BUILD_PARALLEL_LEVEL)"
    cmake --build --preset release
}

start_console()
{
    local exe=build/release/app/entry/interlock
    [[ -x "$exe" ]] || die "$exe was not built"
    if [[ -z "${DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
        cat >&2 <<HINT
[setup] built $exe, but there is no display (DISPLAY is unset), so the console was not started.
[setup] The console is a desktop application; to see it on a headless machine, either
[setup]   - serve it over VNC with Qt's built-in VNC platform, then point a VNC viewer at port 5900:
[setup]       QT_QPA_PLATFORM=vnc:size=1600x1000 $exe $*
[setup]   - or run it in a virtual X server, e.g. for a screenshot:
[setup]       xvfb-run -a -s '-screen 0 1600x1000x24' $exe $*
[setup]     (x11vnc, if you install it, can share that virtual screen)
HINT
        exit 3
    fi
    log "starting $exe $*"
    exec "$exe" "$@"
}

mode="${1:-}"
[[ $# -gt 0 ]] && shift
case "$mode" in
run)
    install_deps
    build_release
    if (($# == 0)); then set -- --demo; fi
    start_console "$@"
    ;;
build)
    install_deps
    build_release
    ;;
test)
    install_deps
    log "cmake --workflow --preset ci (configure + build + ctest; jobs: $CMAKE_BUILD_PARALLEL_LEVEL)"
    start=$SECONDS
    set +e
    cmake --workflow --preset ci
    rc=$?
    set -e
    log "cmake --workflow --preset ci exited $rc after $((SECONDS - start)) s"
    summary=build/ci/tests/integration/e2e-summary.txt
    if [ -f "$summary" ]; then
        log "end-to-end evidence ($summary):"
        cat "$summary"
    fi
    log "tests/fuzz/run-fuzz.sh (fuzz preset: clang, libFuzzer + ASan + UBSan; ${INTERLOCK_FUZZ_SECONDS:-10} s per parser)"
    fuzz_start=$SECONDS
    set +e
    bash tests/fuzz/run-fuzz.sh
    fuzz_rc=$?
    set -e
    log "tests/fuzz/run-fuzz.sh exited $fuzz_rc after $((SECONDS - fuzz_start)) s"
    if ((rc == 0 && fuzz_rc != 0)); then rc=$fuzz_rc; fi
    exit "$rc"
    ;;
deps)
    install_deps
    ;;
-h | --help | help)
    usage
    ;;
*)
    usage >&2
    exit 2
    ;;
esac

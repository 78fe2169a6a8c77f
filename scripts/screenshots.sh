#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Interlock developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of every console view, of the real window on a real X server (Xvfb), after the
# demo plants have produced traffic for a while. Usage: bash scripts/screenshots.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/release}
delay=${2:-60}
bin="$build/app/entry/interlock"
[ -x "$bin" ] || { echo "no $bin: build it first (bash scripts/setup.sh run builds build/release)" >&2; exit 2; }
out=docs/screenshots
mkdir -p "$out"
runtime=$(mktemp -d)
chmod 700 "$runtime"
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR=$runtime QT_QPA_PLATFORM=xcb
# a throwaway settings home, so a remembered window layout does not change the pictures
export XDG_CONFIG_HOME=$runtime/config
xvfb-run -a -s "-screen 0 1600x1000x24" "$bin" --demo --theme light --screenshot-dir "$out" --screenshot-delay "$delay"
mkdir -p "$runtime/dark"
xvfb-run -a -s "-screen 0 1600x1000x24" "$bin" --demo --theme dark --screenshot-dir "$runtime/dark" --screenshot-delay 20
cp "$runtime/dark/overview.png" "$out/overview-dark.png"
ls -l "$out"

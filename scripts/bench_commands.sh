#!/usr/bin/env bash
# City-scale command benchmark (issue 13.4): `kasane triggers`, `schedule`, `meeting show`,
# `agenda --master`, `decide` and `case show` (release build) on generated cities of 1k, 3k and 10k
# cases, beside the sqlite3 shell reading the same rows, in one run. Not a test.
# usage: scripts/bench_commands.sh [SIZES…]   environment: BENCH_RUNS (5), BENCH_OUT (out/bench/commands)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo); $SUDO apt-get install -y -qq sqlite3; }
swift build -c release --product kasane
swift build -c release --product schedule-bench
bin="$(swift build -c release --show-bin-path)"
out="${BENCH_OUT:-out/bench/commands}"
mkdir -p "$out"
python3 scripts/bench/commands.py "$bin/kasane" "$bin/schedule-bench" "$out" "$@"

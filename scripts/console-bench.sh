#!/usr/bin/env bash
# Console benchmark (#15; not a test): a generated city of N cases (default 10,000), 20 concurrent
# logged-in users on the dashboard and the busiest meeting's page for D seconds, p95 latency and
# requests/s per page, beside `kasane meeting show` of the same meeting in the same run.
# The console works the city out once per workspace change; the first request after the start
# waits for it (reported apart as the warm-up), the timed run measures the pages after it.
# usage: scripts/console-bench.sh [CASES] [SECONDS] [USERS]   output: out/bench/console/
#        KASANE_BENCH_CONFIG=debug scripts/console-bench.sh …   (the debug binaries, to check the script)
set -euo pipefail
cd "$(dirname "$0")/.."
config="${KASANE_BENCH_CONFIG:-release}"
swift build -c "$config" --product kasane
swift build -c "$config" --product schedule-bench
bin="$(swift build -c "$config" --show-bin-path)"
python3 scripts/console-bench.py "$bin/kasane" "$bin/schedule-bench" out/bench/console "${1:-10000}" "${2:-20}" "${3:-20}"

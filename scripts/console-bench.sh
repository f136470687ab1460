#!/usr/bin/env bash
# Console benchmark (#15; not a test): a generated city of N cases (default 10,000), 20 concurrent
# logged-in users on the dashboard and the busiest meeting's page for D seconds, p95 latency and
# requests/s per page, beside `kasane meeting show` of the same meeting in the same run.
# usage: scripts/console-bench.sh [CASES] [SECONDS] [USERS]   output: out/bench/console/
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product kasane
swift build -c release --product schedule-bench
bin="$(swift build -c release --show-bin-path)"
python3 scripts/console-bench.py "$bin/kasane" "$bin/schedule-bench" out/bench/console "${1:-10000}" "${2:-20}" "${3:-20}"

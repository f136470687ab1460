#!/usr/bin/env bash
# Many municipalities in one PostgreSQL (issue 16, Performance). Not a test.
#   scripts/bench_postgres.sh [TENANTS [CASES]]      (default 50 3000, or BENCH_TENANTS / BENCH_CASES)
# N tenants × M cases in one throw-away PostgreSQL cluster (scripts/pg-cluster.sh, a Unix socket in
# a temporary folder), beside the same city in its own SQLite workspace, in the same run:
# per-tenant `triggers`, `schedule`, `meeting show` (goal: PostgreSQL <= 2x SQLite), then one
# agency's feed under wrk from one `serve` process and from two (goal: two >= 1.6x one).
#
# Needs, and installs none of them: PostgreSQL's server binaries (Debian `postgresql`:
# /usr/lib/postgresql/*/bin/pg_ctl), `wrk` (Debian `wrk`), python3 and curl. Run as root (the
# cluster then runs as the `postgres` user) or as a user who may run initdb.
# Environment: BENCH_TENANTS (50), BENCH_CASES (3000), BENCH_RUNS (3), BENCH_DURATION (10s),
# BENCH_OUT (out/bench/postgres).
# Binaries: without KASANE_BIN and SCHEDULE_BENCH_BIN the script builds both in release (the
# figures to report); with them it runs those, e.g. the debug ones to check the script end to end
# at a small size (about 2 minutes; the figures then mean nothing):
#   KASANE_BIN=.build/debug/kasane SCHEDULE_BENCH_BIN=.build/debug/schedule-bench \
#     BENCH_RUNS=2 BENCH_DURATION=3s scripts/bench_postgres.sh 5 300
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && export BENCH_TENANTS=$1
[ $# -ge 2 ] && export BENCH_CASES=$2
for n in "${BENCH_TENANTS:-50}" "${BENCH_CASES:-3000}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench_postgres: TENANTS and CASES are positive numbers, not '$n'" >&2; exit 2; }
done
missing=""
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$missing postgresql"
command -v wrk >/dev/null || missing="$missing wrk"
command -v python3 >/dev/null || missing="$missing python3"
command -v curl >/dev/null || missing="$missing curl"
if [ -n "$missing" ]; then
  echo "bench_postgres: missing:$missing (Debian: apt-get install$missing); this script installs nothing" >&2
  exit 1
fi
if [ -z "${KASANE_BIN:-}" ] || [ -z "${SCHEDULE_BENCH_BIN:-}" ]; then
  swift build -c release --product kasane
  swift build -c release --product schedule-bench
  bin="$(swift build -c release --show-bin-path)"
  KASANE_BIN="${KASANE_BIN:-$bin/kasane}" SCHEDULE_BENCH_BIN="${SCHEDULE_BENCH_BIN:-$bin/schedule-bench}"
fi
KASANE_BIN=$(realpath "$KASANE_BIN") SCHEDULE_BENCH_BIN=$(realpath "$SCHEDULE_BENCH_BIN")
out="${BENCH_OUT:-out/bench/postgres}"
rm -rf "$out" && mkdir -p "$out"
out="$(cd "$out" && pwd)"
pgdir=$(mktemp -d /tmp/kasane-bench-pg.XXXXXX)
trap 'scripts/pg-cluster.sh stop "$pgdir"' EXIT
mapfile -t urls < <(scripts/pg-cluster.sh start "$pgdir")
[ "${#urls[@]}" -eq 3 ] || { echo "bench_postgres: the cluster did not start (see $pgdir/server.log)" >&2; exit 1; }
echo "PostgreSQL $(ls -d /usr/lib/postgresql/*/ | head -1 | xargs basename), kasane $KASANE_BIN"
python3 scripts/bench/postgres.py "$KASANE_BIN" "$SCHEDULE_BENCH_BIN" "$out" "${urls[0]}" "${urls[1]}"

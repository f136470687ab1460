#!/usr/bin/env bash
# Runs the whole test suite and fails when fewer tests ran than .ci/min-tests records
# (an un-annotated test silently never runs: STYLE.md §13).
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
# The PostgreSQL suites (issue 16) run against a throw-away cluster in a temporary folder, on a
# Unix socket there (no TCP port), stopped and removed afterwards; here they must run, not skip.
pgdir=$(mktemp -d /tmp/kasane-pg.XXXXXX)
trap 'rm -f "$log"; scripts/pg-cluster.sh stop "$pgdir"' EXIT
mapfile -t pg_urls < <(scripts/pg-cluster.sh start "$pgdir")
if [ "${#pg_urls[@]}" -ne 3 ]; then
  echo "run-tests: the PostgreSQL test cluster did not start (see $pgdir/server.log and $pgdir/initdb.log)" >&2
  exit 1
fi
export KASANE_TEST_PG_OWNER_URL=${pg_urls[0]} KASANE_TEST_PG_APP_URL=${pg_urls[1]} KASANE_TEST_PG_SUPER_URL=${pg_urls[2]}
export KASANE_REQUIRE_POSTGRES=1
status=0
# Into a file, not a pipe: a child process that sets the shared pipe non-blocking makes the test
# runner's writes fail with EAGAIN and lines of the result vanish; a regular file ignores that.
: >"$log"
tail -n +1 -f "$log" &
follower=$!
swift test >"$log" 2>&1 || status=$?
sleep 1; kill "$follower" 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "run-tests: swift test failed (status $status)" >&2
  exit "$status"
fi
# Count test cases, not test functions (#13.6): a parameterised test counts once per argument
# ("✔ Test … with 8 test cases passed"), so losing a row of a table is noticed too.
functions=$(grep -Eo 'Test run with [0-9]+ tests?' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
ran=$(awk '/^✔ Test / && !/^✔ Test run with/ && / passed after / {
             if (match($0, /with [0-9]+ test cases? passed/)) { split(substr($0, RSTART, RLENGTH), w, " "); n += w[2] }
             else n += 1
           } END { print n + 0 }' "$log")
min=$(grep -Eo '^[0-9]+' .ci/min-tests 2>/dev/null || echo 0)
echo "run-tests: $ran Swift Testing test cases ran in $functions tests (at least $min cases expected)"
if [ "$ran" -lt "$min" ]; then
  echo "run-tests: only $ran test cases ran, fewer than the $min recorded in .ci/min-tests: a test was lost" >&2
  exit 1
fi

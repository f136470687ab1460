#!/usr/bin/env bash
# Runs the whole test suite and fails when fewer tests ran than .ci/min-tests records
# (an un-annotated test silently never runs: STYLE.md §13).
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift test 2>&1 | tee "$log" || status=$?
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

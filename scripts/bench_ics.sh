#!/usr/bin/env bash
# Benchmark (not a test): Kasane's libical writer against PyPI icalendar, side by side in one run,
# on the same COUNT events (default 10,000): one feed of COUNT events, then COUNT one-event
# REQUEST calendars. Prints both times and the ratio (goal: Kasane at least 20× faster), after
# checking with scripts/check_ics.py that both sides wrote the same event.
#
# usage: scripts/bench_ics.sh [COUNT]     (SCRATCH=path to use another SwiftPM scratch path)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
scratch=(); [ -n "${SCRATCH:-}" ] && scratch=(--scratch-path "$SCRATCH")

swift build -c release "${scratch[@]}" --product kasane-bench >/dev/null
bin="$(swift build -c release "${scratch[@]}" --show-bin-path)/kasane-bench"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work/swift" "$work/python"

"$bin" "$count" --out "$work/swift" | tee "$work/swift.txt"
python3 scripts/bench_icalendar.py "$count" --out "$work/python" | tee "$work/python.txt"

# Same event on both sides, as read by the three Python parsers.
python3 scripts/check_ics.py "$work/swift/invitation-0.ics" >"$work/swift.json"
python3 scripts/check_ics.py "$work/python/invitation-0.ics" >"$work/python.json"
python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
a, b = (json.load(open(f"{work}/{s}.json")) for s in ("swift", "python"))
assert all(a[p]["events"] == b[p]["events"] for p in a if a[p]), "the two sides wrote different events"
def ms(path):
    return [float(m) for m in re.findall(r": ([0-9.]+) ms", open(path).read())]
for label, s, p in zip(("feed", "invitations"), ms(f"{work}/swift.txt"), ms(f"{work}/python.txt")):
    print(f"{label}: swift-libical {s:.1f} ms, python-icalendar {p:.1f} ms, ratio {p / s:.1f}x")
PY

#!/usr/bin/env bash
# The main job on the demo municipality (かさね市, fictional), on a fresh embedded SQLite workspace.
# The demo data is pinned to 2026-11-26 (override with KASANE_TODAY).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)/kasane"
out=out/demo
export KASANE_DB="$out/kasane.sqlite"
export KASANE_TODAY="${KASANE_TODAY:-2026-11-26}"
rm -rf "$out" && mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }
step "registry: examples/registry.yaml"
"$bin" registry import examples/registry.yaml | head -1
step "case files: examples/cases.yaml"
"$bin" case import examples/cases.yaml
"$bin" case list
step "closed days of $(( ${KASANE_TODAY:0:4} + 1 )) (national holidays, 年末年始, local closures from calendars/)"
"$bin" calendar holidays --year $(( ${KASANE_TODAY:0:4} + 1 )) | head -8
echo "…"
step "done"
echo "workspace: $KASANE_DB"

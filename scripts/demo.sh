#!/usr/bin/env bash
# The main job on the demo municipality (かさね市, fictional), on a fresh embedded SQLite workspace:
# load the registry and case files, compute triggers, schedule, write invitations, mails,
# agendas and feeds, issue demo feed tokens, then serve the feeds until Ctrl-C.
# The demo data is pinned to 2026-11-26 (override with KASANE_TODAY); DEMO_SERVE=0 skips the server.
set -euo pipefail
cd "$(dirname "$0")/.."
# Everything written here is private: the workspace, the documents and feed-urls.txt, which
# holds raw capability URLs (kasane itself creates its files 0600 whatever the umask).
umask 077
bin="$(swift build --show-bin-path)/kasane"
out=out/demo
export KASANE_DB="$out/kasane.sqlite"
export KASANE_TODAY="${KASANE_TODAY:-2026-11-26}"
port="${DEMO_PORT:-8080}"
export KASANE_BASE_URL="${KASANE_BASE_URL:-http://127.0.0.1:$port}"
rm -rf "$out" && mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }
step "registry: examples/registry.yaml"
"$bin" registry import examples/registry.yaml | head -1
step "case files: examples/cases.yaml"
"$bin" case import examples/cases.yaml
"$bin" case list
step "closed days of $(( ${KASANE_TODAY:0:4} + 1 )) (national holidays, 年末年始, local closures from calendars/)"
"$bin" calendar holidays --year $(( ${KASANE_TODAY:0:4} + 1 )) | head -6
echo "…"
step "mandatory meeting triggers (R6–R8)"
"$bin" triggers
step "schedule: regular sessions from calendars/*.ics, ad hoc when a deadline demands"
"$bin" schedule
"$bin" meeting list
step "who may sit at each item, and why (R1–R15)"
"$bin" meeting show jusou-2026-12-09
step "invitations (iTIP REQUEST/CANCEL) and ready-to-send mails (iMIP)"
"$bin" invite --out "$out/invitations" | tail -3
step "agendas per reader (master 非公開 + one per attendee), Markdown and HTML"
for m in $("$bin" meeting list --json | python3 -c 'import json,sys; print(" ".join(m["id"] for m in json.load(sys.stdin)))'); do
  "$bin" agenda "$m" --all --out-dir "$out/documents" >/dev/null
  "$bin" agenda "$m" --all --format html --out-dir "$out/documents" >/dev/null
done
ls "$out/documents" | head -5; echo "… $(ls "$out/documents" | wc -l) documents"
step "one .ics feed per agency"
"$bin" feeds --out "$out/feeds" | head -5
step "feed tokens (each URL is printed once; only its SHA-256 is stored)"
for a in shakyo city-jusou houkatsu-chuo kodomo-center; do
  url=$("$bin" feed-token rotate "$a" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
  echo "$a  $url" | tee -a "$out/feed-urls.txt"
done
step "files written"
echo "workspace:   $KASANE_DB"
echo "invitations: $out/invitations/<person>/ (.ics + .eml)"
echo "documents:   $out/documents/"
echo "feeds:       $out/feeds/<agency>.ics"
echo "feed URLs:   $out/feed-urls.txt"
if [ "${DEMO_SERVE:-1}" = "1" ]; then
  step "serving the feeds on $KASANE_BASE_URL (Ctrl-C stops gracefully)"
  exec "$bin" serve --port "$port"
fi

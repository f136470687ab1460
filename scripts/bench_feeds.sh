#!/usr/bin/env bash
# Feed-serving benchmark (issue 7): one agency feed of ~500 events served, in the same run, by
# Kasane (release build), by nginx as a static file (gzip_static for the compressed case) and by
# Radicale (what an agency might run instead). `wrk -t2 -c16 -d10s`, three runs, medians; plain,
# gzip and 304; then 1,000 concurrent keep-alive connections. Prints the figures and the ratios.
#
# Installs nginx and wrk (Debian) and radicale (PyPI) when missing. Loopback only.
# Environment: KASANE_BIN (skip the release build), BENCH_DURATION (default 10s), BENCH_RUNS (3),
# BENCH_EVENTS (500), BENCH_OUT (default out/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
out="${BENCH_OUT:-out/bench}"
duration="${BENCH_DURATION:-10s}"
runs="${BENCH_RUNS:-3}"
events="${BENCH_EVENTS:-500}"
k_port=18080 n_port=18081 r_port=18082
SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)

say() { printf '\n== %s\n' "$*"; }

# --- tools -----------------------------------------------------------------------------------
missing=""
command -v wrk >/dev/null || missing="$missing wrk"
[ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
if [ -n "$missing" ]; then
  say "installing:$missing"
  # Keep the package from starting a system nginx on port 80.
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
  $SUDO rm -f /usr/sbin/policy-rc.d
fi
python3 -c "import radicale" 2>/dev/null || python3 -m pip install -q radicale
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

# --- Kasane ----------------------------------------------------------------------------------
if [ -z "${KASANE_BIN:-}" ]; then
  say "building kasane (release)"
  swift build -c release --product kasane
  KASANE_BIN="$(swift build -c release --show-bin-path)/kasane"
fi
rm -rf "$out" && mkdir -p "$out/www/feeds" "$out/radicale/collections/collection-root/bench"
work="$(cd "$out" && pwd)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

say "feed of $events events"
python3 scripts/bench/make_feed.py "$work/feed.ics" "$events" "$work/radicale/collections/collection-root/bench/feed"

export KASANE_DB="$work/kasane.sqlite" KASANE_LOG_LEVEL=error
"$KASANE_BIN" registry import examples/registry.yaml >/dev/null
agency="$("$KASANE_BIN" agency list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
url="$("$KASANE_BIN" feed-token issue "$agency" --base-url "http://127.0.0.1:$k_port" --json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')"
path="${url#http://127.0.0.1:$k_port}"
"$KASANE_BIN" serve --port "$k_port" --static-feed "$work/feed.ics" >"$work/kasane.log" 2>&1 &
pids+=($!)

# --- nginx: the same bytes as a static file, gzip -9 beside it for gzip_static ---------------
cp "$work/feed.ics" "$work/www$path"
gzip -9 -k -n "$work/www$path"
touch -r "$work/www$path" "$work/www$path.gz"
cat >"$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000; keepalive_timeout 65;
  open_file_cache max=100 inactive=60s;
  types { text/calendar ics; }
  server {
    listen 127.0.0.1:$n_port;
    root $work/www;
    gzip_static on; gzip_vary on;
    add_header Cache-Control private;
  }
}
EOF
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work" -e "$work/nginx-error.log"

# --- Radicale: the same 500 events as a CalDAV collection, read with one GET -----------------
cat >"$work/radicale/rights" <<'EOF'
[all]
user: .*
collection: .*
permissions: RrWw
EOF
cat >"$work/radicale/config" <<EOF
[server]
hosts = 127.0.0.1:$r_port
[auth]
type = none
[rights]
type = from_file
file = $work/radicale/rights
[storage]
filesystem_folder = $work/radicale/collections
[web]
type = none
[logging]
level = warning
EOF
python3 -m radicale --config "$work/radicale/config" >"$work/radicale.log" 2>&1 &
pids+=($!)

wait_up() { for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "server at $1 did not come up" >&2; exit 1; }
k_url="http://127.0.0.1:$k_port$path" n_url="http://127.0.0.1:$n_port$path" r_url="http://127.0.0.1:$r_port/bench/feed/"
wait_up "$k_url"; wait_up "$n_url"; wait_up "$r_url"

# --- the same bytes? -------------------------------------------------------------------------
curl -fsS "$k_url" -o "$work/k.ics"; curl -fsS "$n_url" -o "$work/n.ics"
curl -fsS -H 'Accept-Encoding: gzip' "$k_url" -o "$work/k.ics.gz"; curl -fsS -H 'Accept-Encoding: gzip' "$n_url" -o "$work/n.ics.gz"
cmp -s "$work/k.ics" "$work/feed.ics" && cmp -s "$work/n.ics" "$work/feed.ics" || { echo "plain bodies differ" >&2; exit 1; }
gzip -dc "$work/k.ics.gz" | cmp -s - "$work/feed.ics" && gzip -dc "$work/n.ics.gz" | cmp -s - "$work/feed.ics" ||
  { echo "gzip bodies differ" >&2; exit 1; }
r_events="$(curl -fsS "$r_url" | grep -c '^BEGIN:VEVENT' || true)"
etag() { curl -fsS -o /dev/null -D - "$@" | tr -d '\r' | awk 'tolower($1)=="etag:" {print $2}'; }
k_etag="$(etag "$k_url")"; n_etag="$(etag "$n_url")"
printf 'feed: %s bytes, gzip %s (Kasane) / %s (nginx) bytes; Radicale serves %s events\n' \
  "$(stat -c %s "$work/feed.ics")" "$(stat -c %s "$work/k.ics.gz")" "$(stat -c %s "$work/n.ics.gz")" "$r_events"
for u in "$k_url" "$n_url"; do
  s="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $(etag "$u")" "$u")"
  [ "$s" = 304 ] || { echo "no 304 from $u (got $s)" >&2; exit 1; }
done

# --- wrk -------------------------------------------------------------------------------------
# prints "requests/s errors" for one run
one_run() {
  local conns="$1"; shift
  wrk -t2 -c"$conns" -d"$duration" --timeout 10s "$@" 2>&1 | python3 -c '
import re, sys
t = sys.stdin.read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", t)
errs = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
non = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
print(rps.group(1) if rps else "0", errs + (int(non.group(1)) if non else 0))'
}
declare -A median errors
bench() { # name conns url [wrk args]
  local name="$1" conns="$2"; shift 2
  local all=() errs=0
  for _ in $(seq 1 "$runs"); do
    read -r rps e < <(one_run "$conns" "$@")
    all+=("$rps"); errs=$((errs + e))
  done
  median[$name]="$(printf '%s\n' "${all[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  errors[$name]=$errs
  printf '  %-14s %10.0f req/s  (runs: %s; errors: %s)\n' "$name" "${median[$name]}" "${all[*]}" "$errs"
}

say "wrk -t2 -c16 -d$duration, $runs runs each, medians"
bench kasane.plain 16 "$k_url"
bench nginx.plain 16 "$n_url"
bench kasane.gzip 16 -H 'Accept-Encoding: gzip' "$k_url"
bench nginx.gzip 16 -H 'Accept-Encoding: gzip' "$n_url"
bench kasane.304 16 -H "If-None-Match: $k_etag" "$k_url"
bench nginx.304 16 -H "If-None-Match: $n_etag" "$n_url"
bench radicale.plain 16 "$r_url"
# The framework's own ceiling on this machine: a fixed 3-byte answer through the same app.
bench kasane.healthz 16 "http://127.0.0.1:$k_port/healthz"

say "1,000 concurrent keep-alive connections (wrk -t2 -c1000 -d$duration, 304s and gzip)"
runs=1
bench kasane.c1000 1000 -H "If-None-Match: $k_etag" "$k_url"
bench kasane.c1000gz 1000 -H 'Accept-Encoding: gzip' "$k_url"
bench nginx.c1000 1000 -H "If-None-Match: $n_etag" "$n_url"

say "ratios (goal)"
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}' if b else 'inf')" "$1" "$2"; }
verdict() { python3 -c "import sys; print('ok' if float(sys.argv[1]) >= float(sys.argv[2]) else 'MISSED')" "$1" "$2"; }
r1=$(ratio "${median[kasane.plain]}" "${median[nginx.plain]}")
r2=$(ratio "${median[kasane.gzip]}" "${median[nginx.gzip]}")
r3=$(ratio "${median[kasane.304]}" "${median[nginx.304]}")
r4=$(ratio "${median[kasane.plain]}" "${median[radicale.plain]}")
printf '  Kasane / nginx, plain   %6s  (>= 0.90) %s\n' "$r1" "$(verdict "$r1" 0.90)"
printf '  Kasane / nginx, gzip    %6s  (>= 0.80) %s\n' "$r2" "$(verdict "$r2" 0.80)"
printf '  Kasane / nginx, 304     %6s  (>= 0.50) %s\n' "$r3" "$(verdict "$r3" 0.50)"
printf '  Kasane / Radicale       %6s  (>= 300)  %s\n' "$r4" "$(verdict "$r4" 300)"
r5=$(ratio "${median[kasane.healthz]}" "${median[nginx.304]}")
printf '  ceiling: Kasane /healthz (no token, no feed) / nginx 304  %s\n' "$r5"
c_err=$(( ${errors[kasane.c1000]} + ${errors[kasane.c1000gz]} ))
printf '  1,000 connections: %s errors  %s\n' "$c_err" "$([ "$c_err" -eq 0 ] && echo ok || echo MISSED)"
curl -fsS "http://127.0.0.1:$k_port/healthz" >/dev/null && echo "  Kasane still healthy after the run"

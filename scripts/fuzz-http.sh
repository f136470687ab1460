#!/usr/bin/env bash
# Fuzzes the feed server's HTTP request path for SECONDS (default 600) with kasane-fuzz-http,
# in-process (the responder `kasane serve` builds, called directly), and reports executions,
# violations (crashes and broken invariants) and inputs slower than 2 s. Not part of `make test`.
#   scripts/fuzz-http.sh [SECONDS] [SEED]
# Findings go to out/fuzz-http/: violation-*.txt, slow-*.txt, and crash-*.txt for an input that
# killed the process. The build takes the shared build lock (/tmp/kasane-build.lock); the run does
# not. FUZZ_BUILD=0 skips the build (the release binary is already up to date).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
seed="${2:-$(date +%s)}"
out=out/fuzz-http
mkdir -p "$out"
if [ "${FUZZ_BUILD:-1}" != "0" ]; then
  flock /tmp/kasane-build.lock swift build -c release --product kasane-fuzz-http >/dev/null
fi
bin="$(swift build -c release --show-bin-path)/kasane-fuzz-http"
status=0
"$bin" "$seconds" "$seed" "$out" | tee "$out/last-run.txt" || status=$?
if [ -f "$out/current.txt" ]; then
  cp "$out/current.txt" "$out/crash-$seed.txt"
  echo "fuzz-http: the process died (status $status) on the input in $out/crash-$seed.txt" >&2
  exit 1
fi
summary=$(grep -E '^executions ' "$out/last-run.txt" || true)
echo "fuzz-http: ${summary:-no summary}"
exit "$status"

#!/usr/bin/env bash
# Fuzzes one reader of hand-edited files for SECONDS seconds (issue 12). Not part of `make test`.
#
#   scripts/fuzz.sh TARGET SECONDS        TARGET: series, registry, cases, closures, policy, reply, or all
#                                          (all: each target SECONDS seconds, one after another)
#   FUZZ_ENGINE=libfuzzer scripts/fuzz.sh  the same through libFuzzer (swiftc -sanitize=fuzzer,address)
#
# Seeds: Tests/Fuzz/corpus/TARGET. Findings: out/fuzz/ENGINE/TARGET/ (crash-N.input, hang-N.input,
# slow-N.input); a finding belongs in Tests/Fuzz/corpus/crashers/TARGET/ as a regression test
# (the corpus tests run every file there). Reports executions, time, crashes, hangs and inputs
# over 2 s. The build takes the shared build lock; the fuzzing itself does not.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh series|registry|cases|closures|policy|reply|all SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
engine=${FUZZ_ENGINE:-inprocess}
if [ "$target" = all ]; then
  status=0
  for t in series registry cases closures policy reply; do "$0" "$t" "$seconds" || status=1; done
  exit $status
fi
case "$target" in series|registry|cases|closures|policy|reply) ;; *) echo "unknown target $target" >&2; exit 2 ;; esac

if [ "$engine" = libfuzzer ]; then
  flock /tmp/kasane-build.lock swift build -c debug --product kasane-fuzz --scratch-path .build-fuzz-lf \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DKASANE_LIBFUZZER >&2
  bin="$(swift build -c debug --scratch-path .build-fuzz-lf --show-bin-path)/kasane-fuzz"
else
  flock /tmp/kasane-build.lock swift build -c release --product kasane-fuzz --scratch-path .build-fuzz >&2
  bin="$(swift build -c release --scratch-path .build-fuzz --show-bin-path)/kasane-fuzz"
fi

out="out/fuzz/$engine/$target"
rm -rf "$out"
mkdir -p "$out/run"
corpus="Tests/Fuzz/corpus/$target"
start=$(date +%s)
crashes=0 hangs=0 executions=0 slow=0

if [ "$engine" = libfuzzer ]; then
  mkdir -p "$out/corpus"
  # Leak reports would end the run at the first leak in a C library: memory errors still do.
  ASAN_OPTIONS=detect_leaks=0 KASANE_FUZZ_TARGET=$target "$bin" "$out/corpus" "$corpus" -max_total_time="$seconds" -timeout=10 \
    -report_slow_units=2 -artifact_prefix="$out/" -max_len=65536 >"$out/log" 2>&1 || true
  executions=$(grep -Eo '^Done [0-9]+ runs' "$out/log" | grep -Eo '[0-9]+' || echo 0)
  crashes=$(find "$out" -maxdepth 1 -name 'crash-*' | wc -l)
  hangs=$(find "$out" -maxdepth 1 -name 'timeout-*' | wc -l)
  slow=$(find "$out" -maxdepth 1 -name 'slow-unit-*' | wc -l)
  grep -E 'Done|DEDUP|ERROR' "$out/log" | tail -3 || true
else
  # The in-process fuzzer exits 77 on a crash and 78 on an input running over 10 s; it is then
  # restarted for the time left, so one finding does not end the run.
  while :; do
    left=$(( seconds - ($(date +%s) - start) ))
    [ "$left" -gt 0 ] || break
    status=0
    "$bin" "$target" "$left" "$corpus" "$out/run" >/dev/null 2>"$out/stderr" || status=$?
    if [ -f "$out/run/stats" ]; then
      executions=$(( executions + $(sed -n 's/^executions=//p' "$out/run/stats") ))
      slow=$(( slow + $(sed -n 's/^slow=//p' "$out/run/stats") ))
    fi
    for f in "$out"/run/slow-*.input; do [ -e "$f" ] && mv "$f" "$out/slow-$(date +%s%N).input"; done
    case $status in
      0) break ;;
      77) crashes=$((crashes + 1)); mv "$out/run/crash.input" "$out/crash-$crashes.input"; cp "$out/stderr" "$out/crash-$crashes.stderr" ;;
      78) hangs=$((hangs + 1)); mv "$out/run/hang.input" "$out/hang-$hangs.input" ;;
      *) echo "kasane-fuzz ended with status $status:" >&2; cat "$out/stderr" >&2; exit 1 ;;
    esac
    rm -f "$out/run/stats"
  done
fi
elapsed=$(( $(date +%s) - start ))
echo "fuzz $target ($engine): $executions executions in ${elapsed} s, $crashes crashes, $hangs hangs (>10 s), $slow inputs over 2 s"
[ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ] && [ "$slow" -eq 0 ]

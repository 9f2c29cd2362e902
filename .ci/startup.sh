#!/usr/bin/env bash
# Measures the real window's start-up: from the process start to the overview
# showing every shop's verdict, on an Xvfb display started beforehand, over
# the benchmark database of 2,000 shops and 1,000,000 orders (built by the
# screens benchmarks in the temp folder). Prints one line per run.
#   bash .ci/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
runs=${1:-5}
db=${DB:-${TMPDIR:-/tmp}/depositdesk-screens-bench-2000x500.db}
[ -f "$db.done" ] || { echo "no benchmark database at $db: run go test -tags migrated_fynedo -run '^\$' -bench OverviewStart ./screens/ first" >&2; exit 1; }
work=$(mktemp -d)
xvfb=""
cleanup() { [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
go build -tags migrated_fynedo -o "$work/depositdesk" .
# The display is up before the clock starts: its start-up is not the app's.
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.05; done
export DISPLAY=":$(cat "$work/display")"
for i in $(seq "$runs"); do
  cp "$db" "$work/desk.db" # a fresh copy each run
  log="$work/trace.$i"
  start=$(date +%s%N)
  DEPOSITDESK_STARTUP_TRACE=1 HOME="$work" "$work/depositdesk" --db "$work/desk.db" 2>"$log" &
  pid=$!
  for _ in $(seq 600); do
    grep -q "overview shown at" "$log" 2>/dev/null && break
    sleep 0.02
  done
  shown=$(sed -n 's/.*overview shown at \([0-9]*\).*/\1/p' "$log" | head -1)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  if [ -z "$shown" ]; then echo "run $i: the overview never showed" >&2; cat "$log" >&2; exit 1; fi
  echo "run $i: $(( (shown - start) / 1000000 )) ms from process start to the overview shown"
done

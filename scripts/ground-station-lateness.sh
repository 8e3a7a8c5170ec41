#!/usr/bin/env bash
# Loop lateness at 1 kHz with the ground station serving 0 or 2 browsers (docs/benchmarks.md).
# The firmware runs on the simulated robot on the wall clock (robot-hil run --real-time), armed
# through the station's API; each browser is a headless Chromium on the page, with the token, so it
# streams the plots and sends its velocity heartbeat ten times a second. The figures are the loop's
# own: lateness p99 and max over its last 8 s (8,192 ticks), and overruns over the run.
#   scripts/ground-station-lateness.sh [RUNS]   (default 1 run of each case)
# Cases: no page; two browsers under SCHED_IDLE (standing in for laptops: on the robot the browsers
# are not on its CPU); two browsers at Chromium's own priorities, sharing the two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
command -v chromium >/dev/null || { echo "needs Debian's chromium (apt-get install chromium)" >&2; exit 2; }
dotnet build hil-tests/Robot.Hil -c Release -v q -nologo >/dev/null
hil=hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil
work=$(mktemp -d)
trap 'pkill -f "$work/profile" 2>/dev/null || true; rm -rf "$work"' EXIT

one() { # $1 case name, $2 browsers, $3 how to start them ("" or "chrt --idle 0")
  local port=$((20000 + RANDOM % 20000)) token="$work/token" log="$work/run.log"
  rm -f "$token"
  "$hil" run --policy hil-tests/fixtures/uniwheel-drive-ppo.rpol --scenario hil-tests/scenarios/drive/ground-station-1khz.json \
    --real-time --ground-station "$port" --ground-station-token "$token" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 50); do [ -s "$token" ] && curl -s "localhost:$port/api/status" >/dev/null && break; sleep 0.2; done
  for b in $(seq "$2"); do
    $3 chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync \
      --no-first-run --user-data-dir="$work/profile$b" "http://127.0.0.1:$port/#token=$(cat "$token")" >/dev/null 2>&1 &
  done
  sleep 3
  curl -s -X POST -H "Authorization: Bearer $(cat "$token")" "localhost:$port/api/arm" >/dev/null
  wait "$pid" || true
  pkill -f "$work/profile" 2>/dev/null || true
  local loop=$(grep "loop: lateness" "$log" | sed 's/^ *//')
  local state=$(grep -o "final state [A-Za-z]*" "$log")
  printf "%-34s %s; %s\n" "$1" "$loop" "$state"
}

for r in $(seq "$runs"); do
  one "no page" 0 ""
  one "2 browsers (SCHED_IDLE)" 2 "chrt --idle 0"
  one "2 browsers (Chromium's priorities)" 2 ""
done

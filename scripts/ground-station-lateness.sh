#!/usr/bin/env bash
# Loop lateness with the ground station serving 0 or 2 clients (docs/benchmarks.md), at 1 kHz
# (normal scheduling) and at 200 Hz (the robot's defaults: SCHED_FIFO 80).
# The firmware runs on the simulated robot on the wall clock (robot-hil run --real-time), armed
# through the station's API; each browser is a headless Chromium on the page, with the token, so it
# streams the plots and sends its velocity heartbeat ten times a second. The figures are the loop's
# own: lateness p99 and max over its last 8 s (8,192 ticks), and overruns over the run.
#   scripts/ground-station-lateness.sh [RUNS]   (default 1 run of each case)
# Cases: no page; two clients without a browser (each reads the event stream and posts a velocity
# ten times a second on a kept-alive connection: the station's own work, as for browsers on other
# machines; needs python3);
# two browsers under SCHED_IDLE (drawing on this machine, but only when it is otherwise idle);
# two browsers at Chromium's own priorities, sharing the two cores with the simulated robot.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
command -v chromium >/dev/null || { echo "needs Debian's chromium (apt-get install chromium)" >&2; exit 2; }
dotnet build hil-tests/Robot.Hil -c Release -v q -nologo >/dev/null
hil=hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil
work=$(mktemp -d)
trap 'pkill -f "$work/profile" 2>/dev/null || true; rm -rf "$work"' EXIT

one() { # $1 case name, $2 browsers, $3 how to start them ("" or "chrt --idle 0" or "curl"), $4 scenario
  local port=$((20000 + RANDOM % 20000)) token="$work/token" log="$work/run.log"
  rm -f "$token"
  "$hil" run --policy hil-tests/fixtures/uniwheel-drive-ppo.rpol --scenario "hil-tests/scenarios/drive/$4" \
    --real-time --ground-station "$port" --ground-station-token "$token" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 50); do [ -s "$token" ] && curl -s "localhost:$port/api/status" >/dev/null && break; sleep 0.2; done
  for b in $(seq "$2"); do
    if [ "$3" = client ]; then
      # A browser's network traffic without its drawing: the event stream read, and the velocity
      # posted ten times a second on one kept-alive connection (what a browser on a laptop sends).
      python3 - "$port" "$(cat "$token")" > /dev/null 2>&1 <<'PY' &
import http.client, sys, threading, time
port, token = int(sys.argv[1]), sys.argv[2]
def stream():
    c = http.client.HTTPConnection("127.0.0.1", port); c.request("GET", "/api/stream"); r = c.getresponse()
    while r.read(4096): pass
threading.Thread(target=stream, daemon=True).start()
c = http.client.HTTPConnection("127.0.0.1", port)
while True:
    c.request("POST", "/api/velocity", body='{"velocity_m_s": 0}', headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    c.getresponse().read(); time.sleep(0.1)
PY
      continue
    fi
    $3 chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync \
      --no-first-run --user-data-dir="$work/profile$b" "http://127.0.0.1:$port/#token=$(cat "$token")" >/dev/null 2>&1 &
  done
  sleep 3
  curl -s -X POST -H "Authorization: Bearer $(cat "$token")" "localhost:$port/api/arm" >/dev/null
  wait "$pid" || true
  pkill -f "$work/profile" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  local loop=$(grep "loop: lateness" "$log" | sed 's/^ *//')
  local state=$(grep -o "final state [A-Za-z]*" "$log")
  printf "%-44s %s; %s\n" "$1" "$loop" "$state"
}

for r in $(seq "$runs"); do
  for rate in 1khz 200hz; do
    one "$rate: no page" 0 "" "ground-station-$rate.json"
    one "$rate: 2 clients (stream + commands, no browser)" 2 client "ground-station-$rate.json"
    one "$rate: 2 browsers (SCHED_IDLE)" 2 "chrt --idle 0" "ground-station-$rate.json"
    one "$rate: 2 browsers (Chromium's priorities)" 2 "" "ground-station-$rate.json"
  done
done

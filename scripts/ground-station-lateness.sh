#!/usr/bin/env bash
# Loop lateness with the ground station in its own process serving 0 or 2 clients (docs/benchmarks.md),
# at 1 kHz (normal scheduling) and at 200 Hz (the robot's defaults: SCHED_FIFO 80).
# The robot's process: the firmware on the simulated robot on the wall clock (robot-hil run --real-time
# --station-socket), serving only the station link. The station's process: robot-firmware station,
# the page and its API, talking to the robot over the link. The robot is armed through the station's
# API; each browser is a headless Chromium on the page, with the token, so it streams the plots and
# sends its velocity heartbeat ten times a second. The figures are the robot process's own: lateness
# p99 and max over the loop's last 8 s (8,192 ticks), overruns over the run, and its collections and
# bytes allocated while it runs (from its status after arming and a few seconds before the end).
#   scripts/ground-station-lateness.sh [RUNS] [SECONDS] [CASE]   (default: 1 run of each case, the scenario's 40 s;
#   CASE picks the cases whose name contains it, e.g. "200hz: 2 clients")
# Cases: no page; two clients without a browser (each reads the event stream and posts a velocity
# ten times a second on a kept-alive connection: the station's own work, as for browsers on other
# machines; needs python3); a flood of 10,000 status requests (curl, one connection); two browsers
# under SCHED_IDLE (drawing on this machine, but only when it is otherwise idle).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
seconds=${2:-}
only=${3:-}
command -v chromium >/dev/null || { echo "needs Debian's chromium (apt-get install chromium)" >&2; exit 2; }
dotnet build hil-tests/Robot.Hil -c Release -v q -nologo >/dev/null
hil=hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil
firmware=hil-tests/Robot.Hil/bin/Release/net10.0/robot-firmware
work=$(mktemp -d)
trap 'pkill -f "$work/profile" 2>/dev/null || true; rm -rf "$work"' EXIT

one() { # $1 case name, $2 browsers, $3 how to start them ("chrt --idle 0", "client" or "flood"), $4 scenario
  [ -z "$only" ] || [[ "$1" == *"$only"* ]] || return 0
  local port=$((20000 + RANDOM % 20000)) token="$work/token" log="$work/run.log" socket="$work/station.sock"
  rm -f "$token"
  "$hil" run --policy hil-tests/fixtures/uniwheel-drive-ppo.rpol --scenario "hil-tests/scenarios/drive/$4" \
    ${seconds:+--duration "$seconds"} --real-time --station-socket "$socket" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.2; done
  "$firmware" station --robot "$socket" --ground-station "$port" --ground-station-token "$token" > "$work/station.log" 2>&1 &
  local station=$!
  for _ in $(seq 50); do [ -s "$token" ] && curl -s "localhost:$port/api/status" >/dev/null && break; sleep 0.2; done
  for b in $(seq "$2"); do
    if [ "$3" = flood ]; then
      # 10,000 status requests as fast as one connection carries them (the station's read limit answers most with 429).
      (sleep 5; seq 10000 | sed "s|.*|url = \"http://127.0.0.1:$port/api/status\"\noutput = /dev/null|" | curl -s -K - >/dev/null) &
      continue
    fi
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
  # The robot process's collections while it runs: its status just after arming and a few seconds before the end
  # (its start-up, the rig's recorder and ring for the whole run included, is before the first).
  sleep 1
  local first=$(curl -s "localhost:$port/api/status")
  sleep $(( ${seconds:-40} - 12 ))
  local last=$(curl -s "localhost:$port/api/status")
  wait "$pid" || true
  kill "$station" 2>/dev/null || true
  pkill -f "$work/profile" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  local loop=$(grep "loop: lateness" "$log" | sed 's/^ *//')
  local state=$(grep -o "final state [A-Za-z]*\(, fault [a-z_]* at [0-9.]* s\)\?" "$log")
  local running=$(python3 -c 'import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print("while running: %d collections, %.1f ms paused, %d bytes allocated in %d ticks" % (b["gc_collections"][0] - a["gc_collections"][0],
      b["gc_pause_total_ms"] - a["gc_pause_total_ms"], b["allocated_bytes"] - a["allocated_bytes"], b["ticks"] - a["ticks"]))' "$first" "$last" 2>/dev/null || echo "while running: no status")
  printf "%-44s %s; %s; %s\n" "$1" "$loop" "$state" "$running"
}

for r in $(seq "$runs"); do
  for rate in 1khz 200hz; do
    one "$rate: no page" 0 "" "ground-station-$rate.json"
    one "$rate: 2 clients (stream + commands, no browser)" 2 client "ground-station-$rate.json"
    one "$rate: 10,000 status requests" 1 flood "ground-station-$rate.json"
    one "$rate: 2 browsers (SCHED_IDLE)" 2 "chrt --idle 0" "ground-station-$rate.json"
  done
done

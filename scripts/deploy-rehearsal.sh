#!/usr/bin/env bash
# docs/deploy.md's commands in its order, on this machine: the build and the installer for real
# (into a folder, --prefix), the Pi's commands against the simulated robot (robot-hil firmware --),
# robot.json taken from the guide itself. What a person would see, step by step.
# Usage: scripts/deploy-rehearsal.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/deploy-rehearsal-$(date +%Y%m%d-%H%M%S)}"
if [ -e "$out" ]; then echo "error: $out already exists; name a new folder" >&2; exit 2; fi
mkdir -p "$out"
dotnet build Robot.sln -c Release -nologo -v q > /dev/null
hil="dotnet hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil.dll"
policy=hil-tests/fixtures/uniwheel-ppo.rpol

echo "== 3. publish (linux-arm64, self-contained) and install (into $out/root)"
dotnet publish firmware/Robot.Firmware -c Release -r linux-arm64 --self-contained -o "$out/firmware" -nologo -v q > /dev/null
awk '/^```json/ { inside = 1; next } /^```/ { inside = 0 } inside' docs/deploy.md > "$out/robot.json"
firmware/deploy/install.sh --from "$out/firmware" --policy "$policy" --config "$out/robot.json" --user "$(id -un)" --prefix "$out/root"
config="$out/root/opt/uniwheel/robot.json"

echo "== 4. doctor (the devices are the simulated robot's; the system lines are this machine's, not a Pi's, and fail here)"
$hil firmware -- doctor --config "$config" --root "$out/root" || true

echo "== 5. calibrate, on the stand"
cat > "$out/stand.json" << 'JSON'
{ "duration_s": 3600, "mount": "wheel_lifted", "initial": { "pitch_rad": 0.0 } }
JSON
$hil firmware --scenario "$out/stand.json" -- calibrate --config "$config"

echo "== 6. bringup: sensors, the stand (first 6 s), the floor"
cat > "$out/stand-then-floor.json" << 'JSON'
{ "duration_s": 3600, "initial": { "pitch_rad": 0.02, "release_s": 3000, "reaction_s": 0.05 },
  "faults": [ { "kind": "wheel_lifted", "start_s": 0, "end_s": 6, "value": 0.02 } ] }
JSON
# What the person types: yes (the sensors moved right), Enter on the stand, Enter on the floor, quit.
(sleep 4; echo yes; sleep 1; echo; sleep 6; echo; sleep 5; echo quit) \
  | $hil firmware --scenario "$out/stand-then-floor.json" -- bringup --policy "$out/root/opt/uniwheel/policy.rpol" --config "$config" \
      --telemetry "$out/first.csv" --show-seconds 2

echo "== the run's telemetry, drawn as the HIL draws a scenario"
$hil plot "$out/first.csv" --out "$out/first.png" --duty-limit 0.5

echo "== safe-stop (what systemd runs after the service)"
$hil firmware -- safe-stop --config "$config"
echo "Rehearsal in $out"

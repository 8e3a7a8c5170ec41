#!/usr/bin/env bash
# The whole journey on defaults: train a uniwheel balancing policy with PPO, export it as the
# robot's policy file, run the hardware-in-the-loop suite on the real firmware with it, and end
# with a table that says whether it is fit to deploy. Usage: scripts/journey.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/journey-$(date +%Y%m%d-%H%M%S)}"
if [ -e "$out" ]; then echo "error: $out already exists; name a new folder" >&2; exit 2; fi

echo "== building (Release)"
build_log=$(mktemp)
if ! dotnet build Robot.sln -c Release -nologo > "$build_log" 2>&1; then
  grep -E "error|Error" "$build_log" >&2 || cat "$build_log" >&2
  exit 1
fi
rm -f "$build_log"
trainer=trainer/Robot.Trainer/bin/Release/net10.0/robot-trainer.dll
hil=hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil.dll

echo "== 1/3 training a uniwheel policy (PPO, seed 1, until the deployability check holds; about 25 s)"
dotnet "$trainer" train --env uniwheel --algo ppo --seed 1 --out "$out/train"
echo "== 2/3 exported: $out/train/policy.rpol"
dotnet "$trainer" policy inspect "$out/train/policy.rpol" > "$out/train/policy.txt"  # checked by the robot's own reader
head -n 6 "$out/train/policy.txt"

echo "== 3/3 hardware-in-the-loop suite on the firmware (simulated time)"
set +e
dotnet "$hil" suite hil-tests/scenarios --policy "$out/train/policy.rpol" --plots "$out/hil" --json "$out/hil/results.json"
verdict=$?
set -e
echo
echo "Results in $out: train/ (progress.csv, learning-curve.png, summary.json, policy.rpol), hil/ (one PNG per scenario, results.json)"
exit $verdict

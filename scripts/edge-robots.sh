#!/usr/bin/env bash
# docs/benchmarks.md, "Learned against classical on edge robots": a policy and the LQR designed for the
# built-in robot on every robot of hil-tests/robots/ and hil-tests/robots/edge/: 1,000 episodes each
# (eval, seed 0) and the HIL suite on each. Prints one markdown table row per robot.
# Usage: scripts/edge-robots.sh [POLICY] [LQR]   (defaults: the committed fixtures)
set -euo pipefail
cd "$(dirname "$0")/.."
policy="${1:-hil-tests/fixtures/uniwheel-ppo.rpol}"
lqr="${2:-hil-tests/fixtures/lqr.rpol}"
dotnet build Robot.sln -c Release -nologo -v q > /dev/null
trainer="dotnet trainer/Robot.Trainer/bin/Release/net10.0/robot-trainer.dll"
hil="dotnet hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil.dll"
success() { $trainer eval --plant "$1" --policy "$2" --episodes 1000 --seed 0 | grep -o 'success [0-9.]* %' | cut -d' ' -f2-; }
suite() { $hil suite hil-tests/scenarios --policy "$2" --plant "$1" | tail -n 1 | sed -E 's/.*passed all ([0-9]+) scenarios.*/\1\/\1/; s/.*failed ([0-9]+) of ([0-9]+) scenarios.*/-\1 \2/' | awk '/^-/ {sub("-", ""); print $2-$1 "/" $2; next} {print}'; }
echo "| robot | learned: success | learned: HIL | LQR: success | LQR: HIL |"
echo "|---|---|---|---|---|"
for plant in hil-tests/robots/*.json hil-tests/robots/edge/*.json; do
  echo "| $(basename "$plant" .json) | $(success "$plant" "$policy") | $(suite "$plant" "$policy") | $(success "$plant" "$lqr") | $(suite "$plant" "$lqr") |"
done

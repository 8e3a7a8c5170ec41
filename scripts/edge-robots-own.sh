#!/usr/bin/env bash
# docs/benchmarks.md, "Each edge robot's own policy against its own LQR": for every robot of
# hil-tests/robots/ and hil-tests/robots/edge/, the policy trained for that robot's plant file
# (`train --plant`, the preset, one seed) and the LQR designed for it (`export-lqr --plant`):
# 1,000 episodes each (eval, seed 0) and the HIL suite on the robot. One markdown table row per robot.
# Usage: scripts/edge-robots-own.sh OUT [SEED]   (OUT: a new folder for the runs; seed 1 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: scripts/edge-robots-own.sh OUT [SEED]}"
seed="${2:-1}"
[ -e "$out" ] && { echo "error: $out exists: name a new folder" >&2; exit 2; }
mkdir -p "$out"
dotnet build Robot.sln -c Release -nologo -v q > /dev/null
trainer="dotnet trainer/Robot.Trainer/bin/Release/net10.0/robot-trainer.dll"
hil="dotnet hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil.dll"
success() { $trainer eval --plant "$1" --policy "$2" --episodes 1000 --seed 0 | grep -o 'success [0-9.]* %' | cut -d' ' -f2-; }
suite() { $hil suite hil-tests/scenarios --policy "$2" --plant "$1" | tail -n 1 | sed -E 's/.*passed all ([0-9]+) scenarios.*/\1\/\1/; s/.*failed ([0-9]+) of ([0-9]+) scenarios.*/-\1 \2/' | awk '/^-/ {sub("-", ""); print $2-$1 "/" $2; next} {print}'; }
echo "| robot | steps, wall | own policy: success | own policy: HIL | own LQR: success | own LQR: HIL |"
echo "|---|---|---|---|---|---|"
for plant in hil-tests/robots/*.json hil-tests/robots/edge/*.json; do
  name=$(basename "$plant" .json)
  start=$(date +%s.%N)
  verdict=ok
  $trainer train --plant "$plant" --seed "$seed" --out "$out/$name" --quiet > "$out/$name.log" 2>&1 || verdict="exit $?"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  steps=$(grep -o '"env_steps": *[0-9]*' "$out/$name/summary.json" | head -n 1 | grep -o '[0-9]*$')
  $hil export-lqr --plant "$plant" --out "$out/$name-lqr.rpol" > /dev/null
  echo "| $name | $steps, $(printf '%.1f' "$wall") s$([ "$verdict" = ok ] || echo ", $verdict") | $(success "$plant" "$out/$name/policy.rpol") | $(suite "$plant" "$out/$name/policy.rpol") | $(success "$plant" "$out/$name-lqr.rpol") | $(suite "$plant" "$out/$name-lqr.rpol") |"
done

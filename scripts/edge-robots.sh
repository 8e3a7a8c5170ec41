#!/usr/bin/env bash
# docs/benchmarks.md, "Learned against classical on edge robots", on every robot of hil-tests/robots/ and
# hil-tests/robots/edge/, 1,000 episodes each (eval, seed 0) and the HIL suite on each; one markdown
# table row per robot.
#   scripts/edge-robots.sh [POLICY] [LQR]   a policy and the LQR designed for the built-in robot
#                                           (defaults: the committed fixtures)
#   scripts/edge-robots.sh --own OUT [SEED] each robot's own policy (train --plant, the preset, seed 1
#                                           by default, runs in the new folder OUT) and the LQR
#                                           designed for its plant (export-lqr --plant)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Robot.sln -c Release -nologo -v q > /dev/null
trainer="dotnet trainer/Robot.Trainer/bin/Release/net10.0/robot-trainer.dll"
hil="dotnet hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil.dll"
success() { $trainer eval --plant "$1" --policy "$2" --episodes 1000 --seed 0 | grep -o 'success [0-9.]* %' | cut -d' ' -f2-; }
suite() { $hil suite hil-tests/scenarios --policy "$2" --plant "$1" | tail -n 1 | sed -E 's/.*passed all ([0-9]+) scenarios.*/\1\/\1/; s/.*failed ([0-9]+) of ([0-9]+) scenarios.*/-\1 \2/' | awk '/^-/ {sub("-", ""); print $2-$1 "/" $2; next} {print}'; }
robots=(hil-tests/robots/*.json hil-tests/robots/edge/*.json)

if [ "${1:-}" != "--own" ]; then
  policy="${1:-hil-tests/fixtures/uniwheel-ppo.rpol}"
  lqr="${2:-hil-tests/fixtures/lqr.rpol}"
  echo "| robot | learned: success | learned: HIL | LQR: success | LQR: HIL |"
  echo "|---|---|---|---|---|"
  for plant in "${robots[@]}"; do
    echo "| $(basename "$plant" .json) | $(success "$plant" "$policy") | $(suite "$plant" "$policy") | $(success "$plant" "$lqr") | $(suite "$plant" "$lqr") |"
  done
  exit 0
fi

out="${2:?usage: scripts/edge-robots.sh --own OUT [SEED]}"
seed="${3:-1}"
[ -e "$out" ] && { echo "error: $out exists: name a new folder" >&2; exit 2; }
mkdir -p "$out"
echo "| robot | steps, wall | own policy: success | own policy: HIL | own LQR: success | own LQR: HIL |"
echo "|---|---|---|---|---|---|"
for plant in "${robots[@]}"; do
  name=$(basename "$plant" .json)
  start=$(date +%s.%N)
  verdict=ok
  $trainer train --plant "$plant" --seed "$seed" --out "$out/$name" --quiet > "$out/$name.log" 2>&1 || verdict="exit $?"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  steps=$(grep -o '"env_steps": *[0-9]*' "$out/$name/summary.json" | head -n 1 | grep -o '[0-9]*$')
  $hil export-lqr --plant "$plant" --out "$out/$name-lqr.rpol" > /dev/null
  echo "| $name | $steps, $(printf '%.1f' "$wall") s$([ "$verdict" = ok ] || echo ", $verdict") | $(success "$plant" "$out/$name/policy.rpol") | $(suite "$plant" "$out/$name/policy.rpol") | $(success "$plant" "$out/$name-lqr.rpol") | $(suite "$plant" "$out/$name-lqr.rpol") |"
done

#!/usr/bin/env bash
# docs/sim-to-real.md's demonstration, end to end on a hidden robot (hil-tests/robots/ROBOT.json,
# default weak-sticky-drive): the default policy on it; the firmware's motor experiment on the
# simulated robot; system identification; a policy trained for the identified plant; both policies
# evaluated on 1,000 randomized episodes of the hidden robot and run through the HIL suite on it.
# Usage: scripts/sim-to-real.sh [OUT_DIR] [ROBOT]   (ROBOT: a name under hil-tests/robots/ or a plant file of your own)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/sim-to-real-$(date +%Y%m%d-%H%M%S)}"
robot="${2:-weak-sticky-drive}"
[ -f "$robot" ] || robot="hil-tests/robots/$robot.json"
if [ ! -f "$robot" ]; then echo "error: no plant file '${2}' (give a path, or a name under hil-tests/robots/)" >&2; exit 2; fi
if [ -e "$out" ]; then echo "error: $out already exists; name a new folder" >&2; exit 2; fi
mkdir -p "$out"
dotnet build Robot.sln -c Release -nologo -v q > /dev/null
trainer=trainer/Robot.Trainer/bin/Release/net10.0/robot-trainer.dll
hil=hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil.dll
default_policy=hil-tests/fixtures/uniwheel-ppo.rpol

echo "== 1/6 the default policy on the hidden robot (1,000 episodes)"
dotnet "$trainer" eval --env uniwheel --policy "$default_policy" --plant "$robot" --episodes 1000 --seed 0 | tee "$out/default-eval.txt"
echo "== 2/6 the motor and pendulum experiments (robot-firmware identify, on the simulated hidden robot)"
/usr/bin/time -f "identify motor: %e s" dotnet "$hil" identify --scenario hil-tests/scenarios/identify/motor.json --plant "$robot" --experiment motor --out "$out/motor.csv"
/usr/bin/time -f "identify pendulum: %e s" dotnet "$hil" identify --scenario hil-tests/scenarios/identify/pendulum.json --plant "$robot" --experiment pendulum --out "$out/pendulum.csv"
echo "== 3/6 system identification (what its owner measures by hand, the body's and wheel's masses and the wheel's radius, taken from the hidden robot)"
dotnet "$hil" measured --plant "$robot" --out "$out/start.json"
# Validation data: the default policy balancing the hidden robot for 20 s with two small pushes (its telemetry, as robot-firmware run --telemetry writes it).
dotnet "$hil" run --policy "$default_policy" --scenario hil-tests/scenarios/identify/validation.json --plant "$robot" --telemetry "$out/run.csv" > /dev/null || true
/usr/bin/time -f "sysid: %e s" dotnet "$trainer" sysid --data "$out/motor.csv" "$out/pendulum.csv" --start "$out/start.json" --validate "$out/run.csv" --out "$out/robot-plant.json"
echo "== 4/6 training for the identified plant (PPO, seed 1, until the deployability check holds)"
/usr/bin/time -f "train: %e s" dotnet "$trainer" train --env uniwheel --algo ppo --seed 1 --plant "$out/robot-plant.json" --out "$out/train" --quiet || echo "(not deployable within the budget: the best checked policy is evaluated below)"
echo "== 5/6 the policy for the identified plant on the hidden robot (1,000 episodes)"
dotnet "$trainer" eval --env uniwheel --policy "$out/train/policy.rpol" --plant "$robot" --episodes 1000 --seed 0 | tee "$out/identified-eval.txt"
echo "== 6/6 the HIL suite on the hidden robot, both policies"
set +e
dotnet "$hil" suite hil-tests/scenarios --policy "$default_policy" --plant "$robot" --json "$out/hil-default.json" > "$out/hil-default.txt"
dotnet "$hil" suite hil-tests/scenarios --policy "$out/train/policy.rpol" --plant "$robot" --json "$out/hil-identified.json" > "$out/hil-identified.txt"
set -e
tail -n 2 "$out/hil-default.txt" "$out/hil-identified.txt"
echo "Results in $out"

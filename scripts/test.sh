#!/usr/bin/env bash
# The tests, as CI runs them. Two passes: everything else first (test assemblies run side by side,
# and the learning tests keep both cores busy), then the tests that run the firmware on the wall
# clock (Category=RealTime) with the machine to themselves, so a training test cannot make their
# loop late. Extra arguments go to both passes (e.g. --logger, --no-build after a build).
set -uo pipefail
cd "$(dirname "$0")/.."
# The one thing NuGet cannot give: Debian's Chromium, which the ground station's browser test drives
# (Playwright cannot download a browser of its own here). Installed once, when it is missing.
if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: installing Debian's chromium for the ground station's browser test"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium) >/dev/null \
    || echo "test.sh: apt-get install chromium failed; the browser tests will say so" >&2
fi
dotnet test Robot.sln -c Release --filter "Category!=RealTime" "$@"
first=$?
# -m:1: one test assembly at a time (five test hosts starting beside the wall-clock run took its
# core for 50-80 ms in one run of three). nice -10 as the robot's service unit has it (docs/deploy.md):
# a garbage collection started by a web-server thread stops the loop until that thread finishes it.
# Without the right to raise priority nice says so and runs the tests as they are.
nice -n -10 dotnet test Robot.sln -c Release --no-build -m:1 --filter "Category=RealTime" "$@"
second=$?
[ "$first" -eq 0 ] && [ "$second" -eq 0 ]

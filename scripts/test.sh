#!/usr/bin/env bash
# The tests, as CI runs them. Two passes: everything else first (test assemblies run side by side,
# and the learning tests keep both cores busy), then the tests that run the firmware on the wall
# clock (Category=RealTime) with the machine to themselves, so a training test cannot make their
# loop late. Extra arguments go to both passes (e.g. --logger, --no-build after a build).
set -uo pipefail
cd "$(dirname "$0")/.."
dotnet test Robot.sln -c Release --filter "Category!=RealTime" "$@"
first=$?
dotnet test Robot.sln -c Release --no-build --filter "Category=RealTime" "$@"
second=$?
[ "$first" -eq 0 ] && [ "$second" -eq 0 ]

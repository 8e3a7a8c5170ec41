#!/usr/bin/env bash
# The robot's CPU in CI: the HIL suite on the rig published for linux-arm64 (the Raspberry Pi's),
# run under Debian's qemu-user, must give the very table the x64 build gives (the speed column
# aside). Installs what it needs when missing: qemu-user-static and the arm64 C and C++ libraries
# from Debian's multiarch (through sudo unless run as root). .NET under qemu-user needs
# DOTNET_EnableWriteXorExecute=0 (without it the runtime crashes there).
# Usage: scripts/arm64-hil.sh [POLICY]   (default: the committed fixture)
set -euo pipefail
cd "$(dirname "$0")/.."
policy="${1:-hil-tests/fixtures/uniwheel-ppo.rpol}"
start=$(date +%s)

if [ ! -x /usr/bin/qemu-aarch64-static ] || [ ! -e /lib/ld-linux-aarch64.so.1 ] || [ ! -e /usr/lib/aarch64-linux-gnu/libstdc++.so.6 ]; then
  echo "arm64-hil: installing qemu-user-static and the arm64 C libraries (multiarch)"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  ($sudo dpkg --add-architecture arm64 && $sudo apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq qemu-user-static libc6:arm64 libstdc++6:arm64 libicu72:arm64 zlib1g:arm64) >/dev/null \
    || { echo "arm64-hil: installing qemu-user-static and the arm64 libraries failed" >&2; exit 3; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The rig references the firmware (an executable too): both bring an apphost and deps file, the rig's win.
dotnet publish hil-tests/Robot.Hil -c Release -r linux-arm64 --self-contained -p:ErrorOnDuplicatePublishOutputFiles=false \
  -o "$work/arm64" -nologo -v q 2>&1 | grep -v "warning NU1603" || true
[ -x "$work/arm64/robot-hil" ] || { echo "arm64-hil: the linux-arm64 publish did not produce robot-hil" >&2; exit 1; }
dotnet build hil-tests/Robot.Hil -c Release -nologo -v q 2>&1 | grep -E " error " || true

table() { sed -E 's/ +[0-9]+x( |$)/ \1/' "$1"; } # the speed column is the host's, not the firmware's
set +e
dotnet hil-tests/Robot.Hil/bin/Release/net10.0/robot-hil.dll suite hil-tests/scenarios --policy "$policy" > "$work/x64.txt" 2>&1
x64=$?
DOTNET_EnableWriteXorExecute=0 qemu-aarch64-static "$work/arm64/robot-hil" suite hil-tests/scenarios --policy "$policy" > "$work/arm64.txt" 2>&1
arm64=$?
set -e
if ! diff <(table "$work/x64.txt") <(table "$work/arm64.txt") > "$work/diff.txt"; then
  cat "$work/diff.txt"
  echo "arm64-hil: the linux-arm64 build's HIL table differs from x64's (above; exit codes $x64 and $arm64)" >&2
  exit 1
fi
tail -n 1 "$work/arm64.txt"
echo "arm64-hil: linux-arm64 under qemu-user gives the x64 table ($(grep -cE '^[a-z0-9-]+ +(PASS|FAIL|N/A)' "$work/arm64.txt") scenarios) in $(( $(date +%s) - start )) s"
[ "$x64" -eq 0 ]

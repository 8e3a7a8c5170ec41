#!/usr/bin/env bash
# Installs the published firmware on the robot (docs/deploy.md, "Install"): /opt/uniwheel owned by
# the service user, the self-contained build, the policy, robot.json and the systemd units: the robot,
# enabled, and its ground station (enable it to drive from a browser).
# Usage (on the Pi, from the copied folder):
#   sudo ./install.sh --from firmware --policy policy.rpol --config robot.json [--user pi] [--no-start]
#   ./install.sh ... --prefix DIR   (into DIR/opt/uniwheel and DIR/etc/systemd/system; no systemctl)
# An existing robot.json is kept (it holds the calibration); the new one is written beside it as
# robot.json.new. Exit codes: 0 installed, 2 bad arguments (one line on stderr).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
from="" policy="" config="" user="${SUDO_USER:-pi}" prefix="" start=1
fail() { echo "error: $1" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="${2:-}"; shift 2 ;;
    --policy) policy="${2:-}"; shift 2 ;;
    --config) config="${2:-}"; shift 2 ;;
    --user) user="${2:-}"; shift 2 ;;
    --prefix) prefix="${2:-}"; shift 2 ;;
    --no-start) start=0; shift ;;
    *) fail "unknown argument '$1' (see the usage at the top of $0)" ;;
  esac
done
[ -n "$from" ] && [ -x "$from/robot-firmware" ] || fail "--from must name the published folder holding robot-firmware (dotnet publish ... -o out/firmware)"
[ -f "$policy" ] || fail "--policy: no policy file '$policy'"
[ -f "$config" ] || fail "--config: no robot.json '$config'"
[ -n "$user" ] || fail "--user must name the service user"
dest="$prefix/opt/uniwheel"
unit="$prefix/etc/systemd/system/uniwheel.service"
station_unit="$prefix/etc/systemd/system/uniwheel-station.service"

mkdir -p "$dest" "$(dirname "$unit")"
cp -a "$from/." "$dest/"                 # the folder's contents: /opt/uniwheel/robot-firmware, never a nested folder
install -m 644 "$policy" "$dest/policy.rpol"
if [ -f "$dest/robot.json" ] && ! cmp -s "$config" "$dest/robot.json"; then
  install -m 644 "$config" "$dest/robot.json.new"
  echo "kept $dest/robot.json (it holds the calibration); the new one is $dest/robot.json.new"
else
  install -m 644 "$config" "$dest/robot.json"
fi
sed "s/@USER@/$user/" "$here/uniwheel.service" > "$unit"
sed "s/@USER@/$user/" "$here/uniwheel-station.service" > "$station_unit"
chmod 644 "$unit" "$station_unit"
# calibrate writes robot.json through a temporary file beside it, and run writes telemetry there:
# the service user owns the folder.
if [ "$(id -u)" = 0 ] && id "$user" > /dev/null 2>&1; then
  chown -R "$user:$(id -gn "$user")" "$dest"
else
  echo "note: not root (or no user $user here): $dest left owned by $(id -un)"
fi
echo "installed: $dest (robot-firmware, policy.rpol, robot.json), $unit and $station_unit for user $user"
if [ -z "$prefix" ]; then
  systemctl daemon-reload
  systemctl enable uniwheel
  if [ "$start" = 1 ]; then systemctl restart uniwheel; echo "started: journalctl -u uniwheel -f"; fi
fi
echo "next: sudo -u $user $dest/robot-firmware doctor --config $dest/robot.json --user $user"
echo "to drive it from a browser: sudo systemctl enable --now uniwheel-station (docs/ground-station.md)"

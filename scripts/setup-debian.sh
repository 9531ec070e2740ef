#!/usr/bin/env bash
# Installs what building, running, testing and packaging Supaconnect needs
# on Debian 12 or newer. That is the GTK 3 and WebKitGTK 4.1 headers for
# Wails, and the real components the tests use (Chromium, Xvfb, GNOME
# Keyring under D-Bus). The packaging tools are NSIS for the Windows
# installers, osslsigncode to sign and check them, and rpm and 7-Zip to
# inspect packages.
# Packages already present are skipped, so a second run is fast.
set -euo pipefail

packages=(
  pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
  chromium xvfb xauth x11-utils xdotool imagemagick
  dbus dbus-x11 gnome-keyring libsecret-tools
  nsis osslsigncode openssl rpm 7zip desktop-file-utils file curl
  ca-certificates git make
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

for tool in go node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "setup: $tool is missing: install Go 1.26 and Node.js 20 first" >&2
    exit 1
  fi
done

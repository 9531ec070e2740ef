#!/usr/bin/env bash
# Copies the NSIS installers that `make package-windows` built into OUT_DIR
# under versioned names, after checking that each one is there and is a
# Windows executable: wails build exits 0 even when it skipped them.
#
# Usage: scripts/package-windows.sh PACKAGE_VERSION OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: scripts/package-windows.sh PACKAGE_VERSION OUT_DIR}
out_dir=${2:?usage: scripts/package-windows.sh PACKAGE_VERSION OUT_DIR}
mkdir -p "$out_dir"
rm -f "$out_dir"/supaconnect-*-windows-*-setup.exe

for arch in amd64 arm64; do
  app="build/bin/supaconnect-$arch.exe"
  installer="build/bin/supaconnect-$arch-installer.exe"
  for file in "$app" "$installer"; do
    if [ ! -s "$file" ]; then
      echo "package-windows: $file is missing: the wails build above did not produce it" >&2
      exit 1
    fi
  done

  kind=$(file -b "$installer")
  case "$kind" in
    PE32*"Nullsoft Installer"*) ;;
    *)
      echo "package-windows: $installer is not an NSIS installer: $kind" >&2
      exit 1
      ;;
  esac

  target="$out_dir/supaconnect-$version-windows-$arch-setup.exe"
  cp "$installer" "$target"
  echo "package-windows: wrote $target"
done

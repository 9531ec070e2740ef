#!/usr/bin/env bash
# Regenerates the committed icons from build/appicon.png (1024x1024 PNG):
# build/windows/icon.ico for the Windows executable and installer, and the
# hicolor PNGs in build/linux/icons/ that the .deb and .rpm install. Run it
# after changing appicon.png and commit the results. macOS needs nothing
# here: Wails makes the .icns from appicon.png at build time.
#
# Needs ImageMagick 6 (convert), which scripts/setup-debian.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

source_png=build/appicon.png
linux_sizes=(16 24 32 48 64 128 256 512)
windows_sizes=256,128,64,48,32,24,16

# -strip drops the timestamps ImageMagick writes, so a rerun on an
# unchanged appicon.png leaves the files byte for byte the same.
for size in "${linux_sizes[@]}"; do
  dir="build/linux/icons/${size}x${size}"
  mkdir -p "$dir"
  convert "$source_png" -resize "${size}x${size}" -strip "PNG32:$dir/supaconnect.png"
done

convert "$source_png" -strip -define "icon:auto-resize=$windows_sizes" build/windows/icon.ico

echo "icons: wrote build/windows/icon.ico and build/linux/icons/{$(IFS=,; echo "${linux_sizes[*]}")}"

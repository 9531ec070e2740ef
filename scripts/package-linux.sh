#!/usr/bin/env bash
# Packages the Linux binary that `make package-linux` built into a .deb and
# an .rpm (with nfpm, configured in build/linux/nfpm.yaml) and a .tar.gz,
# and writes them to OUT_DIR.
#
# Usage: scripts/package-linux.sh PACKAGE_VERSION OUT_DIR
# PACKAGE_VERSION is a semantic version such as 0.1.0 or 0.1.0-dev.g6e3fa1a.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: scripts/package-linux.sh PACKAGE_VERSION OUT_DIR}
out_dir=${2:?usage: scripts/package-linux.sh PACKAGE_VERSION OUT_DIR}
binary=build/bin/supaconnect
arch=$(go env GOARCH)

if [ ! -x "$binary" ]; then
  echo "package-linux: $binary is missing: build it first with make package-linux" >&2
  exit 1
fi
if ! file -b "$binary" | grep -q '^ELF'; then
  echo "package-linux: $binary is not a Linux (ELF) executable: $(file -b "$binary")" >&2
  exit 1
fi
mkdir -p "$out_dir"
rm -f "$out_dir"/supaconnect_*.deb "$out_dir"/supaconnect-*.rpm "$out_dir"/supaconnect-*-linux-*.tar.gz

for packager in deb rpm; do
  PACKAGE_VERSION=$version PACKAGE_ARCH=$arch \
    go tool nfpm package --config build/linux/nfpm.yaml --packager "$packager" --target "$out_dir/"
done

# The tarball mirrors the /usr layout under one top folder, so unpacking
# its contents into ~/.local or /usr/local installs the app.
name="supaconnect-$version-linux-$arch"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
install -D -m 0755 "$binary" "$root/bin/supaconnect"
install -D -m 0644 build/linux/supaconnect.desktop "$root/share/applications/supaconnect.desktop"
for icon in build/linux/icons/*/supaconnect.png; do
  size=$(basename "$(dirname "$icon")")
  install -D -m 0644 "$icon" "$root/share/icons/hicolor/$size/apps/supaconnect.png"
done

# Fixed owner, order and times make the tarball depend only on its files.
mtime=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" \
  -C "$stage" -czf "$out_dir/$name.tar.gz" "$name"

echo "package-linux: wrote the .deb, .rpm and $name.tar.gz to $out_dir"

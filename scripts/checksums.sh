#!/usr/bin/env bash
# Prints the size of every artifact in DIR and writes DIR/SHA256SUMS, the
# file that the release attaches next to them (check with sha256sum -c).
#
# Usage: scripts/checksums.sh DIR
set -euo pipefail

dir=${1:?usage: scripts/checksums.sh DIR}
cd "$dir"

artifacts=()
for file in *; do
  if [ -f "$file" ] && [ "$file" != SHA256SUMS ]; then
    artifacts+=("$file")
  fi
done
if [ ${#artifacts[@]} -eq 0 ]; then
  echo "checksums: $dir has no artifacts" >&2
  exit 1
fi

# sha256sum on Linux, shasum on macOS; both write the same format.
if command -v sha256sum >/dev/null; then
  sha256sum "${artifacts[@]}" >SHA256SUMS
else
  shasum -a 256 "${artifacts[@]}" >SHA256SUMS
fi

echo "Artifacts in $dir:"
for file in "${artifacts[@]}"; do
  bytes=$(wc -c <"$file" | tr -d ' ')
  awk -v bytes="$bytes" -v name="$file" 'BEGIN { printf "  %8.2f MB  %s (%d bytes)\n", bytes / 1000000, name, bytes }'
done
echo "  SHA256SUMS lists their SHA-256 checksums."

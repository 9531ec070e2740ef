#!/usr/bin/env bash
# Signs the universal Supaconnect.app that `make package-darwin` built,
# puts it in a .dmg in OUT_DIR, and notarizes the .dmg. Runs on macOS only.
#
# Environment (all optional; the release workflow sets them from secrets):
#   MACOS_SIGN_IDENTITY     a "Developer ID Application: ..." identity in the
#                           keychain. Without it the app is signed ad hoc,
#                           which is fine for testing and wrong for a release.
#   MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD
#                           an Apple ID, its team ID and an app-specific
#                           password for notarytool. All three turn on
#                           notarization, which needs MACOS_SIGN_IDENTITY.
#
# Usage: scripts/package-darwin.sh PACKAGE_VERSION OUT_DIR
# Written for the bash 3.2 that macOS ships.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: scripts/package-darwin.sh PACKAGE_VERSION OUT_DIR}
out_dir=${2:?usage: scripts/package-darwin.sh PACKAGE_VERSION OUT_DIR}
app=build/bin/Supaconnect.app
executable="$app/Contents/MacOS/supaconnect"

if [ "$(uname -s)" != Darwin ]; then
  echo "package-darwin: this script needs macOS (codesign, hdiutil, notarytool)" >&2
  exit 1
fi
if [ ! -x "$executable" ]; then
  echo "package-darwin: $executable is missing: the wails build did not produce the app" >&2
  exit 1
fi
archs=$(lipo -archs "$executable")
case " $archs " in
  *" x86_64 "*" arm64 "* | *" arm64 "*" x86_64 "*) ;;
  *)
    echo "package-darwin: $executable is not universal: it contains only $archs" >&2
    exit 1
    ;;
esac

identity=${MACOS_SIGN_IDENTITY:-}
if [ -n "$identity" ]; then
  # Hardened runtime and a secure timestamp are what notarization requires.
  codesign --force --options runtime --timestamp --sign "$identity" "$app"
else
  echo "package-darwin: MACOS_SIGN_IDENTITY is not set, so the app is signed ad hoc." >&2
  echo "package-darwin: Gatekeeper blocks an ad hoc signed app that was downloaded; do not release it." >&2
  codesign --force --sign - "$app"
fi
codesign --verify --strict --verbose=2 "$app"

mkdir -p "$out_dir"
rm -f "$out_dir"/supaconnect-*-macos-*.dmg
dmg="$out_dir/supaconnect-$version-macos-universal.dmg"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "Supaconnect" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "$identity" ]; then
  codesign --force --timestamp --sign "$identity" "$dmg"
fi

if [ -n "${MACOS_NOTARY_APPLE_ID:-}" ] && [ -n "${MACOS_NOTARY_TEAM_ID:-}" ] && [ -n "${MACOS_NOTARY_PASSWORD:-}" ]; then
  if [ -z "$identity" ]; then
    echo "package-darwin: notarization needs a Developer ID signature: set MACOS_SIGN_IDENTITY" >&2
    exit 1
  fi
  # Notarizing the .dmg covers the app inside it. Stapling attaches the
  # ticket, so Gatekeeper accepts the .dmg without a network connection.
  xcrun notarytool submit "$dmg" --apple-id "$MACOS_NOTARY_APPLE_ID" \
    --team-id "$MACOS_NOTARY_TEAM_ID" --password "$MACOS_NOTARY_PASSWORD" --wait
  xcrun stapler staple "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose "$dmg"
else
  echo "package-darwin: notarization skipped: MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID and MACOS_NOTARY_PASSWORD are not all set" >&2
fi

echo "package-darwin: wrote $dmg"

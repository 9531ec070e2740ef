#!/usr/bin/env bash
# Tests the artifacts that `make package` wrote to DIR:
#
#  1. the .deb and .rpm declare the GTK 3 and WebKitGTK 4.1 runtime packages;
#  2. the .deb installs on this machine with apt-get (which resolves its
#     Depends), `supaconnect --version` prints the build's version, the
#     installed binary opens a rendered window under Xvfb (scripts/smoke.sh),
#     and apt-get remove takes every file it installed away again;
#  3. each Windows installer is a PE file that osslsigncode parses, bundles
#     the app for its own architecture, and can be signed: the test signs a
#     copy with a throwaway self-signed certificate and verifies it.
#
# It needs root or sudo, and refuses to run while supaconnect is already
# installed, so it never replaces or removes a real installation.
# MAX_DEB_BYTES and MAX_SETUP_BYTES set the size limits (default 6 MB and
# 9 MB). EXPECT_SIGNED=true makes it require that the installers are signed,
# for builds with a signing key (see scripts/sign-windows.sh).
#
# Usage: scripts/test-package.sh DIR PACKAGE_VERSION
set -euo pipefail
cd "$(dirname "$0")/.."

dist=${1:?usage: scripts/test-package.sh DIR PACKAGE_VERSION}
version=${2:?usage: scripts/test-package.sh DIR PACKAGE_VERSION}
max_deb_bytes=${MAX_DEB_BYTES:-6000000}
max_setup_bytes=${MAX_SETUP_BYTES:-9000000}
arch=$(dpkg --print-architecture)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

fail() {
  echo "test-package: FAIL: $*" >&2
  exit 1
}

pass() {
  echo "test-package: ok: $*"
}

# Asserts that FILE is at most MAX bytes.
check_size() {
  local file=$1 max=$2 bytes
  bytes=$(stat -c %s "$file")
  if [ "$bytes" -gt "$max" ]; then
    fail "$file is $bytes bytes, over the limit of $max"
  fi
  pass "$(basename "$file") is $bytes bytes (limit $max)"
}

# Debian and rpm spell the semantic version's prerelease with a tilde.
package_version=${version/-/\~}
deb="$dist/supaconnect_${package_version}_${arch}.deb"
rpm_matches=("$dist"/supaconnect-"$package_version"-1.*.rpm)
rpm_file=${rpm_matches[0]}
[ -f "$deb" ] || fail "$deb is missing: run make package first"
[ -f "$rpm_file" ] || fail "no supaconnect-$package_version-1.*.rpm in $dist: run make package first"

# 1. Package metadata.
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
  case ", $depends, " in
    *", $dep, "* | *", $dep "*) pass ".deb depends on $dep" ;;
    *) fail ".deb Depends is \"$depends\", which lacks $dep" ;;
  esac
done
check_size "$deb" "$max_deb_bytes"

if command -v rpm >/dev/null; then
  requires=$(rpm -qp --requires "$rpm_file" 2>/dev/null)
  for dep in webkit2gtk4.1 gtk3; do
    grep -qx "$dep" <<<"$requires" || fail "$rpm_file does not require $dep; it requires: $requires"
    pass ".rpm requires $dep"
  done
else
  echo "test-package: skipped the .rpm checks: rpm is not installed (scripts/setup-debian.sh installs it)"
fi

# 2. Install, run and remove the .deb.
if dpkg-query -W -f='${Status}' supaconnect 2>/dev/null | grep -q "install ok installed"; then
  fail "supaconnect is already installed on this machine; remove it first (apt-get remove supaconnect)"
fi

installed_files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\./, "", $6); print $6 }')
removed=false
remove_package() {
  if ! $removed; then
    removed=true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -q supaconnect >/dev/null
  fi
}
trap remove_package EXIT

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "./$deb" >/dev/null
pass "apt-get installed $(basename "$deb")"

for file in $installed_files; do
  [ -e "$file" ] || fail "$file is missing after the install"
done
[ "$(command -v supaconnect)" = /usr/bin/supaconnect ] || fail "supaconnect is not on PATH as /usr/bin/supaconnect"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/supaconnect.desktop || fail "the installed .desktop file is invalid"
fi
pass "all $(wc -w <<<"$installed_files") files are installed"

version_line=$(/usr/bin/supaconnect --version)
case "$version_line" in
  "supaconnect "*" (commit "*")") pass "supaconnect --version prints \"$version_line\"" ;;
  *) fail "supaconnect --version printed \"$version_line\"" ;;
esac

SMOKE_SCREENSHOT=installed-deb.png scripts/smoke.sh /usr/bin/supaconnect
pass "the installed app rendered its window"

remove_package
status=$(dpkg-query -W -f='${Status}' supaconnect 2>/dev/null || true)
case "$status" in
  "" | "unknown ok not-installed" | "deinstall ok not-installed") ;;
  *) fail "after apt-get remove, dpkg reports supaconnect as \"$status\"" ;;
esac
for file in $installed_files; do
  [ ! -e "$file" ] || fail "$file is still there after apt-get remove"
done
pass "apt-get remove took away all installed files"

# 3. The Windows installers.
work=$(mktemp -d)
trap 'remove_package; rm -rf "$work"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=Supaconnect test signing" \
  -addext "extendedKeyUsage=codeSigning" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

for win_arch in amd64 arm64; do
  setup="$dist/supaconnect-$version-windows-$win_arch-setup.exe"
  [ -f "$setup" ] || fail "$setup is missing: run make package first"
  check_size "$setup" "$max_setup_bytes"

  # An unsigned file makes verify exit 1. The PE checksum line shows that
  # osslsigncode parsed the PE structure before it looked for a signature.
  output=$(osslsigncode verify -in "$setup" 2>&1 || true)
  grep -q "PE checksum" <<<"$output" || fail "osslsigncode could not parse $setup as a PE file: $output"
  if [ "${EXPECT_SIGNED:-false}" = true ]; then
    grep -q "Signer's certificate" <<<"$output" || fail "$setup should be signed, but osslsigncode found no signature: $output"
    pass "$(basename "$setup") is a signed PE file that osslsigncode parses"
  else
    grep -q "No signature found" <<<"$output" || fail "osslsigncode did not report $setup as unsigned: $output"
    pass "$(basename "$setup") is an unsigned PE file that osslsigncode parses"
  fi

  if command -v 7zz >/dev/null; then
    7zz e -y -o"$work/$win_arch" "$setup" Supaconnect.exe >/dev/null
    kind=$(file -b "$work/$win_arch/Supaconnect.exe")
    want="x86-64"
    [ "$win_arch" = arm64 ] && want="Aarch64"
    case "$kind" in
      "PE32+ executable (GUI) $want"*) pass "$(basename "$setup") contains Supaconnect.exe for $want" ;;
      *) fail "$setup contains Supaconnect.exe of the wrong kind: $kind (want $want)" ;;
    esac
  else
    echo "test-package: skipped the installer content check: 7zz is missing (scripts/setup-debian.sh installs 7zip)"
  fi

  signed="$work/signed-$win_arch-setup.exe"
  if [ "${EXPECT_SIGNED:-false}" = true ]; then
    osslsigncode remove-signature -in "$setup" -out "$signed" >/dev/null
  else
    cp "$setup" "$signed"
  fi
  WINDOWS_SIGN_CERT="$work/cert.pem" WINDOWS_SIGN_KEY="$work/key.pem" scripts/sign-windows.sh "$signed" >/dev/null
  output=$(osslsigncode verify -in "$signed" -CAfile "$work/cert.pem" 2>&1) || fail "the signature on $signed does not verify: $output"
  grep -q "Signature verification: ok" <<<"$output" || fail "osslsigncode did not verify $signed: $output"
  pass "a copy of $(basename "$setup") signed with a throwaway certificate verifies"
done

echo "test-package: all checks passed"

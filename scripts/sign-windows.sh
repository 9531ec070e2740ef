#!/usr/bin/env bash
# Signs Windows executables in place with an Authenticode SHA-256 signature,
# using osslsigncode. The key comes from the environment:
#
#   WINDOWS_SIGN_PKCS12        a .pfx/.p12 file with the certificate chain and key, or
#   WINDOWS_SIGN_CERT and
#   WINDOWS_SIGN_KEY           PEM files: the certificate chain and the private key
#   WINDOWS_SIGN_PASSWORD      the password of the .pfx or of the key (optional)
#   WINDOWS_SIGN_TIMESTAMP_URL an RFC 3161 timestamp server (optional, needs network).
#                              Without a timestamp the signature stops being
#                              valid when the certificate expires.
#
# With --if-configured it signs nothing and exits 0 when no key is set.
# The NSIS script calls it that way for the app, the uninstaller and the
# installer, so `make package-windows` signs all three when a key is set.
#
# Usage: scripts/sign-windows.sh [--if-configured] FILE...
set -euo pipefail

if_configured=false
if [ "${1:-}" = "--if-configured" ]; then
  if_configured=true
  shift
fi
if [ $# -eq 0 ]; then
  echo "usage: scripts/sign-windows.sh [--if-configured] FILE..." >&2
  exit 2
fi

key_args=()
if [ -n "${WINDOWS_SIGN_PKCS12:-}" ]; then
  key_args=(-pkcs12 "$WINDOWS_SIGN_PKCS12")
elif [ -n "${WINDOWS_SIGN_CERT:-}" ] && [ -n "${WINDOWS_SIGN_KEY:-}" ]; then
  key_args=(-certs "$WINDOWS_SIGN_CERT" -key "$WINDOWS_SIGN_KEY")
elif $if_configured; then
  exit 0
else
  echo "sign-windows: no key is set: set WINDOWS_SIGN_PKCS12, or WINDOWS_SIGN_CERT and WINDOWS_SIGN_KEY" >&2
  exit 1
fi

# The password goes through standard input, never the command line, which
# other users can read in the process list.
pass_args=()
if [ -n "${WINDOWS_SIGN_PASSWORD:-}" ]; then
  pass_args=(-readpass -)
fi
timestamp_args=()
if [ -n "${WINDOWS_SIGN_TIMESTAMP_URL:-}" ]; then
  timestamp_args=(-ts "$WINDOWS_SIGN_TIMESTAMP_URL")
fi

for file in "$@"; do
  signed="$file.signed"
  rm -f "$signed"
  printf '%s' "${WINDOWS_SIGN_PASSWORD:-}" |
    osslsigncode sign "${key_args[@]}" "${pass_args[@]}" "${timestamp_args[@]}" \
      -h sha256 -n "Supaconnect" -in "$file" -out "$signed" >/dev/null
  mv "$signed" "$file"
  echo "sign-windows: signed $file"
done

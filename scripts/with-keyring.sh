#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME
# Keyring, so tests use a real Secret Service without touching the user's
# own keyring. The keyring lives in a temporary home that is removed after.
set -euo pipefail

if [ -z "${WITH_KEYRING_INNER:-}" ]; then
  home=$(mktemp -d)
  trap 'rm -rf "$home"' EXIT
  mkdir -m 700 "$home/run"
  # dbus-run-session does not pass the caller's environment through, so
  # the inner run gets it from env(1), with Go's caches kept in place.
  dbus-run-session -- env WITH_KEYRING_INNER=1 \
    HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run" \
    PATH="$PATH" GOFLAGS="${GOFLAGS:-}" GOTOOLCHAIN="${GOTOOLCHAIN:-}" \
    GOPATH="$(go env GOPATH)" GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" \
    "$0" "$@"
  exit
fi

# A non-empty password creates and unlocks the login keyring without a
# prompt; the keyring is thrown away with the temporary home.
eval "$(printf 'supaconnect-test' | gnome-keyring-daemon --unlock --components=secrets | sed 's/^/export /')"
exec "$@"

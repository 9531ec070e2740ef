#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME
# Keyring, so tests use a real Secret Service without touching the user's
# own keyring. The keyring lives in a temporary home that is removed after.
set -euo pipefail

if [ -z "${WITH_KEYRING_INNER:-}" ]; then
  home=$(mktemp -d)
  trap 'rm -rf "$home"' EXIT
  WITH_KEYRING_INNER=1 HOME="$home" XDG_DATA_HOME="$home/.local/share" \
    XDG_RUNTIME_DIR="$home/run" KEYRING_REAL_HOME="$HOME" \
    GOPATH="$(go env GOPATH)" GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" \
    dbus-run-session -- "$0" "$@"
  exit
fi

mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# A non-empty password creates and unlocks the login keyring without a
# prompt; the keyring is thrown away with the temporary home.
eval "$(printf 'supaconnect-test' | gnome-keyring-daemon --unlock --components=secrets | sed 's/^/export /')"
exec "$@"

#!/usr/bin/env bash
# Starts the built app under Xvfb against the sandbox, takes a screenshot
# of its window, and fails unless the window shows a rendered page: a
# blank window has only a few colours, rendered text and a button have
# many. The screenshot is kept in build/screenshots/ for review, as
# smoke.png or under the name in SMOKE_SCREENSHOT.
#
# Usage: scripts/smoke.sh path/to/supaconnect
set -euo pipefail

binary=${1:?usage: scripts/smoke.sh path/to/supaconnect}
out_dir=build/screenshots
mkdir -p "$out_dir"
shot="$out_dir/${SMOKE_SCREENSHOT:-smoke.png}"
min_colours=${SMOKE_MIN_COLOURS:-64}

if [ -z "${SMOKE_INNER:-}" ]; then
  SMOKE_INNER=1 exec scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

log=$(mktemp)
SUPACONNECT_SANDBOX=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 "$binary" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT

window=""
for _ in $(seq 1 60); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "smoke: the app exited before its window appeared; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  window=$(xdotool search --onlyvisible --name '^Supaconnect$' 2>/dev/null | head -n 1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
if [ -z "$window" ]; then
  echo "smoke: no window named Supaconnect appeared within 30 s" >&2
  cat "$log" >&2
  exit 1
fi

# The page renders after the window maps; poll until it has content.
colours=0
for _ in $(seq 1 30); do
  import -window "$window" "$shot"
  colours=$(convert "$shot" -format '%k' info:)
  [ "$colours" -ge "$min_colours" ] && break
  sleep 0.5
done

echo "smoke: window $window, screenshot $shot, $colours colours"
if [ "$colours" -lt "$min_colours" ]; then
  echo "smoke: the window looks blank ($colours colours, want at least $min_colours)" >&2
  cat "$log" >&2
  exit 1
fi

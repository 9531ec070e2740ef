#!/usr/bin/env bash
# Checks that `make dev` works: starts `wails dev` against the sandbox under
# Xvfb, waits until its dev server at http://localhost:34115 returns the
# app's HTML, then loads that page in headless Chromium and checks that the
# sandbox banner renders. The banner appears only after the page called the
# bound Go method Info, so this also proves that the Go bindings work in a
# normal browser. Stops wails dev, the Vite server and the app afterwards.
#
# Usage: scripts/test-dev.sh   (make test-dev installs what it needs first)
set -euo pipefail
cd "$(dirname "$0")/.."

url=http://localhost:34115/
timeout_s=${DEV_TIMEOUT:-300}

if [ -z "${TEST_DEV_INNER:-}" ]; then
  TEST_DEV_INNER=1 exec scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

if curl -s -o /dev/null "$url"; then
  echo "test-dev: something already listens on $url; stop it first" >&2
  exit 1
fi

log=$(mktemp)
# setsid gives wails dev its own process group, so one kill stops it with
# the Vite server and the app it started.
SUPACONNECT_SANDBOX=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 \
  setsid go tool wails dev -m -nosyncgomod -tags webkit2_41 >"$log" 2>&1 &
pid=$!
stop() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$log"
}
trap stop EXIT

# The first start compiles the app, so it can take a few minutes on 2 cores.
start=$(date +%s)
html=""
while [ $(($(date +%s) - start)) -lt "$timeout_s" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "test-dev: wails dev exited before serving $url; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  html=$(curl -fsS --max-time 5 "$url" 2>/dev/null || true)
  case "$html" in
    *"<title>Supaconnect</title>"*) break ;;
  esac
  sleep 2
done
case "$html" in
  *"<title>Supaconnect</title>"*) ;;
  *)
    echo "test-dev: $url did not return the app's HTML within $timeout_s s; wails dev output:" >&2
    cat "$log" >&2
    exit 1
    ;;
esac
echo "test-dev: wails dev serves the app at $url after $(($(date +%s) - start)) s"

# --virtual-time-budget lets the page finish its calls before the DOM dump.
dom=""
for _ in 1 2 3; do
  dom=$(chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=10000 \
    --dump-dom "$url" 2>/dev/null || true)
  case "$dom" in
    *'class="sandbox-banner'*) break ;;
  esac
  sleep 2
done
case "$dom" in
  *'class="sandbox-banner'*) echo "test-dev: in Chromium the page called the Go bindings and shows the sandbox banner" ;;
  *)
    echo "test-dev: Chromium rendered $url without the sandbox banner, so the Go bindings did not respond. The DOM:" >&2
    echo "$dom" >&2
    echo "wails dev output:" >&2
    cat "$log" >&2
    exit 1
    ;;
esac

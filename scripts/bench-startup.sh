#!/usr/bin/env bash
# Compares the cold start and memory of Supaconnect with those of the bare
# Wails svelte-ts template, built the same way, and prints the figures and
# their ratios. It only prints: a ratio over the budget does not fail it.
#
# Both apps are built with the pinned Wails CLI and
#   wails build -m -tags webkit2_41 -trimpath -ldflags "-s -w"
# Supaconnect is built from a copy of this working tree: the tracked files,
# and the untracked ones that git does not ignore. So the build never
# touches the checkout. The template comes from
# `wails init -n tmpl -t svelte-ts` in a temporary directory.
# Then bench/startup starts each app in turns, under Xvfb and inside
# scripts/with-keyring.sh, with an empty home directory each time:
# Supaconnect against its sandbox and signed out, so it shows the welcome
# screen. It times exec to the first frame with at least 64 colours, as
# scripts/smoke.sh judges a rendered page, reading Xvfb's framebuffer file
# every 20 ms, and sums the memory of the app's process tree 3 s later.
# The first paint of each app is kept in build/screenshots/startup-*.png.
#
# Usage: scripts/bench-startup.sh
# Environment:
#   BENCH_RUNS      measured runs of each app (5), after one warm-up run
#   BENCH_APP       a built Supaconnect binary to use instead of building
#   BENCH_TEMPLATE  a built template binary to use instead of building
#   BENCH_KEEP=1    keep the temporary directory with both builds
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
runs=${BENCH_RUNS:-5}
app=${BENCH_APP:-}
template=${BENCH_TEMPLATE:-}
build_flags=(build -m -tags webkit2_41 -trimpath -ldflags "-s -w")

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-startup.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
  trap 'echo "bench-startup: kept $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

# The pinned CLI, as a path, so that it also builds the template, which is
# a module of its own.
wails=$(go tool -n wails)

if [ -z "$template" ]; then
  echo "bench-startup: building the Wails svelte-ts template in $work/tmpl"
  (cd "$work" && "$wails" init -n tmpl -t svelte-ts >"$work/template-init.log" 2>&1) ||
    { cat "$work/template-init.log" >&2; exit 1; }
  # The template's go.mod requires the CLI's Wails version, v2.9.2.
  (cd "$work/tmpl" && GOFLAGS=-mod=mod go mod tidy &&
    GOFLAGS=-mod=mod "$wails" "${build_flags[@]}") >"$work/template-build.log" 2>&1 ||
    { cat "$work/template-build.log" >&2; exit 1; }
  template=$work/tmpl/build/bin/tmpl
fi

if [ -z "$app" ]; then
  echo "bench-startup: building Supaconnect from a copy of $repo in $work/app"
  mkdir "$work/app"
  git ls-files -z --cached --others --exclude-standard |
    tar --null --files-from=- --ignore-failed-read -cf - | tar -xf - -C "$work/app"
  (cd "$work/app" && go tool wails "${build_flags[@]}") >"$work/app-build.log" 2>&1 ||
    { cat "$work/app-build.log" >&2; exit 1; }
  app=$work/app/build/bin/supaconnect
fi

go build -tags bench -o "$work/startup" ./bench/startup

echo "machine: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
  "$(nproc) cores, $(awk '/^MemTotal/ { printf "%.1f GB", $2 * 1024 / 1e9 }' /proc/meminfo) memory"
echo "WebKitGTK: $(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo unknown)," \
  "binaries: supaconnect $(stat -c %s "$app") bytes, template $(stat -c %s "$template") bytes"

mkdir -p "$work/fb" build/screenshots
# Other work on the machine slows both apps, but not always alike.
echo "load average before the runs: $(cut -d ' ' -f 1-3 /proc/loadavg)"
scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24 -fbdir $work/fb" \
  env SUPACONNECT_SANDBOX=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 \
  "$work/startup" -fb "$work/fb/Xvfb_screen0" -runs "$runs" -shots build/screenshots \
  supaconnect="$app" template="$template"

echo "load average after the runs: $(cut -d ' ' -f 1-3 /proc/loadavg)"

for shot in build/screenshots/startup-*.xwd; do
  convert "xwd:$shot" "${shot%.xwd}.png" && rm -f "$shot"
done
echo "first paints: build/screenshots/startup-supaconnect.png, build/screenshots/startup-template.png"

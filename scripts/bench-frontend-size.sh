#!/usr/bin/env bash
# Prints the size of each JavaScript file of the built frontend, raw and
# gzipped, their total and the ratio of the gzipped total to the budget.
# Sizes are in bytes and kB (1 kB = 1,000 bytes, as in Vite's build report). Gzip runs
# at level 6, the default of gzip(1) and of zlib. It only prints: a total
# over the budget does not fail the script.
#
# Usage: scripts/bench-frontend-size.sh [DIST_DIR]
# DIST_DIR defaults to frontend/dist. Build it first with `make frontend`
# (`make bench-size` does). BENCH_JS_BUDGET_KB sets the budget (120).
set -euo pipefail

dist=${1:-frontend/dist}
budget_kb=${BENCH_JS_BUDGET_KB:-120}

shopt -s nullglob
files=("$dist"/assets/*.js)
if [ ${#files[@]} -eq 0 ]; then
  echo "bench-frontend-size: no JavaScript in $dist/assets: build the frontend first with make frontend" >&2
  exit 1
fi

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }'; }

printf '%-40s %12s %12s\n' "file" "raw bytes" "gzip bytes"
raw_total=0
gzip_total=0
for file in "${files[@]}"; do
  raw=$(wc -c <"$file")
  gzipped=$(gzip -6 -c "$file" | wc -c)
  raw_total=$((raw_total + raw))
  gzip_total=$((gzip_total + gzipped))
  printf '%-40s %12d %12d\n' "$(basename "$file")" "$raw" "$gzipped"
done
printf '%-40s %12d %12d\n' "total" "$raw_total" "$gzip_total"

ratio=$(awk -v g="$gzip_total" -v b="$budget_kb" 'BEGIN { printf "%.2f", g / (b * 1000) }')
verdict=$(awk -v g="$gzip_total" -v b="$budget_kb" 'BEGIN { print (g <= b * 1000) ? "within budget" : "OVER BUDGET" }')
echo "frontend JavaScript: $(kb "$gzip_total") kB gzipped ($(kb "$raw_total") kB raw)," \
  "budget $budget_kb kB gzipped, ratio $ratio: $verdict"
echo "built: $(date -r "${files[0]}" '+%Y-%m-%d %H:%M:%S %Z')"

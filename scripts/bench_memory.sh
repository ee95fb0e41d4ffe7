#!/usr/bin/env bash
# Peak memory and wall time of a night as the catalogue grows, and of the same night read from
# inputs as data lakes export them (sales as gzip-compressed part files).
#
# For each SKUS in SIZES it generates (once) a set of SKUS skus × 4 stores + the DC × 730 days
# (5 series per sku: SKUS=6000 is the 30,000-series benchmark set), then runs `restock run` under
# `/usr/bin/time -v` on:
#   plain  the set as generated (sales.csv);
#   lake   the same rows as PARTS part files sales/part-*.csv.gz (each with the header) and
#          items.csv.gz (only with LAKE=1, the default, for the first size).
# Each size is also loaded alone (`restock validate`, form "load"): the histories every night
# holds in memory, about 16 bytes per series-day, the part that grows with the catalogue.
# It prints one line per run: series, form, peak RSS (MB), wall (s), and checks that the lake
# night wrote the plain night's files (summary.json and the snapshot's description of the
# inputs apart: scripts/compare_outputs.py).
#
# Usage (from the repo root):
#   scripts/bench_memory.sh [BINARY=.build/release/restock] [SIZES="6000 20000"] [ROOT=/tmp/restock-bench-mem]
# Environment: PARTS (default 8), LAKE (1: also time the lake form of the first size), ARGS
# (extra options for every run, e.g. "--threads 2"), SKIP_PLAIN=1 (reuse the plain nights
# already in ROOT, e.g. to time only the lake form again).
# Disk: about 25 MB of sales.csv per 1,000 series (2.5 GB at 100,000), twice for the lake form.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/restock} sizes=${2:-"6000 20000"} root=${3:-/tmp/restock-bench-mem}
parts=${PARTS:-8} lake=${LAKE:-1}
mkdir -p "$root"
run() { # data, out, label, series
  local data=$1 out=$2 label=$3 series=$4
  rm -rf "$out"
  if [ "$label" = load ]; then
    /usr/bin/time -v "$bin" validate --data "$data" 2> "$out.time" >/dev/null
  else
    /usr/bin/time -v "$bin" run --data "$data" --out "$out" --log-level error ${ARGS:-} 2> "$out.time"
  fi
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$out.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.1f", s}' "$out.time")
  printf '%-9s %-6s %8s MB %8s s\n' "$series" "$label" "$rss" "$wall" | tee -a "$root/results.txt"
}
echo "series    form   peak RSS      wall" | tee -a "$root/results.txt"
first=1
for skus in $sizes; do
  data="$root/gen-$skus"
  series=$((skus * 5))
  [ -f "$data/sales.csv" ] || python3 scripts/generate_data.py --out "$data" --skus "$skus" --stores 4 --days 730 --quiet
  run "$data" "$root/validate-$skus" load "$series"
  [ "${SKIP_PLAIN:-0}" = 1 ] || run "$data" "$root/out-$skus" plain "$series"
  if [ "$lake" = 1 ] && [ $first = 1 ]; then
    lk="$root/lake-$skus"
    if [ ! -d "$lk/sales" ]; then
      rm -rf "$lk" && mkdir -p "$lk/sales"
      for f in "$data"/*.csv; do [ "$(basename "$f")" = sales.csv ] || cp "$f" "$lk/"; done
      gzip -n "$lk/items.csv"
      # Whole lines into PARTS pieces of about equal size, each with the header, compressed.
      tail -n +2 "$data/sales.csv" > "$lk/body.csv"
      split -n "l/$parts" -d -a 5 --additional-suffix=.csv "$lk/body.csv" "$lk/sales/body-"
      rm "$lk/body.csv"
      header=$(head -1 "$data/sales.csv")
      k=0
      for body in "$lk"/sales/body-*.csv; do
        { echo "$header"; cat "$body"; } | gzip -n -1 > "$lk/sales/part-$(printf %05d $k).csv.gz"
        rm "$body"
        k=$((k + 1))
      done
    fi
    run "$lk" "$root/out-lake-$skus" lake "$series"
    python3 scripts/compare_outputs.py "$root/out-$skus" "$root/out-lake-$skus" \
      --ignore state/baseline.v1/meta.json --ignore state/baseline.v1/sales-index.csv --ignore-inputs
  fi
  first=0
done

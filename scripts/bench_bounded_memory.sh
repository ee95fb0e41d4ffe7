#!/usr/bin/env bash
# Peak memory and wall time of one `restock run` held in parts (`--max-series-in-memory`), as
# the catalogue grows: the memory bound of issue 11 in one process.
#
# For each SKUS in SIZES it generates (once) a set of SKUS skus × 4 stores + the DC × 730 days
# (5 series per sku: SKUS=200000 is one million series, about 25 GB of sales.csv), then runs
# under `/usr/bin/time -v`, one after another:
#   parts  `restock run --max-series-in-memory MAX`: the night in parts of at most MAX series;
#   whole  `restock run` (only when SKUS ≤ WHOLE_UP_TO, default 20000: a whole night of a million
#          series needs about 28 GB), and then a check that both wrote the same files
#          (scripts/compare_outputs.py, summary.json's timings apart).
# It prints one line per run (series, how, peak RSS in MB, wall in s) into ROOT/results.txt, and
# the night's stage timings (summary.json's timings_seconds).
#
# Usage (from the repo root):
#   scripts/bench_bounded_memory.sh [BINARY=.build/release/restock] [SIZES="7500 40000"] [ROOT=/tmp/restock-bench-bounded]
# Environment: MAX (default 50000, the automatic part size), WHOLE_UP_TO, ARGS (extra options).
# Disk: about 25 MB of sales.csv per 1,000 series; generating runs at about 1 GB a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/restock} sizes=${2:-"7500 40000"} root=${3:-/tmp/restock-bench-bounded}
max=${MAX:-50000} whole_up_to=${WHOLE_UP_TO:-20000}
mkdir -p "$root"
. scripts/bench_time.sh
report() { # series, how, rss, wall
  printf '%-9s %-22s %8s MB %8s s\n' "$1" "$2" "$3" "$4" | tee -a "$root/results.txt"
}
timings() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timings_seconds'])" "$1/summary.json" | tee -a "$root/results.txt"; }
echo "series    how                    peak RSS      wall" | tee -a "$root/results.txt"
for skus in $sizes; do
  data="$root/gen-$skus"
  series=$((skus * 5))
  [ -f "$data/sales.csv" ] || python3 scripts/generate_data.py --out "$data" --skus "$skus" --stores 4 --days 730 --quiet
  w="$root/work-$skus"
  rm -rf "$w" && mkdir -p "$w"
  timed "$w/parts.time" "$bin" run --data "$data" --out "$w/parts" --max-series-in-memory "$max" --log-level error ${ARGS:-}
  report "$series" "parts of $max" $(measure "$w/parts.time")
  timings "$w/parts"
  if [ "$skus" -le "$whole_up_to" ]; then
    timed "$w/whole.time" "$bin" run --data "$data" --out "$w/whole" --max-series-in-memory 1000000 --log-level error ${ARGS:-}
    report "$series" whole $(measure "$w/whole.time")
    timings "$w/whole"
    python3 scripts/compare_outputs.py "$w/whole" "$w/parts" | tee -a "$root/results.txt"
  fi
done

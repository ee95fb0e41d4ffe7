#!/usr/bin/env bash
# Peak memory and wall time of one night run whole (`restock run`) and the same night split
# into N shards on this machine, stage by stage, as the catalogue grows: how much each process
# of a sharded night holds.
#
# For each SKUS in SIZES it generates (once) a set of SKUS skus × 4 stores + the DC × 730 days
# (5 series per sku: SKUS=6000 is the 30,000-series benchmark set), then runs under
# `/usr/bin/time -v`, one after another (never two at once, so the wall times compare):
#   load   `restock validate`: the whole data set loaded, nothing else;
#   plain  `restock run`: the night whole;
#   pool   `restock pool`: holds only the samples' skus' histories (two passes over the sales);
#   shard  `restock run --shard I/N --pool`: each loads only its skus (the largest RSS and the
#          sum of the walls are printed);
#   merge  `restock merge`: still loads the whole data set (every series is planned again from
#          the shards' forecasts): the stage whose memory still grows with the catalogue.
# It prints one line per stage (series, stage, peak RSS in MB, wall in s) and checks that the
# merged night wrote the plain night's files byte for byte (scripts/compare_outputs.py).
#
# Usage (from the repo root):
#   scripts/bench_shard_memory.sh [BINARY=.build/release/restock] [SIZES="6000 20000"] [ROOT=/tmp/restock-bench-shards]
# Environment: SHARDS (default 4), ARGS (extra options for every run, e.g. "--threads 2").
# Disk: about 25 MB of sales.csv per 1,000 series (2.5 GB at 100,000).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/restock} sizes=${2:-"6000 20000"} root=${3:-/tmp/restock-bench-shards}
shards=${SHARDS:-4}
mkdir -p "$root"
. scripts/bench_time.sh
report() { # series, stage, rss, wall
  printf '%-9s %-12s %8s MB %8s s\n' "$1" "$2" "$3" "$4" | tee -a "$root/results.txt"
}
echo "series    stage        peak RSS      wall   ($shards shards)" | tee -a "$root/results.txt"
for skus in $sizes; do
  data="$root/gen-$skus"
  series=$((skus * 5))
  [ -f "$data/sales.csv" ] || python3 scripts/generate_data.py --out "$data" --skus "$skus" --stores 4 --days 730 --quiet
  w="$root/work-$skus"
  rm -rf "$w" && mkdir -p "$w"
  timed "$w/load.time" "$bin" validate --data "$data"
  report "$series" load $(measure "$w/load.time")
  timed "$w/plain.time" "$bin" run --data "$data" --out "$w/plain" --log-level error ${ARGS:-}
  report "$series" plain $(measure "$w/plain.time")
  timed "$w/pool.time" "$bin" pool --data "$data" --out "$w/pool.json" --log-level error ${ARGS:-}
  report "$series" pool $(measure "$w/pool.time")
  max_rss=0 sum_wall=0 dirs=()
  for ((i = 0; i < shards; i++)); do
    timed "$w/shard-$i.time" "$bin" run --data "$data" --shard "$i/$shards" --pool "$w/pool.json" --out "$w/shard-$i" \
      --log-level error ${ARGS:-}
    read -r rss wall < <(measure "$w/shard-$i.time")
    max_rss=$(( rss > max_rss ? rss : max_rss ))
    sum_wall=$(awk -v a="$sum_wall" -v b="$wall" 'BEGIN {printf "%.1f", a + b}')
    dirs+=("$w/shard-$i")
  done
  report "$series" "shard (max)" "$max_rss" "$sum_wall"
  timed "$w/merge.time" "$bin" merge "${dirs[@]}" --out "$w/merged" --log-level error
  report "$series" merge $(measure "$w/merge.time")
  python3 scripts/compare_outputs.py "$w/plain" "$w/merged"
done

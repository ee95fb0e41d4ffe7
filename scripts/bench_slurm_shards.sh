#!/usr/bin/env bash
# Wall time of one night in one process against the same night split into N shards through the
# Slurm driver (deploy/slurm/restock-night.sh) on a one-node cluster on localhost, side by side in
# one run, with each one's peak RSS; then checks that the sharded night wrote the single run's
# files (scripts/compare_outputs.py). Issue 11's check: N = 8 within 1.25 × the one-process time.
#
#   bash scripts/bench_slurm_shards.sh [SKUS=6000] [SHARDS=8] [BINARY=.build/release/restock] [ROOT=/tmp/restock-bench-slurm]
#
# SKUS skus × (4 stores + the DC) × 730 days are generated once into ROOT/gen-SKUS (SKUS=6000 is
# the 30,000-series benchmark set, about 750 MB of sales.csv). The one-process night gets every
# core (--threads 0); each shard asks for RESTOCK_CPUS cpus (default 1) and runs restock with as
# many threads, so the node runs as many shards at once as it has cores; the pool and the merge,
# which run alone, ask for RESTOCK_SOLO_CPUS (default: every core) through the driver's
# RESTOCK_POOL_CPUS and RESTOCK_MERGE_CPUS. On one
# node the shards share its cores: the sharded night can only be slower than the single process
# here (every shard also loads the small tables and pays its start-up); what it buys is more nodes.
# Starts the cluster with scripts/slurm-local.sh and stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$PWD
skus=${1:-6000} shards=${2:-8}
bin=$(realpath "${3:-.build/release/restock}")
root=${4:-/tmp/restock-bench-slurm}
cpus=${RESTOCK_CPUS:-1}
solo=${RESTOCK_SOLO_CPUS:-$(nproc)}
mkdir -p "$root"
data=$root/gen-$skus
[ -f "$data/sales.csv" ] || python3 scripts/generate_data.py --out "$data" --skus "$skus" --stores 4 --days 730 --quiet
export RESTOCK_SLURM_DIR=$root/slurm
export SLURM_CONF=$RESTOCK_SLURM_DIR/slurm.conf
trap 'bash "$root_dir/scripts/slurm-local.sh" stop || true' EXIT
bash scripts/slurm-local.sh start >/dev/null

rm -rf "$root/single" "$root/night" "$root/.night.shards"
t0=$(date +%s.%N)
/usr/bin/time -v "$bin" run --data "$data" --out "$root/single" --log-level error --threads 0 2> "$root/single.time"
t1=$(date +%s.%N)
RESTOCK_CPUS=$cpus RESTOCK_POOL_CPUS=$solo RESTOCK_MERGE_CPUS=$solo bash deploy/slurm/restock-night.sh --data "$data" --out "$root/night" --shards "$shards" \
    --restock "$bin" --wait -- --threads "$cpus" --log-level error > "$root/night.log"
t2=$(date +%s.%N)
python3 scripts/compare_outputs.py "$root/single" "$root/night" --ignore-key threads
single_rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$root/single.time")
python3 - "$t0" "$t1" "$t2" "$skus" "$shards" "$single_rss" <<'PY'
import sys
t0, t1, t2 = map(float, sys.argv[1:4])
skus, shards, single_rss = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
one, sharded = t1 - t0, t2 - t1
print(f"{skus * 5} series x 730 days, {shards} shards on a one-node Slurm cluster")
print(f"one process   {one:8.1f} s   peak RSS {single_rss} MB")
print(f"{shards} shards      {sharded:8.1f} s   ({sharded / one:.2f}x the one process; pool, shards and merge with their queueing)")
PY

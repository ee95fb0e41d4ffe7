#!/usr/bin/env bash
# Times two restock binaries side by side on one data set: ROUNDS rounds, each a cold night
# (every method chosen) and a warm re-run (methods reused) with each binary, the order of the two
# binaries alternating between rounds so that load from other processes falls on both alike.
# Prints each run's wall time and task-clock (CPU) seconds, then the medians and the ratio
# after/before. Also checks that the two binaries' last cold nights and last warm nights wrote
# the same files (summary.json without its timings).
#
# Usage (from the repo root):
#   scripts/bench_side_by_side.sh BEFORE_BIN AFTER_BIN [DATA_DIR] [ROUNDS]
# Defaults: DATA_DIR=/tmp/gen10 (generated when missing: 400 skus × 4 stores × 730 days), ROUNDS=5.
# Environment: ARGS adds options to every run (e.g. ARGS="--threads 1" for CPU times less
# disturbed by other processes); OUT (default /tmp/restock-bench-sbs). Needs `perf`.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2 data=${3:-/tmp/gen10} rounds=${4:-5}
root=${OUT:-/tmp/restock-bench-sbs}
[ -f "$data/sales.csv" ] || python3 scripts/generate_data.py --out "$data" --skus 400 --stores 4 --days 730 --quiet
rm -rf "$root" && mkdir -p "$root"
one() { # side, binary, kind (cold|warm), round
  local side=$1 bin=$2 kind=$3 round=$4 out="$root/$1"
  [ "$kind" = cold ] && rm -rf "$out"
  local start end
  start=$(date +%s.%N)
  perf stat -x, -e task-clock -o "$root/perf.txt" "$bin" run --data "$data" --out "$out" --log-level error ${ARGS:-}
  end=$(date +%s.%N)
  local cpu
  cpu=$(awk -F, '/task-clock/ {printf "%.3f", $1/1000}' "$root/perf.txt")
  printf '%s %s %s %.3f %s\n' "$round" "$kind" "$side" "$(echo "$end - $start" | bc)" "$cpu" | tee -a "$root/times.txt"
  if [ "$kind" = cold ]; then rm -rf "$root/cold/$side" && mkdir -p "$root/cold" && cp -r "$out" "$root/cold/$side"; fi
}
echo "round kind side wall_s cpu_s"
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="before after"; else order="after before"; fi
  for kind in cold warm; do
    for side in $order; do
      if [ "$side" = before ]; then one before "$before" "$kind" "$r"; else one after "$after" "$kind" "$r"; fi
    done
  done
done
python3 - "$root" <<'PY'
import json, os, statistics, sys
root = sys.argv[1]
rows = [l.split() for l in open(os.path.join(root, "times.txt"))]
for kind in ("cold", "warm"):
    med = {}
    for side in ("before", "after"):
        w = [float(r[3]) for r in rows if r[1] == kind and r[2] == side]
        c = [float(r[4]) for r in rows if r[1] == kind and r[2] == side]
        med[side] = (statistics.median(w), statistics.median(c))
    print(f"{kind}: median wall {med['before'][0]:.2f} s → {med['after'][0]:.2f} s (ratio {med['after'][0] / med['before'][0]:.3f}); "
          f"median cpu {med['before'][1]:.2f} s → {med['after'][1]:.2f} s (ratio {med['after'][1] / med['before'][1]:.3f})")
    # Paired by round (the two runs of a round ran back to back, under the same outside load).
    by = {(r[0], r[2]): float(r[4]) for r in rows if r[1] == kind}
    ratios = [by[(k, "after")] / by[(k, "before")] for k in sorted({r[0] for r in rows}) if (k, "after") in by and (k, "before") in by]
    gm = statistics.geometric_mean(ratios)
    print(f"{kind}: cpu after/before per round {', '.join(f'{x:.3f}' for x in ratios)}; geometric mean {gm:.3f}, median {statistics.median(ratios):.3f}")
def files(d): return {os.path.relpath(os.path.join(p, f), d) for p, _, fs in os.walk(d) for f in fs}
def strip(o): return {k: strip(v) for k, v in o.items() if k not in ("timings_seconds", "finished_at")} if isinstance(o, dict) else o
def differing(a, b):
    bad = sorted(files(a) ^ files(b))
    for f in sorted(files(a) & files(b)):
        x, y = open(os.path.join(a, f), "rb").read(), open(os.path.join(b, f), "rb").read()
        if x == y or (f.endswith(".json") and strip(json.loads(x)) == strip(json.loads(y))): continue
        bad.append(f)
    return bad
bad = []
for label, a, b in (("cold", os.path.join(root, "cold/before"), os.path.join(root, "cold/after")),
                    ("warm", os.path.join(root, "before"), os.path.join(root, "after"))):
    d = differing(a, b)
    print(f"outputs of the last {label} night ({len(files(a))} files):", "identical" if not d else f"DIFFER: {d}")
    bad += d
sys.exit(1 if bad else 0)
PY

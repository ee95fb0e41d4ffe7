#!/usr/bin/env bash
# Compares every output file of two restock binaries, "before" and "after", on the same inputs:
# `run` on samples/retail (a cold night, then a warm re-run that reuses the model state),
# `forecast`, `plan` from the night's forecast, `whatif` from the night's snapshot and recomputed,
# `simulate` on the samples, `run` on a generated set, and `backtest` on the M5 extract. Files must
# be byte-identical, except the fields of JSON files that say when and how fast a run was
# (`timings_seconds`, `finished_at`, and simulate's `seconds`), which are dropped before comparing. Exits 1 on any difference.
#
# Usage (from the repo root):
#   scripts/compare_outputs.sh [BEFORE_REF]
# BEFORE_REF (default: where this branch left main, `git merge-base main HEAD`) is built in a
# temporary worktree (removed at the end); this checkout is the "after".
# Environment: BEFORE_BIN / AFTER_BIN use given binaries instead of building; GEN_DIR (default
# /tmp/gen10: generated with 400 skus × 4 stores × 730 days when missing; GEN_SKUS overrides the
# size), M5_DIR (default ../shared/data/m5, skipped when missing), OUT (default /tmp/restock-compare).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-$(git merge-base main HEAD)}
out=${OUT:-/tmp/restock-compare}
gen=${GEN_DIR:-/tmp/gen10}
m5=${M5_DIR:-../shared/data/m5}
[ -d "$m5" ] || m5=/work/shared/data/m5

if [ -z "${BEFORE_BIN:-}" ]; then
  wt=$(mktemp -d /tmp/restock-before.XXXXXX)
  git worktree add --detach "$wt" "$ref" > /dev/null
  trap 'git worktree remove --force "$wt"' EXIT
  (cd "$wt" && swift build -c release --product restock > /dev/null)
  BEFORE_BIN="$wt/.build/release/restock"
fi
if [ -z "${AFTER_BIN:-}" ]; then
  swift build -c release --product restock > /dev/null
  AFTER_BIN="$PWD/.build/release/restock"
fi
if [ ! -f "$gen/sales.csv" ]; then
  python3 scripts/generate_data.py --out "$gen" --skus "${GEN_SKUS:-400}" --stores 4 --days 730 --quiet
fi

rm -rf "$out" && mkdir -p "$out"
scenario="$out/scenario.toml"
cat > "$scenario" <<'TOML'
[promotion.1]
action = "add"
sku = "SKU00003"
type = "discount"
discount = 30
start = "2025-01-06"
end = "2025-01-12"

[demand.1]
sku = "SKU00007"
start = "2025-01-01"
end = "2025-01-31"
scale = 1.5
TOML

# Runs the same commands with one binary into $out/<side>.
runs() { # side, binary
  local side=$1 bin=$2 o="$out/$1"
  mkdir -p "$o"
  echo "$side: samples"
  "$bin" run --data samples/retail --out "$o/night" --log-level error
  cp -r "$o/night" "$o/night-cold"
  "$bin" run --data samples/retail --out "$o/night" --log-level error                    # warm: model state reused
  "$bin" run --data samples/retail --out "$o/replay" --as-of 2024-06-30 --horizon 14 --log-level error
  "$bin" forecast --data samples/retail --out "$o/forecast" --log-level error
  "$bin" plan --data samples/retail --forecast "$o/night/forecast.csv" --out "$o/plan" --log-level error
  "$bin" whatif --data samples/retail --scenario "$scenario" --baseline "$o/night" --out "$o/whatif-snapshot" --log-level error > "$o/whatif-snapshot.stdout"
  "$bin" whatif --data samples/retail --scenario "$scenario" --out "$o/whatif-recomputed" --log-level error > "$o/whatif-recomputed.stdout"
  "$bin" simulate --data samples/retail --from 2024-12-01 --to 2024-12-20 --out "$o/simulate" --log-level error > "$o/simulate.stdout"
  echo "$side: generated ($gen)"
  "$bin" run --data "$gen" --out "$o/gen" --log-level error
  if [ -d "$m5" ]; then
    echo "$side: backtest on $m5"
    "$bin" backtest --data "$m5" --folds 2 --horizon 28 --out "$o/m5-backtest" --log-level error
  fi
}
runs before "$BEFORE_BIN"
runs after "$AFTER_BIN"

python3 - "$out/before" "$out/after" <<'PY'
import json, os, sys
a_root, b_root = sys.argv[1], sys.argv[2]
VOLATILE = {"timings_seconds", "finished_at", "seconds"}  # when and how long a run took
def strip(o):
    if isinstance(o, dict): return {k: strip(v) for k, v in o.items() if k not in VOLATILE}
    if isinstance(o, list): return [strip(v) for v in o]
    return o
def files(root):
    return {os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs}
fa, fb = files(a_root), files(b_root)
bad = sorted(fa ^ fb)
for f in bad: print("only in one side:", f)
same = 0
for f in sorted(fa & fb):
    x = open(os.path.join(a_root, f), "rb").read(); y = open(os.path.join(b_root, f), "rb").read()
    if x == y: same += 1; continue
    if f.endswith(".json"):
        try:
            if strip(json.loads(x)) == strip(json.loads(y)): same += 1; continue
        except ValueError: pass
    bad.append(f); print("differs:", f)
print(f"{same} of {len(fa | fb)} files identical (JSON without timings_seconds, finished_at, seconds)")
sys.exit(1 if bad else 0)
PY

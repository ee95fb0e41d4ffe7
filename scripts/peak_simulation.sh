#!/usr/bin/env bash
# The peak measurement of issue 13: replays the nightly policy (`restock simulate`) over a window
# holding a peak, twice — with expedites and the capacity pre-build on (the defaults), then with
# both off (`RESTOCK_EXPEDITE=false RESTOCK_PREBUILD=false`) — on data whose suppliers.csv sets
# order days, minimums, pallet multiples and a weekly capacity, and prints per run: the achieved
# fill rate against the target service level, the stock-out days (series-days with demand lost)
# during the peak and over the whole window, and the change in peak stock-out days.
# The peak is PEAK_FROM … PEAK_TO inclusive (default 2024-12-09 … 2024-12-24: the samples' busiest
# weeks, double_12 and the run-up to Christmas, with SKU00006's bundle promotion on SUP-A, the
# supplier with a capacity). Stock-out days by date come from the simulation's summary.json
# (`restock_stockout_series_by_date`).
# Usage: bash scripts/peak_simulation.sh [DATA=samples/retail] [FROM=2024-10-01] [TO=2024-12-30]
#        [PEAK_FROM=2024-12-09] [PEAK_TO=2024-12-24] [BINARY=.build/release/restock]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-samples/retail}
from=${2:-2024-10-01}
to=${3:-2024-12-30}
peak_from=${4:-2024-12-09}
peak_to=${5:-2024-12-24}
bin=${6:-.build/release/restock}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" simulate --data "$data" --from "$from" --to "$to" --out "$tmp/on" > "$tmp/on.txt" 2> "$tmp/on.log"
RESTOCK_EXPEDITE=false RESTOCK_PREBUILD=false \
    "$bin" simulate --data "$data" --from "$from" --to "$to" --out "$tmp/off" > "$tmp/off.txt" 2> "$tmp/off.log"
python3 - "$tmp/on/summary.json" "$tmp/off/summary.json" "$peak_from" "$peak_to" "$from" "$to" <<'PY'
import json, sys
on, off = (json.load(open(p)) for p in sys.argv[1:3])
peak_from, peak_to, frm, to = sys.argv[3:7]
def peak(s):
    return sum(n for d, n in s["restock_stockout_series_by_date"].items() if peak_from <= d <= peak_to)
print(f"restock simulate {frm} … {to}, {on['series']} series; peak {peak_from} … {peak_to}")
print(f"{'run':<34}{'fill rate':>10}{'target':>8}{'gap (pts)':>11}{'peak SO days':>14}{'total SO days':>15}")
for name, s in (("expedites + pre-build on", on), ("expedites + pre-build off", off)):
    r = s["restock"]
    gap = 100 * (r["fill_rate"] - r["target_service_level"])
    print(f"{name:<34}{r['fill_rate']:>10.4f}{r['target_service_level']:>8.3f}{gap:>+11.2f}{peak(s):>14d}{r['stockout_days']:>15d}")
print("bought from suppliers only (the series expedites to a supplier, terms and capacity touch; a store shipped from a DC is")
print("replayed as always supplied):")
for name, s in (("expedites + pre-build on", on), ("expedites + pre-build off", off)):
    r = s["restock_by_source"]["supplier"]
    p = sum(n for d, n in r["stockout_series_by_date"].items() if peak_from <= d <= peak_to)
    gap = 100 * (r["fill_rate"] - r["target_service_level"])
    print(f"{name + ' (' + str(r['series']) + ' series)':<34}{r['fill_rate']:>10.4f}{r['target_service_level']:>8.3f}{gap:>+11.2f}{p:>14d}{r['stockout_days']:>15d}")
a, b = peak(on), peak(off)
print(f"peak stock-out days on vs off: {a} vs {b} ({(a - b) / b:+.1%})" if b else f"peak stock-out days on vs off: {a} vs {b}")
PY

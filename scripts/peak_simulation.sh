#!/usr/bin/env bash
# The peak measurement of issue 13: replays the nightly policy (`restock simulate`) over a window
# holding a peak, twice — with expedites and the capacity pre-build on (the defaults), then with
# both off (`RESTOCK_EXPEDITE=false RESTOCK_PREBUILD=false`) — on data whose suppliers.csv sets
# order days, minimums, pallet multiples and a weekly capacity, and prints per run: the achieved
# fill rate and cycle service level against the service levels weighted as each is (by units demanded,
# by replenishment cycles), per series class (bought from a supplier / shipped from a DC, whose
# stock the replay simulates), the stock-out days (series-days with demand lost) during the peak and
# over the whole window, and the change in peak stock-out days.
# Both runs start WARM_UP nights before FROM (`--warm-up`, env, default 28) from the stock sales.csv
# records the night before then, and score only FROM … TO: the first weeks' stock-outs then come
# from the policy, not from a recorded starting stock it did not set. WARM_UP=0 replays from FROM.
# The peak is PEAK_FROM … PEAK_TO inclusive (default 2024-12-09 … 2024-12-24: the samples' busiest
# weeks, double_12 and the run-up to Christmas, with SKU00006's bundle promotion on SUP-A, the
# supplier with a capacity). Stock-out days by date come from the simulation's summary.json
# (`restock_stockout_series_by_date`).
# Usage: [WARM_UP=28] bash scripts/peak_simulation.sh [DATA=samples/retail] [FROM=2024-10-01] [TO=2024-12-30]
#        [PEAK_FROM=2024-12-09] [PEAK_TO=2024-12-24] [BINARY=.build/release/restock]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-samples/retail}
from=${2:-2024-10-01}
to=${3:-2024-12-30}
peak_from=${4:-2024-12-09}
peak_to=${5:-2024-12-24}
bin=${6:-.build/release/restock}
warm_up=${WARM_UP:-28}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" simulate --data "$data" --from "$from" --to "$to" --warm-up "$warm_up" --out "$tmp/on" > "$tmp/on.txt" 2> "$tmp/on.log"
RESTOCK_EXPEDITE=false RESTOCK_PREBUILD=false \
    "$bin" simulate --data "$data" --from "$from" --to "$to" --warm-up "$warm_up" --out "$tmp/off" > "$tmp/off.txt" 2> "$tmp/off.log"
python3 - "$tmp/on/summary.json" "$tmp/off/summary.json" "$peak_from" "$peak_to" "$from" "$to" <<'PY'
import json, sys
on, off = (json.load(open(p)) for p in sys.argv[1:3])
peak_from, peak_to, frm, to = sys.argv[3:7]
def peak(by_date):
    return sum(n for d, n in by_date.items() if peak_from <= d <= peak_to)
w = on.get("warm_up")
warm = f"warm-up {w['days']} nights {w['from']} … {w['to']} (not scored)" if w else "no warm-up"
print(f"restock simulate {frm} … {to}, {on['series']} series; {warm}; peak {peak_from} … {peak_to}")
print("fill rate = units sold / units demanded over the window (demand = recorded sales, lost when out of stock), read")
print("against the service levels weighted by units demanded; CSL = replenishment cycles without lost demand / cycles,")
print("against the service levels weighted by cycles. Each series' target is the one its policy plans for (see 'by target').")
head = f"{'run':<40}{'fill':>8}{'target':>8}{'gap':>7}{'CSL':>8}{'target':>8}{'gap':>7}{'peak SO':>9}{'total SO':>10}"
def row(name, v, by_date, stockout_days):
    gf = 100 * (v["fill_rate"] - v["fill_rate_target"])
    gc = 100 * (v["cycle_service_level"] - v["cycle_service_level_target"])
    return (f"{name:<40}{v['fill_rate']:>8.4f}{v['fill_rate_target']:>8.4f}{gf:>+7.2f}"
            f"{v['cycle_service_level']:>8.4f}{v['cycle_service_level_target']:>8.4f}{gc:>+7.2f}{peak(by_date):>9d}{stockout_days:>10d}")
runs = (("on", on), ("off", off))
print(head)
for name, s in runs:
    print(row(f"all series, expedite+prebuild {name}", s["restock"]["service"], s["restock_stockout_series_by_date"], s["restock"]["stockout_days"]))
for source, label in (("supplier", "bought from a supplier"), ("location", "shipped from a DC")):
    for name, s in runs:
        r = s["restock_by_source"].get(source)
        if r:
            print(row(f"{label} ({r['series']}), {name}", r["service"], r["stockout_series_by_date"], r["stockout_days"]))
print("by target (achieved vs target, each the measure the target names):")
for name, s in runs:
    v = s["restock"]["service"]
    parts = []
    for key, what in (("fill_rate_targeted", "fill-rate targets"), ("cycle_service_level_targeted", "CSL targets")):
        t = v[key]
        if t["series"]:
            parts.append(f"{what} ({t['series']} series): {t['achieved']:.4f} vs {t['target']:.4f} ({100 * (t['achieved'] - t['target']):+.2f} pts)")
    print(f"  {name}: " + "; ".join(parts))
print("orders placed (purchase-order lines and transfers, scored nights): " + ", ".join(
    f"{name} {s['restock'].get('orders_placed', 'n/a')}" for name, s in runs))
for name, s in runs:
    print(f"units short: {name}: DCs could not ship {s['restock_units_short_transferred']:.0f}, capacity-limited suppliers {s['restock_units_short_shipped']:.0f}")
a, b = peak(on["restock_stockout_series_by_date"]), peak(off["restock_stockout_series_by_date"])
print(f"peak stock-out days on vs off: {a} vs {b} ({(a - b) / b:+.1%})" if b else f"peak stock-out days on vs off: {a} vs {b}")
PY

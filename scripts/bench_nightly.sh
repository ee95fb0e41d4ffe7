#!/usr/bin/env bash
# Times the nightly job on generated data, release build: a cold run (every forecasting method
# chosen), a warm re-run (methods reused from state/models.v1.csv), a one-sku what-if and an
# every-sku what-if (an added event) that start from the nightly snapshot, and both what-ifs again
# with every baseline series recomputed (which must write the same files). Prints wall time and peak memory of each, and the stage timings
# from summary.json.
#
# Usage (from the repo root):
#   scripts/bench_nightly.sh [DATA_DIR] [OUT_ROOT]
# Defaults: DATA_DIR=/tmp/bench-data (generated when missing: 6,000 skus × 5 locations × 730 days
# = 30,000 series), OUT_ROOT=/tmp/restock-bench.
set -euo pipefail
data=${1:-/tmp/bench-data}
root=${2:-/tmp/restock-bench}
restock=.build/release/restock
[ -x "$restock" ] || swift build -c release
if [ ! -f "$data/sales.csv" ]; then
  python3 scripts/generate_data.py --out "$data" --skus 6000 --stores 4 --days 730 --quiet
fi
rm -rf "$root" && mkdir -p "$root"
timed() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak" "$@" > /dev/null 2>"$root/$label.log" || { cat "$root/$label.log"; exit 1; }
  tail -1 "$root/$label.log"
}
timed cold "$restock" run --data "$data" --out "$root/nightly"
python3 -c "import json,sys; print('  stages', json.load(open('$root/nightly/summary.json'))['timings_seconds'])"
timed warm "$restock" run --data "$data" --out "$root/nightly"
python3 -c "import json,sys; print('  stages', json.load(open('$root/nightly/summary.json'))['timings_seconds'])"
sku=$(sed -n 2p "$data/items.csv" | cut -d, -f1)
cat > "$root/scenario.toml" <<TOML
# 30 % off one sku for a week, starting a week after the as-of date
[promotion.1]
action = "add"
sku = "$sku"
type = "discount"
discount = 30
start = "$(python3 -c "import json,datetime as d; a=d.date.fromisoformat(json.load(open('$root/nightly/summary.json'))['as_of']); print(a+d.timedelta(days=7))")"
end = "$(python3 -c "import json,datetime as d; a=d.date.fromisoformat(json.load(open('$root/nightly/summary.json'))['as_of']); print(a+d.timedelta(days=13))")"
TOML
timed whatif "$restock" whatif --data "$data" --out "$root/whatif" --scenario "$root/scenario.toml" --baseline "$root/nightly"
python3 -c "import json,sys; print('  stages', json.load(open('$root/whatif/summary.json'))['timings_seconds'])"
python3 -c "import json,sys; print('  stages', json.load(open('$root/whatif/summary.json'))['timings_seconds'])" >/dev/null
event=$(sed -n 2p "$data/events.csv" | cut -d, -f2)
cat > "$root/everything.toml" <<TOML
# an added event touches every series
[event.1]
date = "$(python3 -c "import json,datetime as d; a=d.date.fromisoformat(json.load(open('$root/nightly/summary.json'))['as_of']); print(a+d.timedelta(days=10))")"
name = "$event"
TOML
timed whatif-everything "$restock" whatif --data "$data" --out "$root/whatif-everything" --scenario "$root/everything.toml" --baseline "$root/nightly"
python3 -c "import json,sys; print('  stages', json.load(open('$root/whatif-everything/summary.json'))['timings_seconds'])"
timed whatif-recomputed "$restock" whatif --data "$data" --out "$root/whatif-recomputed" --scenario "$root/scenario.toml" --baseline "$root/nightly" --recompute-baseline
for f in forecast.csv orders.csv transfers.csv exceptions.csv diff.csv report.html state/models.v1.csv; do
  cmp -s "$root/whatif/$f" "$root/whatif-recomputed/$f" || { echo "  $f differs between the snapshot what-if and the recomputed one"; exit 1; }
done
echo "  snapshot what-if and recomputed what-if wrote the same files"
timed whatif-everything-recomputed "$restock" whatif --data "$data" --out "$root/whatif-everything-recomputed" --scenario "$root/everything.toml" --baseline "$root/nightly" --recompute-baseline
for f in forecast.csv orders.csv transfers.csv exceptions.csv diff.csv report.html state/models.v1.csv; do
  cmp -s "$root/whatif-everything/$f" "$root/whatif-everything-recomputed/$f" || { echo "  $f differs between the every-sku what-ifs"; exit 1; }
done
echo "  every-sku: snapshot what-if and recomputed what-if wrote the same files"
grep -h "scenario forecasts" "$root/whatif.log" "$root/whatif-everything.log" | sed 's/^/  /'

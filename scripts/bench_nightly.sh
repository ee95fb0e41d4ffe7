#!/usr/bin/env bash
# Times the nightly job on generated data, release build: a cold run (every forecasting method
# chosen), a warm re-run (methods reused from state/models.v1.csv), and a one-sku what-if that
# starts from the nightly state. Prints wall time and peak memory of each, and the stage timings
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

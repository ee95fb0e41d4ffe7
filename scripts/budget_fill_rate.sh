#!/usr/bin/env bash
# The budget's cost in service on a data set: runs the night with a cap too high to cut anything
# (its summary.json gives the unconstrained spend and expected fill rate), then with a total cap
# of SHARE of that spend, and prints the expected fill rate of the night's order lines, and of
# every planned series, before and after the cut and their ratios (summary.json `budget`).
# Usage: bash scripts/budget_fill_rate.sh [DATA=samples/retail] [SHARE=0.8] [BINARY=.build/release/restock]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-samples/retail}
share=${2:-0.8}
bin=${3:-.build/release/restock}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '[budget]\ntotal = 1e15\n' > "$tmp/loose.toml"
"$bin" run --data "$data" --out "$tmp/loose" --config "$tmp/loose.toml" 2> "$tmp/loose.log"
spend=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["budget"]["planned_value"])' "$tmp/loose/summary.json")
cap=$(python3 -c "print(round($spend * $share, 2))")
printf '[budget]\ntotal = %s\n' "$cap" > "$tmp/cap.toml"
"$bin" run --data "$data" --out "$tmp/cap" --config "$tmp/cap.toml" 2> "$tmp/cap.log"
python3 - "$tmp/loose/summary.json" "$tmp/cap/summary.json" "$share" <<'PY'
import json, sys
loose = json.load(open(sys.argv[1]))["budget"]
cap = json.load(open(sys.argv[2]))["budget"]
share = float(sys.argv[3])
print(f"unconstrained spend          {loose['planned_value']:.2f}")
print(f"cap ({share:.0%})                  {cap['caps'][0]['cap']:.2f}")
print(f"kept spend                   {cap['kept_value']:.2f}  ({cap['kept_value'] / loose['planned_value']:.1%})")
print(f"lines cut / whole            {cap['lines_cut']} / {cap['lines_cut_whole']}, {cap['cut_units']:g} units")
print(f"expected units short         {cap['expected_units_short_before']:.3f} -> {cap['expected_units_short_after']:.3f}")
b, a = cap['expected_fill_rate_before'], cap['expected_fill_rate_after']
assert abs(b - loose['expected_fill_rate_after']) < 1e-9, "the unconstrained run's fill rate differs"
print(f"expected fill rate           {b:.4f} -> {a:.4f}")
print(f"ratio                        {a / b:.4f}")
pb, pa = cap['plan_expected_fill_rate_before'], cap['plan_expected_fill_rate_after']
print(f"plan ({cap['plan_series']} series) fill rate  {pb:.4f} -> {pa:.4f}, ratio {pa / pb:.4f}")
PY

#!/usr/bin/env python3
"""Replays the nightly policy on real demand: `restock simulate` over a real data set in the contract
format (../shared/data/m5 or rossmann), which holds sales but no supply settings.

The data set's sales, promotions and events are linked (not copied) into a work folder, which gets
an items.csv, inventory.csv and suppliers.csv of stated, uniform supply terms: every series bought from one supplier
with order days ORDER_DAYS (expedites allowed), a lead time of LEAD days (sd LEAD_SD), the service
level SERVICE; no case packs, minimums or capacities, so the figures are the policy's against real
demand alone. Then each BINARY (one or more, side by side in one run; with --no-expedite also each
with expedites off) replays FROM … TO after WARM_UP nights, and the script prints per run the
achieved fill rate and cycle service level against the targets, stock-out days and average stock.
The data has no stock records: every series starts from the policy's own order-up-to level.

  python3 scripts/real_simulation.py --data ../shared/data/m5 --from 2016-02-01 --to 2016-04-24 \\
      --binary .build/release/restock [--binary OLD] [--no-expedite] [--work DIR]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time


def write_terms(data, work, args):
    os.makedirs(work, exist_ok=True)
    for name in os.listdir(data):
        if name.endswith(".csv") and name not in ("items.csv", "suppliers.csv", "inventory.csv"):
            dst = os.path.join(work, name)
            if not os.path.lexists(dst):
                os.symlink(os.path.abspath(os.path.join(data, name)), dst)
    keys = {}
    with open(os.path.join(data, "sales.csv"), newline="") as f:
        for row in csv.DictReader(f):
            k = (row["sku"], row["location"])
            price = row.get("price") or ""
            if k not in keys or (price and not keys[k]):
                keys[k] = price
    with open(os.path.join(work, "items.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sku", "location", "source", "lead_time_days", "lead_time_sd_days", "review_days",
                    "service_level", "moq", "order_multiple", "max_units", "unit_cost", "category"])
        for (sku, loc), price in sorted(keys.items()):
            w.writerow([sku, loc, "SUP", args.lead, args.lead_sd, 7, args.service, 0, 1, "", price or 1, "all"])
    with open(os.path.join(work, "inventory.csv"), "w", newline="") as f:
        # Required by plans; the replay starts from its own order-up-to levels, not from this.
        w = csv.writer(f)
        w.writerow(["sku", "location", "on_hand"])
        for sku, loc in sorted(keys):
            w.writerow([sku, loc, 0])
    with open(os.path.join(work, "suppliers.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["supplier", "order_days", "allows_expedite"])
        w.writerow(["SUP", args.order_days, "true"])
    return len(keys)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--to", dest="end", required=True)
    p.add_argument("--binary", action="append", required=True)
    p.add_argument("--no-expedite", action="store_true", help="also run each binary with RESTOCK_EXPEDITE=false")
    p.add_argument("--lead", type=float, default=5)
    p.add_argument("--lead-sd", type=float, default=1)
    p.add_argument("--service", type=float, default=0.95)
    p.add_argument("--order-days", default="mon")
    p.add_argument("--warm-up", type=int, default=28)
    p.add_argument("--refit-days", type=int, default=7)
    p.add_argument("--work")
    args = p.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="restock-realsim-")
    data_dir = os.path.join(work, "data")
    n = write_terms(args.data, data_dir, args)
    print(f"{args.data}: {n} series, {args.start} … {args.end} after {args.warm_up} warm-up nights; one supplier ordering "
          f"{args.order_days}, lead {args.lead:g} d (sd {args.lead_sd:g}), service level {args.service:g}")
    runs = []
    for b in args.binary:
        for expedite in ([True, False] if args.no_expedite else [True]):
            runs.append((b, expedite))
    head = f"{'binary':<34}{'expedite':>9}{'fill':>8}{'target':>8}{'CSL':>8}{'target':>8}{'SO days':>9}{'avg stock':>11}{'orders':>8}{'s':>7}"
    print(head)
    for k, (b, expedite) in enumerate(runs):
        out = os.path.join(work, f"run{k}")
        env = dict(os.environ, RESTOCK_EXPEDITE="true" if expedite else "false")
        t0 = time.time()
        subprocess.run([b, "simulate", "--data", data_dir, "--from", args.start, "--to", args.end,
                        "--warm-up", str(args.warm_up), "--refit-days", str(args.refit_days), "--out", out,
                        "--log-level", "error"], env=env, check=True, stdout=subprocess.DEVNULL)
        s = json.load(open(os.path.join(out, "summary.json")))["restock"]
        v = s["service"]
        print(f"{b[-34:]:<34}{str(expedite):>9}{v['fill_rate']:>8.4f}{v['fill_rate_target']:>8.4f}"
              f"{v['cycle_service_level']:>8.4f}{v['cycle_service_level_target']:>8.4f}{s['stockout_days']:>9d}"
              f"{s.get('average_stock', float('nan')):>11.1f}{s.get('orders_placed', -1):>8d}{time.time() - t0:>7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

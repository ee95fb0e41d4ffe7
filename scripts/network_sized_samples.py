#!/usr/bin/env python3
"""Copy of a data folder whose DCs are sized for the stores they ship to (for issue 13's peak replay).

The samples' generator (scripts/generate_data.py) simulates DC1's stock for DC1's direct demand
only, and sizes its `max_units` the same way: 8 x the expected demand over review + lead time,
+ 4 case packs + the MOQ, on DC1's own demand. Once `restock simulate` ships stores from the DC's
simulated stock, that cap holds the DC below the order-up-to level its network needs (on
samples/retail, 16 of the 30 DC1 rows cannot hold the network's mean demand over 1 + L + R).

This writes a copy of DATA to OUT where each row of a location that is some item's source (a DC)
gets max_units = max(its own, the same formula on its network's demand: its own and the stores'
it ships to, each series' mean daily sales over the 366 days before --before, x 1.1 as the
generator's expected mean), rounded up to 10; and, with --capacity SUPPLIER=UNITS, those
suppliers' weekly_capacity_units replaced. Every other file is copied byte for byte.

Usage: python3 scripts/network_sized_samples.py DATA OUT [--before 2024-10-01] [--capacity SUP-A=3800]
"""
import argparse
import collections
import csv
import datetime
import math
import shutil


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--before", default="2024-10-01")
    ap.add_argument("--capacity", action="append", default=[])
    a = ap.parse_args()
    shutil.copytree(a.data, a.out)
    end = datetime.date.fromisoformat(a.before)
    start = (end - datetime.timedelta(days=366)).isoformat()
    with open(f"{a.data}/items.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0].keys())
    mean = collections.defaultdict(float)
    with open(f"{a.data}/sales.csv", newline="") as f:
        for r in csv.DictReader(f):
            if start <= r["date"] < a.before:
                mean[(r["sku"], r["location"])] += float(r["quantity"]) / 366
    sources = {r["source"] for r in rows}
    for r in rows:
        if r["location"] not in sources:
            continue
        network = [x for x in rows if x["sku"] == r["sku"] and (x is r or x["source"] == r["location"])]
        expected = 1.1 * sum(mean[(x["sku"], x["location"])] for x in network)
        cover = expected * (int(r["review_days"] or 7) + float(r["lead_time_days"]))
        sized = math.ceil((cover * 8 + 4 * float(r["order_multiple"] or 1) + float(r["moq"] or 0)) / 10) * 10
        if r["max_units"]:
            r["max_units"] = str(max(int(float(r["max_units"])), sized))
    with open(f"{a.out}/items.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    caps = dict(c.split("=", 1) for c in a.capacity)
    if caps:
        with open(f"{a.data}/suppliers.csv", newline="") as f:
            sup = list(csv.DictReader(f))
        for s in sup:
            if s["supplier"] in caps:
                s["weekly_capacity_units"] = caps[s["supplier"]]
        with open(f"{a.out}/suppliers.csv", "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(sup[0].keys()), lineterminator="\n")
            w.writeheader()
            w.writerows(sup)


if __name__ == "__main__":
    main()

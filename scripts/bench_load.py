#!/usr/bin/env python3
"""Benchmark: loading sales.csv with restock vs pandas.read_csv, side by side, in one run.

Usage (from the repo root, after `swift build -c release`):

    python3 scripts/generate_data.py --out /tmp/bench-data --skus 6000 --stores 4 --days 730 --quiet
    python3 scripts/bench_load.py --data /tmp/bench-data [--repeat 3] [--restock .build/release/restock]

What is timed (wall clock, best of --repeat, each in a fresh process; peak RSS from wait4):
  restock  `restock validate --forecast-only --data D` on a directory holding only sales.csv:
           parse + validate every field, sum duplicate rows, build every series' dense daily
           history, sha256 of the file (all on all cores).
  pandas   `pandas.read_csv(sales.csv)` with default type inference (no validation, no joins).
Prints one line per tool and the speed ratio.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

PANDAS = "import pandas as pd, sys; df = pd.read_csv(sys.argv[1]); print(len(df))"


def measure(cmd):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, _, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    out = p.stdout.read().decode()
    err = p.stderr.read().decode()
    if p.returncode not in (0, None) and "ok:" not in out:
        pass
    return wall, usage.ru_maxrss / 1024.0, out.strip(), err.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="directory with sales.csv")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--restock", default=".build/release/restock")
    a = ap.parse_args()
    sales = os.path.abspath(os.path.join(a.data, "sales.csv"))
    size = os.path.getsize(sales)
    with tempfile.TemporaryDirectory() as only_sales:
        os.symlink(sales, os.path.join(only_sales, "sales.csv"))
        results = {}
        for name, cmd in [
            ("restock", [a.restock, "validate", "--forecast-only", "--data", only_sales]),
            ("pandas", [sys.executable, "-c", PANDAS, sales]),
        ]:
            runs = [measure(cmd) for _ in range(a.repeat)]
            best = min(runs, key=lambda r: r[0])
            results[name] = best
            print(f"{name:8s} best {best[0]:7.2f} s of {a.repeat}  peak RSS {best[1]:8.0f} MB  "
                  f"({size / best[0] / 1e6:6.0f} MB/s)  -> {best[2][:100]}")
    ratio = results["pandas"][0] / results["restock"][0]
    print(f"sales.csv {size / 1e6:.0f} MB; restock is {ratio:.2f}x the speed of pandas.read_csv")


if __name__ == "__main__":
    main()

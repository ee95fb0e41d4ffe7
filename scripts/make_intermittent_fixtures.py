#!/usr/bin/env python3
"""Reference forecasts for restock's intermittent-demand methods (Croston, SBA, TSB).

Usage (from the repo root):

    python3 -m pip install statsforecast        # 2.1.1 made the committed fixture
    python3 scripts/make_intermittent_fixtures.py [--out Tests/Fixtures/intermittent/statsforecast.json]

Writes one JSON file (deterministic: the series come from numpy PCG64 generators with fixed
seeds) read by `Tests/ForecastTests/Intermittent/IntermittentGoldenTests.swift`:

    {
      "generator": "scripts/make_intermittent_fixtures.py",
      "statsforecast_version": "2.1.1",
      "tsb": {"alpha_d": 0.2, "alpha_p": 0.1},
      "series": [
        {"name": "...", "kind": "intermittent|lumpy|smooth|erratic|edge",
         "y": [daily demand, units, oldest first],
         "croston_classic": float,      # CrostonClassic().forecast(y, h=1)["mean"][0]
         "croston_sba": float,          # CrostonSBA
         "croston_optimized": float,    # CrostonOptimized
         "croston_optimized_alpha_size": float,      # golden-section alpha on the sizes
         "croston_optimized_alpha_interval": float,  # ... and on the intervals
         "tsb": float},                 # TSB(alpha_d=0.2, alpha_p=0.1)
        ...
      ]
    }

statsforecast's conventions (models.py `_croston_classic`, `_croston_optimized`, `_croston_sba`,
`_tsb`; src/ses.cpp): sizes are the values > 0, intervals the gaps between non-zero days with
the first one counted from the start (position of the first demand, 1-based); SES starts at the
first value; classic alpha = 0.1; SBA = 0.95 x classic; optimized alpha = golden section of the
in-sample SSE on [0.1, 0.3], separately for sizes and intervals; TSB's `alpha_d` smooths the
demand *sizes* and `alpha_p` the 0/1 occurrence (probability), which starts at the first day's
occurrence.

Series: ~30 daily series of 100-730 days, Bernoulli occurrence times sizes from Poisson (shifted
to >= 1), negative binomial (shifted), or lognormal (rounded to 2 decimals), plus smooth /
erratic series with no zeros and a few edge cases (one demand, demand only on the last day,
leading zeros). Values are written with repr() so the Swift side reads exactly the same doubles.
"""

import argparse
import json
import os
import sys

import numpy as np

try:
    import statsforecast
    from statsforecast.models import (
        TSB,
        CrostonClassic,
        CrostonOptimized,
        CrostonSBA,
        _demand,
        _intervals,
        _optimized_ses_forecast,
    )
except ImportError:  # pragma: no cover - message for the user
    sys.exit("needs statsforecast: python3 -m pip install statsforecast")

TSB_ALPHA_D = 0.2
TSB_ALPHA_P = 0.1


def make_series():
    """(name, kind, y) for every fixture series, deterministic."""
    out = []
    specs = [
        # (kind, occurrence probability, size distribution, parameter)
        ("intermittent", 0.30, "poisson", 2.0),
        ("intermittent", 0.20, "poisson", 1.0),
        ("intermittent", 0.10, "poisson", 3.0),
        ("intermittent", 0.50, "poisson", 4.0),
        ("intermittent", 0.05, "poisson", 1.5),
        ("intermittent", 0.40, "negbin", (5.0, 0.6)),
        ("intermittent", 0.25, "negbin", (3.0, 0.5)),
        ("lumpy", 0.30, "negbin", (0.8, 0.1)),
        ("lumpy", 0.15, "negbin", (0.5, 0.05)),
        ("lumpy", 0.60, "negbin", (0.6, 0.08)),
        ("lumpy", 0.20, "lognormal", (1.0, 1.2)),
        ("lumpy", 0.35, "lognormal", (2.0, 1.0)),
        ("lumpy", 0.08, "lognormal", (0.5, 1.5)),
        ("intermittent", 0.30, "lognormal", (3.0, 0.3)),
        ("intermittent", 0.45, "lognormal", (1.5, 0.4)),
        ("intermittent", 0.70, "poisson", 6.0),
        ("lumpy", 0.05, "negbin", (0.4, 0.02)),
        ("intermittent", 0.12, "poisson", 0.5),
        ("lumpy", 0.50, "lognormal", (0.0, 1.8)),
        ("intermittent", 0.33, "negbin", (10.0, 0.7)),
        ("lumpy", 0.25, "negbin", (1.0, 0.05)),
        ("intermittent", 0.60, "poisson", 2.5),
        ("smooth", 1.00, "poisson", 20.0),
        ("smooth", 1.00, "lognormal", (3.0, 0.2)),
        ("erratic", 1.00, "negbin", (0.9, 0.03)),
    ]
    for i, (kind, p, dist, par) in enumerate(specs):
        rng = np.random.default_rng(20240 + i)
        n = int(rng.integers(100, 731))
        occur = rng.random(n) < p
        if dist == "poisson":
            sizes = 1.0 + rng.poisson(par, n)
        elif dist == "negbin":
            sizes = 1.0 + rng.negative_binomial(par[0], par[1], n)
        else:
            sizes = np.round(np.exp(rng.normal(par[0], par[1], n)), 2)
            sizes = np.maximum(sizes, 0.01)
        y = np.where(occur, sizes, 0.0).astype(float)
        if not (y > 0).any():
            y[-1] = 1.0
        out.append((f"{kind}_{i:02d}_{dist}", kind, y))
    # Edge cases.
    rng = np.random.default_rng(777)
    y = np.zeros(120)
    y[57] = 4.0
    out.append(("edge_single_demand", "edge", y))
    y = np.zeros(100)
    y[-1] = 9.0
    out.append(("edge_demand_on_last_day", "edge", y))
    y = np.zeros(300)
    y[200:] = np.where(rng.random(100) < 0.3, 1.0 + rng.poisson(2.0, 100), 0.0)
    y[200] = 3.0
    out.append(("edge_leading_zeros", "edge", y))
    y = np.where(rng.random(365) < 0.5, 5.0, 0.0)
    y[0] = 5.0
    out.append(("edge_constant_size", "edge", y))
    y = np.zeros(150)
    y[[3, 4]] = [2.0, 6.0]
    out.append(("edge_two_demands", "edge", y))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--out", default="Tests/Fixtures/intermittent/statsforecast.json")
    args = ap.parse_args()

    records = []
    for name, kind, y in make_series():
        yd = _demand(y)
        yi = _intervals(y)
        _, _, a_size = _optimized_ses_forecast(yd)
        _, _, a_int = _optimized_ses_forecast(yi)
        rec = {
            "name": name,
            "kind": kind,
            "y": [float(v) for v in y],
            "croston_classic": float(CrostonClassic().forecast(y, h=1)["mean"][0]),
            "croston_sba": float(CrostonSBA().forecast(y, h=1)["mean"][0]),
            "croston_optimized": float(CrostonOptimized().forecast(y, h=1)["mean"][0]),
            "croston_optimized_alpha_size": float(a_size),
            "croston_optimized_alpha_interval": float(a_int),
            "tsb": float(
                TSB(alpha_d=TSB_ALPHA_D, alpha_p=TSB_ALPHA_P).forecast(y, h=1)["mean"][0]
            ),
        }
        records.append(rec)

    doc = {
        "generator": "scripts/make_intermittent_fixtures.py",
        "statsforecast_version": statsforecast.__version__,
        "tsb": {"alpha_d": TSB_ALPHA_D, "alpha_p": TSB_ALPHA_P},
        "series": records,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        # One series per line keeps diffs readable; floats as repr() round-trip exactly.
        f.write("{\n")
        for key in ("generator", "statsforecast_version", "tsb"):
            f.write(f"  {json.dumps(key)}: {json.dumps(doc[key])},\n")
        f.write('  "series": [\n')
        for i, rec in enumerate(records):
            sep = "," if i + 1 < len(records) else ""
            f.write(f"    {json.dumps(rec)}{sep}\n")
        f.write("  ]\n}\n")
    print(f"wrote {len(records)} series to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

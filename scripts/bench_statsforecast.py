#!/usr/bin/env python3
"""restock vs statsforecast on the same rolling-origin folds, in one run on this machine.

Usage (from the repo root, after `swift build -c release`; needs `pip install statsforecast`):

    python3 scripts/generate_data.py --out /tmp/sf-data --skus 400 --stores 4 --days 730 --quiet
    python3 scripts/bench_statsforecast.py --data /tmp/sf-data [--horizon 28] [--folds 3] [--threads 2]

1. Runs `restock backtest --write-forecasts` (timed) and reads every fold's forecasts and the
   actuals it scored (stock-out days excluded; `special` = a promotion or event day).
2. Fits statsforecast on exactly the same training data of each fold (sales up to the origin,
   one value per day, missing days 0): AutoETS(season_length=7) for every series, and
   CrostonOptimized for series classified intermittent/lumpy (ADI >= 1.32) or shorter than
   30 days (AutoETS refuses tiny series), as statsforecast users do (timed, n_jobs = --threads).
3. Scores both with the same code: MASE (seasonal naive m=7 scale), RMSSE (naive scale), WAPE,
   bias, overall and on promotion/event days; prints series per second for both.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd


def load_sales(data):
    s = pd.read_csv(os.path.join(data, "sales.csv"), dtype={"sku": str, "location": str})
    s["date"] = pd.to_datetime(s["date"])
    s = s.groupby(["sku", "location", "date"], as_index=False)["quantity"].sum()
    s["quantity"] = s["quantity"].clip(lower=0)
    return s


def scales(train, m=7):
    y = np.asarray(train, dtype=float)
    mae = np.mean(np.abs(y[m:] - y[:-m])) if len(y) > m else 0.0
    mse = np.mean((y[1:] - y[:-1]) ** 2) if len(y) > 1 else 0.0
    return mae, mse


def score(rows, train_of):
    """rows: DataFrame with unique_id, actual, forecast, include; returns metrics dict."""
    out = {}
    rows = rows[rows["include"]]
    if rows.empty:
        return {"mase": np.nan, "rmsse": np.nan, "wape": np.nan, "bias": np.nan, "days": 0}
    mases, rmsses = [], []
    for (fold, uid), g in rows.groupby(["fold", "unique_id"]):
        mae, mse = train_of[(fold, uid)]
        e = g["forecast"].to_numpy() - g["actual"].to_numpy()
        if mae > 0:
            mases.append(np.mean(np.abs(e)) / mae)
        if mse > 0:
            rmsses.append(np.sqrt(np.mean(e ** 2) / mse))
    e = rows["forecast"] - rows["actual"]
    tot = rows["actual"].sum()
    out["mase"] = float(np.mean(mases)) if mases else np.nan
    out["rmsse"] = float(np.mean(rmsses)) if rmsses else np.nan
    out["wape"] = float(np.abs(e).sum() / tot) if tot > 0 else np.nan
    out["bias"] = float(e.sum() / tot) if tot > 0 else np.nan
    out["days"] = int(len(rows))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--horizon", type=int, default=28)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--restock", default=".build/release/restock")
    ap.add_argument("--max-series", type=int, default=0, help="score only the first N series (0 = all)")
    a = ap.parse_args()

    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, CrostonOptimized

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "bt")
        t = time.perf_counter()
        subprocess.run([a.restock, "backtest", "--data", a.data, "--out", out, "--horizon", str(a.horizon),
                        "--folds", str(a.folds), "--threads", str(a.threads), "--write-forecasts"], check=True)
        restock_seconds = time.perf_counter() - t
        bt = pd.read_csv(os.path.join(out, "backtest_forecasts.csv"), dtype={"sku": str, "location": str})
    bt["date"] = pd.to_datetime(bt["date"])
    bt["unique_id"] = bt["sku"] + "|" + bt["location"]
    if a.max_series:
        keep = sorted(bt["unique_id"].unique())[: a.max_series]
        bt = bt[bt["unique_id"].isin(keep)]
    bt["include"] = bt["censored"] == 0
    n_series = bt["unique_id"].nunique()

    sales = load_sales(a.data)
    sales["unique_id"] = sales["sku"] + "|" + sales["location"]
    sales = sales[sales["unique_id"].isin(set(bt["unique_id"]))]

    sf_rows = []
    train_of = {}
    sf_seconds = 0.0
    for fold in sorted(bt["fold"].unique()):
        fb = bt[(bt["fold"] == fold) & (bt["model"] == "restock")]
        origin = fb["date"].min() - pd.Timedelta(days=1)
        train = sales[sales["date"] <= origin]
        # Dense daily series from each series' first sale to the origin; missing days are 0.
        frames = []
        for uid, g in train.groupby("unique_id"):
            idx = pd.date_range(g["date"].min(), origin, freq="D")
            y = g.set_index("date")["quantity"].reindex(idx, fill_value=0.0)
            frames.append(pd.DataFrame({"unique_id": uid, "ds": idx, "y": y.to_numpy()}))
            train_of[(fold, uid)] = scales(y.to_numpy())
        df = pd.concat(frames, ignore_index=True)
        nz = df[df["y"] > 0].groupby("unique_id").size()
        length = df.groupby("unique_id").size()
        adi = (length / nz.reindex(length.index).fillna(0).replace(0, np.nan)).fillna(np.inf)
        # Intermittent/lumpy series (and series too short for AutoETS) get CrostonOptimized.
        intermittent = set(adi[adi >= 1.32].index) | set(length[length < 30].index)
        t = time.perf_counter()
        sf = StatsForecast(models=[AutoETS(season_length=7)], freq="D", n_jobs=a.threads)
        ets = sf.forecast(df=df[~df["unique_id"].isin(set(length[length < 30].index))], h=a.horizon)
        sf_int = StatsForecast(models=[CrostonOptimized()], freq="D", n_jobs=a.threads)
        cro = sf_int.forecast(df=df[df["unique_id"].isin(intermittent)], h=a.horizon) if intermittent else None
        sf_seconds += time.perf_counter() - t
        ets = ets.reset_index() if "unique_id" not in ets.columns else ets
        ets = ets.rename(columns={"AutoETS": "forecast"})
        ets["model"] = "statsforecast"
        if cro is not None:
            cro = cro.reset_index() if "unique_id" not in cro.columns else cro
            cro = cro.rename(columns={"CrostonOptimized": "croston"})
            ets = ets.merge(cro[["unique_id", "ds", "croston"]], on=["unique_id", "ds"], how="outer")
            ets["forecast"] = np.where(ets["croston"].notna(), ets["croston"], ets["forecast"])
        ets["fold"] = fold
        sf_rows.append(ets[["unique_id", "ds", "forecast", "fold"]])
    sf = pd.concat(sf_rows).rename(columns={"ds": "date"})
    base = bt[bt["model"] == "restock"][["fold", "unique_id", "date", "actual", "include", "special"]]
    sf = base.merge(sf, on=["fold", "unique_id", "date"], how="left")
    sf["forecast"] = sf["forecast"].fillna(0).clip(lower=0)

    print(f"{n_series} series x {a.folds} folds x {a.horizon} days; threads {a.threads}")
    print(f"{'model':16s} {'series/s':>9s} {'MASE':>7s} {'RMSSE':>7s} {'WAPE':>7s} {'bias':>7s} {'WAPE promo/event':>17s} {'WAPE regular':>13s}")
    fits = n_series * a.folds
    for name, rows, secs in [
        ("restock", bt[bt["model"] == "restock"], restock_seconds),
        ("statsforecast", sf, sf_seconds),
        ("seasonal_naive", bt[bt["model"] == "seasonal_naive"], None),
    ]:
        allm = score(rows, train_of)
        pe = score(rows.assign(include=rows["include"] & (rows["special"] == 1)), train_of)
        reg = score(rows.assign(include=rows["include"] & (rows["special"] == 0)), train_of)
        rate = f"{fits / secs:9.1f}" if secs else f"{'-':>9s}"
        print(f"{name:16s} {rate} {allm['mase']:7.4f} {allm['rmsse']:7.4f} {allm['wape']:7.4f} {allm['bias']:7.4f} "
              f"{pe['wape']:17.4f} {reg['wape']:13.4f}")
    print(f"restock backtest wall {restock_seconds:.1f} s (includes reading the data and the baselines); "
          f"statsforecast fit+forecast {sf_seconds:.1f} s")


if __name__ == "__main__":
    main()

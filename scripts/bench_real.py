#!/usr/bin/env python3
"""restock vs statsforecast AutoETS vs simple references on a real data set, M5-style scores.

Usage (from the repo root, with a built `.build/release/restock` and `pip install statsforecast`):

    python3 scripts/bench_real.py --data /work/shared/data/m5 [--folds 6] [--horizon 28] [--threads 2]
        [--restock-args "..."] [--out /tmp/x] [--skip-autoets] [--restock PATH]
    python3 scripts/bench_real.py --self-test     # 2-series toy case with hand-computed answers

In one run, on the same rolling-origin folds:
1. `restock backtest --data DIR --folds K --horizon H --write-forecasts --out OUT/restock --threads T`
   (+ --restock-args), wall-clock timed. Every model in its backtest_forecasts.csv is scored
   (restock, seasonal_naive, naive and whatever else it writes). Fold k's origin = the day before
   its first forecast date; `q<p>` columns (quantile forecasts), when present, are used.
2. statsforecast AutoETS(season_length=7), n_jobs=T, fallback_model=Naive() for series it rejects,
   on exactly each fold's training data, levels 50/67/80/95/99 (timed after an untimed warm-up).
3. Python references: mean28_py (mean of the last 28 training days, sd = s*sqrt(1+1/28)),
   naive_py (sd = sigma1*sqrt(h)), seasonal_naive_py (period 7, sd = sigma7*sqrt(floor((h-1)/7)+1));
   sigma = RMS of the in-sample naive/seasonal-naive residuals.
Training data of a fold = sales.csv up to and including the origin, each series from its first row,
missing days 0, rows of one day summed, then negative days clipped at 0 (as restock loads it).
Actuals are read from sales.csv too (cross-checked against restock's `actual` column).

Scores (all H days scored; stock-outs ignored, as in M5). Point forecasts are clipped at 0 first.
- RMSSE_s = sqrt(mean_h e^2 / mean_t (y_t - y_{t-1})^2), the denominator over the training history
  from the series' first non-zero sale. w_s = dollar sales over the 28 days up to the origin
  (quantity x `price`, or quantity if no price column), normalised to 1 over series with scale > 0
  (zero-scale series are left out). WRMSSE = sum_s w_s RMSSE_s. Level 12 = sku x location; "store"
  (sum over skus per location), "item" (sum over locations per sku), "total": bottom-up sums of
  actuals, training history and forecasts, each aggregate with its own scale and dollar weight.
- RMSPE = sqrt(mean (e/y)^2) over (fold, series, day) with y > 0. WAPE = sum|e|/sum y, bias = sum e/sum y.
- WSPL (level 12): SPL_s = mean over days and the 9 quantiles u in {.005,.025,.165,.25,.5,.75,.835,
  .975,.995} of pinball_u(y, q) / mean_t |y_t - y_{t-1}| (same history); WSPL = sum_s w_s SPL_s.
  pinball_u(y, q) = u(y-q) if y >= q else (1-u)(q-y). Quantile u of a model: its `q<u>` column if
  present, else max(0, mean + z_u sd) (degenerate = the mean when sd is 0); AutoETS: lo/hi of its
  central interval at level L give the (1-L)/2 and (1+L)/2 quantiles, the median is its mean, all
  clipped at 0.
- cov80 / cov95: share of (fold, series, day) with lo80 <= y <= hi80 / lo95 <= y <= hi95, the model's
  interval columns where its backtest_forecasts.csv has them (restock's intervals are calibrated for
  coverage, its q<p> columns for the pinball loss), else q0.1 <= y <= q0.9 / q0.025 <= y <= q0.975.
WRMSSE and WSPL over all folds = mean of the per-fold values; the others are pooled over folds.
restock series/s = series x folds / wall s of the backtest command (includes loading the data and
its own baselines); AutoETS series/s = series x folds / fit+forecast seconds.
Writes OUT/bench.json with everything printed and more (per fold, per level).
"""
import argparse, json, os, shlex, subprocess, sys, tempfile, time
from statistics import NormalDist

import numpy as np
import pandas as pd

PROBS = [0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995]
COV = {"cov80": (0.1, 0.9), "cov95": (0.025, 0.975)}
ETS_LEVELS = [50, 67, 80, 95, 99]
BASELINES = {"naive", "seasonal_naive", "mean28"}  # restock-written references (no ratio lines)
PY_MODELS = ["mean28_py", "naive_py", "seasonal_naive_py"]


def load_sales(path):
    """Dense (series x day) quantity and price; NaN before a series' first row."""
    s = pd.read_csv(os.path.join(path, "sales.csv"), dtype={"sku": str, "location": str})
    s["date"] = pd.to_datetime(s["date"])
    has_price = "price" in s.columns
    agg = {"quantity": "sum", **({"price": "mean"} if has_price else {})}
    s = s.groupby(["sku", "location", "date"], as_index=False).agg(agg)
    s["quantity"] = s["quantity"].clip(lower=0)
    keys = s[["sku", "location"]].drop_duplicates().reset_index(drop=True)
    sid = {(a, b): i for i, (a, b) in enumerate(zip(keys["sku"], keys["location"]))}
    d0, d1 = s["date"].min(), s["date"].max()
    n, t = len(keys), (d1 - d0).days + 1
    r = np.fromiter((sid[k] for k in zip(s["sku"], s["location"])), int, len(s))
    c = (s["date"] - d0).dt.days.to_numpy()
    first = np.full(n, t)
    np.minimum.at(first, r, c)
    y = np.zeros((n, t))
    y[r, c] = s["quantity"].to_numpy(float)
    y[np.arange(t)[None, :] < first[:, None]] = np.nan
    p = np.full((n, t), np.nan)
    if has_price:
        p[r, c] = s["price"].to_numpy(float)
        p = pd.DataFrame(p).T.ffill().bfill().T.to_numpy()
    p = np.nan_to_num(p, nan=0.0) if has_price else np.ones((n, t))
    return dict(keys=keys, sid=sid, d0=d0, y=y, p=p, first=first, has_price=has_price)


def scales(train):
    """(mse, mae) of one-day changes since each row's first non-zero value; train: (n, T), no NaN."""
    if train.shape[1] < 2:
        z = np.zeros(train.shape[0]); return z, z
    m = np.maximum.accumulate(train > 0, axis=1)[:, :-1]
    d = np.diff(train, axis=1)
    cnt = m.sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mse = np.where(cnt > 0, (d ** 2 * m).sum(1) / cnt, 0.0)
        mae = np.where(cnt > 0, (np.abs(d) * m).sum(1) / cnt, 0.0)
    return mse, mae


def weighted(values, dollars, ok):
    w = np.where(ok & np.isfinite(values), dollars, 0.0)
    return float((w * np.nan_to_num(values)).sum() / w.sum()) if w.sum() > 0 else float("nan")


def wrmsse(train, act, fc, dollars):
    mse, _ = scales(train)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.sqrt(np.nanmean((fc - act) ** 2, axis=1) / mse)
    return weighted(r, dollars, mse > 0)


def wspl(train, act, q, dollars):
    """q: (n, H, len(PROBS)) quantile forecasts."""
    _, mae = scales(train)
    u = np.array(PROBS)
    diff = act[:, :, None] - q
    loss = np.maximum(u * diff, (u - 1) * diff)
    with np.errstate(invalid="ignore", divide="ignore"):
        spl = np.nanmean(loss, axis=(1, 2)) / mae
    return weighted(spl, dollars, mae > 0)


def fold_scores(train, act, fc, qs, dollars, groups):
    """One fold, one model. train (n,T) zero-filled, act/fc (n,H) (NaN = not scored), qs {p: (n,H)}."""
    out = {"wrmsse": wrmsse(train, act, fc, dollars)}
    valid = np.isfinite(act).all(0)  # days beyond the data end are NaN for every series
    for name, g in groups.items():
        a = g @ np.nan_to_num(act); a[:, ~valid] = np.nan
        out["wrmsse_" + name] = wrmsse(g @ train, a, g @ np.nan_to_num(fc), g @ dollars)
    out["wspl"] = wspl(train, act, np.stack([qs[p] for p in PROBS], -1), dollars)
    return out


def pooled(act, fc, qs, iv=None):
    """iv: {"cov80": (lo, hi), ...} interval columns where the model writes them (else its quantiles)."""
    m = np.isfinite(act) & np.isfinite(fc)
    a, e = act[m], (fc - act)[m]
    pos = a > 0
    tot = a.sum()
    out = {"rmspe": float(np.sqrt(np.mean((e[pos] / a[pos]) ** 2))) if pos.any() else float("nan"),
           "wape": float(np.abs(e).sum() / tot) if tot > 0 else float("nan"),
           "bias": float(e.sum() / tot) if tot > 0 else float("nan")}
    for k, (lo, hi) in COV.items():
        l, u = iv[k] if iv and k in iv else (qs[lo], qs[hi])
        out[k] = float(((l[m] <= a) & (a <= u[m])).mean())
    return out


def quantiles(fc, sd, qcols):
    """{p: array} for PROBS and the coverage bounds: q columns if present, else normal on (fc, sd)."""
    need = sorted(set(PROBS) | {p for v in COV.values() for p in v})
    sd = np.nan_to_num(sd) if sd is not None else np.zeros_like(fc)
    return {p: np.maximum(0, qcols[p]) if p in qcols else np.maximum(0, fc + NormalDist().inv_cdf(p) * sd)
            for p in need}


def py_references(tr, h):
    """tr: (n, T) training with NaN before each series' start. Returns {name: (fc, sd)} of shape (n, h)."""
    n, hh = tr.shape[0], np.arange(1, h + 1)
    last28 = tr[:, -28:]
    cnt = np.isfinite(last28).sum(1)
    mean = np.nanmean(last28, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        s28 = np.nan_to_num(np.nanstd(last28, 1, ddof=1)) * np.sqrt(1 + 1 / np.maximum(cnt, 1))
        s1 = np.sqrt(np.nanmean(np.diff(tr, axis=1) ** 2, 1))
        s7 = np.sqrt(np.nanmean((tr[:, 7:] - tr[:, :-7]) ** 2, 1)) if tr.shape[1] > 7 else np.full(n, np.nan)
    naive = tr[:, -1]
    snv = tr[:, -7:][:, (hh - 1) % 7] if tr.shape[1] >= 7 else np.full((n, h), np.nan)
    snv = np.where(np.isnan(snv), naive[:, None], snv)
    s7 = np.where(np.isnan(s7), np.nan_to_num(s1), s7)
    return {"mean28_py": (np.repeat(mean[:, None], h, 1), np.repeat(s28[:, None], h, 1)),
            "naive_py": (np.repeat(naive[:, None], h, 1), np.nan_to_num(s1)[:, None] * np.sqrt(hh)),
            "seasonal_naive_py": (snv, s7[:, None] * np.sqrt((hh - 1) // 7 + 1))}


def autoets(folds, tr_of, ids, h, threads):
    """Fits AutoETS per fold; returns ({fold: (fc, {p: q})}, seconds)."""
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, Naive
    mk = lambda: StatsForecast(models=[AutoETS(season_length=7)], freq="D", n_jobs=threads, fallback_model=Naive())
    warm = pd.DataFrame({"unique_id": "w", "ds": pd.date_range("2020-01-01", periods=60), "y": np.arange(60.0) % 7})
    mk().forecast(df=warm, h=h, level=ETS_LEVELS)  # numba compilation, untimed
    res, secs = {}, 0.0
    for k, (origin, rows) in folds.items():
        tr = tr_of[k]
        parts = []
        for i in rows:
            y = tr[i][np.isfinite(tr[i])]
            parts.append(pd.DataFrame({"unique_id": i, "ds": pd.date_range(end=origin, periods=len(y)), "y": y}))
        df = pd.concat(parts, ignore_index=True)
        t = time.perf_counter()
        f = mk().forecast(df=df, h=h, level=ETS_LEVELS)
        secs += time.perf_counter() - t
        r = f["unique_id"].to_numpy(int)
        c = (pd.to_datetime(f["ds"]) - origin).dt.days.to_numpy() - 1
        n = len(ids)
        grab = lambda col: (lambda a: (a.__setitem__((r, c), f[col].to_numpy(float)), a)[1])(np.full((n, h), np.nan))
        fc = grab("AutoETS")
        q = {0.5: np.maximum(fc, 0)}
        for lv in ETS_LEVELS:
            lo = round((100 - lv) / 200, 4)
            q[lo], q[round(1 - lo, 4)] = np.maximum(grab(f"AutoETS-lo-{lv}"), 0), np.maximum(grab(f"AutoETS-hi-{lv}"), 0)
        res[k] = (fc, q)
    return res, secs


def run_restock(a, out):
    cmd = [a.restock, "backtest", "--data", a.data, "--folds", str(a.folds), "--horizon", str(a.horizon),
           "--write-forecasts", "--out", out, "--threads", str(a.threads)] + shlex.split(a.restock_args)
    st = os.stat(a.restock)
    print("$", " ".join(shlex.quote(x) for x in cmd), f"  # binary mtime {time.ctime(st.st_mtime)}", flush=True)
    t = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data")
    ap.add_argument("--folds", type=int, default=6)
    ap.add_argument("--horizon", type=int, default=28)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--restock-args", default="")
    ap.add_argument("--restock", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "restock"))
    ap.add_argument("--out")
    ap.add_argument("--skip-autoets", action="store_true")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    if not a.data:
        ap.error("--data is required")
    out = a.out or tempfile.mkdtemp(prefix="bench_real-")
    os.makedirs(out, exist_ok=True)
    t_all = time.perf_counter()
    restock_secs = run_restock(a, os.path.join(out, "restock"))
    t_py = time.perf_counter()
    S = load_sales(a.data)
    y, H = S["y"], a.horizon
    bt = pd.read_csv(os.path.join(out, "restock", "backtest_forecasts.csv"), dtype={"sku": str, "location": str})
    bt["date"] = pd.to_datetime(bt["date"])
    bt["s"] = [S["sid"].get(k, -1) for k in zip(bt["sku"], bt["location"])]
    if (bt["s"] < 0).any():
        sys.exit("backtest_forecasts.csv names series not in sales.csv")
    fold_ids = sorted(bt["fold"].unique())
    origins = {k: bt.loc[bt["fold"] == k, "date"].min() - pd.Timedelta(days=1) for k in fold_ids}
    oidx = {k: (o - S["d0"]).days for k, o in origins.items()}
    bt["h"] = (bt["date"] - bt["fold"].map(origins)).dt.days - 1
    bt["k"] = bt["fold"].map({k: j for j, k in enumerate(fold_ids)})
    K, N = len(fold_ids), len(S["keys"])
    qcols = {round(float(c[1:]), 4): c for c in bt.columns if c.startswith("q") and c[1:].replace(".", "", 1).isdigit()}
    # Interval columns lo80/hi80, lo95/hi95 (restock's intervals, calibrated for coverage).
    icols = {k: (f"lo{k[3:]}", f"hi{k[3:]}") for k in COV if f"lo{k[3:]}" in bt.columns and f"hi{k[3:]}" in bt.columns}
    rmodels = list(dict.fromkeys(bt["model"]))
    present = np.zeros((K, N), bool)
    present[bt["k"], bt["s"]] = True
    # Per model (K, N, H) arrays.
    F, SD, Q, IV = {}, {}, {}, {}
    for m, g in bt.groupby("model", sort=False):
        idx = (g["k"].to_numpy(), g["s"].to_numpy(), g["h"].to_numpy())
        arr = lambda col: (lambda x: (x.__setitem__(idx, g[col].to_numpy(float)), x)[1])(np.full((K, N, H), np.nan))
        F[m], SD[m] = arr("forecast"), arr("sd")
        Q[m] = {p: arr(c) for p, c in qcols.items() if g[c].notna().any()}
        IV[m] = {k: (arr(lo), arr(hi)) for k, (lo, hi) in icols.items() if g[lo].notna().any()}
    act = np.full((K, N, H), np.nan)
    train, tr_nan, dollars = {}, {}, np.zeros((K, N))
    for j, k in enumerate(fold_ids):
        o = oidx[k]
        tr = y[:, :o + 1].copy(); tr[~present[j]] = np.nan
        tr_nan[k], train[k] = tr, np.nan_to_num(tr)
        w = y[:, o + 1:o + 1 + H]
        act[j, :, :w.shape[1]] = w
        act[j, ~present[j]] = np.nan
        lo = max(0, o - 27)
        dollars[j] = (train[k][:, lo:] * S["p"][:, lo:o + 1]).sum(1)
        for m, (f, sd) in py_references(tr, H).items():
            F.setdefault(m, np.full((K, N, H), np.nan))[j], SD.setdefault(m, np.full((K, N, H), np.nan))[j] = f, sd
            Q.setdefault(m, {})
    checks = {}
    ra = (lambda x: (x.__setitem__((bt["k"], bt["s"], bt["h"]), bt["actual"].to_numpy(float)), x)[1])(np.full((K, N, H), np.nan))
    both = np.isfinite(ra) & np.isfinite(act)
    checks["actual_mismatches"] = int((np.abs(ra - act)[both] > 1e-3 * np.maximum(1, act[both])).sum())
    for rm, pm in [("mean28", "mean28_py"), ("naive", "naive_py"), ("seasonal_naive", "seasonal_naive_py")]:
        if rm in F:
            d = np.abs(F[rm] - F[pm])[present]
            checks[f"{rm}_vs_{pm}_max_abs_diff"] = float(np.nanmax(d))
            checks[f"{rm}_vs_{pm}_share_diff>1e-3"] = float(np.mean(d > 1e-3))
            with np.errstate(invalid="ignore", divide="ignore"):
                checks[f"{rm}_vs_{pm}_sd_median_ratio"] = float(np.nanmedian((SD[rm] / SD[pm])[present]))
    py_secs = time.perf_counter() - t_py
    ets_secs = None
    if not a.skip_autoets:
        folds = {k: (origins[k], np.flatnonzero(present[j])) for j, k in enumerate(fold_ids)}
        res, ets_secs = autoets(folds, tr_nan, S["keys"], H, a.threads)
        F["AutoETS"] = np.stack([res[k][0] for k in fold_ids]); SD["AutoETS"] = None
        Q["AutoETS"] = {p: np.stack([res[k][1][p] for k in fold_ids]) for p in res[fold_ids[0]][1]}
    t_score = time.perf_counter()
    loc = pd.factorize(S["keys"]["location"])[0]; sku = pd.factorize(S["keys"]["sku"])[0]
    groups = {"store": (loc[None, :] == np.arange(loc.max() + 1)[:, None]).astype(float),
              "item": (sku[None, :] == np.arange(sku.max() + 1)[:, None]).astype(float),
              "total": np.ones((1, N))}
    models = rmodels + PY_MODELS + ([] if a.skip_autoets else ["AutoETS"])
    per_fold, overall, clipped = {m: {} for m in models}, {}, {}
    n_fits = int(present.sum())
    for m in models:
        fc = F[m]
        clipped[m] = int((fc[np.isfinite(fc)] < 0).sum())
        miss = int((np.isnan(fc) & np.isfinite(act)).sum())
        if miss:
            checks[f"{m}_missing_forecasts"] = miss  # left out of pooled scores, 0 in aggregates
        fc = np.maximum(fc, 0)
        qs = quantiles(fc, SD[m], Q[m])
        for j, k in enumerate(fold_ids):
            pj = present[j]
            r = fold_scores(train[k][pj], act[j][pj], fc[j][pj], {p: v[j][pj] for p, v in qs.items()}, dollars[j][pj],
                            {g: v[:, pj] for g, v in groups.items()})
            iv = {c: (lo[j][pj], hi[j][pj]) for c, (lo, hi) in IV.get(m, {}).items()}
            r.update(pooled(act[j][pj], fc[j][pj], {p: v[j][pj] for p, v in qs.items()}, iv))
            per_fold[m][int(k)] = r
        ov = {key: float(np.mean([per_fold[m][int(k)][key] for k in fold_ids]))
              for key in ["wrmsse", "wrmsse_store", "wrmsse_item", "wrmsse_total", "wspl"]}
        ov.update(pooled(act[present], fc[present], {p: v[present] for p, v in qs.items()},
                         {c: (lo[present], hi[present]) for c, (lo, hi) in IV.get(m, {}).items()}))
        secs = restock_secs if m in rmodels else ets_secs if m == "AutoETS" else None
        ov["series_per_s"] = n_fits / secs if secs else None
        overall[m] = ov
    score_secs = time.perf_counter() - t_score

    def f(x, w=8, d=4):
        return f"{'-':>{w}}" if x is None or not np.isfinite(x) else f"{x:{w}.{d}f}"
    name = lambda m: {"seasonal_naive": "snaive", "seasonal_naive_py": "snaive_py"}.get(m, m)
    print(f"\n{os.path.basename(os.path.normpath(a.data))}: {N} series, {K} folds x {H} days, {n_fits} series-folds, "
          f"threads {a.threads}, price weights: {'yes' if S['has_price'] else 'no (quantity)'}"
          + (f", restock args: {a.restock_args}" if a.restock_args else ""))
    print("\nWRMSSE (level 12) per window")
    print(f"{'fold origin':15s}" + "".join(f"{name(m)[:10]:>11s}" for m in models))
    for k in fold_ids:
        print(f"{int(k):<4d}{origins[k].date()!s:11s}" + "".join(f(per_fold[m][int(k)]['wrmsse'], 11) for m in models))
    print(f"{'all folds':15s}" + "".join(f(overall[m]['wrmsse'], 11) for m in models))
    print("\nratios of WRMSSE (per fold ... | all folds)")
    cands = [m for m in rmodels if m not in BASELINES]
    for m in cands:
        for ref in ["mean28_py"] + (["mean28"] if "mean28" in F else []) + ([] if a.skip_autoets else ["AutoETS"]):
            rs = [per_fold[m][int(k)]["wrmsse"] / per_fold[ref][int(k)]["wrmsse"] for k in fold_ids]
            print(f"  {m}/{ref}: " + " ".join(f"{x:.3f}" for x in rs) + f" | {overall[m]['wrmsse'] / overall[ref]['wrmsse']:.3f}")
    cols = ["wrmsse", "wrmsse_store", "wrmsse_item", "wrmsse_total", "rmspe", "wape", "bias", "wspl", "cov80", "cov95"]
    heads = ["L12", "store", "item", "total", "RMSPE", "WAPE", "bias", "WSPL", "cov80", "cov95", "series/s"]
    print("\noverall (WRMSSE L12/store/item/total and WSPL: mean over folds; others pooled)")
    print(f"{'model':18s}" + "".join(f"{h:>8s}" for h in heads[:-1]) + f"{heads[-1]:>9s}")
    for m in models:
        print(f"{name(m):18s}" + "".join(f(overall[m][c]) for c in cols) + f(overall[m]["series_per_s"], 9, 1))
    print("\nbias per fold (restock-written models)")
    print(f"{'fold':6s}" + "".join(f"{name(m)[:10]:>11s}" for m in rmodels))
    for k in fold_ids:
        print(f"{int(k):<6d}" + "".join(f(per_fold[m][int(k)]['bias'], 11) for m in rmodels))
    print("\nchecks: " + ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in checks.items()))
    if any(clipped.values()):
        print("negative point forecasts clipped at 0: " + ", ".join(f"{m} {c}" for m, c in clipped.items() if c))
    if qcols:
        print("quantile columns used: " + ", ".join(qcols.values()))
    tot = time.perf_counter() - t_all
    print(f"time: restock backtest {restock_secs:.1f} s, AutoETS fit+forecast {f(ets_secs, 0, 1).strip()} s, "
          f"python load/references {py_secs:.1f} s, scoring {score_secs:.1f} s, total {tot:.1f} s")
    try:
        rsum = json.load(open(os.path.join(out, "restock", "summary.json"))).get("timings_seconds")
    except (OSError, ValueError):
        rsum = None
    doc = dict(data=a.data, folds=K, horizon=H, threads=a.threads, restock_args=a.restock_args, series=N,
               series_folds=n_fits, origins={int(k): str(origins[k].date()) for k in fold_ids}, models=models,
               per_fold=per_fold, overall=overall, checks=checks, clipped=clipped, quantile_columns=list(qcols.values()),
               timings=dict(restock_wall=restock_secs, autoets=ets_secs, python=py_secs, scoring=score_secs, total=tot,
                            restock_summary=rsum))
    with open(os.path.join(out, "bench.json"), "w") as fh:
        json.dump(doc, fh, indent=1, default=lambda x: None)
    print(f"wrote {os.path.join(out, 'bench.json')}")


def self_test():
    """Two series, 4 training days, H = 2, one location, hand-computed answers.
    A: train [0,2,4,2] (first sale at t=1: changes 2,-2 -> mse 4, mae 2), price 1 -> $8;
       actual [2,2], forecast [4,2]: mean e^2 = 2 -> RMSSE sqrt(2/4) = 0.70711.
    B: train [1,1,3,3] (changes 0,2,0 -> mse 4/3, mae 2/3), price 2 -> $16;
       actual [3,3], forecast [3,1]: mean e^2 = 2 -> RMSSE sqrt(1.5) = 1.22474.
    WRMSSE = (8*0.70711 + 16*1.22474)/24 = 1.05220.
    total: train [1,3,7,5] (changes 2,4,-2 -> mse 8), actual [5,5], forecast [7,3] -> sqrt(4/8) = 0.70711.
    WSPL with sd 0 (all quantiles = the mean): A: pinball (1-u)*2 on day 1, 0 on day 2 -> mean over days
       and u (mean u = 0.5) = 0.5, /2 = 0.25; B: u*2 on day 2 -> 0.5, /(2/3) = 0.75;
       WSPL = (8*0.25 + 16*0.75)/24 = 0.58333. WAPE = 4/10, bias = 0, RMSPE = sqrt((1 + 4/9)/4) = 0.60093."""
    train = np.array([[0, 2, 4, 2], [1, 1, 3, 3]], float)
    act, fc = np.array([[2, 2], [3, 3]], float), np.array([[4, 2], [3, 1]], float)
    dollars = (train * np.array([[1], [2]])).sum(1)
    qs = quantiles(fc, None, {})
    r = fold_scores(train, act, fc, qs, dollars, {"total": np.ones((1, 2)), "store": np.ones((1, 2))})
    r.update(pooled(act, fc, qs))
    want = dict(wrmsse=1.0522, wrmsse_total=0.70711, wrmsse_store=0.70711, wspl=0.58333, wape=0.4, bias=0.0,
                rmspe=0.60093, cov80=0.5, cov95=0.5)
    for k, v in want.items():
        assert abs(r[k] - v) < 1e-4, (k, r[k], v)
    # Normal quantiles and the zero-scale exclusion: a constant-zero third series changes nothing.
    z = fold_scores(np.vstack([train, np.zeros(4)]), np.vstack([act, [1, 1]]), np.vstack([fc, [0, 0]]),
                    quantiles(np.vstack([fc, [0, 0]]), None, {}), np.append(dollars, 5.0), {})
    assert abs(z["wrmsse"] - 1.0522) < 1e-4 and abs(z["wspl"] - 0.58333) < 1e-4, z
    q = quantiles(np.array([[10.0]]), np.array([[2.0]]), {0.5: np.array([[9.0]])})
    assert abs(q[0.975][0, 0] - (10 + 1.959964 * 2)) < 1e-4 and q[0.5][0, 0] == 9 and q[0.005][0, 0] > 0
    ref = py_references(np.array([[np.nan, 1, 2, 3, 4, 5, 6, 7, 8.0]]), 8)
    assert ref["seasonal_naive_py"][0][0].tolist() == [2, 3, 4, 5, 6, 7, 8, 2] and ref["naive_py"][0][0, 0] == 8
    assert ref["mean28_py"][0][0, 0] == 4.5
    print("self-test passed:", {k: round(v, 5) for k, v in r.items()})


if __name__ == "__main__":
    main()

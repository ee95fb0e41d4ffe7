#!/usr/bin/env python3
"""Synthetic retail data generator for `restock`.

Usage (from the repo root):

    python3 scripts/generate_data.py --out DIR [--skus N] [--stores K] [--days D]
        [--future-days F] [--seed S] [--start YYYY-MM-DD]

Defaults: --skus 30 --stores 3 --days 730 --future-days 56 --seed 42
--start 2023-01-01.  Output is deterministic: the same arguments always give
byte-identical files (numpy PCG64 generators seeded from --seed; the sales
chunking is a fixed internal constant, not a parameter).

Files written under DIR (CSV, UTF-8, header row, dates YYYY-MM-DD, "\n" line
ends, no quoting needed - no field contains a comma or quote):

  sales.csv        date,sku,location,quantity,on_hand,price
                   One row per series and day of its active span (zero-sale
                   days included), sorted by (sku, location, date).  A return
                   is an *extra* row for the same (date, sku, location) with a
                   negative quantity, written right after the day's sale row;
                   readers must sum rows per key.  on_hand = end-of-day stock
                   (0 = stock-out day, sales on that day are censored:
                   sales = min(demand, available)).  price = selling price
                   that day (2 decimals; discount promos lower it).
  promotions.csv   sku,location,start_date,end_date,promo_type,discount_pct
                   Dates inclusive; empty location = every location (DC1 and
                   all stores).  promo_type in {discount, bundle, livestream};
                   discount_pct (percent, e.g. 20) only set for discount.
                   Covers history AND the future window (planned promos).
                   Promotions of one sku never overlap each other.
  events.csv       date,event   (new_year, mid_year_sale (06-18), singles_day
                   (11-11), black_friday, double_12 (12-12), christmas
                   (12-25)); covers history and the future window.
  inventory.csv    sku,location,on_hand,allocated   (stock at the end of the
                   as-of date = last sales date; equals that day's on_hand)
  open_orders.csv  sku,location,quantity,due_date,kind   (inbound not yet
                   received, due 1-20 days after as-of; kind po for DC1 and
                   supplier-direct stores, transfer for stores fed by DC1)
  items.csv        sku,location,source,lead_time_days,lead_time_sd_days,
                   review_days,service_level,moq,order_multiple,max_units,
                   unit_cost,category      (one row per series)
  lanes.csv        from_location,to_location,lead_time_days,cost_per_unit
                   (every ordered store->store pair; no DC lanes - the DC to
                   store lead time is in items.csv)
  truth/future_demand.csv  date,sku,location,mean,demand
                   For the F days after the last sales date: mean = the true
                   expected demand (incl. planned promos, events, price),
                   demand = one sampled, uncensored realisation.  Not an input
                   of the CLI; used to score forecasts / replay simulations.

Locations: DC1 (distribution centre with its own direct online demand, lower
volume, stronger reaction to events and livestreams) and stores S01..SKK.
Every sku is sold at every location: series = skus * (K + 1).

Demand model, per series and day (log-additive, mean lambda_t):
  * sku base level by class: ~25 % fast movers (20-200/day per store),
    ~65 % slow movers (1-5/day), ~10 % intermittent (mean < 0.5/day; a sale
    happens with probability p_t and its size is 1 + NB -> lumpy);
    store scale factors + per-series noise; DC1 direct demand ~0.35x a store;
  * 6 categories (beverages, snacks, household, personal_care, electronics,
    apparel) sharing a day-of-week profile (weekend peaks differ; DC1 flatter),
    yearly seasonality (2 Fourier terms + a December peak) and event
    responsiveness; each category has one supplier SUP-A..SUP-D;
  * mild per-sku log-linear trend;
  * promotions: discount (uplift 1.2x display effect on top of the price
    effect, so it grows with discount_pct), bundle (1.5x stores / 1.6x DC),
    livestream (3x DC / 1.25x stores); a pull-forward dip for a few days
    after each promotion;
  * events: singles_day and mid_year_sale give large uplifts (DC1 5x/3.5x,
    stores ~2x/1.7x) with a 3-day pre-event dip (people wait) and a 3-day
    post-event dip; black_friday, double_12 moderate; christmas and
    new_year are low days; scaled by category responsiveness;
  * price: list price per sku, ~30 % of skus get one permanent price change
    (+-5..15 %), discount promos lower that day's price; demand multiplier
    (price / initial price) ** elasticity, elasticity ~ N(-1.5, 0.25);
  * lifecycle: ~1.5 % new skus whose history starts 30-90 days before the
    as-of date (with a ramp-up), ~1.5 % slow skus that fade out ("look
    discontinued": demand decays to ~2 % over the last 60-150 days);
  * counts: Poisson-Gamma (negative binomial; shape 10 fast, 3 slow).
Stock: each series runs a periodic-review order-up-to policy using its
items.csv parameters (review_days, lead time +- sd, moq, order_multiple,
max_units) with a noisy planner, giving ~3-5 % stock-out store-days.  DC1
stock only serves DC1's direct demand (store transfers are not deducted);
its max_units is sized on its network (its own demand and its stores').
Returns: rare extra rows with quantity -1 (sometimes -2), mostly on days with
sales, so the day's net is almost always >= 0.  Returns are not restocked.

Speed/memory: series are processed in chunks of 200 skus and the CSV text is
built with vectorised numpy byte matrices, so memory stays bounded; 6000 skus
x 5 locations x 730 days (~21.6 M rows, ~750 MB) takes ~20 s (2 cores, ~350 MB RSS).
"""

import argparse
import datetime as dt
import os
import sys
import time

import numpy as np

CATEGORIES = ["beverages", "snacks", "household", "personal_care", "electronics", "apparel"]
SUPPLIER_OF_CAT = ["SUP-A", "SUP-A", "SUP-B", "SUP-B", "SUP-C", "SUP-D"]
# day-of-week log profiles (Mon..Sun) for stores, per category
STORE_DOW = np.log(np.array([
    [0.90, 0.88, 0.92, 0.97, 1.08, 1.30, 1.20],   # beverages
    [0.92, 0.90, 0.93, 0.98, 1.10, 1.25, 1.15],   # snacks
    [0.95, 0.93, 0.95, 0.97, 1.02, 1.18, 1.12],   # household
    [0.97, 0.95, 0.96, 0.98, 1.03, 1.12, 1.05],   # personal_care
    [0.80, 0.78, 0.82, 0.90, 1.05, 1.45, 1.35],   # electronics
    [0.78, 0.76, 0.80, 0.88, 1.10, 1.55, 1.40],   # apparel
]))
DC_DOW = np.log(np.array([1.08, 1.02, 1.00, 0.98, 0.95, 0.95, 1.10]))
# yearly Fourier coefficients (sin1, cos1, sin2, cos2) and December peak (log)
YEARLY = np.array([
    [-0.05, -0.20, 0.00, 0.03, 0.10],   # beverages: summer peak
    [0.00, 0.03, 0.02, 0.00, 0.25],     # snacks
    [0.02, 0.02, 0.00, 0.00, 0.10],     # household
    [0.00, 0.04, 0.00, 0.02, 0.20],     # personal_care
    [0.03, 0.06, 0.00, 0.00, 0.50],     # electronics
    [0.10, 0.05, 0.06, -0.04, 0.40],    # apparel: spring/autumn collections
])
EVENT_RESP = np.array([0.7, 0.8, 0.6, 1.0, 1.3, 1.2])
PRICE_MEDIAN = np.array([2.0, 3.0, 6.0, 8.0, 60.0, 25.0])
# event: (DC day mult, store day mult, pre-dip DC, pre-dip store, post-dip DC, post-dip store)
EVENTS = {
    "singles_day":   (5.0, 2.0, 0.70, 0.88, 0.75, 0.88),
    "mid_year_sale": (3.5, 1.7, 0.75, 0.90, 0.80, 0.90),
    "double_12":     (2.0, 1.3, 0.90, 0.97, 0.90, 0.95),
    "black_friday":  (1.8, 2.0, 0.95, 0.95, 0.95, 0.95),
    "christmas":     (0.7, 0.4, 1.0, 1.0, 1.0, 1.0),
    "new_year":      (0.8, 0.6, 1.0, 1.0, 1.0, 1.0),
}
# promo uplift: (DC, store)
PROMO_UPLIFT = {"discount": (1.2, 1.2), "bundle": (1.6, 1.5), "livestream": (3.0, 1.25)}
CHUNK_SKUS = 200
FAST, SLOW, INTERMITTENT = 0, 1, 2
MAX_LEAD = 20


# --------------------------------------------------------------------------- formatting
def fmt_uint(a):
    """Non-negative int array -> (n, w) uint8 ASCII digits, leading zeros = 0 byte."""
    a = np.asarray(a, dtype=np.int64)
    mx = int(a.max()) if a.size else 0
    w = len(str(mx))
    pw = 10 ** np.arange(w - 1, -1, -1, dtype=np.int64)
    out = ((a[:, None] // pw) % 10 + 48).astype(np.uint8)
    if w > 1:
        lead = a[:, None] < pw
        lead[:, -1] = False
        out[lead] = 0
    return out


def fmt_int(a):
    a = np.asarray(a, dtype=np.int64)
    neg = a < 0
    d = fmt_uint(np.abs(a))
    if neg.any():
        sign = np.where(neg, 45, 0).astype(np.uint8)[:, None]
        d = np.hstack([sign, d])
    return d


def fmt_fixed(scaled, decimals):
    """Non-negative int array holding value * 10**decimals -> 'I.DDD' bytes."""
    scaled = np.asarray(scaled, dtype=np.int64)
    q = 10 ** decimals
    ip = fmt_uint(scaled // q)
    frac = scaled % q
    pw = 10 ** np.arange(decimals - 1, -1, -1, dtype=np.int64)
    fd = ((frac[:, None] // pw) % 10 + 48).astype(np.uint8)
    dot = np.full((len(scaled), 1), 46, np.uint8)
    return np.hstack([ip, dot, fd])


def col(n, byte):
    return np.full((n, 1), byte, np.uint8)


def join_rows(parts):
    m = np.hstack(parts)
    flat = m.ravel()
    return flat[flat != 0].tobytes()


def fixed_bytes(strings):
    w = max(len(s) for s in strings)
    arr = np.array([s.encode() for s in strings], dtype="S%d" % w)
    return arr.view(np.uint8).reshape(len(strings), w)


# --------------------------------------------------------------------------- model setup
def black_friday(year):
    nov1 = dt.date(year, 11, 1)
    first_thu = nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7)
    return first_thu + dt.timedelta(days=22)


def build_events(start, T):
    end = start + dt.timedelta(days=T - 1)
    rows = []
    for y in range(start.year, end.year + 1):
        cand = [
            (dt.date(y, 1, 1), "new_year"),
            (dt.date(y, 6, 18), "mid_year_sale"),
            (dt.date(y, 11, 11), "singles_day"),
            (black_friday(y), "black_friday"),
            (dt.date(y, 12, 12), "double_12"),
            (dt.date(y, 12, 25), "christmas"),
        ]
        rows += [(d, e) for d, e in cand if start <= d <= end]
    rows.sort()
    return rows


def event_log_matrix(start, T, events):
    """(2, T) log multipliers for [dc, store] before category scaling."""
    m = np.zeros((2, T))
    for d, e in events:
        t = (d - start).days
        day_dc, day_st, pre_dc, pre_st, post_dc, post_st = EVENTS[e]
        m[0, t] += np.log(day_dc)
        m[1, t] += np.log(day_st)
        for off in (1, 2, 3):
            if t - off >= 0:
                m[0, t - off] += np.log(pre_dc)
                m[1, t - off] += np.log(pre_st)
            if t + off < T:
                m[0, t + off] += np.log(post_dc)
                m[1, t + off] += np.log(post_st)
    return m


def yearly_log_matrix(start, T):
    dates = [start + dt.timedelta(days=i) for i in range(T)]
    doy = np.array([d.timetuple().tm_yday for d in dates], float)
    w = 2 * np.pi * doy / 365.25
    # December peak: bump centred on Dec 20 (doy ~354), sigma 9 days, sharp drop after 25th
    dd = doy - 354.0
    bump = np.exp(-0.5 * (dd / 9.0) ** 2)
    bump[dd > 5] *= np.exp(-(dd[dd > 5] - 5) / 2.0)
    out = np.empty((len(CATEGORIES), T))
    for c in range(len(CATEGORIES)):
        s1, c1, s2, c2, dec = YEARLY[c]
        out[c] = s1 * np.sin(w) + c1 * np.cos(w) + s2 * np.sin(2 * w) + c2 * np.cos(2 * w) + dec * bump
    return out


def make_world(args):
    rng = np.random.default_rng([args.seed, 0])
    n, K, D, F = args.skus, args.stores, args.days, args.future_days
    L = K + 1
    T = D + F
    W = {}
    W["n"], W["K"], W["L"], W["D"], W["F"], W["T"] = n, K, L, D, F, T
    start = args.start
    W["start"] = start
    W["dates"] = [start + dt.timedelta(days=i) for i in range(T)]
    W["dow"] = np.array([d.weekday() for d in W["dates"]])
    W["sku_ids"] = ["SKU%05d" % (i + 1) for i in range(n)]
    W["loc_ids"] = ["DC1"] + ["S%02d" % (k + 1) if K < 100 else "S%03d" % (k + 1) for k in range(K)]

    # classes by quota so small sets still contain every kind
    n_int = max(2, int(round(0.10 * n))) if n >= 10 else (1 if n >= 3 else 0)
    n_fast = int(round(0.25 * n))
    perm = rng.permutation(n)
    cls = np.full(n, SLOW)
    cls[perm[:n_int]] = INTERMITTENT
    cls[perm[n_int:n_int + n_fast]] = FAST
    slow_idx = perm[n_int + n_fast:]
    n_new = max(1, int(round(0.015 * n))) if n >= 5 else 0
    n_disc = max(1, int(round(0.015 * n))) if n >= 5 else 0
    if D < 120:
        n_new = n_disc = 0
    cat = rng.integers(0, len(CATEGORIES), n)
    base = np.empty(n)
    nf, ns, ni = (cls == FAST).sum(), (cls == SLOW).sum(), (cls == INTERMITTENT).sum()
    base[cls == FAST] = np.clip(rng.lognormal(np.log(50), 0.6, nf), 20, 200)
    base[cls == SLOW] = np.exp(rng.uniform(np.log(1.0), np.log(5.0), ns))
    base[cls == INTERMITTENT] = rng.uniform(0.05, 0.45, ni)
    size_mean = np.where(cls == INTERMITTENT, rng.uniform(1.0, 4.0, n), 0.0)  # lumpy extra size
    shape = np.where(cls == FAST, 10.0, 3.0)
    trend = rng.normal(0.0, 0.08, n)  # log change per year
    elast = rng.normal(-1.5, 0.25, n)
    price0 = np.exp(np.log(PRICE_MEDIAN[cat]) + rng.normal(0, 0.5, n))
    price0_c = np.maximum(49, (np.round(price0) * 100 - 1).astype(np.int64))  # x.99
    has_change = rng.random(n) < 0.30
    change_day = np.where(has_change, rng.integers(int(0.1 * D) + 1, max(int(0.1 * D) + 2, D - 14), n), T + 1)
    change_fac = rng.uniform(0.05, 0.15, n) * rng.choice([-1.0, 1.0], n, p=[0.35, 0.65])
    price1_c = np.maximum(49, (np.round(price0_c * (1 + change_fac) / 100.0) * 100 - 1).astype(np.int64))
    launch = np.zeros(n, np.int64)
    fade = np.full(n, T + 1, np.int64)
    # new items & fading items: chosen among non-intermittent / slow skus
    cand_new = perm[n_int:]  # fast + slow
    new_sel = cand_new[rng.permutation(len(cand_new))[:n_new]] if n_new else np.array([], int)
    launch[new_sel] = D - rng.integers(30, 91, len(new_sel))
    slow_left = np.setdiff1d(slow_idx, new_sel)
    disc_sel = rng.permutation(slow_left)[:n_disc] if n_disc else np.array([], int)
    fade[disc_sel] = D - rng.integers(60, 151, len(disc_sel))

    # locations
    loc_scale = np.ones(L)
    loc_scale[0] = 0.35
    loc_scale[1:] = np.exp(rng.normal(0, 0.3, K))
    ser_noise = np.exp(rng.normal(0, 0.25, n * L))

    # item parameters per series
    S = n * L
    sku_of = np.repeat(np.arange(n), L)
    loc_of = np.tile(np.arange(L), n)
    is_dc = loc_of == 0
    dsd = rng.random(n) < np.where(np.isin(cat, [0, 1]), 0.25, 0.0)  # direct store delivery skus
    case = rng.choice([6, 12, 24], n, p=[0.4, 0.4, 0.2])
    case = np.where(cls == FAST, case, rng.choice([1, 2, 6], n, p=[0.5, 0.2, 0.3]))
    sup_lt = rng.integers(7, 18, n)
    lead = np.where(is_dc | dsd[sku_of], sup_lt[sku_of], rng.integers(2, 4, S))
    lead_sd = np.where(is_dc | dsd[sku_of], np.round(rng.uniform(0, 4, S), 1), np.round(rng.uniform(0, 1, S), 1))
    review = np.where(is_dc, 7, rng.choice([1, 2, 3, 7], S, p=[0.2, 0.3, 0.3, 0.2]))
    review = np.where(~is_dc & dsd[sku_of], 7, review)
    svc = np.where(cls[sku_of] == FAST, 0.98, np.where(cls[sku_of] == SLOW, 0.95, 0.90))
    svc = np.where(is_dc & (cls[sku_of] == FAST), 0.95, svc)
    mult = np.where(is_dc, case[sku_of], np.where(cls[sku_of] == FAST, case[sku_of], 1))
    moq = np.where(is_dc | dsd[sku_of], mult * rng.integers(1, 5, S), 0)
    exp_mean = base[sku_of] * (1 + size_mean[sku_of]) * loc_scale[loc_of] * ser_noise * 1.1
    # A DC holds stock for its own demand and for the stores it ships to (every store series of
    # the sku that is not delivered by the supplier directly): its cap is sized on that network.
    ships = ~is_dc & ~dsd[sku_of]
    network_mean = np.where(is_dc, np.bincount(sku_of, weights=exp_mean * (is_dc | ships), minlength=n)[sku_of], exp_mean)
    cover = network_mean * (review + lead)
    max_units = np.where(is_dc, np.ceil(cover * 8 + 4 * mult + moq), np.ceil(cover * 4 + 2 * mult + 4))
    max_units = (np.ceil(max_units / 10) * 10).astype(np.int64)
    margin = rng.uniform(0.45, 0.70, n)
    unit_cost_c = np.round(price0_c * margin).astype(np.int64)
    uc = np.where(is_dc, unit_cost_c[sku_of], np.round(unit_cost_c[sku_of] * 1.04).astype(np.int64))
    source = np.where(is_dc | dsd[sku_of], np.array(SUPPLIER_OF_CAT)[cat][sku_of], "DC1")

    W.update(cls=cls, cat=cat, base=base, size_mean=size_mean, shape=shape, trend=trend,
             elast=elast, price0_c=price0_c, price1_c=price1_c, change_day=change_day,
             launch=launch, fade=fade, loc_scale=loc_scale, ser_noise=ser_noise,
             sku_of=sku_of, loc_of=loc_of, is_dc=is_dc, lead=lead, lead_sd=lead_sd,
             review=review, svc=svc, mult=mult, moq=moq, max_units=max_units, uc=uc,
             source=source)

    # promotions: per sku, sequential non-overlapping over [0, T)
    promos = []  # (sku, loc (-1 = all), s, e, type, pct)
    for i in range(n):
        rate = {FAST: 8.0, SLOW: 6.0, INTERMITTENT: 2.0}[int(cls[i])] / 365.0
        t = int(launch[i]) + int(rng.integers(0, 40))
        while True:
            t += int(rng.geometric(rate)) + 10
            if t >= T:
                break
            u = rng.random()
            if u < 0.60:
                typ, dur = "discount", int(rng.integers(3, 15))
                pct = int(rng.choice([10, 15, 20, 25, 30, 40, 50], p=[.15, .2, .25, .15, .12, .08, .05]))
            elif u < 0.85:
                typ, dur, pct = "bundle", int(rng.integers(7, 22)), 0
            else:
                typ, dur, pct = "livestream", int(rng.integers(1, 3)), 0
            if typ == "livestream":
                loc = 0 if rng.random() < 0.6 else -1
            else:
                loc = -1 if rng.random() < 0.7 else int(rng.integers(0, L))
            e = min(t + dur - 1, T - 1)
            promos.append((i, loc, t, e, typ, pct))
            t = e + 14
    W["promos"] = promos
    W["events"] = build_events(start, T)
    ev = event_log_matrix(start, T, W["events"])
    W["ev_log"] = ev
    W["yearly"] = yearly_log_matrix(start, T)
    return W


# --------------------------------------------------------------------------- per chunk
def chunk_lambda(W, sk0, sk1):
    """Expected demand (n_series, T) for skus [sk0, sk1) plus price (cents) and params."""
    L, T, D = W["L"], W["T"], W["D"]
    sers = np.arange(sk0 * L, sk1 * L)
    sku = W["sku_of"][sers]
    loc = W["loc_of"][sers]
    isdc = loc == 0
    cat = W["cat"][sku]
    t = np.arange(T)
    logm = np.log(W["base"][sku] / (1 + W["size_mean"][sku]))[:, None] * np.ones((1, T))
    # note: for intermittent skus "base" is the mean; the occurrence prob gets base/(1+size)
    logm[W["cls"][sku] != INTERMITTENT] = np.log(W["base"][sku][W["cls"][sku] != INTERMITTENT])[:, None]
    logm += np.log(W["loc_scale"][loc] * W["ser_noise"][sers])[:, None]
    dowm = np.where(isdc[:, None], DC_DOW[None, :], STORE_DOW[cat])  # (n, 7)
    logm += dowm[:, W["dow"]]
    logm += W["yearly"][cat]
    logm += np.where(isdc[:, None], W["ev_log"][0][None, :], W["ev_log"][1][None, :]) * EVENT_RESP[cat][:, None]
    logm += W["trend"][sku][:, None] * (t[None, :] - D) / 365.0
    # lifecycle
    age = t[None, :] - W["launch"][sku][:, None]
    ramp = np.where(age >= 0, 1 - 0.7 * np.exp(-np.maximum(age, 0) / 14.0), 1e-9)
    logm += np.log(ramp)
    fa = t[None, :] - W["fade"][sku][:, None]
    logm += np.where(fa > 0, np.maximum(-fa / 25.0, np.log(0.02)), 0.0)
    # price & promos
    list_p = np.where(t[None, :] >= W["change_day"][sku][:, None],
                      W["price1_c"][sku][:, None], W["price0_c"][sku][:, None]).astype(np.int64)
    disc = np.zeros((len(sers), T))
    promo_log = np.zeros((len(sers), T))
    row_of_sku = {}
    for i in range(sk1 - sk0):
        row_of_sku[sk0 + i] = np.arange(i * L, (i + 1) * L)
    for (i, pl, s, e, typ, pct) in W["promos_by_sku"].get_range(sk0, sk1):
        rows = row_of_sku[i] if pl < 0 else row_of_sku[i][pl:pl + 1]
        for r in rows:
            up = PROMO_UPLIFT[typ][0 if loc[r] == 0 else 1]
            promo_log[r, s:e + 1] += np.log(up)
            if typ == "discount":
                disc[r, s:e + 1] = pct / 100.0
            tot = up * (1.0 / (1 - pct / 100.0)) ** 1.5
            depth = min(0.35, 0.3 * (tot - 1) / tot)
            k = np.arange(1, min(7, e - s + 1) + 1)
            idx = e + k
            ok = idx < T
            promo_log[r, idx[ok]] += np.log(1 - depth * np.exp(-(k[ok] - 1) / 2.0))
    price_c = np.round(list_p * (1 - disc)).astype(np.int64)
    logm += promo_log
    logm += W["elast"][sku][:, None] * np.log(price_c / W["price0_c"][sku][:, None])
    lam = np.exp(logm)
    lam[age < 0] = 0.0
    return sers, sku, loc, lam, price_c


class PromoIndex:
    def __init__(self, promos):
        self.by = {}
        for p in promos:
            self.by.setdefault(p[0], []).append(p)

    def get_range(self, a, b):
        for i in range(a, b):
            yield from self.by.get(i, [])


def sample_demand(rng, W, sku, lam):
    """Sample counts and return (demand, mean) arrays shaped like lam."""
    cls = W["cls"][sku]
    inter = cls == INTERMITTENT
    demand = np.zeros(lam.shape, np.int64)
    mean = lam.copy()
    reg = ~inter
    if reg.any():
        lr = lam[reg]
        sh = W["shape"][sku][reg][:, None]
        g = rng.gamma(np.broadcast_to(sh, lr.shape), 1.0) / sh
        demand[reg] = rng.poisson(lr * g)
    if inter.any():
        p = np.minimum(lam[inter], 0.9)
        sm = W["size_mean"][sku][inter][:, None]
        occ = rng.random(p.shape) < p
        # lumpy size: 1 + NB(shape 1, mean sm) == 1 + geometric-like
        size = 1 + rng.poisson(rng.gamma(1.0, np.broadcast_to(sm, p.shape)))
        demand[inter] = occ * size
        mean[inter] = p * (1 + sm)
    return demand, mean


def simulate_stock(rng, W, sers, sku, lam_mean, demand, D):
    n = len(sers)
    T = lam_mean.shape[1]
    cs = np.zeros((n, T + 1))
    np.cumsum(lam_mean, axis=1, out=cs[:, 1:])
    R = W["review"][sers]
    Lt = W["lead"][sers]
    Lsd = W["lead_sd"][sers]
    mult = W["mult"][sers]
    moq = W["moq"][sers]
    maxu = W["max_units"][sers]
    from statistics import NormalDist
    z = np.array([NormalDist().inv_cdf(v) for v in W["svc"][sers]])
    inter = W["cls"][sku] == INTERMITTENT
    vf = np.where(inter, 1 + 2 * W["size_mean"][sku], 1.0)
    shp = W["shape"][sku]
    launch = W["launch"][sku]
    phase = rng.integers(0, 7, n) % R
    rows = np.arange(n)
    # initial stock: cover of R+L days from launch
    h = np.minimum(launch + R + Lt, T)
    w0 = cs[rows, h] - cs[rows, launch]
    oh = np.minimum(np.ceil(w0 + z * np.sqrt(w0 * vf + w0 ** 2 / shp)), maxu).astype(np.int64)
    arr = np.zeros((n, D + MAX_LEAD + 2), np.int64)
    on_order = np.zeros(n, np.int64)
    sales = np.zeros((n, D), np.int64)
    ohh = np.zeros((n, D), np.int64)
    for t in range(D):
        a = arr[:, t]
        avail = oh + a
        on_order -= a
        s = np.minimum(demand[:, t], avail)
        oh = avail - s
        sales[:, t] = s
        ohh[:, t] = oh
        rv = ((t - phase) % R == 0) & (t >= launch)
        if not rv.any():
            continue
        idx = rows[rv]
        hi = np.minimum(t + 1 + R[idx] + Lt[idx], T)
        Wd = cs[idx, hi] - cs[idx, t + 1]
        bias = np.exp(rng.normal(-0.27, 0.33, len(idx)))
        tgt = bias * Wd + 0.6 * z[idx] * np.sqrt(Wd * vf[idx] + Wd ** 2 / shp[idx])
        ip = oh[idx] + on_order[idx]
        q = np.ceil(tgt - ip)
        q = np.ceil(np.maximum(q, 0) / mult[idx]) * mult[idx]
        q = np.where(q > 0, np.maximum(q, moq[idx]), 0)
        cap = np.floor(np.maximum(maxu[idx] - ip, 0) / mult[idx]) * mult[idx]
        q = np.minimum(q, cap).astype(np.int64)
        go = q > 0
        if not go.any():
            continue
        idx, q = idx[go], q[go]
        lr = np.clip(np.round(Lt[idx] + Lsd[idx] * rng.standard_normal(len(idx))), 1, MAX_LEAD).astype(np.int64)
        np.add.at(arr, (idx, t + lr), q)
        on_order[idx] += q
    return sales, ohh, oh, arr[:, D:]


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--skus", type=int, default=30)
    ap.add_argument("--stores", type=int, default=3)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--future-days", type=int, default=56)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--start", default="2023-01-01")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    args.start = dt.date.fromisoformat(args.start)
    if args.skus < 1 or args.stores < 1 or args.days < 1 or args.future_days < 0:
        ap.error("--skus, --stores, --days must be >= 1 and --future-days >= 0")
    t0 = time.time()
    W = make_world(args)
    W["promos_by_sku"] = PromoIndex(W["promos"])
    out = args.out
    os.makedirs(os.path.join(out, "truth"), exist_ok=True)
    n, L, D, F, T = W["n"], W["L"], W["D"], W["F"], W["T"]
    date_b = fixed_bytes([d.isoformat() for d in W["dates"]])
    sku_ids, loc_ids = W["sku_ids"], W["loc_ids"]

    inv_oh = np.zeros(n * L, np.int64)
    open_rows = []  # (series, due t, qty)
    stats = {"rows": 0, "returns": 0}
    fs = open(os.path.join(out, "sales.csv"), "wb")
    ft = open(os.path.join(out, "truth", "future_demand.csv"), "wb")
    fs.write(b"date,sku,location,quantity,on_hand,price\n")
    ft.write(b"date,sku,location,mean,demand\n")
    for ci, sk0 in enumerate(range(0, n, CHUNK_SKUS)):
        sk1 = min(n, sk0 + CHUNK_SKUS)
        rng = np.random.default_rng([args.seed, 1, ci])
        sers, sku, loc, lam, price_c = chunk_lambda(W, sk0, sk1)
        demand, mean = sample_demand(rng, W, sku, lam)
        sales, ohh, oh_end, pipe = simulate_stock(rng, W, sers, sku, mean, demand, D)
        inv_oh[sers] = oh_end
        pr, pc = np.nonzero(pipe)
        for r, c in zip(pr, pc):
            open_rows.append((int(sers[r]), D + int(c), int(pipe[r, c])))
        ns = len(sers)
        prefix = fixed_bytes(["%s,%s" % (sku_ids[sku[i]], loc_ids[loc[i]]) for i in range(ns)])
        # ---- sales rows
        active = np.arange(D)[None, :] >= W["launch"][sku][:, None]
        r_s, r_t = np.nonzero(active)
        qty = sales[r_s, r_t]
        oh = ohh[r_s, r_t]
        pri = price_c[r_s, r_t]
        # returns
        u = rng.random(len(qty))
        is_ret = (u < 0.0015) & ((qty > 0) | (rng.random(len(qty)) < 0.1))
        is_ret &= W["cls"][sku][r_s] != INTERMITTENT
        ri = np.nonzero(is_ret)[0]
        rq = -np.where(rng.random(len(ri)) < 0.15, 2, 1)
        stats["returns"] += len(ri)
        key = np.concatenate([np.arange(len(qty)) * 2, ri * 2 + 1])
        order = np.argsort(key, kind="stable")
        src = np.concatenate([np.arange(len(qty)), ri])[order]
        q_all = np.concatenate([qty, rq])[order]
        s_all, t_all, oh_all, p_all = r_s[src], r_t[src], oh[src], pri[src]
        m = len(q_all)
        stats["rows"] += m
        fs.write(join_rows([date_b[t_all], col(m, 44), prefix[s_all], col(m, 44), fmt_int(q_all),
                            col(m, 44), fmt_uint(oh_all), col(m, 44), fmt_fixed(p_all, 2), col(m, 10)]))
        # ---- truth rows
        if F > 0:
            f_s = np.repeat(np.arange(ns), F)
            f_t = np.tile(np.arange(D, T), ns)
            mu = np.round(mean[:, D:].ravel() * 10000).astype(np.int64)
            dm = demand[:, D:].ravel()
            m = len(f_s)
            ft.write(join_rows([date_b[f_t], col(m, 44), prefix[f_s], col(m, 44), fmt_fixed(mu, 4),
                                col(m, 44), fmt_uint(dm), col(m, 10)]))
        if not args.quiet:
            print("chunk %d: skus %d-%d  %.1fs" % (ci, sk0, sk1 - 1, time.time() - t0), file=sys.stderr)
    fs.close()
    ft.close()

    # ---- small files
    arng = np.random.default_rng([args.seed, 2])
    asof = W["dates"][D - 1]
    S = n * L
    sku_of, loc_of = W["sku_of"], W["loc_of"]
    with open(os.path.join(out, "items.csv"), "w", newline="\n") as f:
        f.write("sku,location,source,lead_time_days,lead_time_sd_days,review_days,service_level,"
                "moq,order_multiple,max_units,unit_cost,category\n")
        for s in range(S):
            f.write("%s,%s,%s,%d,%.1f,%d,%.2f,%d,%d,%d,%.2f,%s\n" % (
                sku_ids[sku_of[s]], loc_ids[loc_of[s]], W["source"][s], W["lead"][s], W["lead_sd"][s],
                W["review"][s], W["svc"][s], W["moq"][s], W["mult"][s], W["max_units"][s],
                W["uc"][s] / 100.0, CATEGORIES[W["cat"][sku_of[s]]]))
    with open(os.path.join(out, "inventory.csv"), "w", newline="\n") as f:
        f.write("sku,location,on_hand,allocated\n")
        u = arng.random(S)
        frac = arng.uniform(0.02, 0.15, S)
        for s in range(S):
            oh = int(inv_oh[s])
            p_alloc = 0.5 if loc_of[s] == 0 else 0.15
            al = 0
            if oh > 0 and u[s] < p_alloc:
                al = max(1, min(oh, int(oh * frac[s])))
            f.write("%s,%s,%d,%d\n" % (sku_ids[sku_of[s]], loc_ids[loc_of[s]], oh, al))
    with open(os.path.join(out, "open_orders.csv"), "w", newline="\n") as f:
        f.write("sku,location,quantity,due_date,kind\n")
        for s, t, q in sorted(open_rows):
            kind = "transfer" if W["source"][s] == "DC1" else "po"
            f.write("%s,%s,%d,%s,%s\n" % (sku_ids[sku_of[s]], loc_ids[loc_of[s]], q,
                                          (asof + dt.timedelta(days=t - D + 1)).isoformat(), kind))
    with open(os.path.join(out, "promotions.csv"), "w", newline="\n") as f:
        f.write("sku,location,start_date,end_date,promo_type,discount_pct\n")
        for (i, pl, s, e, typ, pct) in W["promos"]:
            f.write("%s,%s,%s,%s,%s,%s\n" % (sku_ids[i], "" if pl < 0 else loc_ids[pl],
                                             W["dates"][s].isoformat(), W["dates"][e].isoformat(),
                                             typ, str(pct) if typ == "discount" else ""))
    with open(os.path.join(out, "events.csv"), "w", newline="\n") as f:
        f.write("date,event\n")
        for d, e in W["events"]:
            f.write("%s,%s\n" % (d.isoformat(), e))
    with open(os.path.join(out, "lanes.csv"), "w", newline="\n") as f:
        f.write("from_location,to_location,lead_time_days,cost_per_unit\n")
        K = W["K"]
        lane = {}
        for a in range(1, K + 1):  # symmetric lead time / cost per store pair
            for b in range(a + 1, K + 1):
                lt = 1 + int(abs(a - b) > 2 or arng.random() < 0.3)
                lane[(a, b)] = lane[(b, a)] = (lt, 0.15 + 0.1 * lt + arng.uniform(0, 0.2))
        for (a, b) in sorted(lane):
            lt, cost = lane[(a, b)]
            f.write("%s,%s,%d,%.2f\n" % (loc_ids[a], loc_ids[b], lt, cost))
    if not args.quiet:
        print("done: %d series, %d sales rows (%d returns), %d promotions, %d open orders, as-of %s, %.1fs"
              % (S, stats["rows"], stats["returns"], len(W["promos"]), len(open_rows), asof, time.time() - t0),
              file=sys.stderr)


if __name__ == "__main__":
    main()

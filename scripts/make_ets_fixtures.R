#!/usr/bin/env Rscript
# make_ets_fixtures.R — golden fixtures for restock's ETS (Sources/Forecast/ETS/) from R's
# forecast::ets, the reference implementation of Hyndman, Koehler, Ord & Snyder (2008).
#
# Run from the repository root:
#     Rscript scripts/make_ets_fixtures.R
# Needs R with the `forecast` and `jsonlite` packages (Debian: apt-get install r-cran-forecast).
# Writes one JSON file per reference series to Tests/Fixtures/ets/<name>.json (and removes
# stale ones first). Deterministic: generated series use fixed seeds.
#
# Each file holds
#   name, frequency (m), data (the series), h (forecast horizon: 2m, or 14 for m = 1),
#   positive (whether min(data) > 0),
#   auto:  ets(y) with R's defaults (model "ZZZ", AICc, bounds "both", no multiplicative trend)
#   fixed: ets(y, model = spec, damped = ...) for a few fixed specifications, where allowed
# and for every fit: model (e.g. "ETS(A,Ad,M)"), alpha, beta, gamma, phi (null if absent),
# loglik, aicc, sigma2, initstate, the h point forecasts (mean) and the 80 % interval bounds
# (lower80, upper80) from forecast(fit, h, level = 80).
# The tests in Tests/ForecastTests/ETS/ read these files; the fixtures are committed.
suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

out_dir <- file.path("Tests", "Fixtures", "ets")
if (!dir.exists(out_dir)) dir.create(out_dir, recursive = TRUE)
unlink(Sys.glob(file.path(out_dir, "*.json")))

num_or_null <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) NULL else unname(x)

describe_fit <- function(fit, h) {
  fc <- forecast(fit, h = h, level = 80)
  list(
    model = fit$method,
    alpha = num_or_null(fit$par["alpha"]),
    beta = num_or_null(fit$par["beta"]),
    gamma = num_or_null(fit$par["gamma"]),
    phi = num_or_null(fit$par["phi"]),
    loglik = fit$loglik,
    aicc = fit$aicc,
    sigma2 = fit$sigma2,
    initstate = unname(as.numeric(fit$initstate)),
    mean = as.numeric(fc$mean),
    lower80 = as.numeric(fc$lower[, 1]),
    upper80 = as.numeric(fc$upper[, 1])
  )
}

# Fixed specifications fitted on every series where R allows them.
fixed_specs <- list(
  list(spec = "ANN", model = "ANN", damped = FALSE),
  list(spec = "AAN", model = "AAN", damped = FALSE),
  list(spec = "AAdA", model = "AAA", damped = TRUE),
  list(spec = "MNM", model = "MNM", damped = FALSE),
  list(spec = "MAdM", model = "MAM", damped = TRUE)
)

write_fixture <- function(name, y) {
  m <- frequency(y)
  h <- if (m > 1) 2 * m else 14
  positive <- min(y) > 0
  auto <- ets(y)
  fixed <- list()
  for (fs in fixed_specs) {
    seasonal <- substr(fs$model, 3, 3) != "N"
    mult <- grepl("M", fs$model)
    if (seasonal && m == 1) next
    if (mult && !positive) next
    f <- tryCatch(ets(y, model = fs$model, damped = fs$damped), error = function(e) NULL)
    if (is.null(f) || !inherits(f, "ets")) next
    d <- describe_fit(f, h)
    d$spec <- fs$spec
    fixed[[length(fixed) + 1]] <- d
  }
  doc <- list(name = name, frequency = m, h = h, positive = positive,
              data = as.numeric(y), auto = describe_fit(auto, h), fixed = fixed)
  writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, null = "null", pretty = FALSE),
             file.path(out_dir, paste0(name, ".json")))
  cat(sprintf("%-22s m=%2d n=%4d  %s\n", name, as.integer(m), length(y), auto$method))
}

# --- R's datasets -------------------------------------------------------------------------
write_fixture("AirPassengers", AirPassengers)
write_fixture("USAccDeaths", USAccDeaths)
write_fixture("ldeaths", ldeaths)
write_fixture("mdeaths", mdeaths)
write_fixture("fdeaths", fdeaths)
write_fixture("nottem", nottem)
write_fixture("UKgas", UKgas)
write_fixture("co2_1959_1968", window(co2, end = c(1968, 12)))
write_fixture("WWWusage", WWWusage)
write_fixture("Nile", Nile)
write_fixture("lynx", lynx)
write_fixture("austres", austres)
write_fixture("UKDriverDeaths", UKDriverDeaths)
write_fixture("JohnsonJohnson", JohnsonJohnson)
write_fixture("LakeHuron", LakeHuron)
write_fixture("BJsales", BJsales)
write_fixture("discoveries", discoveries)
write_fixture("sunspot_year", window(sunspot.year, start = 1850))
write_fixture("Seatbelts_front", Seatbelts[, "front"])
write_fixture("airmiles", airmiles)
write_fixture("uspop", ts(as.numeric(uspop), frequency = 1))
write_fixture("nhtemp", nhtemp)
write_fixture("lh", lh)

# --- Generated daily series with weekly seasonality (frequency 7) ---------------------------
daily <- function(x) ts(x, frequency = 7)
set.seed(20240601)
week_m <- c(1.3, 0.8, 0.85, 0.9, 1.0, 1.25, 0.9)           # multiplicative weekday profile
week_a <- c(12, -6, -5, -4, 0, 9, -6)                        # additive weekday profile
t365 <- 1:365; t730 <- 1:730; t180 <- 1:180; t120 <- 1:120

write_fixture("daily_mult_flat_365",
  daily(round(40 * rep_len(week_m, 365) * exp(rnorm(365, 0, 0.12)), 2)))
write_fixture("daily_add_flat_730",
  daily(round(60 + rep_len(week_a, 730) + rnorm(730, 0, 4), 2)))
write_fixture("daily_mult_trend_730",
  daily(round((30 + 0.04 * t730) * rep_len(week_m, 730) * exp(rnorm(730, 0, 0.1)), 2)))
write_fixture("daily_add_trend_365",
  daily(round(50 + 0.08 * t365 + rep_len(week_a, 365) + rnorm(365, 0, 3), 2)))
lvl <- 80 + cumsum(rnorm(180, 0, 1.5))
write_fixture("daily_randomwalk_180", daily(round(pmax(lvl + rnorm(180, 0, 2), 1), 2)))
damp <- 100 + 40 * (1 - 0.97^t365)
write_fixture("daily_damped_365",
  daily(round(damp * rep_len(week_m, 365) + rnorm(365, 0, 3), 2)))
write_fixture("daily_counts_zeros_365",
  daily(rpois(365, 1.2 * rep_len(week_m, 365))))
write_fixture("daily_counts_small_180",
  daily(rpois(180, 6 * rep_len(week_m, 180))))
write_fixture("daily_counts_big_730",
  daily(rpois(730, 200 * rep_len(week_m, 730) * (1 + 0.0003 * t730))))
write_fixture("daily_noise_only_120",
  daily(round(25 + rnorm(120, 0, 5), 2)))
write_fixture("daily_weekend_spikes_365",
  daily(round(pmax(20 * rep_len(c(0.7, 0.6, 0.6, 0.7, 1.1, 2.2, 1.8), 365) + rnorm(365, 0, 2), 0.5), 2)))
write_fixture("daily_decline_180",
  daily(round(pmax(120 - 0.3 * t180 + rep_len(week_a, 180) + rnorm(180, 0, 4), 1), 2)))
write_fixture("daily_short_56",
  daily(round(30 * rep_len(week_m, 56) * exp(rnorm(56, 0, 0.1)), 2)))

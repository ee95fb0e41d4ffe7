extension ModelChoice {
    /// Refits the method chosen on an earlier night (its `model` name, e.g. `ets(a,ad,n)+reg`,
    /// `croston_sba`, `tsb+reg`) without choosing again: no holdout, one ETS specification
    /// instead of the candidate set. Nil when the name is not one this chooser makes or the fit
    /// fails; the caller then chooses afresh with ``forecast(_:horizon:context:)``.
    public func refit(_ y: DemandSeries, horizon: Int, context: ForecastContext?, model name: String) -> DemandForecast? {
        guard y.observedCount > 0 else { return nil }
        let (y, open) = ClosedDays.separate(y, features: context?.features, horizon: horizon)
        let regression = name.hasSuffix("+reg")
        let base = regression ? String(name.dropLast(4)) : name
        if regression && context == nil { return nil }
        let baseline: Baseline
        switch base {
        case "ses": baseline = { y, h in SimpleExponentialSmoothing.fit(y).forecast(horizon: h) }
        case "seasonal_naive":
            let period = self.period
            baseline = { y, h in SeasonalNaive.fit(y, period: period).forecast(horizon: h) }
        case "croston_sba": baseline = { y, h in Croston.fit(y, variant: .sba)?.forecast(horizon: h) }
        case "croston": baseline = { y, h in Croston.fit(y, variant: .classic)?.forecast(horizon: h) }
        case "tsb": baseline = { y, h in TSB.fit(y)?.forecast(horizon: h) }
        default:
            guard let spec = ModelChoice.etsSpec(base, period: regression ? 1 : period) else { return nil }
            baseline = { y, h in ETS.fit(y.suffix(ModelChoice.etsWindow), spec: spec)?.forecast(horizon: h, seed: 0) }
        }
        let final = ModelChoice.opened(open)(baseline)
        if regression, let context {
            return regressionForecast(y, horizon: horizon, context: context, baseline: final)
        }
        return final(y, horizon)
    }

    /// `ets(a,ad,n)` → ETS(A,Ad,N) with the given period; nil for any other name.
    static func etsSpec(_ name: String, period: Int) -> ETSSpec? {
        guard name.hasPrefix("ets("), name.hasSuffix(")") else { return nil }
        let parts = name.dropFirst(4).dropLast().split(separator: ",").map { $0.uppercased() }
        guard parts.count == 3 else { return nil }
        let trend = parts[1] == "AD" ? "Ad" : parts[1]
        return ETSSpec(parts[0] + trend + parts[2], period: period)
    }
}

/// What the forecaster may know about a series besides its demand: its calendar (promotions,
/// events, price over history and horizon) and the pooled prior for its effects.
public struct ForecastContext: Sendable {
    /// Covers the history and the horizon (count ≥ history + horizon).
    public var features: CalendarFeatures
    public var layout: EffectLayout
    /// Pooled effect prior (``EffectPool``), `layout.columns` elements.
    public var prior: [Double]?

    public init(features: CalendarFeatures, layout: EffectLayout, prior: [Double]?) {
        self.features = features
        self.layout = layout
        self.prior = prior
    }
}

/// Chooses a forecasting method per series by a holdout on the most recent days, then refits
/// the winner on the whole history.
///
/// Candidates: each baseline method for the series' demand class (``baselines(for:adjusted:)``,
/// Syntetos–Boylan classes) on the series as it is, and, when a
/// ``ForecastContext`` is given, the same baseline on the series adjusted for yearly season,
/// promotions, events and price by ``PromotionEffects`` with the effects of the horizon put back
/// (model name `+reg`). Score: mean absolute error over the observed holdout days; ties go to the
/// earlier candidate. Series with fewer than `2 × holdoutDays` observed days skip the holdout:
/// with a context they use the regression (pooled profile, scaled by their own sales) over SES,
/// otherwise SES. Series with no observed day get a zero forecast (`no_history`).
public struct ModelChoice: Sendable {
    /// Holdout length, days, ≥ 1.
    public var holdoutDays: Int
    /// Seasonal period, days.
    public var period: Int

    public init(holdoutDays: Int = 28, period: Int = 7) {
        self.holdoutDays = max(1, holdoutDays)
        self.period = period
    }

    /// Most recent days an ETS baseline is fitted on (its states adapt; older days add cost, not information).
    public static let etsWindow = 364

    /// A baseline: fits a series and forecasts `horizon` days, or nil when it cannot.
    public typealias Baseline = @Sendable (DemandSeries, Int) -> DemandForecast?

    /// The baseline methods tried for a demand class, in order of preference on ties:
    /// - smooth and erratic demand: ETS selected by AICc (Hyndman et al. 2008) on the last
    ///   ``etsWindow`` days: without a season on calendar-adjusted series (the regression has
    ///   removed the weekly and yearly season), with a weekly one otherwise;
    /// - intermittent and lumpy demand: Croston–SBA, TSB and simple exponential smoothing.
    public func baselines(for demandClass: DemandClass, adjusted: Bool) -> [Baseline] {
        let period = self.period
        let ses: Baseline = { y, h in SimpleExponentialSmoothing.fit(y).forecast(horizon: h) }
        switch demandClass {
        case .smooth, .erratic:
            let etsPeriod = adjusted ? 1 : period
            return [{ y, h in
                ETS.select(y.suffix(ModelChoice.etsWindow), period: etsPeriod)?.forecast(horizon: h, seed: 0)
                    ?? SimpleExponentialSmoothing.fit(y).forecast(horizon: h)
            }]
        case .intermittent, .lumpy:
            return [
                { y, h in Croston.fit(y, variant: .sba)?.forecast(horizon: h) },
                { y, h in TSB.fit(y)?.forecast(horizon: h) },
                ses,
            ]
        }
    }

    public func forecast(_ y: DemandSeries, horizon: Int, context: ForecastContext? = nil) -> DemandForecast {
        guard y.observedCount > 0 else {
            return DemandForecast(mean: .init(repeating: 0, count: horizon), sd: .init(repeating: 0, count: horizon),
                                  model: "no_history")
        }
        // Closed days (``ClosedDays``) are fitted as missing; the final fits' forecasts are put
        // on the horizon's open shares.
        let (y, open) = ClosedDays.separate(y, features: context?.features, horizon: horizon)
        let final = ModelChoice.opened(open)
        let demandClass = DemandClass.classify(y)
        let methods = baselines(for: demandClass, adjusted: context != nil)
        // Smooth and erratic series always carry the calendar effects (a holdout without a
        // promotion cannot tell their value for a horizon with one); sparse series must earn them.
        let variants: [Bool] = context == nil ? [false]
            : (demandClass == .smooth || demandClass == .erratic ? [true] : [false, true])
        let fallback: Baseline = { y, h in SimpleExponentialSmoothing.fit(y).forecast(horizon: h) }
        guard y.observedCount >= 2 * holdoutDays else {
            if let context, let f = regressionForecast(y, horizon: horizon, context: context, baseline: final(fallback)) {
                return f
            }
            return final(fallback)(y, horizon)!
        }
        if methods.count == 1 && variants.count == 1 {
            // Nothing to choose between: fit once.
            if variants[0], let context,
               let f = regressionForecast(y, horizon: horizon, context: context, baseline: final(methods[0])) {
                return f
            }
            return final(methods[0])(y, horizon) ?? final(fallback)(y, horizon)!
        }
        // Holdout: fit on all but the last holdoutDays days, score on them. The regression is
        // fitted once on the training days and each baseline forecasts its adjusted series.
        let train = y.prefix(y.count - holdoutDays)
        let adjustedTrain = variants.contains(true) ? context.flatMap { adjusted(train, horizon: holdoutDays, context: $0) } : nil
        var best: (index: Int, regression: Bool)? = nil
        var bestScore = Double.infinity
        for (i, method) in methods.enumerated() {
            for useRegression in variants {
                let f = useRegression
                    ? adjustedTrain.flatMap { regressionForecast($0, horizon: holdoutDays, baseline: method) }
                    : method(train, holdoutDays)
                guard let f else { continue }
                var err = 0.0
                for h in 0..<holdoutDays where y.isObserved(train.count + h) {
                    err += abs(y.demand[train.count + h] - f.mean[h])
                }
                if err < bestScore { bestScore = err; best = (i, useRegression) }
            }
        }
        let choice = best ?? (0, false)
        if choice.regression, let context,
           let f = regressionForecast(y, horizon: horizon, context: context, baseline: final(methods[choice.index])) {
            return f
        }
        return final(methods[choice.index])(y, horizon) ?? final(fallback)(y, horizon)!
    }

    /// A baseline whose forecast is put on the open shares `open` (``ClosedDays/apply(_:to:)``;
    /// for a `+reg` forecast, on its baseline, before the effects are put back); the baseline
    /// itself without them.
    static func opened(_ open: [Double]?) -> (@escaping Baseline) -> Baseline {
        guard let open else { return { $0 } }
        return { baseline in { y, h in baseline(y, h).map { ClosedDays.apply(open, to: $0) } } }
    }

    /// A history with its calendar effects fitted and removed (``AdjustedForecast``), ready for
    /// any baseline: what ``regressionForecast(_:horizon:baseline:)`` needs, made once.
    struct AdjustedHistory {
        var effects: PromotionEffects
        /// Adjustment a_t per day of the history and the horizon.
        var adjustments: [Double]
        var series: DemandSeries
        /// Days of history (the horizon starts at this index of `adjustments`).
        var historyDays: Int
    }

    /// `y` adjusted for its calendar effects; nil when the regression cannot be fitted.
    func adjusted(_ y: DemandSeries, horizon: Int, context: ForecastContext) -> AdjustedHistory? {
        guard let effects = PromotionEffects.fit(y, features: context.features, layout: context.layout,
                                                 prior: context.prior) else { return nil }
        let a = effects.adjustments(features: context.features, trendOrigin: y.count - 1)
        guard a.count >= y.count + horizon else { return nil }
        return AdjustedHistory(effects: effects, adjustments: a, series: AdjustedForecast.adjust(y, adjustments: a),
                               historyDays: y.count)
    }

    /// Baseline on the effect-adjusted series, effects of the horizon put back.
    func regressionForecast(_ y: DemandSeries, horizon: Int, context: ForecastContext,
                            baseline: Baseline) -> DemandForecast? {
        adjusted(y, horizon: horizon, context: context).flatMap { regressionForecast($0, horizon: horizon, baseline: baseline) }
    }

    /// `baseline` on an adjusted history, the effects of the horizon put back.
    func regressionForecast(_ h: AdjustedHistory, horizon: Int, baseline: Baseline) -> DemandForecast? {
        guard let base = baseline(h.series, horizon) else { return nil }
        var f = AdjustedForecast.restore(base, adjustments: h.adjustments, origin: h.historyDays)
        f.regression = RegressionParts(coefficients: h.effects.coefficients, baseMean: base.mean, baseSD: base.sd,
                                       baseModel: base.model)
        return f
    }

    /// A `+reg` forecast again from its parts, with the effects of `features`' horizon days: the
    /// same bits as fitting again when the history's features are unchanged (the fit sees only
    /// them, and the calendar a few days past the history). `historyDays` is the history's length n;
    /// `features` covers n + horizon days. Nil when the sizes do not fit.
    public static func reforecast(_ parts: RegressionParts, features: CalendarFeatures, layout: EffectLayout,
                                  historyDays n: Int) -> DemandForecast? {
        let horizon = parts.baseMean.count
        guard parts.coefficients.count == layout.columns, parts.baseSD.count == horizon, features.count >= n + horizon else { return nil }
        let effects = PromotionEffects(layout: layout, coefficients: parts.coefficients, exposure: [])
        let a = effects.adjustments(features: features, trendOrigin: n - 1)
        var f = AdjustedForecast.restore(DemandForecast(mean: parts.baseMean, sd: parts.baseSD, model: parts.baseModel),
                                         adjustments: a, origin: n)
        f.regression = parts
        return f
    }

    /// Days past the history whose calendar the fit still sees (pull-forward and pre-event columns).
    public static let lookaheadDays = max(EffectLayout.preDays, EffectLayout.eventWindow)
}

/// How much of the cross-series model goes into each series' forecast, stored by demand class
/// (``choose(_:grid:)`` picks one weight for the whole run): the weight w of ``GlobalModel/combine(local:global:weight:)`` (0 = the series' own model alone,
/// 1 = the cross-series model alone).
///
/// Chosen per run on holdout windows (``choose(_:grid:)``) by the loss the competitions score,
/// so a catalogue where the cross-series model does not help (series whose own regression
/// already fits the calendar) keeps its own models, and one where it does gets the combination.
public struct CombinationWeights: Sendable, Equatable {
    /// Weight of each ``DemandClass`` in `DemandClass.allCases` order, each in [0, 1].
    public var byClass: [Double]

    public init(byClass: [Double]) {
        precondition(byClass.count == DemandClass.allCases.count, "one weight per demand class")
        self.byClass = byClass.map { min(1, max(0, $0)) }
    }

    /// The equal-weight average for every class.
    public static let even = CombinationWeights(byClass: [Double](repeating: 0.5, count: DemandClass.allCases.count))

    /// The weight for a series of class `c`.
    public func weight(for c: DemandClass) -> Double {
        byClass[DemandClass.allCases.firstIndex(of: c)!]
    }

    /// Weights tried: the series' own model alone, or the equal-weight average (estimated
    /// weights were measured worse than this choice on M5: 0.9455 against 0.9395 for the even
    /// average, choosing among 0, ¼, ½, ¾, 1 per class; the combination puzzle). Finer grids for
    /// the whole run measured worse too (M5, 6 folds, pooled WRMSSE 0.9246 with this grid;
    /// 0, 0.35, 0.5, 0.65: 0.9267; 0, 0.5, 0.65: 0.9261): two holdout windows cannot tell
    /// neighbouring weights apart.
    public static let grid: [Double] = [0, 0.5]

    /// One series' forecasts over one holdout window and what they are scored against.
    public struct Holdout: Sendable {
        /// The series' class on its training history.
        public var demandClass: DemandClass
        /// Its M5 weight (dollar sales over the 28 days before the window, ``CompetitionScales``).
        public var weight: Double
        /// Its RMSSE scale: the mean squared one-day change of its training history, > 0.
        public var scale: Double
        /// Actual demand on the window's days, and which days count (not stock-outs).
        public var actual: [Double]
        public var observed: [Bool]
        /// The series' own forecast and the cross-series model's, means over the window.
        public var local: [Double]
        public var global: [Double]
        /// Their standard deviations per day (empty when not known: the holdout then teaches
        /// no ``QuantileCalibration``).
        public var localSD: [Double]
        public var globalSD: [Double]
        /// The mean of its last 28 training days as a forecast over the window (mean and sd per
        /// day; empty: none, the level weight then does not apply to it).
        public var level: [Double] = [], levelSD: [Double] = []
        /// Which of the caller's holdout windows it is from (0, 1, …).
        public var window = 0
        /// Its WSPL scale: the mean absolute one-day change of its training history (units,
        /// ``CompetitionScales/mae``); 0 = its days do not count in choosing a calibration.
        public var spreadScale: Double

        public init(demandClass: DemandClass, weight: Double, scale: Double, actual: [Double], observed: [Bool],
                    local: [Double], global: [Double], localSD: [Double] = [], globalSD: [Double] = [],
                    spreadScale: Double = 0) {
            precondition(actual.count == observed.count && actual.count == local.count && actual.count == global.count,
                         "one value per window day")
            precondition(localSD.count == globalSD.count && (localSD.isEmpty || localSD.count == actual.count),
                         "one sd per window day, for both or neither")
            self.localSD = localSD
            self.globalSD = globalSD
            self.spreadScale = spreadScale
            self.demandClass = demandClass
            self.weight = weight
            self.scale = scale
            self.actual = actual
            self.observed = observed
            self.local = local
            self.global = global
        }

        /// RMSSE of the combination at weight `w`, mixed with the level at `m`:
        /// √(mean over observed days of e² / scale).
        public func rmsse(weight w: Double, level m: Double = 0) -> Double {
            var sq = 0.0, days = 0
            let m = level.isEmpty ? 0 : m
            for h in 0..<actual.count where observed[h] {
                // A day the own model holds closed stays closed (``GlobalModel/mixLevel(_:level:weight:)``).
                let closed = DemandForecast.isCertainZero(mean: local[h], sd: localSD.isEmpty ? 0 : localSD[h])
                let combined = closed ? 0 : (1 - w) * local[h] + w * global[h]
                let e = actual[h] - (m > 0 && !closed ? (1 - m) * combined + m * level[h] : combined)
                sq += e * e
                days += 1
            }
            return days == 0 ? 0 : (sq / Double(days) / scale).squareRoot()
        }

        /// The combination at weight `w` (``GlobalModel/combine(local:global:weight:)``) read at
        /// each observed day's actual (``CountQuantile/cdf(mean:sd:at:)``), and its mean daily
        /// demand over the window; no days without sds.
        public func transforms(weight w: Double, level m: Double = 0) -> (days: [QuantileCalibration.Transform], level: Double) {
            guard !localSD.isEmpty else { return ([], 0) }
            var combined = GlobalModel.combine(local: DemandForecast(mean: local, sd: localSD, model: ""),
                                               global: DemandForecast(mean: global, sd: globalSD, model: ""), weight: w)
            if !level.isEmpty {
                combined = GlobalModel.mixLevel(combined, level: DemandForecast(mean: level, sd: levelSD, model: ""), weight: m)
            }
            // A day the series' own model forecasts closed (mean and sd 0: ``ClosedDays``) is
            // covered by any interval: it would teach the maps to narrow every other day's.
            let scored = actual.indices.filter { observed[$0] && !DemandForecast.isCertainZero(mean: local[$0], sd: localSD[$0]) }
            // Each day's share of the series' SPL (a mean over its days) times its M5 weight.
            let dayWeight = spreadScale > 0 && !scored.isEmpty ? weight / spreadScale / Double(scored.count) : 0
            let days = scored.map { h -> QuantileCalibration.Transform in
                var t = CountQuantile.cdf(mean: combined.mean[h], sd: combined.sd[h], at: actual[h])
                t.mean = combined.mean[h]
                t.sd = combined.sd[h]
                t.actual = actual[h]
                t.weight = dayWeight
                return t
            }
            return (days, combined.mean.reduce(0, +) / Double(max(1, combined.mean.count)))
        }
    }

    /// The quantile (or interval) maps the holdouts teach for the combinations at `weights`
    /// (``QuantileCalibrationBands/fit(_:levels:for:)`` over every observed day of every holdout with sds).
    public static func calibration(_ holdouts: [Holdout], weights: CombinationWeights,
                                   for purpose: QuantileCalibration.Purpose = .quantiles) -> QuantileCalibrationBands {
        calibrations(holdouts, weights: weights, for: [purpose])[0]
    }

    /// The maps for each of `purposes`, the holdout days read once for all of them.
    public static func calibrations(_ holdouts: [Holdout], weights: CombinationWeights, level: Double = 0,
                                    for purposes: [QuantileCalibration.Purpose]) -> [QuantileCalibrationBands] {
        let t = holdouts.map { $0.transforms(weight: weights.weight(for: $0.demandClass), level: level) }
        let days = t.map(\.days), levels = t.map(\.level)
        return purposes.map { QuantileCalibrationBands.fit(days, levels: levels, for: $0) }
    }

    /// The weight from `grid` that minimises the weighted RMSSE Σ weight·RMSSE over `holdouts`
    /// (the caller's holdout windows pooled), the same for every class: one choice per run is
    /// far less noisy than one per class. Ties go to the smaller weight (the series' own model).
    /// Without usable holdouts (none with a scale and a weight): ``even``.
    public static func choose(_ holdouts: [Holdout], grid: [Double] = grid) -> CombinationWeights {
        let usable = holdouts.filter { $0.scale > 0 && $0.weight > 0 }
        guard !usable.isEmpty, !grid.isEmpty else { return .even }
        var choice = grid[0], lowest = Double.infinity
        for w in grid {
            var loss = 0.0
            for s in usable { loss += s.weight * s.rmsse(weight: w) }
            if loss < lowest * (1 - 1e-12) { lowest = loss; choice = w }
        }
        return CombinationWeights(byClass: [Double](repeating: choice, count: DemandClass.allCases.count))
    }

    /// Weights of the 28-day mean tried after the combination (M5, 6 folds: 0.9246; with 0.3
    /// too 0.9247; 0, 0.15, 0.3: 0.9251).
    public static let levelGrid: [Double] = [0, 0.1, 0.2]

    /// The level weight from `grid` that minimises the weighted RMSSE over `holdouts` at the
    /// chosen `weights`, among those that lower it on every holdout window (``Holdout/window``)
    /// against the first weight of `grid` (0): a level that helps on the pooled loss but not on
    /// each window is noise. Measured with the units-based weekday profile (``OriginSummary``):
    /// on the pooled loss alone one Rossmann window took 0.1 on a 0.6 % holdout gain and the
    /// WAPE went to 0.1295; with this rule Rossmann's WAPE is 0.1252 and M5's 12-window mean
    /// WRMSSE 0.8832 (0.8836 pooled alone). Shrinking only the forecast's level toward the
    /// mean (keeping its daily shape) measured better on Rossmann (WAPE 0.1229) but worse on M5's
    /// twelve windows (0.8858) and the generated set. Ties go to the smaller. 0 without usable
    /// holdouts.
    public static func chooseLevel(_ holdouts: [Holdout], weights: CombinationWeights, grid: [Double] = levelGrid) -> Double {
        let usable = holdouts.filter { $0.scale > 0 && $0.weight > 0 && !$0.level.isEmpty }
        guard !usable.isEmpty, !grid.isEmpty else { return 0 }
        let windows = (usable.map(\.window).max() ?? 0) + 1
        var baseline: [Double] = []
        var choice = grid[0], lowest = Double.infinity
        for m in grid {
            var byWindow = [Double](repeating: 0, count: windows)
            for s in usable { byWindow[s.window] += s.weight * s.rmsse(weight: weights.weight(for: s.demandClass), level: m) }
            if baseline.isEmpty { baseline = byWindow }
            if m != grid[0] && zip(byWindow, baseline).contains(where: { $0.0 >= $0.1 }) { continue }
            let loss = byWindow.reduce(0, +)
            if loss < lowest * (1 - 1e-12) { lowest = loss; choice = m }
        }
        return choice
    }
}

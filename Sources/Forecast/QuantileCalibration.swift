import Foundation

/// A map from the probability a quantile is asked at to the probability the forecast's own
/// distribution is read at, learned from holdout windows so that quantiles and intervals cover
/// what they say (probability integral transform recalibration, Kuleshov, Fenner & Ermon 2018;
/// for counts the two one-sided transforms of Czado, Gneiting & Held 2009).
///
/// On a holdout day with actual y the forecast gives P(D < y) and P(D ≤ y). The quantile q(p′)
/// of a count distribution covers y (y ≤ q) exactly when P(D < y) < p′ and lies above it
/// (y < q) exactly when P(D ≤ y) < p′. Two maps are candidates at each probability p:
/// - *marginal*: the share of days covered is p (p′ = the p-quantile of P(D < y) for p ≥ ½;
///   for p < ½ the share below is p, p′ = the p-quantile of P(D ≤ y)). Exact for continuous
///   demand; for slow movers whose days are mostly 0 it makes some series' quantiles 0 and
///   others' 1 to average out the ties, which no single series' demand justifies;
/// - *tie-aware*: the read quantile is a p-quantile of the days (at most p below it, at least p
///   at or below it), p′ as close to p as that allows: p itself when the ties already bracket p.
/// Of the two, the one with the lower weighted pinball loss on the holdout days (the loss M5's
/// WSPL scores) is kept at that p: scored, not assumed. Stored at ``grid``, interpolated
/// linearly between (beyond the grid the odds of the nearest grid point are kept in
/// proportion); non-decreasing in p; ``identity`` leaves every probability as it is.
public struct QuantileCalibration: Sendable, Equatable {
    /// Probabilities the map is stored at, increasing, in (0, 1).
    public static let grid: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.165, 0.25, 0.35, 0.5,
                                        0.65, 0.75, 0.835, 0.9, 0.95, 0.975, 0.99, 0.995]
    /// Fewest holdout days a map is learned from; with fewer, ``fit(_:)`` gives ``identity``.
    public static let minimumDays = 500

    /// p′ at each ``grid`` probability, non-decreasing, in (0, 1).
    public let mapped: [Double]

    public init(mapped: [Double]) {
        precondition(mapped.count == QuantileCalibration.grid.count, "one value per grid probability")
        var running = 0.0
        self.mapped = mapped.map { v in
            running = max(running, min(1 - 1e-9, max(1e-9, v)))
            return running
        }
    }

    /// No recalibration: p′ = p.
    public static let identity = QuantileCalibration(mapped: grid)

    public var isIdentity: Bool { mapped == QuantileCalibration.grid }

    /// p′ for p in (0, 1).
    public func map(_ p: Double) -> Double {
        let g = QuantileCalibration.grid
        if isIdentity { return p }
        if p <= g[0] { return mapped[0] * p / g[0] }
        if p >= g[g.count - 1] { return 1 - (1 - mapped[g.count - 1]) * (1 - p) / (1 - g[g.count - 1]) }
        var k = 1
        while g[k] < p { k += 1 }
        let t = (p - g[k - 1]) / (g[k] - g[k - 1])
        return mapped[k - 1] + t * (mapped[k] - mapped[k - 1])
    }

    /// One holdout day: the forecast's P(D < y) and P(D ≤ y) at the actual y
    /// (``CountQuantile/cdf(mean:sd:at:)``), the forecast itself and how much the day's pinball
    /// loss counts (the series' M5 weight over its WSPL scale and its days, ≥ 0).
    public struct Transform: Sendable {
        public var below: Double
        public var atOrBelow: Double
        public var mean: Double
        public var sd: Double
        public var actual: Double
        public var weight: Double

        public init(below: Double, atOrBelow: Double, mean: Double = 0, sd: Double = 0, actual: Double = 0, weight: Double = 0) {
            self.below = below
            self.atOrBelow = atOrBelow
            self.mean = mean
            self.sd = sd
            self.actual = actual
            self.weight = weight
        }
    }

    /// What a map is learned for.
    public enum Purpose: Sendable {
        /// Quantiles (`q<p>` columns, WSPL): at each p the marginal or the tie-aware map,
        /// whichever has the lower weighted pinball loss on the holdout days.
        case quantiles
        /// Central intervals (`lo`/`hi` columns): the marginal map, so that the share of days
        /// an interval covers is its level. For count data the two differ: an 80 % interval of
        /// a slow mover's true quantiles covers far more than 80 % of its days (most days are
        /// ties at 0 or 1 that sit inside any interval), which is right for a quantile read
        /// alone but not what "80 % interval" promises.
        case intervals
    }

    /// The map learned from holdout days (see the type's description) for `purpose`;
    /// ``identity`` when there are fewer than ``minimumDays`` informative ones. Where every
    /// day's weight is 0 the marginal map is kept. Deterministic: depends only on the days, in
    /// their order.
    public static func fit(_ all: [Transform], for purpose: Purpose = .quantiles) -> QuantileCalibration {
        // A day whose forecast puts all its mass on the actual (a zero forecast for a closed
        // day) has the same quantile at every p′: it teaches nothing.
        let days = all.filter { $0.atOrBelow - $0.below < 1 - 1e-9 }
        guard days.count >= minimumDays else { return .identity }
        let below = days.map(\.below).sorted(), atOrBelow = days.map(\.atOrBelow).sorted()
        return QuantileCalibration(mapped: grid.map { p in
            // Upper side: y ≤ q needs P(D < y) < p′, strict, so a p′ on a tie is nudged above it.
            let lo = empiricalQuantile(below, p) + 1e-9, hi = empiricalQuantile(atOrBelow, p)
            let marginal = p >= 0.5 ? lo : hi
            let tieAware = max(lo, min(p, hi))
            guard purpose == .quantiles, tieAware != marginal else { return marginal }
            return pinball(days, p, at: tieAware) < pinball(days, p, at: marginal) ? tieAware : marginal
        })
    }

    /// Σ weight × pinball loss at level p of the quantiles read at p′ (units × weight).
    static func pinball(_ days: [Transform], _ p: Double, at readAt: Double) -> Double {
        var loss = 0.0
        for d in days where d.weight > 0 {
            let q = CountQuantile.quantile(mean: d.mean, sd: d.sd, p: readAt)
            loss += d.weight * (d.actual >= q ? p * (d.actual - q) : (1 - p) * (q - d.actual))
        }
        return loss
    }

    /// The p-quantile of sorted values, interpolated between order statistics (type 7).
    static func empiricalQuantile(_ sorted: [Double], _ p: Double) -> Double {
        let x = p * Double(sorted.count - 1)
        let i = Int(x.rounded(.down)), f = x - Double(i)
        return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
}

/// One ``QuantileCalibration`` per band of forecast level: how far a count distribution's
/// quantiles miss differs between a slow mover (mostly zeros, where the spread is overstated)
/// and a fast one (whose dollar sales dominate the weighted scores), so one map for every
/// series narrows the fast movers' intervals to fix the slow movers' coverage. A series' band
/// is that of its forecast's mean daily demand over the horizon.
public struct QuantileCalibrationBands: Sendable, Equatable {
    /// Upper ends of the bands, units per day: [0, 0.5), [0.5, 2), [2, 8), [8, ∞).
    public static let bounds: [Double] = [0.5, 2, 8]

    /// One map per band (`bounds.count + 1`).
    public let maps: [QuantileCalibration]

    public init(maps: [QuantileCalibration]) {
        precondition(maps.count == QuantileCalibrationBands.bounds.count + 1, "one map per band")
        self.maps = maps
    }

    /// Every band as the distribution says.
    public static let identity = QuantileCalibrationBands(maps: .init(repeating: .identity, count: bounds.count + 1))

    /// The band of a forecast whose mean daily demand is `level` (units per day).
    public static func band(of level: Double) -> Int {
        var b = 0
        while b < bounds.count && level >= bounds[b] { b += 1 }
        return b
    }

    /// The map for a forecast with these daily means.
    public func map(for mean: [Double]) -> QuantileCalibration {
        maps[QuantileCalibrationBands.band(of: mean.isEmpty ? 0 : mean.reduce(0, +) / Double(mean.count))]
    }

    /// Each band's map from its own holdout days (`days[k]` with its forecast's mean daily
    /// demand `levels[k]`); a band with fewer than ``QuantileCalibration/minimumDays`` takes the
    /// map of all days together.
    public static func fit(_ days: [[QuantileCalibration.Transform]], levels: [Double],
                           for purpose: QuantileCalibration.Purpose = .quantiles) -> QuantileCalibrationBands {
        precondition(days.count == levels.count, "one level per holdout")
        let pooled = QuantileCalibration.fit(days.flatMap { $0 }, for: purpose)
        var byBand = [[QuantileCalibration.Transform]](repeating: [], count: bounds.count + 1)
        for (d, level) in zip(days, levels) { byBand[band(of: level)] += d }
        return QuantileCalibrationBands(maps: byBand.map {
            $0.count >= QuantileCalibration.minimumDays ? QuantileCalibration.fit($0, for: purpose) : pooled
        })
    }
}

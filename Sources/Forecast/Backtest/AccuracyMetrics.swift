import Foundation

/// Accumulates forecast accuracy over many series and days, the definitions of the M4/M5
/// competitions (Hyndman & Koehler 2006; Makridakis et al. 2022):
/// - MASE = mean |e| / (in-sample mean |y_t − y_{t−m}|), m = 7, per series, averaged over series;
/// - RMSSE = √(mean e² / in-sample mean (y_t − y_{t−1})²), per series, averaged over series;
/// - WAPE = Σ|e| / Σy over all scored days; bias = Σ(ŷ − y) / Σy;
/// - coverage of each central interval level, and the mean pinball loss of its two quantiles
///   divided by mean demand (scaled pinball).
/// Censored (stock-out) days are not scored; a series whose scale is 0 is left out of MASE/RMSSE.
/// `competition` holds the M5 metrics (WRMSSE, RMSPE, WSPL) of the same series and days.
public struct AccuracyMetrics: Sendable {
    public private(set) var series = 0
    public private(set) var days = 0
    private var maseSum = 0.0, maseCount = 0
    private var rmsseSum = 0.0, rmsseCount = 0
    private var absErrorSum = 0.0, errorSum = 0.0, actualSum = 0.0
    private var inside: [Int]
    private var pinballSum: [Double]
    public let levels: [Double]
    /// WRMSSE, RMSPE and WSPL of the series added with their ``CompetitionScales``.
    public var competition = CompetitionMetrics()

    /// `levels` in (0, 1), e.g. [0.8, 0.95].
    public init(levels: [Double]) {
        self.levels = levels
        inside = .init(repeating: 0, count: levels.count)
        pinballSum = .init(repeating: 0, count: levels.count)
    }

    /// Scales of a training history: (seasonal naive MAE with period m, naive MSE), observed days only.
    public static func scales(_ train: DemandSeries, period: Int = 7) -> (mae: Double, mse: Double) {
        var sa = 0.0, na = 0, sq = 0.0, nq = 0
        for t in 1..<max(1, train.count) where train.isObserved(t) {
            if t >= period && train.isObserved(t - period) {
                sa += abs(train.demand[t] - train.demand[t - period]); na += 1
            }
            if train.isObserved(t - 1) {
                let d = train.demand[t] - train.demand[t - 1]
                sq += d * d; nq += 1
            }
        }
        return (na > 0 ? sa / Double(na) : 0, nq > 0 ? sq / Double(nq) : 0)
    }

    /// Adds one series' scored days: `actual[h]`, forecast mean and sd per day, and which days to
    /// score (`include[h]`, e.g. observed and, for a segment, promotion days). With `competition`
    /// (the series' M5 scales and weight) and `quantiles` (see ``CompetitionMetrics/add(actual:mean:quantiles:include:scales:)``)
    /// the same days are added to ``competition`` too. `intervals`, when given, holds each day's
    /// interval bounds (element (h·levels + k)·2 is day h's lower bound at level k, the next its
    /// upper bound, e.g. from ``DemandForecast/interval(_:level:)``); otherwise they are the
    /// normal's, truncated at 0.
    public mutating func add(actual: [Double], mean: [Double], sd: [Double], include: [Bool],
                             scales: (mae: Double, mse: Double), intervals: [Double] = [],
                             quantiles: [Double] = [], competition m5: CompetitionScales? = nil) {
        precondition(intervals.isEmpty || intervals.count == actual.count * levels.count * 2, "two bounds per day and level")
        if let m5 {
            competition.add(actual: actual, mean: mean, quantiles: quantiles, include: include, scales: m5)
        }
        var abs = 0.0, sq = 0.0, n = 0
        for h in 0..<actual.count where include[h] {
            let e = mean[h] - actual[h]
            abs += Swift.abs(e); sq += e * e; n += 1
            errorSum += e
            actualSum += actual[h]
            for (k, level) in levels.enumerated() {
                var lo: Double, hi: Double
                if intervals.isEmpty {
                    let z = StandardNormal.quantile(0.5 + level / 2)
                    lo = max(0, mean[h] - z * sd[h]); hi = mean[h] + z * sd[h]
                } else {
                    lo = intervals[(h * levels.count + k) * 2]; hi = intervals[(h * levels.count + k) * 2 + 1]
                }
                if actual[h] >= lo - 1e-9 && actual[h] <= hi + 1e-9 { inside[k] += 1 }
                let qLo = (1 - level) / 2, qHi = 1 - qLo
                pinballSum[k] += AccuracyMetrics.pinball(actual[h], lo, qLo) + AccuracyMetrics.pinball(actual[h], hi, qHi)
            }
        }
        guard n > 0 else { return }
        series += 1
        days += n
        absErrorSum += abs
        if scales.mae > 0 { maseSum += abs / Double(n) / scales.mae; maseCount += 1 }
        if scales.mse > 0 { rmsseSum += (sq / Double(n) / scales.mse).squareRoot(); rmsseCount += 1 }
    }

    @inline(__always)
    static func pinball(_ y: Double, _ q: Double, _ tau: Double) -> Double {
        y >= q ? tau * (y - q) : (1 - tau) * (q - y)
    }

    public var mase: Double { maseCount > 0 ? maseSum / Double(maseCount) : .nan }
    public var rmsse: Double { rmsseCount > 0 ? rmsseSum / Double(rmsseCount) : .nan }
    public var wape: Double { actualSum > 0 ? absErrorSum / actualSum : .nan }
    public var bias: Double { actualSum > 0 ? errorSum / actualSum : .nan }
    public func coverage(_ k: Int) -> Double { days > 0 ? Double(inside[k]) / Double(days) : .nan }
    /// Mean pinball loss of level k's two quantiles, divided by mean demand.
    public func scaledPinball(_ k: Int) -> Double {
        days > 0 && actualSum > 0 ? (pinballSum[k] / Double(2 * days)) / (actualSum / Double(days)) : .nan
    }
}

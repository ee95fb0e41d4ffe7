/// The Teunter–Syntetos–Babai method (Teunter, Syntetos & Babai, "Intermittent demand: Linking
/// forecasting to inventory obsolescence", *European Journal of Operational Research* 214(3),
/// 2011, §3).
///
/// Every observed day t updates the demand probability from the occurrence dₜ = 1[yₜ > 0];
/// days with demand also update the size:
///
///     d̂ ← α_prob·dₜ + (1 − α_prob)·d̂           every observed day
///     ẑ ← α_demand·yₜ + (1 − α_demand)·ẑ       only when yₜ > 0
///
/// Forecast for every future day: ŷ = d̂·ẑ, units per day. As in statsforecast's `TSB`, d̂ starts
/// at the first observed day's occurrence d₁ (0 or 1) and ẑ at the first demand size; so before
/// the first demand d̂ = 0, which suits a new item. Unlike Croston, the forecast decays towards
/// 0 through a run of zeros (an item that stopped selling is forecast to obsolescence).
///
/// Parameter names follow statsforecast: `alphaDemand` (statsforecast `alpha_d`) smooths the
/// demand *size*, `alphaProbability` (`alpha_p`) the occurrence.
///
/// **Censored days** are missing: no update, no error, same result as deleting the day. Days
/// with demand ≤ 0 are zeros.
///
/// See `IntermittentFit` for `sigma`.
public enum TSB {
    /// Search box of the optimised smoothing parameters, both coordinates.
    public static let alphaBounds: (lower: Double, upper: Double) = (0.01, 0.99)

    /// Fits with fixed `alphaDemand` (size) and `alphaProbability` (occurrence), both in (0, 1].
    /// Returns nil when no observed day has demand > 0. O(n), no allocation.
    public static func fit(_ y: DemandSeries, alphaDemand: Double, alphaProbability: Double) -> IntermittentFit? {
        precondition(alphaDemand > 0 && alphaDemand <= 1, "alphaDemand must be in (0, 1]")
        precondition(alphaProbability > 0 && alphaProbability <= 1, "alphaProbability must be in (0, 1]")
        let r = run(y, alphaDemand: alphaDemand, alphaProbability: alphaProbability)
        guard r.started else { return nil }
        return IntermittentFit(level: r.level, sigma: r.errors.rmse(fallbackFor: y, level: r.level), model: "tsb",
                               alphaSize: alphaDemand, alphaOccurrence: alphaProbability)
    }

    /// Most recent days the smoothing parameters are searched on; the recursion then runs over
    /// the whole history with them. The search is ~200 passes, so on a 1,941-day M5 history
    /// this makes a fit 2.7× cheaper; the parameters describe how the series moves now.
    public static let searchWindow = 728

    /// Fits with (α_demand, α_prob) minimising the in-sample one-step SSE (the errors that
    /// define `sigma`) over `alphaBounds`² on the last ``searchWindow`` days (the whole history
    /// when those hold no demand): the best point of a 9 × 9 grid, then three sweeps of
    /// coordinate-wise golden-section search (tolerance 1e-4) in a shrinking box around it,
    /// keeping the grid point if nothing better is found. About 200 passes over at most
    /// ``searchWindow`` days, no allocation, deterministic. Returns nil when no observed day
    /// has demand > 0.
    public static func fit(_ y: DemandSeries) -> IntermittentFit? {
        let recent = y.suffix(searchWindow)
        if recent.count < y.count, let a = search(recent) {
            return fit(y, alphaDemand: a.demand, alphaProbability: a.probability)
        }
        guard let a = search(y) else { return nil }
        return fit(y, alphaDemand: a.demand, alphaProbability: a.probability)
    }

    /// The parameter search of ``fit(_:)`` on `y`; nil when no observed day has demand > 0.
    static func search(_ y: DemandSeries) -> (demand: Double, probability: Double)? {
        guard let days = ObservedDays(y) else { return nil }
        let lo = alphaBounds.lower, hi = alphaBounds.upper
        let gridSize = 9
        var width = (hi - lo) / Double(gridSize - 1)
        var bestDemand = lo, bestProbability = lo
        var bestSSE = Double.infinity
        for i in 0..<gridSize {
            for j in 0..<gridSize {
                let aD = lo + Double(i) * width, aP = lo + Double(j) * width
                let sse = days.sse(alphaDemand: aD, alphaProbability: aP)
                if sse < bestSSE { bestSSE = sse; bestDemand = aD; bestProbability = aP }
            }
        }
        var aD = bestDemand, aP = bestProbability
        for _ in 0..<3 {
            aD = goldenSection(lower: max(lo, aD - width), upper: min(hi, aD + width)) {
                days.sse(alphaDemand: $0, alphaProbability: aP)
            }
            aP = goldenSection(lower: max(lo, aP - width), upper: min(hi, aP + width)) {
                days.sse(alphaDemand: aD, alphaProbability: $0)
            }
            width /= 2
        }
        if days.sse(alphaDemand: aD, alphaProbability: aP) < bestSSE {
            bestDemand = aD
            bestProbability = aP
        }
        return (bestDemand, bestProbability)
    }

    /// A series' observed days packed for the parameter search, which runs the recursion ~200
    /// times: the censored days dropped (the recursion skips them), each day's demand (≥ 0) and
    /// occurrence (0 or 1) as Doubles, so ``sse(alphaDemand:alphaProbability:)`` is one loop
    /// without branches after the first demand (the same operations, in the same order, as
    /// ``run(_:alphaDemand:alphaProbability:)``: the same bits).
    struct ObservedDays {
        /// Demand (≥ 0) and occurrence of each observed day, oldest first.
        private var demand: [Double] = [], occurrence: [Double] = []
        /// Index in `demand` of the first day with demand > 0.
        private let first: Int

        /// Nil when no observed day has demand > 0.
        init?(_ y: DemandSeries) {
            demand.reserveCapacity(y.count); occurrence.reserveCapacity(y.count)
            for t in 0..<y.count where y.isObserved(t) {
                let v = max(0, y.demand[t])
                demand.append(v); occurrence.append(v > 0 ? 1 : 0)
            }
            guard let f = demand.firstIndex(where: { $0 > 0 }) else { return nil }
            first = f
        }

        /// The one-step SSE of TSB(α_demand, α_prob) over the observed days after the first demand.
        func sse(alphaDemand: Double, alphaProbability aP: Double) -> Double {
            demand.withUnsafeBufferPointer { d in
                occurrence.withUnsafeBufferPointer { o in
                    // Up to the first demand: the occurrence only (no size, no error yet).
                    var probability = o[0]
                    for t in stride(from: 1, through: first, by: 1) {
                        probability = IntermittentSmoothing.step(probability, toward: o[t], alpha: aP)
                    }
                    var size = d[first], sse = 0.0
                    for t in stride(from: first + 1, to: d.count, by: 1) {
                        let v = d[t]
                        let e = v - probability * size
                        sse += e * e
                        probability = IntermittentSmoothing.step(probability, toward: o[t], alpha: aP)
                        // α·1 = α and α·0 = 0 exactly, and 0·v + 1·ẑ = ẑ: a zero day leaves the size.
                        size = IntermittentSmoothing.step(size, toward: v, alpha: alphaDemand * o[t])
                    }
                    return sse
                }
            }
        }
    }

    /// One pass of the recursion: the final forecast, the one-step errors on the observed days
    /// after the first demand day, and whether any demand was seen.
    @inline(__always)
    static func run(_ y: DemandSeries, alphaDemand: Double, alphaProbability: Double)
        -> (level: Double, errors: OneStepErrors, started: Bool)
    {
        var probability = 0.0
        var size = 0.0
        var firstDay = true
        var started = false
        var errors = OneStepErrors()
        y.demand.withUnsafeBufferPointer { d in
            for t in 0..<d.count where y.isObserved(t) {
                let v = max(0, d[t])
                if started { errors.add(actual: v, forecast: probability * size) }
                let occurred: Double = v > 0 ? 1 : 0
                if firstDay {
                    probability = occurred
                    firstDay = false
                } else {
                    probability = IntermittentSmoothing.step(probability, toward: occurred, alpha: alphaProbability)
                }
                if v > 0 {
                    size = started ? IntermittentSmoothing.step(size, toward: v, alpha: alphaDemand) : v
                    started = true
                }
            }
        }
        return (probability * size, errors, started)
    }

    /// Golden-section minimum of `f` on [lower, upper] to a bracket width of 1e-4; ties move the
    /// upper end, so the result is deterministic.
    private static func goldenSection(lower: Double, upper: Double, _ f: (Double) -> Double) -> Double {
        let invPhi = (5.0.squareRoot() - 1) / 2
        var a = lower, b = upper
        var c = b - invPhi * (b - a), d = a + invPhi * (b - a)
        var fc = f(c), fd = f(d)
        while b - a > 1e-4 {
            if fc <= fd {
                b = d; d = c; fd = fc
                c = b - invPhi * (b - a)
                fc = f(c)
            } else {
                a = c; c = d; fc = fd
                d = a + invPhi * (b - a)
                fd = f(d)
            }
        }
        return (a + b) / 2
    }
}

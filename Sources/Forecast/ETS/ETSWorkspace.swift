import Foundation

/// One series prepared for fitting, with the buffers every candidate model reuses: the
/// observations (censored days as NaN), a gap-filled copy for the starting-value heuristics,
/// the seasonal ring, the parameter vector and the Nelder–Mead simplex. Not shared between
/// threads: make one per series (or per worker) and fit candidates in turn.
final class ETSWorkspace {
    /// Demand with censored days as NaN, units per day.
    let y: [Double]
    /// Demand with censored days linearly interpolated (ends: nearest observed value).
    let filled: [Double]
    let observed: Int
    /// All observed values > 0 (multiplicative components allowed).
    let positive: Bool
    private var ring: [Double] = []
    private var parameters: [Double] = []
    private var simplex = NelderMead.Workspace()
    private var startCache: [StartKey: [Double]] = [:]

    private struct StartKey: Hashable { var trend: Bool; var season: ETSSpec.Season; var period: Int }

    init(_ series: DemandSeries) {
        let n = series.count
        var y = series.demand
        var observed = 0
        var positive = true
        for t in 0..<n {
            if series.isObserved(t) && y[t].isFinite {
                observed += 1
                if !(y[t] > 0) { positive = false }
            } else {
                y[t] = .nan
            }
        }
        self.y = y
        self.observed = observed
        self.positive = positive && observed > 0
        self.filled = ETSWorkspace.interpolate(y)
    }

    static func interpolate(_ y: [Double]) -> [Double] {
        var out = y
        var previous = -1
        for t in 0...y.count where t == y.count || !y[t].isNaN {
            if t - previous > 1 {
                let from = previous >= 0 ? y[previous] : (t < y.count ? y[t] : 0)
                let to = t < y.count ? y[t] : from
                for k in (previous + 1)..<t {
                    out[k] = previous < 0 ? to : from + (to - from) * Double(k - previous) / Double(t - previous)
                }
            }
            previous = t
        }
        return out
    }

    /// Whether `spec` can be fitted to this series (see `ETS.fit` for the rules).
    func admits(_ spec: ETSSpec) -> Bool {
        if spec.hasSeason && (spec.period < 2 || y.count <= spec.period) { return false }
        if spec.needsPositiveData && !positive { return false }
        let k = spec.parameterCount
        return observed >= k + 4 && k < y.count - 1
    }

    func fit(_ spec: ETSSpec) -> ETSFit? {
        guard admits(spec) else { return nil }
        let key = StartKey(trend: spec.hasTrend, season: spec.season, period: spec.seasonLength)
        let states: [Double]
        if let cached = startCache[key] {
            states = cached
        } else {
            guard let s = ETSInitialization.states(filled, spec: spec) else { return nil }
            startCache[key] = s
            states = s
        }
        let p0 = ETSInitialization.smoothing(spec)
        parameters.removeAll(keepingCapacity: true)
        parameters.append(p0.alpha)
        if spec.hasTrend { parameters.append(p0.beta) }
        if spec.hasSeason { parameters.append(p0.gamma) }
        if spec.isDamped { parameters.append(p0.phi) }
        parameters.append(contentsOf: states)

        let m = spec.seasonLength
        if ring.count < m { ring = [Double](repeating: 0, count: m) }
        let kind = ETSKind(spec)
        let multiplicativeError = spec.error == .multiplicative

        let result: NelderMead.Result? = y.withUnsafeBufferPointer { yb in
            ring.withUnsafeMutableBufferPointer { rb in
                let ringM = UnsafeMutableBufferPointer(rebasing: rb[0..<m])
                return NelderMead.minimize(&parameters, workspace: &simplex) { x in
                    ETSWorkspace.criterion(x, spec: spec, kind: kind, multiplicativeError: multiplicativeError,
                                           y: yb, ring: ringM)
                }
            }
        }
        guard let optimum = result else { return nil }

        // Final pass at the optimum: states, Σε², L*.
        let p = ETSWorkspace.smoothing(parameters, spec)
        var initial = ETSLevelSlope(level: 0)
        var final = ETSLikelihood(criterion: .infinity, sumOfSquares: .nan, observations: 0, final: initial)
        var initialStates: [Double] = []
        var seasonal: [Double] = []
        parameters.withUnsafeBufferPointer { x in
            ring.withUnsafeMutableBufferPointer { rb in
                let ringM = UnsafeMutableBufferPointer(rebasing: rb[0..<m])
                guard let start = ETSWorkspace.loadStates(x, spec: spec, ring: ringM) else { return }
                initial = start
                initialStates = [start.level] + (spec.hasTrend ? [start.slope] : [])
                if spec.hasSeason { initialStates += (0..<m).map { ringM[m - 1 - $0] } }
                final = y.withUnsafeBufferPointer {
                    ETSLikelihood.evaluate($0, ring: ringM, initial: start, kind: kind,
                                           multiplicativeError: multiplicativeError, smoothing: p)
                }
                if spec.hasSeason { seasonal = (0..<m).map { ringM[(y.count + $0) % m] } }
            }
        }
        guard final.criterion.isFinite || final.criterion == -.infinity else { return nil }
        let criterion = max(final.criterion, -1e10)
        let k = spec.parameterCount
        let nobs = Double(final.observations)
        let kk = Double(k + 1)
        let aicc = criterion + 2 * kk + 2 * kk * (kk + 1) / (nobs - kk - 1)
        return ETSFit(
            spec: spec, alpha: p.alpha, beta: p.beta, gamma: p.gamma, phi: p.phi,
            logLikelihood: -0.5 * criterion, aicc: aicc,
            sigma2: final.sumOfSquares / (nobs - Double(k)),
            level: final.final.level, slope: final.final.slope, seasonal: seasonal,
            initialStates: initialStates, observations: final.observations, evaluations: optimum.evaluations)
    }

    /// (α, β, γ, φ) from the head of the parameter vector; absent ones at their neutral values.
    @inline(__always)
    static func smoothing<C: RandomAccessCollection>(_ x: C, _ spec: ETSSpec) -> ETSSmoothing
    where C.Element == Double, C.Index == Int {
        var i = x.startIndex
        var p = ETSSmoothing(alpha: x[i])
        i += 1
        if spec.hasTrend { p.beta = x[i]; i += 1 }
        if spec.hasSeason { p.gamma = x[i]; i += 1 }
        if spec.isDamped { p.phi = x[i] }
        return p
    }

    /// Loads the initial states from the parameter vector: returns (ℓ₀, b₀) and fills the ring
    /// (`ring[k]` = R's s_{m−1−k}, the last seasonal state s_{m−1} = m·[multiplicative] − Σ the
    /// others). Nil when a multiplicative season would start with a negative factor.
    @inline(__always)
    static func loadStates(_ x: UnsafeBufferPointer<Double>, spec: ETSSpec,
                           ring: UnsafeMutableBufferPointer<Double>) -> ETSLevelSlope? {
        var i = spec.smoothingCount
        var start = ETSLevelSlope(level: x[i])
        i += 1
        if spec.hasTrend { start.slope = x[i]; i += 1 }
        if spec.hasSeason {
            let m = ring.count
            var sum = 0.0
            for k in 1..<m {
                let v = x[i + m - 1 - k]
                ring[k] = v
                sum += v
            }
            ring[0] = (spec.season == .multiplicative ? Double(m) : 0) - sum
            if spec.season == .multiplicative {
                for k in 0..<m where ring[k] < 0 { return nil }
            }
        } else {
            ring[0] = 0
        }
        return start
    }

    /// The optimiser's objective: L* at the parameter vector x, +∞ outside the usual bounds or
    /// the admissible region, floored at −1e10 (R's guard against perfect fits). No allocation.
    @inline(__always)
    static func criterion(_ x: UnsafeBufferPointer<Double>, spec: ETSSpec, kind: ETSKind, multiplicativeError: Bool,
                          y: UnsafeBufferPointer<Double>, ring: UnsafeMutableBufferPointer<Double>) -> Double {
        let p = smoothing(x, spec)
        guard ETSBounds.usual(p, spec), ETSBounds.admissible(p, spec) else { return .infinity }
        guard let start = loadStates(x, spec: spec, ring: ring) else { return .infinity }
        let r = ETSLikelihood.evaluate(y, ring: ring, initial: start, kind: kind,
                                       multiplicativeError: multiplicativeError, smoothing: p)
        return max(r.criterion, -1e10)
    }
}

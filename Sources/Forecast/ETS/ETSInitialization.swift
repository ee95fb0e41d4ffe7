import Foundation

/// Starting values for the optimiser: R `forecast`'s `initparam` and `initstate` heuristics
/// (Hyndman et al. 2008, §2.6.1), so that restock's Nelder–Mead starts where R's does.
enum ETSInitialization {
    /// R's `initparam` for the usual bounds: α = l + 0.2(u − l)/m (m = 1 for non-seasonal
    /// models), β = l + 0.1(min(u, α) − l), γ = l + 0.05(min(u, 1 − α) − l), φ = l + 0.99(u − l).
    static func smoothing(_ spec: ETSSpec) -> ETSSmoothing {
        let lo = ETSBounds.lower, up = ETSBounds.upper
        var alpha = lo.alpha + 0.2 * (up.alpha - lo.alpha) / Double(spec.seasonLength)
        if alpha > 1 || alpha < 0 { alpha = lo.alpha + 0.002 }
        var p = ETSSmoothing(alpha: alpha)
        if spec.hasTrend {
            var beta = lo.beta + 0.1 * (min(up.beta, alpha) - lo.beta)
            if beta < 0 || beta > alpha { beta = alpha - 0.001 }
            p.beta = beta
        }
        if spec.hasSeason {
            var gamma = lo.gamma + 0.05 * (min(up.gamma, 1 - alpha) - lo.gamma)
            if gamma < 0 || gamma > 1 - alpha { gamma = 1 - alpha - 0.001 }
            p.gamma = gamma
        }
        if spec.isDamped {
            var phi = lo.phi + 0.99 * (up.phi - lo.phi)
            if phi < 0 || phi > 1 { phi = up.phi - 0.001 }
            p.phi = phi
        }
        return p
    }

    /// R's `initstate`: initial states (ℓ₀, b₀ if trended, s₀ … s_{m−2} if seasonal), where s₀
    /// is the seasonal state of the last day before the series starts (R's order; the state for
    /// the first day, s_{m−1}, follows from the normalisation).
    ///
    /// Seasonal: a classical decomposition (`decompose`, centred moving average of order m,
    /// or 2×m for even m) when n ≥ 3m, else a regression on a linear trend and one Fourier pair;
    /// s = the seasonal component of days m, m−1, …, 2 (clamped at 0.01 and rescaled if their sum
    /// exceeds m, for multiplicative seasons). Then on the seasonally adjusted first
    /// min(max(10, 2m), n) days: ℓ₀ = their mean (no trend), or ℓ₀, b₀ = intercept and slope of a
    /// least-squares line on days 1, 2, …
    ///
    /// `y` must have no missing values (censored days interpolated by the caller) and, for a
    /// multiplicative season, be positive. Returns nil for fewer than 4 days with a season.
    static func states(_ y: [Double], spec: ETSSpec) -> [Double]? {
        let n = y.count
        var adjusted = y
        var seasons: [Double] = []
        let m = spec.seasonLength
        if spec.hasSeason {
            if n < 4 { return nil }
            let multiplicative = spec.season == .multiplicative
            let seasonal: [Double]
            if n < 3 * m {
                guard let s = fourierDetrended(y, period: m, multiplicative: multiplicative) else { return nil }
                seasonal = s
            } else {
                seasonal = decompose(y, period: m, multiplicative: multiplicative)
            }
            // rev(seasonal[2:m]) in R's 1-based indexing.
            seasons = (0..<(m - 1)).map { seasonal[m - 1 - $0] }
            if multiplicative {
                seasons = seasons.map { max($0, 0.01) }
                let total = seasons.reduce(0, +)
                if total > Double(m) {
                    let denominator = seasons.reduce(0) { $0 + $1 + 0.01 }
                    seasons = seasons.map { $0 / denominator }
                }
                for t in 0..<n { adjusted[t] = y[t] / max(seasonal[t], 0.01) }
            } else {
                for t in 0..<n { adjusted[t] = y[t] - seasonal[t] }
            }
        }
        let maxn = min(max(10, 2 * m), n)
        guard maxn > 0 else { return nil }
        var out: [Double] = []
        if !spec.hasTrend {
            out.append(adjusted[0..<maxn].reduce(0, +) / Double(maxn))
        } else {
            // Least-squares line through (1, a₁), …, (maxn, a_maxn).
            let meanT = Double(maxn + 1) / 2
            let meanA = adjusted[0..<maxn].reduce(0, +) / Double(maxn)
            var sxy = 0.0, sxx = 0.0
            for i in 0..<maxn {
                let dt = Double(i + 1) - meanT
                sxy += dt * (adjusted[i] - meanA)
                sxx += dt * dt
            }
            var b0 = sxx > 0 ? sxy / sxx : 0
            var l0 = meanA - b0 * meanT
            if abs(l0 + b0) < 1e-8 {
                l0 *= 1 + 0.001
                b0 *= 1 - 0.001
            }
            out.append(l0)
            out.append(b0)
        }
        out.append(contentsOf: seasons)
        return out
    }

    /// The seasonal component of R's `decompose(y, type)`: y minus (or divided by) a centred
    /// moving average, averaged over each position in the cycle counted from the first day,
    /// centred to mean 0 (or 1), and repeated over the series. Needs n ≥ 2m.
    static func decompose(_ y: [Double], period m: Int, multiplicative: Bool) -> [Double] {
        let n = y.count
        // Filter: m odd → m weights 1/m; m even → (½, 1, …, 1, ½)/m (m + 1 weights).
        let width = m % 2 == 0 ? m + 1 : m
        let half = width / 2
        var sums = [Double](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: m)
        if n >= width {
            for t in half..<(n - half) {
                var trend = 0.0
                for j in 0..<width {
                    let w = (m % 2 == 0 && (j == 0 || j == width - 1)) ? 0.5 : 1.0
                    trend += w * y[t - half + j]
                }
                trend /= Double(m)
                let detrended = multiplicative ? y[t] / trend : y[t] - trend
                if detrended.isFinite {
                    sums[t % m] += detrended
                    counts[t % m] += 1
                }
            }
        }
        var figure = (0..<m).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : (multiplicative ? 1 : 0) }
        let mean = figure.reduce(0, +) / Double(m)
        figure = figure.map { multiplicative ? $0 / mean : $0 - mean }
        return (0..<n).map { figure[$0 % m] }
    }

    /// R's short-series branch (n < 3m): fit y ~ a + b·t + one Fourier pair (sin and cos of
    /// 2πt/m, t = 1…n; the sine is dropped for m = 2) by least squares and return y − a − bt
    /// (or y / (a + bt)).
    static func fourierDetrended(_ y: [Double], period m: Int, multiplicative: Bool) -> [Double]? {
        let n = y.count
        let withSine = m != 2
        let k = withSine ? 4 : 3
        guard n > k else { return nil }
        // Normal equations XᵀX β = Xᵀy, solved by Gaussian elimination with partial pivoting.
        var a = [Double](repeating: 0, count: k * k)
        var rhs = [Double](repeating: 0, count: k)
        var row = [Double](repeating: 0, count: k)
        for t in 1...n {
            let angle = 2 * Double(t) / Double(m)
            row[0] = 1
            row[1] = Double(t)
            if withSine { row[2] = sin(.pi * angle); row[3] = cos(.pi * angle) } else { row[2] = cos(.pi * angle) }
            for i in 0..<k {
                rhs[i] += row[i] * y[t - 1]
                for j in 0..<k { a[i * k + j] += row[i] * row[j] }
            }
        }
        for col in 0..<k {
            var pivot = col
            for r in (col + 1)..<k where abs(a[r * k + col]) > abs(a[pivot * k + col]) { pivot = r }
            guard abs(a[pivot * k + col]) > 1e-300 else { return nil }
            if pivot != col {
                for j in 0..<k { a.swapAt(col * k + j, pivot * k + j) }
                rhs.swapAt(col, pivot)
            }
            for r in (col + 1)..<k {
                let f = a[r * k + col] / a[col * k + col]
                for j in col..<k { a[r * k + j] -= f * a[col * k + j] }
                rhs[r] -= f * rhs[col]
            }
        }
        var beta = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            var s = rhs[i]
            for j in (i + 1)..<k { s -= a[i * k + j] * beta[j] }
            beta[i] = s / a[i * k + i]
        }
        return (0..<n).map { t in
            let line = beta[0] + beta[1] * Double(t + 1)
            return multiplicative ? y[t] / line : y[t] - line
        }
    }
}

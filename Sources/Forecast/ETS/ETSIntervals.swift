extension ETSFit {
    /// Daily forecasts for `horizon` days after the last day: mean demand (clamped at 0) and
    /// the standard deviation of each day's forecast error, as R's `forecast.ets` computes
    /// them (Hyndman et al. 2008, §6.3 and Table 6.1):
    ///
    /// - class 1 (additive error, no multiplicative season): exact, μ_h = the point forecast,
    ///   v_h = σ²(1 + Σ_{j<h} c_j²), c_j = α + βφ_j + γ·[j mod m = 0];
    /// - class 2 (multiplicative error, no multiplicative season): exact,
    ///   v_h = (1 + σ²)θ_h − μ_h², θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j};
    /// - class 3 (multiplicative error and season): the book's matrix recursion for the mean and
    ///   variance (§6.3.3); its mean includes the σ² correction, as R's does;
    /// - otherwise (additive error with a multiplicative season, outside R's default set):
    ///   5000 simulated sample paths with normal errors from the stream seeded by `seed`; the
    ///   mean is the point forecast.
    ///
    /// `seed` only matters for the simulated case; the result is deterministic given it.
    /// `model` is `spec.modelName`, e.g. "ets(m,ad,m)".
    public func forecast(horizon: Int, seed: UInt64) -> DemandForecast {
        let (mean, variance) = meanAndVariance(horizon: horizon, seed: seed)
        return DemandForecast(mean: mean.map { $0.isFinite ? max(0, $0) : 0 },
                              sd: variance.map { $0.isFinite ? max(0, $0).squareRoot() : 0 },
                              model: spec.modelName)
    }

    /// Unclamped forecast means and error variances (units, units²) for h = 1…horizon.
    func meanAndVariance(horizon: Int, seed: UInt64) -> (mean: [Double], variance: [Double]) {
        guard horizon > 0 else { return ([], []) }
        let kind = ETSKind(spec)
        let points = ETSRecursion.pointForecasts(finalState, seasonal: seasonal, kind: kind, phi: phi, horizon: horizon)
        switch (spec.error, spec.season) {
        case (.additive, .none), (.additive, .additive):
            let c = coefficients(horizon)
            var variance = [Double](repeating: sigma2, count: horizon)
            var sum = 0.0
            for h in 1..<max(horizon, 1) {
                sum += c[h - 1] * c[h - 1]
                variance[h] = sigma2 * (1 + sum)
            }
            return (points, variance)
        case (.multiplicative, .none), (.multiplicative, .additive):
            let c = coefficients(horizon)
            var theta = [Double](repeating: 0, count: horizon)
            var variance = [Double](repeating: 0, count: horizon)
            for h in 0..<horizon {
                var s = 0.0
                for j in 0..<h { s += c[j] * c[j] * theta[h - 1 - j] }
                theta[h] = points[h] * points[h] + sigma2 * s
                variance[h] = (1 + sigma2) * theta[h] - points[h] * points[h]
            }
            return (points, variance)
        case (.multiplicative, .multiplicative):
            return classThree(horizon)
        case (.additive, .multiplicative):
            return (points, simulatedVariance(horizon, seed: seed))
        }
    }

    /// c_j = α + β·φ_j + γ·[j mod m = 0] for j = 1…horizon (index j − 1), φ_j = φ + … + φ^j.
    private func coefficients(_ horizon: Int) -> [Double] {
        var c = [Double](repeating: alpha, count: horizon)
        var phiJ = 0.0
        var power = 1.0
        for j in 1...horizon {
            power *= phi
            phiJ += spec.isDamped ? power : 1
            if spec.hasTrend { c[j - 1] += beta * phiJ }
            if spec.hasSeason && j % spec.period == 0 { c[j - 1] += gamma }
        }
        return c
    }

    /// Class 3 (M,N,M), (M,A,M), (M,Ad,M): Hyndman et al. 2008, §6.3.3 (R's `class3`). The
    /// states are split as x = (ℓ, b) ⊗ s; M_h = E[(ℓ,b)ᵀ sᵀ] and V_h = Var(vec M_h) follow
    ///   μ_h = H₁ M_h H₂ᵀ,  v_h = (1+σ²) H₂₁ V_h H₂₁ᵀ + σ² μ_h²,
    ///   V_{h+1} = F₂₁VF₂₁ᵀ + σ²[F₂₁VG₂₁ᵀ + G₂₁VF₂₁ᵀ + K(V + vvᵀ)Kᵀ + σ²G₂₁(3V + 2vvᵀ)G₂₁ᵀ],
    ///   M_{h+1} = F₁M_hF₂ᵀ + σ² G₁M_hG₂ᵀ,
    /// with H₂₁ = H₂⊗H₁, F₂₁ = F₂⊗F₁, G₂₁ = G₂⊗G₁, K = G₂⊗F₁ + F₂⊗G₁, v = vec M_h.
    private func classThree(_ horizon: Int) -> (mean: [Double], variance: [Double]) {
        let m = spec.period
        let p1 = spec.hasTrend ? 2 : 1
        let damping = spec.isDamped ? phi : 1
        let h1 = SmallMatrix(rows: 1, cols: p1, values: [Double](repeating: 1, count: p1))
        var h2 = SmallMatrix(rows: 1, cols: m)
        h2[0, m - 1] = 1
        var f1 = SmallMatrix(rows: p1, cols: p1)
        var g1 = SmallMatrix(rows: p1, cols: p1)
        f1[0, 0] = 1
        g1[0, 0] = alpha
        if p1 == 2 {
            f1[0, 1] = 1; f1[1, 1] = damping
            g1[0, 1] = alpha; g1[1, 0] = beta; g1[1, 1] = beta
        }
        var f2 = SmallMatrix(rows: m, cols: m)
        f2[0, m - 1] = 1
        for i in 1..<m { f2[i, i - 1] = 1 }
        var g2 = SmallMatrix(rows: m, cols: m)
        g2[0, m - 1] = gamma
        // M = (ℓ, b)ᵀ (s₁ … s_m) with s₁ the most recent seasonal state (R's state order).
        var mh = SmallMatrix(rows: p1, cols: m)
        let ls = p1 == 2 ? [level, slope] : [level]
        for i in 0..<p1 { for j in 0..<m { mh[i, j] = ls[i] * seasonal[(m - 1 - j) % m] } }
        let d = p1 * m
        var vh = SmallMatrix(rows: d, cols: d)
        let h21 = h2.kron(h1), f21 = f2.kron(f1), g21 = g2.kron(g1)
        let k = g2.kron(f1) + f2.kron(g1)
        let f21t = f21.transposed, g21t = g21.transposed, kt = k.transposed
        let s2 = sigma2
        var mean = [Double](repeating: 0, count: horizon)
        var variance = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            mean[h] = (h1 * mh * h2.transposed)[0, 0]
            variance[h] = (1 + s2) * (h21 * vh * h21.transposed)[0, 0] + s2 * mean[h] * mean[h]
            let v = SmallMatrix(rows: d, cols: 1, values: mh.values)  // vec(M), column-major
            let vvt = v * v.transposed
            let inner = f21 * vh * g21t + g21 * vh * f21t + k * (vh + vvt) * kt
                + (g21 * (vh.scaled(3) + vvt.scaled(2)) * g21t).scaled(s2)
            vh = f21 * vh * f21t + inner.scaled(s2)
            mh = f1 * mh * f2.transposed + (g1 * mh * g2.transposed).scaled(s2)
        }
        return (mean, variance)
    }

    /// Sample variance over 5000 simulated futures (normal errors, σ² = `sigma2`).
    private func simulatedVariance(_ horizon: Int, seed: UInt64) -> [Double] {
        let paths = 5000
        let kind = ETSKind(spec)
        let p = smoothing
        let sigma = sigma2.squareRoot()
        let m = max(seasonal.count, 1)
        var rng = ETSRandomStream(seed: seed)
        var sum = [Double](repeating: 0, count: horizon)
        var sumSquares = [Double](repeating: 0, count: horizon)
        var ring = seasonal.isEmpty ? [0.0] : seasonal
        for _ in 0..<paths {
            var x = finalState
            for k in 0..<m { ring[k] = seasonal.isEmpty ? 0 : seasonal[k] }
            for h in 0..<horizon {
                let slot = h % m
                var s = ring[slot]
                var probe = x
                var probeSeason = s
                let f = ETSRecursion.step(&probe, season: &probeSeason, y: .nan, kind: kind, p: p)
                let e = sigma * rng.normal()
                let y = spec.error == .additive ? f + e : f * (1 + e)
                _ = ETSRecursion.step(&x, season: &s, y: y, kind: kind, p: p)
                ring[slot] = s
                sum[h] += y
                sumSquares[h] += y * y
            }
        }
        let n = Double(paths)
        return (0..<horizon).map { h in max(0, (sumSquares[h] - sum[h] * sum[h] / n) / (n - 1)) }
    }
}

/// A small dense column-major matrix for the class-3 variance recursion (dimensions ≤ 2m).
struct SmallMatrix {
    var rows: Int
    var cols: Int
    var values: [Double]

    init(rows: Int, cols: Int, values: [Double]? = nil) {
        self.rows = rows
        self.cols = cols
        self.values = values ?? [Double](repeating: 0, count: rows * cols)
    }

    subscript(i: Int, j: Int) -> Double {
        get { values[j * rows + i] }
        set { values[j * rows + i] = newValue }
    }

    var transposed: SmallMatrix {
        var t = SmallMatrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { t[j, i] = self[i, j] } }
        return t
    }

    func scaled(_ c: Double) -> SmallMatrix { SmallMatrix(rows: rows, cols: cols, values: values.map { $0 * c }) }

    /// Kronecker product A ⊗ B.
    func kron(_ b: SmallMatrix) -> SmallMatrix {
        var out = SmallMatrix(rows: rows * b.rows, cols: cols * b.cols)
        for i in 0..<rows { for j in 0..<cols {
            let a = self[i, j]
            if a == 0 { continue }
            for k in 0..<b.rows { for l in 0..<b.cols { out[i * b.rows + k, j * b.cols + l] = a * b[k, l] } }
        } }
        return out
    }

    static func + (a: SmallMatrix, b: SmallMatrix) -> SmallMatrix {
        SmallMatrix(rows: a.rows, cols: a.cols, values: zip(a.values, b.values).map { $0 + $1 })
    }

    static func * (a: SmallMatrix, b: SmallMatrix) -> SmallMatrix {
        precondition(a.cols == b.rows)
        var out = SmallMatrix(rows: a.rows, cols: b.cols)
        a.values.withUnsafeBufferPointer { av in
            b.values.withUnsafeBufferPointer { bv in
                out.values.withUnsafeMutableBufferPointer { ov in
                    for j in 0..<b.cols {
                        for k in 0..<a.cols {
                            let bkj = bv[j * b.rows + k]
                            if bkj == 0 { continue }
                            for i in 0..<a.rows { ov[j * a.rows + i] += av[k * a.rows + i] * bkj }
                        }
                    }
                }
            }
        }
        return out
    }
}

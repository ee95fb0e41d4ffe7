/// Derivative-free minimisation by the Nelder–Mead simplex method (Nelder & Mead, *Computer
/// Journal* 7, 1965), in the variant of R's `optim(method = "Nelder-Mead")` (Nash, *Compact
/// Numerical Methods for Computers*, 2nd ed., 1990, Algorithm 19), which R's `forecast::ets`
/// uses to fit its parameters. Written here from the published algorithm so that restock's ETS
/// fits follow the same search path as the reference:
///
/// - start simplex: the start point plus, for each coordinate i, the start point with
///   coordinate i increased by `step` = 10 % of the largest |start coordinate| (0.1 if all are 0),
///   the step multiplied by 10 until it changes the coordinate;
/// - reflection (coefficient 1), expansion (2), contraction (0.5) and shrink toward the best
///   vertex (0.5); a non-finite objective value is replaced by 1e35;
/// - stop when the spread of the vertex values is at most `relativeTolerance`·(|f(start)| +
///   `relativeTolerance`), when the best value is ≤ `absoluteTolerance`, when a shrink no longer
///   reduces the simplex, or after `maxEvaluations` objective evaluations (counting the start).
///
/// Deterministic (no randomness; ties go to the lowest-numbered vertex). The iterations do not
/// allocate: all storage lives in a caller-owned `NelderMead.Workspace` that is grown once and
/// reused across calls.
public enum NelderMead {
    /// Stopping rule and coefficients; the defaults are R's `optim` defaults as `ets` calls it
    /// (`maxit = 2000`, `reltol = √ε`, `abstol = −∞`).
    public struct Options: Sendable {
        public var maxEvaluations: Int = 2000
        public var relativeTolerance: Double = Double.ulpOfOne.squareRoot()
        public var absoluteTolerance: Double = -.infinity
        public var reflection: Double = 1
        public var contraction: Double = 0.5
        public var expansion: Double = 2
        public init() {}
    }

    public struct Result: Sendable, Equatable {
        /// Objective value at the returned point (1e35 stands for "not finite").
        public var value: Double
        /// Number of objective evaluations made, including the start point.
        public var evaluations: Int
        /// True when the value-spread tolerance (or `absoluteTolerance`) stopped the search,
        /// false when the evaluation budget ran out or the simplex stopped shrinking.
        public var converged: Bool
    }

    /// Reusable storage: the simplex ((n+1) vertices plus centroid, each n coordinates and a
    /// value) and a trial point.
    public struct Workspace: Sendable {
        var storage: [Double] = []
        public init() {}
        mutating func reserve(dimension n: Int) {
            let need = (n + 1) * (n + 2) + n
            if storage.count < need { storage = [Double](repeating: 0, count: need) }
        }
    }

    /// The value that stands in for a non-finite objective value.
    public static let big = 1.0e35

    /// Minimises `objective` from the start point `x` (n coordinates), writing the best point
    /// found back into `x`. Returns nil when the objective is not finite at the start point.
    ///
    /// `objective` receives a buffer of n coordinates that is only valid during the call.
    /// Cost: at most `maxEvaluations` calls of `objective` plus O(n) work per call.
    public static func minimize(
        _ x: inout [Double], workspace: inout Workspace, options: Options = Options(),
        objective: (UnsafeBufferPointer<Double>) -> Double
    ) -> Result? {
        let n = x.count
        precondition(n > 0, "Nelder–Mead needs at least one coordinate")
        workspace.reserve(dimension: n)
        return x.withUnsafeMutableBufferPointer { xb in
            workspace.storage.withUnsafeMutableBufferPointer { ws in
                run(xb, ws, n, options, objective)
            }
        }
    }

    private static func run(
        _ x: UnsafeMutableBufferPointer<Double>, _ ws: UnsafeMutableBufferPointer<Double>, _ n: Int,
        _ o: Options, _ objective: (UnsafeBufferPointer<Double>) -> Double
    ) -> Result? {
        // Vertex j (0...n) and the centroid (j = n+1) are columns of n+1 numbers: coordinates
        // 0..<n, then the value at index n. The trial point follows the simplex.
        let stride = n + 1
        let P = ws.baseAddress!
        let trial = P + stride * (n + 2)
        let trialBuffer = UnsafeBufferPointer(start: UnsafePointer(trial), count: n)
        @inline(__always) func at(_ i: Int, _ j: Int) -> UnsafeMutablePointer<Double> { P + (j * stride + i) }
        @inline(__always) func evaluate() -> Double {
            let f = objective(trialBuffer)
            return f.isFinite ? f : big
        }

        for i in 0..<n { trial[i] = x[i] }
        let f0 = objective(trialBuffer)
        guard f0.isFinite else { return nil }
        var evaluations = 1
        let convergenceTolerance = o.relativeTolerance * (abs(f0) + o.relativeTolerance)

        var step = 0.0
        for i in 0..<n where 0.1 * abs(x[i]) > step { step = 0.1 * abs(x[i]) }
        if step == 0 { step = 0.1 }
        for i in 0..<n { at(i, 0).pointee = x[i] }
        at(n, 0).pointee = f0
        var size = 0.0
        for j in 1...n {
            for i in 0..<n { at(i, j).pointee = x[i] }
            var tryStep = step
            while at(j - 1, j).pointee == x[j - 1] {
                at(j - 1, j).pointee = x[j - 1] + tryStep
                tryStep *= 10
            }
            size += tryStep
        }
        var oldSize = size
        var recomputeVertices = true
        var low = 0  // index of the best vertex
        var converged = false
        let centroid = n + 1

        repeat {
            if recomputeVertices {
                for j in 0...n where j != low {
                    for i in 0..<n { trial[i] = at(i, j).pointee }
                    at(n, j).pointee = evaluate()
                    evaluations += 1
                }
                recomputeVertices = false
            }
            var fLow = at(n, low).pointee
            var fHigh = fLow
            var high = low
            for j in 0...n where j != low {
                let f = at(n, j).pointee
                if f < fLow { low = j; fLow = f }
                if f > fHigh { high = j; fHigh = f }
            }
            if fHigh <= fLow + convergenceTolerance || fLow <= o.absoluteTolerance {
                converged = true
                break
            }
            // Centroid of all vertices but the worst.
            for i in 0..<n {
                var s = -at(i, high).pointee
                for j in 0...n { s += at(i, j).pointee }
                at(i, centroid).pointee = s / Double(n)
            }
            // Reflection.
            for i in 0..<n {
                trial[i] = (1 + o.reflection) * at(i, centroid).pointee - o.reflection * at(i, high).pointee
            }
            let fReflected = evaluate()
            evaluations += 1
            if fReflected < fLow {
                // Expansion; the reflected point is kept in the centroid column meanwhile.
                at(n, centroid).pointee = fReflected
                for i in 0..<n {
                    let e = o.expansion * trial[i] + (1 - o.expansion) * at(i, centroid).pointee
                    at(i, centroid).pointee = trial[i]
                    trial[i] = e
                }
                let fExpanded = evaluate()
                evaluations += 1
                if fExpanded < fReflected {
                    for i in 0..<n { at(i, high).pointee = trial[i] }
                    at(n, high).pointee = fExpanded
                } else {
                    for i in 0..<n { at(i, high).pointee = at(i, centroid).pointee }
                    at(n, high).pointee = fReflected
                }
            } else {
                if fReflected < fHigh {
                    for i in 0..<n { at(i, high).pointee = trial[i] }
                    at(n, high).pointee = fReflected
                }
                // Contraction toward the centroid.
                for i in 0..<n {
                    trial[i] = (1 - o.contraction) * at(i, high).pointee + o.contraction * at(i, centroid).pointee
                }
                let fContracted = evaluate()
                evaluations += 1
                if fContracted < at(n, high).pointee {
                    for i in 0..<n { at(i, high).pointee = trial[i] }
                    at(n, high).pointee = fContracted
                } else if fReflected >= fHigh {
                    // Shrink every vertex toward the best one.
                    recomputeVertices = true
                    size = 0
                    for j in 0...n where j != low {
                        for i in 0..<n {
                            let v = o.contraction * (at(i, j).pointee - at(i, low).pointee) + at(i, low).pointee
                            at(i, j).pointee = v
                            size += abs(v - at(i, low).pointee)
                        }
                    }
                    if size < oldSize {
                        oldSize = size
                    } else {
                        break  // the simplex no longer shrinks
                    }
                }
            }
        } while evaluations <= o.maxEvaluations

        for i in 0..<n { x[i] = at(i, low).pointee }
        return Result(value: at(n, low).pointee, evaluations: evaluations, converged: converged)
    }
}

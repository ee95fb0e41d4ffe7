import CLapack

/// Result of a linear least-squares fit `min ‖A·X − B‖₂`, column by column.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// How the solution was computed.
    public enum Method: Sendable, Equatable {
        /// Householder QR (`dgels`): `A` had `m ≥ n` and full column rank.
        case qr
        /// SVD (`dgelsd`) minimum-norm solution: `A` was rank deficient (or `m < n`).
        case svd
    }

    /// Fitted coefficients `X`, `n × nrhs` (column `j` solves right-hand side `j`).
    public let coefficients: Matrix
    /// `‖A·xⱼ − bⱼ‖²` for each right-hand side `j` (length `nrhs`), in the squared
    /// units of `B`.
    public let residualSumOfSquares: [Double]
    /// Effective rank of `A`: `n` for `.qr`; for `.svd`, the number of singular values
    /// greater than `rcond · σ₁`.
    public let rank: Int
    /// Which LAPACK path produced the solution.
    public let method: Method

    /// Whether `A` was found to have fewer than `n` independent columns.
    public var isRankDeficient: Bool { rank < coefficients.rows }
}

/// Solves the linear least-squares problem `min ‖A·X − B‖₂` for each column of `B`.
///
/// Shapes: `A` is `m × n` (design: one row per observation, one column per
/// coefficient), `B` is `m × nrhs`; the result's coefficients are `n × nrhs`.
///
/// Strategy: for `m ≥ n` the problem is first solved by Householder QR (`dgels`,
/// after an `lwork = -1` workspace query). If `dgels` reports an exactly singular
/// `R` (`info > 0`), or `R`'s estimated reciprocal condition number (`dtrcon`,
/// 1-norm) is `≤ rcond` — i.e. `A` is numerically rank deficient, e.g. a duplicated
/// column — the fit falls back to the SVD-based minimum-norm solution (`dgelsd`),
/// which treats singular values `≤ rcond · σ₁` as zero and reports the effective rank.
/// Underdetermined systems (`m < n`) go straight to `dgelsd`.
///
/// Degenerate shapes: `n == 0` gives a `0 × nrhs` solution whose residual is `‖B‖²`;
/// `m == 0` gives the zero solution with rank 0.
///
/// - Parameter rcond: relative threshold in `[0, 1)` for numerical rank.
/// - Throws: `.dimensionMismatch` if `A.rows != B.rows`; `.invalidArgument` for a bad
///   `rcond` or non-finite entries; `.noConvergence` if the SVD fails to converge;
///   `.illegalArgument` if LAPACK rejects an argument (a bug in this wrapper).
public func leastSquares(_ a: Matrix, _ b: Matrix, rcond: Double = 1e-10) throws(LinearAlgebraError) -> LeastSquaresSolution {
    guard a.rows == b.rows else {
        throw .dimensionMismatch(
            operation: "leastSquares",
            detail: "A is \(a.rows) × \(a.columns) but B is \(b.rows) × \(b.columns)")
    }
    guard rcond.isFinite, rcond >= 0, rcond < 1 else {
        throw .invalidArgument(name: "rcond", detail: "\(rcond) is not in [0, 1)")
    }
    guard a.isFinite, b.isFinite else {
        throw .invalidArgument(name: "A/B", detail: "least-squares inputs contain NaN or infinity")
    }
    let m = a.rows, n = a.columns, nrhs = b.columns

    if n == 0 {
        return LeastSquaresSolution(
            coefficients: Matrix(rows: 0, columns: nrhs),
            residualSumOfSquares: (0..<nrhs).map { sumOfSquares(b.column($0)) },
            rank: 0, method: .qr)
    }
    if m == 0 {
        return LeastSquaresSolution(
            coefficients: Matrix(rows: n, columns: nrhs),
            residualSumOfSquares: Array(repeating: 0, count: nrhs),
            rank: 0, method: .svd)
    }
    if m >= n, let solution = try householderQR(a, b, rcond: rcond) {
        return solution
    }
    return try minimumNormSVD(a, b, rcond: rcond)
}

/// Vector convenience: the least-squares coefficients (length `n`) for one
/// right-hand side `b` (length `m`). See `leastSquares(_:_:rcond:)` for the strategy.
///
/// - Throws: as `leastSquares(_:_:rcond:)`.
public func leastSquares(_ a: Matrix, _ b: [Double], rcond: Double = 1e-10) throws(LinearAlgebraError) -> [Double] {
    try leastSquares(a, Matrix(column: b), rcond: rcond).coefficients.elements
}

// MARK: - QR path (dgels)

/// Full-rank QR solve for `m ≥ n ≥ 1`; `nil` when `A` is (numerically) rank deficient.
private func householderQR(_ a: Matrix, _ b: Matrix, rcond: Double) throws(LinearAlgebraError) -> LeastSquaresSolution? {
    let rowCount = a.rows, columnCount = a.columns, rhsCount = b.columns
    var trans = CChar(UInt8(ascii: "N"))
    var m = try lapackInt(rowCount, "m")
    var n = try lapackInt(columnCount, "n")
    var nrhs = try lapackInt(rhsCount, "nrhs")
    var lda = m
    var ldb = m  // m ≥ n, so max(1, m, n) == m.
    var factored = a.elements
    // At least one column so the buffer is never empty (nrhs may be 0).
    var rhs = b.elements + [Double](repeating: 0, count: rhsCount == 0 ? rowCount : 0)
    var info: Int32 = 0

    var lwork: Int32 = -1
    var optimal = 0.0
    dgels_(&trans, &m, &n, &nrhs, &factored, &lda, &rhs, &ldb, &optimal, &lwork, &info, 1)
    try checkIllegalArgument(info, routine: "dgels")

    let minimumWork = Swift.max(1, columnCount + Swift.max(columnCount, rhsCount))
    var work = [Double](repeating: 0, count: workspaceCount(optimal, minimum: minimumWork))
    lwork = try lapackInt(work.count, "lwork")
    dgels_(&trans, &m, &n, &nrhs, &factored, &lda, &rhs, &ldb, &work, &lwork, &info, 1)
    try checkIllegalArgument(info, routine: "dgels")
    if info > 0 { return nil }  // R(info, info) is exactly zero.

    // dgels does not pivot, so an exactly dependent column usually leaves a tiny but
    // nonzero diagonal in R. Estimate R's reciprocal condition number instead.
    var norm = CChar(UInt8(ascii: "1"))
    var uplo = CChar(UInt8(ascii: "U"))
    var diag = CChar(UInt8(ascii: "N"))
    var reciprocalCondition = 0.0
    var conditionWork = [Double](repeating: 0, count: 3 * columnCount)
    var conditionIWork = [Int32](repeating: 0, count: columnCount)
    dtrcon_(&norm, &uplo, &diag, &n, &factored, &lda, &reciprocalCondition,
            &conditionWork, &conditionIWork, &info, 1, 1, 1)
    try checkIllegalArgument(info, routine: "dtrcon")
    guard reciprocalCondition > rcond else { return nil }  // also rejects NaN

    // Column j of `rhs` holds x_j in rows 0..<n and the residual components
    // (in the rotated basis) in rows n..<m.
    var coefficients = [Double](repeating: 0, count: columnCount * rhsCount)
    var rss = [Double](repeating: 0, count: rhsCount)
    for j in 0..<rhsCount {
        let base = j * rowCount
        for i in 0..<columnCount {
            coefficients[i + j * columnCount] = rhs[base + i]
        }
        rss[j] = sumOfSquares(rhs[(base + columnCount)..<(base + rowCount)])
    }
    return LeastSquaresSolution(
        coefficients: Matrix(unchecked: columnCount, columns: rhsCount, elements: coefficients),
        residualSumOfSquares: rss, rank: columnCount, method: .qr)
}

// MARK: - SVD path (dgelsd)

/// Minimum-norm solution by divide-and-conquer SVD, valid for any rank and shape
/// (`m, n ≥ 1`).
private func minimumNormSVD(_ a: Matrix, _ b: Matrix, rcond: Double) throws(LinearAlgebraError) -> LeastSquaresSolution {
    let rowCount = a.rows, columnCount = a.columns, rhsCount = b.columns
    let tall = Swift.max(rowCount, columnCount)
    let small = Swift.min(rowCount, columnCount)
    var m = try lapackInt(rowCount, "m")
    var n = try lapackInt(columnCount, "n")
    var nrhs = try lapackInt(rhsCount, "nrhs")
    var lda = m
    var ldb = try lapackInt(tall, "ldb")
    var factored = a.elements
    // B must have max(m, n) rows on entry (it returns n-row solutions); at least one column.
    var rhs = [Double](repeating: 0, count: tall * Swift.max(1, rhsCount))
    for j in 0..<rhsCount {
        for i in 0..<rowCount {
            rhs[i + j * tall] = b.elements[i + j * rowCount]
        }
    }
    var singularValues = [Double](repeating: 0, count: small)
    var threshold = rcond
    var rank: Int32 = 0
    var info: Int32 = 0

    var lwork: Int32 = -1
    var optimal = 0.0
    var iworkQuery: [Int32] = [0]
    dgelsd_(&m, &n, &nrhs, &factored, &lda, &rhs, &ldb, &singularValues, &threshold, &rank,
            &optimal, &lwork, &iworkQuery, &info)
    try checkIllegalArgument(info, routine: "dgelsd")

    // LIWORK ≥ max(1, 3·minmn·nlvl + 11·minmn); nlvl computed with the smallest
    // possible SMLSIZ so this bound is conservative, and never below LAPACK's answer.
    let levels = log2Floor(small) + 1  // small ≥ 1 here
    let iworkCount = Swift.max(1, 3 * small * levels + 11 * small, Int(iworkQuery[0]))
    var iwork = [Int32](repeating: 0, count: iworkCount)
    var work = [Double](repeating: 0, count: workspaceCount(optimal, minimum: 1))
    lwork = try lapackInt(work.count, "lwork")
    dgelsd_(&m, &n, &nrhs, &factored, &lda, &rhs, &ldb, &singularValues, &threshold, &rank,
            &work, &lwork, &iwork, &info)
    try checkIllegalArgument(info, routine: "dgelsd")
    if info > 0 { throw .noConvergence(routine: "dgelsd", count: Int(info)) }

    var coefficients = [Double](repeating: 0, count: columnCount * rhsCount)
    for j in 0..<rhsCount {
        for i in 0..<columnCount {
            coefficients[i + j * columnCount] = rhs[i + j * tall]
        }
    }
    let solution = Matrix(unchecked: columnCount, columns: rhsCount, elements: coefficients)

    // With rank < n the trailing rows of B are not the residual, so form it explicitly:
    // R = B − A·X.
    var residual = b
    try gemm(a, solution, alpha: -1, beta: 1, into: &residual)
    let rss = (0..<rhsCount).map { sumOfSquares(residual.column($0)) }
    return LeastSquaresSolution(
        coefficients: solution, residualSumOfSquares: rss, rank: Int(rank), method: .svd)
}

// MARK: - Helpers

/// `Σ vᵢ²`.
func sumOfSquares<C: Collection>(_ values: C) -> Double where C.Element == Double {
    values.reduce(0) { $0 + $1 * $1 }
}

/// `⌊log₂ x⌋` for `x ≥ 1`.
private func log2Floor(_ x: Int) -> Int {
    Int.bitWidth - 1 - x.leadingZeroBitCount
}

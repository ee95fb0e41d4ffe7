import CLapack

/// Solves `A·X = B` for symmetric positive-definite `A` by Cholesky factorisation
/// `A = L·Lᵀ` (`dpotrf` then `dpotrs`, lower triangle).
///
/// Shapes: `A` is `n × n`, `B` is `n × nrhs`; returns `X`, `n × nrhs`.
/// Only the **lower** triangle of `A` (including the diagonal) is read; the strict
/// upper triangle is ignored, so `A` is assumed symmetric rather than checked.
///
/// - Throws: `.dimensionMismatch` if `A` is not square or `B.rows != n`;
///   `.invalidArgument` for non-finite entries; `.notPositiveDefinite(minor:)` if the
///   leading minor of that (1-based) order is not positive definite;
///   `.illegalArgument` if LAPACK rejects an argument (a bug in this wrapper).
public func choleskySolve(_ a: Matrix, _ b: Matrix) throws(LinearAlgebraError) -> Matrix {
    guard a.rows == a.columns, b.rows == a.rows else {
        throw .dimensionMismatch(
            operation: "choleskySolve",
            detail: "A is \(a.rows) × \(a.columns) (must be square) and B is \(b.rows) × \(b.columns)")
    }
    guard a.isFinite, b.isFinite else {
        throw .invalidArgument(name: "A/B", detail: "Cholesky inputs contain NaN or infinity")
    }
    let order = a.rows, rhsCount = b.columns
    if order == 0 { return Matrix(rows: 0, columns: rhsCount) }

    var uplo = CChar(UInt8(ascii: "L"))
    var n = try lapackInt(order, "n")
    var lda = n
    var factor = a.elements
    var info: Int32 = 0
    dpotrf_(&uplo, &n, &factor, &lda, &info, 1)
    try checkIllegalArgument(info, routine: "dpotrf")
    if info > 0 { throw .notPositiveDefinite(minor: Int(info)) }
    if rhsCount == 0 { return Matrix(rows: order, columns: 0) }

    var nrhs = try lapackInt(rhsCount, "nrhs")
    var ldb = n
    var solution = b.elements
    dpotrs_(&uplo, &n, &nrhs, &factor, &lda, &solution, &ldb, &info, 1)
    try checkIllegalArgument(info, routine: "dpotrs")
    return Matrix(unchecked: order, columns: rhsCount, elements: solution)
}

/// Vector convenience: solves `A·x = b` for SPD `A` (`n × n`), `b` of length `n`.
///
/// - Throws: as `choleskySolve(_:_:)` with a matrix right-hand side.
public func choleskySolve(_ a: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    try choleskySolve(a, Matrix(column: b)).elements
}

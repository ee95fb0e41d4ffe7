/// Generalised ridge regression: solves `(XᵀX + Λ)·β = Xᵀy` with `Λ = diag(penalty)`,
/// via the Gram matrix (`gram`, `dsyrk`) and a Cholesky solve.
///
/// Shapes: `X` is `m × p` (one row per observation), `y` has length `m`, `penalty` has
/// length `p`; returns `β` of length `p`.
///
/// Units: penalties are added to `XᵀX` as is, so they are in the squared units of
/// `X`'s columns; no centring or standardisation is applied (do that beforehand if the
/// columns have different scales). A penalty of 0 leaves that coefficient unshrunk —
/// typical for an intercept column.
///
/// Forming `XᵀX` squares the condition number; prefer `leastSquares` for unpenalised,
/// ill-conditioned fits.
///
/// - Throws: `.dimensionMismatch` if `y.count != m` or `penalty.count != p`;
///   `.invalidArgument` if a penalty is negative or non-finite, or inputs are not finite;
///   `.notPositiveDefinite(minor:)` if `XᵀX + Λ` is singular (e.g. collinear, unpenalised
///   columns).
public func ridgeSolve(_ x: Matrix, _ y: [Double], penalty: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard y.count == x.rows, penalty.count == x.columns else {
        throw .dimensionMismatch(
            operation: "ridgeSolve",
            detail: "X is \(x.rows) × \(x.columns), y has \(y.count), penalty has \(penalty.count)")
    }
    if let bad = penalty.first(where: { !($0.isFinite && $0 >= 0) }) {
        throw .invalidArgument(name: "penalty", detail: "\(bad) is not a finite non-negative number")
    }
    guard x.isFinite, y.allSatisfy(\.isFinite) else {
        throw .invalidArgument(name: "X/y", detail: "ridge inputs contain NaN or infinity")
    }
    var system = try gram(x)
    for j in 0..<x.columns {
        system[j, j] += penalty[j]
    }
    let rhs = try multiply(x, y, transpose: true)
    return try choleskySolve(system, rhs)
}

/// Ridge regression with one shrinkage strength: `Λ = lambda · diag(mask)`.
///
/// - Parameters:
///   - lambda: penalty `≥ 0` added to each penalised diagonal entry of `XᵀX`
///     (see `ridgeSolve(_:_:penalty:)` for units). `lambda == 0` is ordinary least
///     squares via the normal equations.
///   - penalize: per-column mask (length `p`); `false` exempts a column, e.g. the
///     intercept. `nil` penalises every column.
/// - Throws: as `ridgeSolve(_:_:penalty:)`; `.invalidArgument` for a negative or
///   non-finite `lambda`.
public func ridgeSolve(
    _ x: Matrix, _ y: [Double], lambda: Double, penalize: [Bool]? = nil
) throws(LinearAlgebraError) -> [Double] {
    guard lambda.isFinite, lambda >= 0 else {
        throw .invalidArgument(name: "lambda", detail: "\(lambda) is not a finite non-negative number")
    }
    let mask = penalize ?? Array(repeating: true, count: x.columns)
    guard mask.count == x.columns else {
        throw .dimensionMismatch(
            operation: "ridgeSolve",
            detail: "X has \(x.columns) columns but penalize has \(mask.count)")
    }
    return try ridgeSolve(x, y, penalty: mask.map { $0 ? lambda : 0 })
}

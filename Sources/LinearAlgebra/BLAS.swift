import CLapack

// Level-1/2/3 BLAS wrappers over OpenBLAS's CBLAS, all column-major.
// Degenerate (zero-sized) operands are handled in Swift without calling BLAS, so
// no empty buffer's pointer is ever passed to C.

/// General matrix–matrix product, `C ← alpha · op(A) · op(B) + beta · C`
/// (`cblas_dgemm`), where `op(X)` is `X` or `Xᵀ` per the transpose flags.
///
/// Shapes: `op(A)` is `m × k`, `op(B)` is `k × n`, and `c` must already be `m × n`.
/// When `beta == 0`, the incoming contents of `c` are ignored (BLAS semantics,
/// NaNs included).
///
/// - Throws: `.dimensionMismatch` if the shapes are incompatible.
public func gemm(
    _ a: Matrix, _ b: Matrix,
    transposeA: Bool = false, transposeB: Bool = false,
    alpha: Double = 1, beta: Double = 0,
    into c: inout Matrix
) throws(LinearAlgebraError) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kB = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    guard k == kB, c.rows == m, c.columns == n else {
        throw .dimensionMismatch(
            operation: "gemm",
            detail: "op(A) \(m) × \(k), op(B) \(kB) × \(n), C \(c.rows) × \(c.columns)")
    }
    if m == 0 || n == 0 { return }
    if k == 0 {
        // Empty inner dimension: the product term is zero.
        for index in c.elements.indices {
            c.elements[index] = beta == 0 ? 0 : beta * c.elements[index]
        }
        return
    }
    let m32 = try lapackInt(m, "m"), n32 = try lapackInt(n, "n"), k32 = try lapackInt(k, "k")
    let lda = try lapackInt(a.leadingDimension, "lda")
    let ldb = try lapackInt(b.leadingDimension, "ldb")
    let ldc = try lapackInt(c.leadingDimension, "ldc")
    let opA = transposeA ? CblasTrans : CblasNoTrans
    let opB = transposeB ? CblasTrans : CblasNoTrans
    a.elements.withUnsafeBufferPointer { pa in
        b.elements.withUnsafeBufferPointer { pb in
            c.elements.withUnsafeMutableBufferPointer { pc in
                cblas_dgemm(CblasColMajor, opA, opB, m32, n32, k32,
                            alpha, pa.baseAddress, lda, pb.baseAddress, ldb,
                            beta, pc.baseAddress, ldc)
            }
        }
    }
}

/// The product `op(A) · op(B)` as a new `m × n` matrix (see `gemm`).
///
/// - Throws: `.dimensionMismatch` if the inner dimensions differ.
public func multiply(
    _ a: Matrix, _ b: Matrix,
    transposeA: Bool = false, transposeB: Bool = false
) throws(LinearAlgebraError) -> Matrix {
    var c = Matrix(rows: transposeA ? a.columns : a.rows,
                   columns: transposeB ? b.rows : b.columns)
    try gemm(a, b, transposeA: transposeA, transposeB: transposeB, into: &c)
    return c
}

/// General matrix–vector product, `y ← alpha · op(A) · x + beta · y` (`cblas_dgemv`).
///
/// Shapes: with `A` `m × n`, `x` has length `n` (`m` if `transpose`) and `y` has
/// length `m` (`n` if `transpose`). When `beta == 0` the incoming `y` is ignored.
///
/// - Throws: `.dimensionMismatch` if the lengths are incompatible.
public func gemv(
    _ a: Matrix, _ x: [Double],
    transpose: Bool = false,
    alpha: Double = 1, beta: Double = 0,
    into y: inout [Double]
) throws(LinearAlgebraError) {
    let inLength = transpose ? a.rows : a.columns
    let outLength = transpose ? a.columns : a.rows
    guard x.count == inLength, y.count == outLength else {
        throw .dimensionMismatch(
            operation: "gemv",
            detail: "op(A) \(outLength) × \(inLength), x \(x.count), y \(y.count)")
    }
    if outLength == 0 { return }
    if inLength == 0 {
        for index in y.indices { y[index] = beta == 0 ? 0 : beta * y[index] }
        return
    }
    let m32 = try lapackInt(a.rows, "m"), n32 = try lapackInt(a.columns, "n")
    let lda = try lapackInt(a.leadingDimension, "lda")
    let op = transpose ? CblasTrans : CblasNoTrans
    a.elements.withUnsafeBufferPointer { pa in
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                cblas_dgemv(CblasColMajor, op, m32, n32, alpha, pa.baseAddress, lda,
                            px.baseAddress, 1, beta, py.baseAddress, 1)
            }
        }
    }
}

/// The product `op(A) · x` as a new vector (see `gemv`).
///
/// - Throws: `.dimensionMismatch` if `x` has the wrong length.
public func multiply(_ a: Matrix, _ x: [Double], transpose: Bool = false) throws(LinearAlgebraError) -> [Double] {
    var y = [Double](repeating: 0, count: transpose ? a.columns : a.rows)
    try gemv(a, x, transpose: transpose, into: &y)
    return y
}

/// Inner product `xᵀy = Σ xᵢ·yᵢ` (`cblas_ddot`). Empty vectors give 0.
///
/// - Throws: `.dimensionMismatch` if the lengths differ.
public func dot(_ x: [Double], _ y: [Double]) throws(LinearAlgebraError) -> Double {
    guard x.count == y.count else {
        throw .dimensionMismatch(operation: "dot", detail: "x \(x.count), y \(y.count)")
    }
    if x.isEmpty { return 0 }
    let n32 = try lapackInt(x.count, "n")
    return x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in
            cblas_ddot(n32, px.baseAddress, 1, py.baseAddress, 1)
        }
    }
}

/// The Gram matrix `AᵀA` (`n × n` for `A` `m × n`), symmetric positive semi-definite.
///
/// Computed with `cblas_dsyrk` into the lower triangle (half the flops of `gemm`),
/// then mirrored so the result is a full symmetric matrix.
///
/// - Throws: `.invalidArgument` only if a dimension exceeds the 32-bit BLAS range.
public func gram(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
    let n = a.columns
    var c = Matrix(rows: n, columns: n)
    if n == 0 || a.rows == 0 { return c }
    let n32 = try lapackInt(n, "n"), k32 = try lapackInt(a.rows, "k")
    let lda = try lapackInt(a.leadingDimension, "lda")
    let ldc = try lapackInt(c.leadingDimension, "ldc")
    a.elements.withUnsafeBufferPointer { pa in
        c.elements.withUnsafeMutableBufferPointer { pc in
            cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, n32, k32,
                        1, pa.baseAddress, lda, 0, pc.baseAddress, ldc)
        }
    }
    // Fill the strict upper triangle from the lower one: C[i, j] = C[j, i] for i < j.
    for j in 1..<Swift.max(1, n) {
        for i in 0..<j {
            c.elements[i + j * n] = c.elements[j + i * n]
        }
    }
    return c
}

/// Adds XᵀX of `rows` Float rows of X, stored row-major (`columns` values per row) at `x`, to
/// the lower triangle of `gram` (`columns × columns`, column-major, Double): `cblas_ssyrk` into
/// `scratch` (`columns²` Floats, overwritten), then summed in Double. Half the memory traffic
/// and about twice the speed of the Double form; for systems whose Gram only has to be close
/// (Newton steps with an exact gradient).
public func accumulateGram(rowMajor x: UnsafePointer<Float>, rows: Int, columns: Int,
                           scratch: UnsafeMutablePointer<Float>, gram: UnsafeMutablePointer<Double>)
    throws(LinearAlgebraError) {
    guard rows > 0, columns > 0 else { return }
    let n32 = try lapackInt(columns, "n"), k32 = try lapackInt(rows, "k")
    cblas_ssyrk(CblasColMajor, CblasLower, CblasNoTrans, n32, k32, 1, x, n32, 0, scratch, n32)
    for j in 0..<columns {
        for i in j..<columns { gram[i + j * columns] += Double(scratch[i + j * columns]) }
    }
}

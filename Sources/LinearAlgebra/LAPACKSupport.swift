import CLapack

// Internal glue shared by the BLAS/LAPACK wrappers.
//
// Debian's OpenBLAS and reference LAPACK are LP64: `blasint` and `lapack_int` are
// `Int32`. Fortran CHARACTER arguments carry a hidden trailing `size_t` length per
// character argument (`LAPACK_FORTRAN_STRLEN_END` in lapack.h). The `LAPACK_xxx(...)`
// variadic macros that append them are not importable into Swift, so the wrappers
// call the underlying `xxx_` symbols (what `LAPACK_xxx_base` expands to) and pass
// `1` for each hidden length explicitly.

/// Converts a dimension or leading dimension to LAPACK's/BLAS's 32-bit integer.
///
/// - Throws: `.invalidArgument` if `value` does not fit in `Int32`.
@inline(__always)
func lapackInt(_ value: Int, _ name: String) throws(LinearAlgebraError) -> Int32 {
    guard let converted = Int32(exactly: value) else {
        throw .invalidArgument(name: name, detail: "\(value) exceeds the 32-bit LAPACK/BLAS index range")
    }
    return converted
}

/// Maps a negative LAPACK `info` to `.illegalArgument`; returns normally otherwise.
@inline(__always)
func checkIllegalArgument(_ info: Int32, routine: String) throws(LinearAlgebraError) {
    if info < 0 {
        throw .illegalArgument(routine: routine, argument: Int(-info))
    }
}

/// Converts the optimal workspace size LAPACK returns (as a `Double` in `work[0]`
/// after an `lwork = -1` query) into an allocation count, never below `minimum`.
@inline(__always)
func workspaceCount(_ queried: Double, minimum: Int) -> Int {
    // LAPACK may return a value a hair below the integer it means; round up.
    let rounded = queried.isFinite ? Int(queried.rounded(.up)) : minimum
    return Swift.max(minimum, rounded)
}

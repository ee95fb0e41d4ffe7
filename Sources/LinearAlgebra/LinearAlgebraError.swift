/// Errors raised by the LinearAlgebra layer.
///
/// LAPACK reports failures through an `info` integer: `info < 0` means argument
/// number `-info` (1-based, in the Fortran argument order) was illegal — a bug in
/// the caller of LAPACK, i.e. this module — and `info > 0` is a routine-specific
/// numerical failure, mapped to the more specific cases below.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// LAPACK rejected argument number `argument` (1-based) of `routine` (`info < 0`).
    case illegalArgument(routine: String, argument: Int)
    /// The matrix is singular / rank deficient: `routine` found a zero pivot or
    /// diagonal element at 1-based position `index` (`info > 0`).
    case singular(routine: String, index: Int)
    /// An iterative routine (e.g. the SVD in `dgelsd`) failed to converge;
    /// `count` is the routine's `info` (number of off-diagonals that did not converge).
    case noConvergence(routine: String, count: Int)
    /// Cholesky factorisation (`dpotrf`) failed: the leading minor of order `minor`
    /// (1-based) is not positive definite.
    case notPositiveDefinite(minor: Int)
    /// Operand shapes are incompatible with `operation`; `detail` states the shapes.
    case dimensionMismatch(operation: String, detail: String)
    /// A scalar or vector parameter is outside its valid domain (e.g. a negative or
    /// non-finite ridge penalty), or a dimension exceeds LAPACK's 32-bit index range.
    case invalidArgument(name: String, detail: String)

    public var description: String {
        switch self {
        case let .illegalArgument(routine, argument):
            return "\(routine): illegal value for argument \(argument)"
        case let .singular(routine, index):
            return "\(routine): matrix is singular or rank deficient (zero pivot at \(index))"
        case let .noConvergence(routine, count):
            return "\(routine): failed to converge (\(count) off-diagonal elements did not converge)"
        case let .notPositiveDefinite(minor):
            return "dpotrf: leading minor of order \(minor) is not positive definite"
        case let .dimensionMismatch(operation, detail):
            return "\(operation): dimension mismatch: \(detail)"
        case let .invalidArgument(name, detail):
            return "invalid \(name): \(detail)"
        }
    }
}

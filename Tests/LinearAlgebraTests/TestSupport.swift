import Testing
@testable import LinearAlgebra

/// Expects `actual` and `expected` to have equal length and agree elementwise
/// within `tolerance` (absolute).
func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "length \(actual.count) != \(expected.count)",
            sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        #expect(abs(a - e) <= tolerance, "element \(index): \(a) vs \(e) (tolerance \(tolerance))",
                sourceLocation: sourceLocation)
    }
}

/// Matrix variant of `expectClose`: shapes must match exactly.
func expectClose(
    _ actual: Matrix, _ expected: Matrix, tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.rows == expected.rows && actual.columns == expected.columns,
            "shape \(actual.rows) × \(actual.columns) != \(expected.rows) × \(expected.columns)",
            sourceLocation: sourceLocation)
    expectClose(actual.elements, expected.elements, tolerance: tolerance, sourceLocation: sourceLocation)
}

/// Euclidean norm.
func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

/// Design matrix with columns `1, x, x², …, x^degree`.
func polynomialDesign(_ xs: [Double], degree: Int) throws -> Matrix {
    try Matrix(rows: xs.map { x in (0...degree).map { pow(x, $0) } })
}

private func pow(_ x: Double, _ k: Int) -> Double { (0..<k).reduce(1.0) { acc, _ in acc * x } }

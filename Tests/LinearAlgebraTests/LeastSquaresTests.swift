import Testing
@testable import LinearAlgebra

@Suite("Least squares")
struct LeastSquaresTests {
    @Test func exactQuadraticIsRecovered() throws {
        let xs = (0..<10).map(Double.init)
        let ys = xs.map { 1 + 2 * $0 + 3 * $0 * $0 }
        let design = try polynomialDesign(xs, degree: 2)
        let fit = try leastSquares(design, Matrix(column: ys))
        #expect(fit.method == .qr)
        #expect(fit.rank == 3)
        #expect(!fit.isRankDeficient)
        expectClose(fit.coefficients.elements, [1, 2, 3], tolerance: 1e-10)
        #expect(fit.residualSumOfSquares.count == 1)
        #expect(fit.residualSumOfSquares[0] < 1e-18)
        expectClose(try leastSquares(design, ys), [1, 2, 3], tolerance: 1e-10)
    }

    @Test func overdeterminedMatchesNormalEquations() throws {
        // Line through 4 points that are not collinear.
        let design = try Matrix(rows: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let y: [Double] = [1, 3, 4, 8]
        let fit = try leastSquares(design, Matrix(column: y))
        // Normal equations: [4 6; 6 14] β = [16; 35] → β = [0.7, 2.2].
        expectClose(fit.coefficients.elements, [0.7, 2.2], tolerance: 1e-12)
        let viaCholesky = try choleskySolve(gram(design), multiply(design, y, transpose: true))
        expectClose(fit.coefficients.elements, viaCholesky, tolerance: 1e-12)
        // Residuals: y − ŷ = [0.3, 0.1, −1.1, 0.7] → RSS = 0.09 + 0.01 + 1.21 + 0.49 = 1.8.
        #expect(abs(fit.residualSumOfSquares[0] - 1.8) < 1e-12)
    }

    @Test func multipleRightHandSidesSolveIndependently() throws {
        let xs: [Double] = [-2, -1, 0, 1, 2, 3]
        let design = try polynomialDesign(xs, degree: 1)
        let y1 = xs.map { 4 - $0 }                     // exact line
        let y2: [Double] = [0, 1, 0, 1, 0, 1]          // not a line
        var b = Matrix(rows: xs.count, columns: 2)
        for i in xs.indices { b[i, 0] = y1[i]; b[i, 1] = y2[i] }
        let fit = try leastSquares(design, b)
        #expect(fit.coefficients.rows == 2 && fit.coefficients.columns == 2)
        expectClose(fit.coefficients.column(0), [4, -1], tolerance: 1e-12)
        let single = try leastSquares(design, Matrix(column: y2))
        expectClose(fit.coefficients.column(1), single.coefficients.elements, tolerance: 1e-12)
        #expect(fit.residualSumOfSquares[0] < 1e-20)
        expectClose([fit.residualSumOfSquares[1]], single.residualSumOfSquares, tolerance: 1e-12)
        // Explicit residual for the second column.
        let fitted = try multiply(design, fit.coefficients.column(1))
        let rss = zip(y2, fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        #expect(abs(fit.residualSumOfSquares[1] - rss) < 1e-12)
    }

    @Test func duplicateColumnFallsBackToMinimumNormSVD() throws {
        // Columns 1, x, x: y = 1 + 2x is fit by any (a, b, c) with b + c = 2; the
        // minimum-norm answer splits the slope evenly: (1, 1, 1).
        let xs: [Double] = [0, 1, 2, 3, 4]
        let design = try Matrix(rows: xs.map { [1, $0, $0] })
        let ys = xs.map { 1 + 2 * $0 }
        let fit = try leastSquares(design, Matrix(column: ys))
        #expect(fit.method == .svd)
        #expect(fit.rank == 2)
        #expect(fit.isRankDeficient)
        #expect(fit.coefficients.isFinite)
        expectClose(fit.coefficients.elements, [1, 1, 1], tolerance: 1e-9)
        #expect(fit.residualSumOfSquares[0] < 1e-18)
    }

    @Test func zeroColumnTakesFallback() throws {
        // An all-zero column makes R singular (dgels info > 0 or a zero condition estimate).
        let design = try Matrix(rows: [[1, 0, 0], [1, 1, 0], [1, 2, 0], [1, 3, 0]])
        let fit = try leastSquares(design, [2, 3, 4, 6] as [Double])
        let full = try leastSquares(design, Matrix(column: [2, 3, 4, 6]))
        #expect(full.method == .svd && full.rank == 2)
        expectClose(fit, [1.8, 1.3, 0], tolerance: 1e-10)
        // Same fit as the two-column model: residuals (0.2, −0.1, −0.4, 0.3) → RSS 0.3.
        let fitted = try multiply(design, fit)
        let rss = zip([2.0, 3, 4, 6], fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        #expect(abs(full.residualSumOfSquares[0] - rss) < 1e-12)
        #expect(abs(rss - 0.3) < 1e-12)
    }

    @Test func underdeterminedGivesMinimumNorm() throws {
        // x + y = 2 → minimum-norm solution (1, 1).
        let fit = try leastSquares(try Matrix(rows: [[1, 1]]), Matrix(column: [2]))
        #expect(fit.method == .svd && fit.rank == 1)
        expectClose(fit.coefficients.elements, [1, 1], tolerance: 1e-12)
    }

    @Test func dimensionMismatchThrows() throws {
        let design = try Matrix(rows: [[1, 0], [1, 1], [1, 2]])
        let error = #expect(throws: LinearAlgebraError.self) {
            try leastSquares(design, Matrix(column: [1, 2, 3, 4]))
        }
        guard case .dimensionMismatch(let operation, _)? = error else {
            Issue.record("expected dimensionMismatch, got \(String(describing: error))"); return
        }
        #expect(operation == "leastSquares")
    }

    @Test func nonFiniteInputThrows() throws {
        let design = try Matrix(rows: [[1, 0], [1, 1], [1, .nan]])
        #expect(throws: LinearAlgebraError.self) { try leastSquares(design, [1, 2, 3] as [Double]) }
    }
}

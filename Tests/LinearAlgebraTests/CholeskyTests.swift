import Testing
@testable import LinearAlgebra

@Suite("Cholesky and ridge")
struct CholeskyTests {
    // Classic SPD example: A = L·Lᵀ with L = [2 0 0; 6 1 0; −8 5 3].
    let spd = try! Matrix(rows: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])

    @Test func solvesKnownSPDSystem() throws {
        // A · (1, 2, 3) = (−20, −43, 192)
        expectClose(try choleskySolve(spd, [-20, -43, 192]), [1, 2, 3], tolerance: 1e-12)
        // Two right-hand sides: identity → inverse columns; check A·X = I.
        let inverse = try choleskySolve(spd, Matrix.identity(3))
        expectClose(try multiply(spd, inverse), Matrix.identity(3), tolerance: 1e-10)
    }

    @Test func nonPositiveDefiniteThrowsWithMinor() throws {
        // Eigenvalues 3 and −1: the 1×1 minor is fine, the 2×2 one is not.
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) {
            try choleskySolve(try Matrix(rows: [[1, 2], [2, 1]]), [1, 1])
        }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 1)) {
            try choleskySolve(try Matrix(rows: [[-1, 0], [0, 1]]), [1, 1])
        }
    }

    @Test func choleskyDimensionMismatch() throws {
        #expect(throws: LinearAlgebraError.self) { try choleskySolve(Matrix(rows: 2, columns: 3), [1, 2]) }
        #expect(throws: LinearAlgebraError.self) { try choleskySolve(spd, [1, 2]) }
    }

    @Test func ridgeWithZeroLambdaEqualsLeastSquares() throws {
        let xs: [Double] = [-1, -0.5, 0, 0.5, 1, 1.5, 2]
        let design = try polynomialDesign(xs, degree: 2)
        let ys: [Double] = [0.9, 0.2, 0.1, 0.4, 1.2, 2.1, 3.9]
        expectClose(try ridgeSolve(design, ys, lambda: 0), try leastSquares(design, ys), tolerance: 1e-10)
    }

    @Test func ridgeShrinksNormMonotonically() throws {
        let xs: [Double] = [-1, -0.5, 0, 0.5, 1, 1.5, 2]
        let design = try polynomialDesign(xs, degree: 2)
        let ys: [Double] = [0.9, 0.2, 0.1, 0.4, 1.2, 2.1, 3.9]
        let norms = try [0, 0.1, 1, 10].map { norm(try ridgeSolve(design, ys, lambda: $0)) }
        for (smaller, larger) in zip(norms.dropFirst(), norms) {
            #expect(smaller < larger)
        }
    }

    @Test func ridgeOnOrthonormalDesignHasClosedForm() throws {
        // X = I: (I + λI)β = y → β = y / (1 + λ).
        let beta = try ridgeSolve(Matrix.identity(3), [2, -4, 6], lambda: 1)
        expectClose(beta, [1, -2, 3], tolerance: 1e-14)
    }

    @Test func ridgeMaskExemptsIntercept() throws {
        // With a huge penalty on the slope only, β ≈ (mean(y), 0).
        let design = try polynomialDesign([0, 1, 2, 3], degree: 1)
        let ys: [Double] = [1, 3, 4, 8]
        let beta = try ridgeSolve(design, ys, lambda: 1e12, penalize: [false, true])
        expectClose(beta, [4, 0], tolerance: 1e-9)
        // Equivalent per-column penalty form.
        expectClose(try ridgeSolve(design, ys, penalty: [0, 1e12]), beta, tolerance: 1e-12)
    }

    @Test func ridgeRejectsBadInputs() throws {
        let design = try polynomialDesign([0, 1, 2], degree: 1)
        #expect(throws: LinearAlgebraError.self) { try ridgeSolve(design, [1, 2, 3], lambda: -1) }
        #expect(throws: LinearAlgebraError.self) { try ridgeSolve(design, [1, 2], lambda: 1) }
        #expect(throws: LinearAlgebraError.self) { try ridgeSolve(design, [1, 2, 3], penalty: [1]) }
        #expect(throws: LinearAlgebraError.self) {
            try ridgeSolve(design, [1, 2, 3], lambda: 1, penalize: [true])
        }
        // Collinear, unpenalised columns make XᵀX singular.
        let collinear = try Matrix(rows: [[1, 1], [1, 1], [1, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) {
            try ridgeSolve(collinear, [1, 2, 3], lambda: 0)
        }
    }
}

import Testing
@testable import LinearAlgebra

@Suite("BLAS")
struct BLASTests {
    let a = try! Matrix(rows: [[1, 2, 3], [4, 5, 6]])          // 2 × 3
    let b = try! Matrix(rows: [[7, 8], [9, 10], [11, 12]])      // 3 × 2

    @Test func gemmMatchesHandProduct() throws {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
        let product = try multiply(a, b)
        #expect(product == (try Matrix(rows: [[58, 64], [139, 154]])))
    }

    @Test func gemmWithTransposes() throws {
        // Aᵀ·Bᵀ = (B·A)ᵀ; B·A = [39 54 69; 49 68 87; 59 82 105]
        let product = try multiply(a, b, transposeA: true, transposeB: true)
        #expect(product == (try Matrix(rows: [[39, 49, 59], [54, 68, 82], [69, 87, 105]])))
        // Aᵀ·A (3 × 3) with only A transposed: [17 22 27; 22 29 36; 27 36 45]
        let ata = try multiply(a, a, transposeA: true)
        #expect(ata == (try Matrix(rows: [[17, 22, 27], [22, 29, 36], [27, 36, 45]])))
        // A·Aᵀ (2 × 2) with only the second operand transposed: [14 32; 32 77]
        let aat = try multiply(a, a, transposeB: true)
        #expect(aat == (try Matrix(rows: [[14, 32], [32, 77]])))
    }

    @Test func gemmAlphaBetaAccumulates() throws {
        var c = try Matrix(rows: [[1, 1], [1, 1]])
        try gemm(a, b, alpha: 2, beta: 3, into: &c)
        #expect(c == (try Matrix(rows: [[119, 131], [281, 311]])))
    }

    @Test func gemmDimensionMismatchThrows() {
        let error = #expect(throws: LinearAlgebraError.self) { try multiply(a, a) }
        guard case .dimensionMismatch(let operation, _)? = error else {
            Issue.record("expected dimensionMismatch, got \(String(describing: error))"); return
        }
        #expect(operation == "gemm")
    }

    @Test func gemmWithEmptyInnerDimension() throws {
        let left = Matrix(rows: 2, columns: 0), right = Matrix(rows: 0, columns: 3)
        #expect(try multiply(left, right) == Matrix(rows: 2, columns: 3, repeating: 0))
    }

    @Test func gemvBothOrientations() throws {
        #expect(try multiply(a, [1, 0, -1]) == [-2, -2])
        #expect(try multiply(a, [1, 1], transpose: true) == [5, 7, 9])
        var y: [Double] = [10, 20]
        try gemv(a, [1, 1, 1], alpha: 1, beta: 0.5, into: &y)
        #expect(y == [11, 25])
        #expect(throws: LinearAlgebraError.self) { try multiply(a, [1, 2]) }
    }

    @Test func dotProduct() throws {
        #expect(try dot([1, 2, 3], [4, -5, 6]) == 12)
        #expect(try dot([], []) == 0)
        #expect(throws: LinearAlgebraError.self) { try dot([1], [1, 2]) }
    }

    @Test func gramIsSymmetricAndMatchesGemm() throws {
        let g = try gram(a)
        #expect(g == (try Matrix(rows: [[17, 22, 27], [22, 29, 36], [27, 36, 45]])))
        #expect(g == g.transposed())
        let tall = try polynomialDesign([0.5, 1.5, -2, 3, 4.25], degree: 3)
        expectClose(try gram(tall), try multiply(tall, tall, transposeA: true), tolerance: 1e-12)
    }
}

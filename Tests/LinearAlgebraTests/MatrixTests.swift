import Testing
@testable import LinearAlgebra

@Suite("Matrix")
struct MatrixTests {
    @Test func rowArraysAreStoredColumnMajor() throws {
        let m = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.elements == [1, 4, 2, 5, 3, 6])
        #expect(m[1, 2] == 6)
        #expect(m[0, 1] == 2)
        #expect(m.column(1) == [2, 5])
        #expect(m.row(1) == [4, 5, 6])
    }

    @Test func elementsInitializerMatchesRowInitializer() throws {
        let a = try Matrix(rows: 2, columns: 2, elements: [1, 3, 2, 4])
        #expect(a == (try Matrix(rows: [[1, 2], [3, 4]])))
    }

    @Test func subscriptSetterWritesInPlace() {
        var m = Matrix(rows: 2, columns: 2, repeating: 0)
        m[1, 0] = 7
        #expect(m.elements == [0, 7, 0, 0])
    }

    @Test func transposeAndIdentity() throws {
        let m = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(m.transposed() == (try Matrix(rows: [[1, 4], [2, 5], [3, 6]])))
        #expect(m.transposed().transposed() == m)
        #expect(Matrix.identity(3) == (try Matrix(rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])))
    }

    @Test func badShapesThrow() {
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, elements: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: [[1, 2], [3]]) }
    }

    @Test func errorDescriptionsAreReadable() {
        #expect(LinearAlgebraError.notPositiveDefinite(minor: 2).description.contains("order 2"))
        #expect(LinearAlgebraError.illegalArgument(routine: "dgels", argument: 6).description
            == "dgels: illegal value for argument 6")
    }
}

/// A dense, real, double-precision matrix stored in **column-major** order.
///
/// Layout: element `(i, j)` (0-based row `i`, column `j`) lives at
/// `elements[i + j * rows]`, i.e. each column is contiguous. This is exactly the
/// layout BLAS/LAPACK expect with leading dimension `max(1, rows)`, so the storage
/// can be handed to them without copying or transposing.
///
/// Invariant: `elements.count == rows * columns`, with `rows >= 0` and `columns >= 0`.
/// Zero-sized matrices are allowed; most operations treat them as trivially empty.
public struct Matrix: Sendable, Equatable {
    /// Number of rows (`m`).
    public let rows: Int
    /// Number of columns (`n`).
    public let columns: Int
    /// Column-major storage, `rows * columns` values. See the type documentation.
    public internal(set) var elements: [Double]

    /// A `rows × columns` matrix with every element equal to `value`.
    ///
    /// - Precondition: `rows >= 0`, `columns >= 0`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A `rows × columns` matrix over existing **column-major** storage.
    ///
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `elements.count != rows * columns`
    ///   or a dimension is negative.
    public init(rows: Int, columns: Int, elements: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw .dimensionMismatch(
                operation: "Matrix(rows:columns:elements:)",
                detail: "\(rows) × \(columns) needs \(max(0, rows) * max(0, columns)) elements, got \(elements.count)")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from **row** arrays (natural reading order; mainly for tests and literals).
    /// `rows[i][j]` becomes element `(i, j)`. An empty array gives a `0 × 0` matrix.
    ///
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if the rows have different lengths.
    public init(rows rowArrays: [[Double]]) throws(LinearAlgebraError) {
        let m = rowArrays.count
        let n = rowArrays.first?.count ?? 0
        guard rowArrays.allSatisfy({ $0.count == n }) else {
            throw .dimensionMismatch(
                operation: "Matrix(rows:)",
                detail: "ragged rows: lengths \(rowArrays.map(\.count))")
        }
        var storage = [Double](repeating: 0, count: m * n)
        for (i, row) in rowArrays.enumerated() {
            for (j, value) in row.enumerated() {
                storage[i + j * m] = value
            }
        }
        self.rows = m
        self.columns = n
        self.elements = storage
    }

    /// An `n × 1` column vector holding `values`.
    public init(column values: [Double]) {
        self.rows = values.count
        self.columns = 1
        self.elements = values
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result.elements[i + i * n] = 1 }
        return result
    }

    /// Element `(row, column)`, both 0-based.
    ///
    /// - Precondition: `0 <= row < rows` and `0 <= column < columns`.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix index (\(row), \(column)) out of range for \(rows) × \(columns)")
            return elements[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix index (\(row), \(column)) out of range for \(rows) × \(columns)")
            elements[row + column * rows] = newValue
        }
    }

    /// A copy of column `j` (length `rows`).
    ///
    /// - Precondition: `0 <= j < columns`.
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Column \(j) out of range for \(columns) columns")
        return Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// A copy of row `i` (length `columns`).
    ///
    /// - Precondition: `0 <= i < rows`.
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Row \(i) out of range for \(rows) rows")
        return (0..<columns).map { elements[i + $0 * rows] }
    }

    /// The `columns × rows` transpose.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows {
                result.elements[j + i * columns] = elements[i + j * rows]
            }
        }
        return result
    }

    /// Wraps storage already known to hold `rows * columns` column-major values
    /// (internal: for results produced by BLAS/LAPACK wrappers).
    init(unchecked rows: Int, columns: Int, elements: [Double]) {
        assert(elements.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// Whether every element is finite (no NaN or ±infinity).
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }

    /// Leading dimension to pass to BLAS/LAPACK for this storage: `max(1, rows)`.
    var leadingDimension: Int { Swift.max(1, rows) }
}

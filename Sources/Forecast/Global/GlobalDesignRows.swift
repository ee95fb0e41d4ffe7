import Foundation
import LinearAlgebra

/// The sums of one pass over the training rows.
struct Pass {
    /// XᵀWX (p × p, column-major; lower triangle) and XᵀWz (the GLM start) or XᵀW(z − η) (the
    /// gradient, at a given β).
    var gram: [Double]
    var rhs: [Double]
    var rows = 0
    /// Σω and the deviance Σω·d(y', μ').
    var weight = 0.0, deviance = 0.0

    init(columns p: Int) {
        gram = [Double](repeating: 0, count: p * p)
        rhs = [Double](repeating: 0, count: p)
    }

    mutating func add(_ o: Pass) {
        for j in 0..<gram.count { gram[j] += o.gram[j] }
        for j in 0..<rhs.count { rhs[j] += o.rhs[j] }
        rows += o.rows; weight += o.weight; deviance += o.deviance
    }
}

/// One group's training rows of the cross-series fit, as fixed before the first IRLS step:
/// per series a block of rows, origins newest first (so the rows of any window of origins are
/// one contiguous run of the block).
///
/// A row's columns are `columns` dense ones and then `oneHot` columns of which at most one is
/// set, to 1 (the event columns of ``GlobalLayout``: one event a day): the dense part is stored,
/// the one-hot part as the index of its set column. On M5 (30 events) that is 39 stored
/// columns of 69, and the Gram's dense block is (39/69)² of the full one.
struct DesignRows {
    /// Dense columns stored per row.
    let columns: Int
    /// One-hot columns after them.
    let oneHot: Int
    /// Row-major, `count × columns`.
    var x: [Float] = []
    /// Per row, the set one-hot column (0 ..< `oneHot`), or −1 for none.
    var hot: [Int16] = []
    /// y/s on the unit scale and the series' scale s at the row's origin (units/day), per row.
    var target: [Double] = [], scale: [Double] = []
    /// The row's origin o, as an index into its series' history.
    var origin: [Int32] = []
    /// Per row, for a Tweedie power p ≠ 1: y'^(2−p)/((1−p)(2−p)) (the deviance's constant term).
    var devianceConstant: [Double] = []
    /// The Tweedie power the rows are prepared for.
    let power: Double

    init(columns: Int, oneHot: Int, power: Double = 1) {
        precondition(oneHot < Int(Int16.max), "one-hot columns fit an Int16")
        self.columns = columns
        self.oneHot = oneHot
        self.power = power
    }

    var count: Int { target.count }

    mutating func reserve(_ rows: Int) {
        x.reserveCapacity(rows * columns)
        target.reserveCapacity(rows); scale.reserveCapacity(rows); origin.reserveCapacity(rows); hot.reserveCapacity(rows)
        if power != 1 { devianceConstant.reserveCapacity(rows) }
    }

    /// Row index where each series' rows end, in the order they were appended.
    var seriesEnds: [Int] = []
    /// The index of each block's series in the fitted series (parallel to ``seriesEnds``).
    var seriesIndex: [Int] = []

    /// Closes the rows of series `index` (``seriesEnds``); a series without rows leaves no block.
    mutating func endSeries(_ index: Int) {
        if count > (seriesEnds.last ?? 0) { seriesEnds.append(count); seriesIndex.append(index) }
    }

    /// Appends one row (`columns + oneHot` values: the dense ones stored as Float, the one-hot
    /// ones as the index of the set one) with its target y' = y/s, the scale s and the origin o.
    mutating func append(_ row: UnsafePointer<Double>, target t: Double, scale s: Double, origin o: Int) {
        // Grown once and written through one pointer: not an append (and its checks) per value.
        let start = x.count
        x.append(contentsOf: repeatElement(0, count: columns))
        x.withUnsafeMutableBufferPointer { b in for c in 0..<columns { b[start + c] = Float(row[c]) } }
        var set: Int16 = -1
        for k in 0..<oneHot where row[columns + k] != 0 {
            precondition(set < 0 && row[columns + k] == 1, "one-hot columns hold one 1")
            set = Int16(k)
        }
        hot.append(set)
        target.append(t); scale.append(s); origin.append(Int32(o))
        if power != 1 {
            devianceConstant.append(t == 0 ? 0 : pow(t, 2 - power) / ((1 - power) * (2 - power)))
        }
    }
}

/// The rows of one series a fit uses (`start..<end` of its group's ``DesignRows``) and their
/// weight ω (the series' scale at its newest used origin, to ``GlobalModel/Settings/seriesWeightPower``).
struct RowSegment {
    var start: Int
    var end: Int
    var omega: Double
}

/// A block of weighted design rows (row-major, `block × columns`), added to XᵀWX (lower
/// triangle) through BLAS when full. A class over raw storage, so filling a row is a pointer
/// write with no copy-on-write check (one block per thread, never shared).
final class Accumulator {
    let columns: Int
    let block: Int
    /// Weighted rows, row-major `block × columns`, Float (the Gram only steers the Newton steps).
    private let storage: UnsafeMutablePointer<Float>
    /// The block's XᵀX (Float, lower triangle), before it is added to the Double sum.
    private let blockGram: UnsafeMutablePointer<Float>
    private(set) var used = 0

    init(columns: Int, block: Int) {
        self.columns = columns
        self.block = block
        storage = .allocate(capacity: columns * block)
        storage.initialize(repeating: 0, count: columns * block)
        blockGram = .allocate(capacity: columns * columns)
        blockGram.initialize(repeating: 0, count: columns * columns)
    }

    deinit {
        storage.deallocate()
        blockGram.deallocate()
    }

    var full: Bool { used == block }

    /// The next row of the block (`columns` Floats to fill).
    func nextRow() -> UnsafeMutablePointer<Float> { used += 1; return storage + (used - 1) * columns }

    /// Adds the used rows' XᵀX to `gram`'s lower triangle (p × p, Double), then empties the block.
    func flush(into gram: inout [Double]) {
        guard used > 0 else { return }
        let rows = used, p = columns
        gram.withUnsafeMutableBufferPointer { g in
            try? accumulateGram(rowMajor: storage, rows: rows, columns: p, scratch: blockGram, gram: g.baseAddress!)
        }
        used = 0
    }
}

/// Lets concurrent iterations write disjoint slots of one buffer.
struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ b: UnsafeMutableBufferPointer<T>) { buffer = b }
}

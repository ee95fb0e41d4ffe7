import Dispatch

/// Daily history of one series (one sku at one location), dense from its first sale to as-of.
public struct SeriesHistory: Sendable {
    /// The day of index 0.
    public var firstDay: Day
    /// Net units sold per day (returns netted, negatives floored at 0); days without rows are 0.
    public var quantity: [Double]
    /// End-of-day stock per day, NaN where unknown; empty when `sales.csv` has no `on_hand`.
    public var onHand: [Float]
    /// Selling price per day, NaN where unknown; empty when `sales.csv` has no `price`.
    public var price: [Float]

    public var count: Int { quantity.count }

    /// True when day `index` ended with nothing on hand: a stock-out, its sales are censored.
    @inline(__always)
    public func isStockout(_ index: Int) -> Bool {
        !onHand.isEmpty && onHand[index] <= 0
    }
}

/// Per-series accumulator used while streaming `sales.csv`: grows at both ends as rows arrive.
struct SeriesAccumulator {
    var base: Int32
    var minDay: Int32
    var maxDay: Int32
    var quantity: [Double] = []
    var onHand: [Float] = []
    var price: [Float] = []
    /// False for a series of a sku the load leaves out (``DataSetLoader/Options/skuFilter``):
    /// only its first and last days are tracked, its arrays stay empty and it gets no history.
    var kept = true

    init(day: Int32, kept: Bool = true) {
        base = day
        minDay = day
        maxDay = day
        self.kept = kept
    }

    /// Widens the days seen to include `day` without storing anything (a series left out).
    @inline(__always)
    mutating func see(_ day: Int32) {
        if day < minDay { minDay = day }
        if day > maxDay { maxDay = day }
    }

    /// Adds `later`'s days (from a later part of the file): quantities add up, a later known
    /// `on_hand` or `price` replaces an earlier one.
    mutating func merge(_ later: SeriesAccumulator, trackOnHand: Bool, trackPrice: Bool) {
        guard kept && later.kept else {
            see(later.minDay)
            see(later.maxDay)
            return
        }
        for day in later.minDay...later.maxDay {
            let j = Int(day - later.base)
            let q = later.quantity[j]
            let oh = trackOnHand ? later.onHand[j] : .nan
            let pr = trackPrice ? later.price[j] : .nan
            let i = index(for: day, trackOnHand: trackOnHand, trackPrice: trackPrice)
            quantity[i] += q
            if trackOnHand && !oh.isNaN { onHand[i] = oh }
            if trackPrice && !pr.isNaN { price[i] = pr }
        }
    }

    /// Makes room for `day`, growing the arrays at the front or back with slack.
    @inline(__always)
    mutating func index(for day: Int32, trackOnHand: Bool, trackPrice: Bool) -> Int {
        if day < base {
            let need = Int(base - day)
            let slack = max(need, quantity.count / 2, 16)
            let shift = slack
            quantity.insert(contentsOf: repeatElement(0, count: shift), at: 0)
            if trackOnHand { onHand.insert(contentsOf: repeatElement(Float.nan, count: shift), at: 0) }
            if trackPrice { price.insert(contentsOf: repeatElement(Float.nan, count: shift), at: 0) }
            base -= Int32(shift)
        }
        let i = Int(day - base)
        if i == quantity.count {
            quantity.append(0)
            if trackOnHand { onHand.append(.nan) }
            if trackPrice { price.append(.nan) }
        } else if i > quantity.count {
            let add = i - quantity.count + 1
            quantity.append(contentsOf: repeatElement(0, count: add))
            if trackOnHand { onHand.append(contentsOf: repeatElement(Float.nan, count: add)) }
            if trackPrice { price.append(contentsOf: repeatElement(Float.nan, count: add)) }
        }
        if day < minDay { minDay = day }
        if day > maxDay { maxDay = day }
        return i
    }
}

/// What streaming `sales.csv` produced: interned keys and one accumulator per series.
struct SalesLoad {
    var skuIDs: [Int32] = []
    var locationIDs: [Int32] = []
    var accumulators: [SeriesAccumulator] = []
    var rows = 0
    /// Rows dated after the as-of date given to the loader (0 when none was given).
    var rowsAfterAsOf = 0
    var latestDay: Int32 = .min
    var hasOnHand = false
    var hasPrice = false
    var unknownColumns: [String] = []
    /// Where each sku's rows lie: maximal runs of consecutive rows of one sku, in file order
    /// (ids global after the merge); nil when the file is too scattered to be worth indexing,
    /// or compressed (offsets into inflated bytes cannot be read back without inflating).
    var runs: [SalesRun]? = []
}

/// Consecutive rows of one sku in the sales table: bytes `range` of file `file` (its index in
/// the table's files: 0 for `sales.csv`, the part file's for `sales/`), inside piece `part` (a
/// ``CSVPartition`` range of a file, numbered across the table's files in read order), so a
/// later load of only some skus sums quantities in the same order.
public struct SalesRun: Sendable, Equatable {
    public var sku: Int32
    public var part: Int
    public var range: Range<Int>
    public var file: Int
    public init(sku: Int32, part: Int, range: Range<Int>, file: Int = 0) {
        self.sku = sku
        self.part = part
        self.range = range
        self.file = file
    }
}

/// One piece of the sales table parsed on its own core: a byte range of a plain file (nil =
/// the whole file), or a whole compressed file.
struct SalesPiece {
    var file: Int
    var range: Range<Int>?
}

enum SalesTableLoader {
    /// Streams the sales table (``TableSource``: `sales.csv`, `sales.csv.gz` or the part files
    /// of `sales/`) into per-series accumulators: each plain file in up to 16 byte ranges
    /// (``CSVPartition``), each compressed file whole, all pieces parsed in parallel and merged
    /// in read order (files by name, ranges by offset). Rows with errors are reported with their
    /// own file's name and their line in that file, and skipped.
    ///
    /// Ranges start where ``CSVPartition`` guesses a record boundary; when a range ends inside a
    /// quoted field the guess was wrong, and every file is parsed again whole.
    /// `asOf`, when given, is used to count the rows dated after it. `keepSku`, when given,
    /// says which skus' histories to keep (``DataSetLoader/Options/skuFilter``): every row is
    /// still parsed, checked and counted, and every sku and location interned in the same order
    /// as without it, but a left-out series stores no days.
    static func load(source: TableSource, skus: inout Interner, locations: inout Interner,
                     issues: InputIssues, asOf: Day?, minimumPartBytes: Int,
                     progress: (@Sendable (Int) -> Void)? = nil,
                     keepSku: (@Sendable (String) -> Bool)? = nil) throws -> SalesLoad {
        // The split depends on the files alone (at most 16 ranges of at least `minimumPartBytes`
        // per plain file), never on the thread count, so fractional quantities are summed in the
        // same order and the outputs stay byte-identical whatever --threads is.
        var pieces: [SalesPiece] = []
        for (i, f) in source.files.enumerated() {
            if f.isCompressed {
                pieces.append(SalesPiece(file: i, range: nil))
            } else {
                let ranges = CSVPartition.ranges(path: f.path, parts: 16, minimumPartBytes: minimumPartBytes)
                pieces += ranges.count > 1 ? ranges.map { SalesPiece(file: i, range: $0) } : [SalesPiece(file: i, range: nil)]
            }
        }
        if pieces.count > source.files.count {
            let attempt = try load(source: source, pieces: pieces, skus: skus, locations: locations, asOf: asOf, progress: progress,
                                   keepSku: keepSku)
            if !attempt.splitFailed {
                issues.absorb(attempt.issues, lineOffset: 0)
                skus = attempt.skus
                locations = attempt.locations
                return attempt.load
            }
        }
        let whole = source.files.indices.map { SalesPiece(file: $0, range: nil) }
        let attempt = try load(source: source, pieces: whole, skus: skus, locations: locations, asOf: asOf, progress: progress,
                               keepSku: keepSku)
        issues.absorb(attempt.issues, lineOffset: 0)
        skus = attempt.skus
        locations = attempt.locations
        return attempt.load
    }

    fileprivate struct Attempt {
        var load: SalesLoad
        var issues: InputIssues
        var skus: Interner
        var locations: Interner
        /// A range other than a file's last ended inside quotes: the partition was not at record boundaries.
        var splitFailed: Bool
    }

    /// Streams only `runs` of the sales table (from an earlier full load's ``SalesLoad/runs``;
    /// a run's `file` indexes `files`, the names of the table's files then): the histories of
    /// those skus, summed in the same order as a full load sums them, so they come out bit for
    /// bit the same.
    static func load(source: TableSource, runs: [SalesRun], files: [String], skus: inout Interner,
                     locations: inout Interner, issues: InputIssues, asOf: Day?) throws -> SalesLoad {
        let byName = Dictionary(source.files.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var heads: [Int: TableReader] = [:]
        func head(_ file: Int) throws -> TableReader? {
            if let h = heads[file] { return h }
            guard file < files.count, let f = byName[files[file]], !f.isCompressed else {
                issues.error(source.name, "the sales index names \(file < files.count ? files[file] : "file \(file)"), which is not a plain file of \(source.name)")
                return nil
            }
            let h = try TableReader(path: f.path, file: f.name, required: ContractTable.sales.required,
                                    optional: ContractTable.sales.optional, issues: issues)
            heads[file] = h
            return h
        }
        let byPart = Dictionary(grouping: runs, by: \.part)
        // One reader per part going from run to run: a sku may have thousands of runs.
        var readers: [TableReader] = []
        for part in byPart.keys.sorted() {
            let partRuns = byPart[part]!
            guard let h = try head(partRuns[0].file), let f = byName[files[partRuns[0].file]] else { continue }
            readers.append(try TableReader(continuing: h, path: f.path, byteRanges: partRuns.map(\.range), issues: issues))
        }
        if readers.isEmpty, let f = source.files.first {
            readers = [try TableReader(path: f.path, file: f.name, required: ContractTable.sales.required,
                                       optional: ContractTable.sales.optional, issues: issues, compressed: f.isCompressed)]
        }
        let attempt = load(source: source, readers: readers, issues: issues, skus: skus, locations: locations, asOf: asOf)
        skus = attempt.skus
        locations = attempt.locations
        var load = attempt.load
        load.runs = nil
        return load
    }

    /// Pieces parsed at once, at most: a batch's readers (a 1 MiB buffer and a descriptor each)
    /// and parsed pieces are alive together, so a folder of thousands of part files (a day per
    /// part, say) is not held twice over. Batches change nothing but memory: pieces are merged
    /// in read order whatever the batch.
    static let piecesPerBatch = 16

    private static func load(source: TableSource, pieces: [SalesPiece], skus: Interner, locations: Interner,
                             asOf: Day?, progress: (@Sendable (Int) -> Void)?,
                             keepSku: (@Sendable (String) -> Bool)?) throws -> Attempt {
        let issues = InputIssues()
        var merge = SalesMerge(skus: skus, locations: locations)
        // The head reader of a file whose pieces are not all opened yet (later ranges continue it).
        var openHead: (file: Int, reader: TableReader)? = nil
        var first: TableReader? = nil
        var start = 0
        while start < pieces.count {
            let batch = Array(pieces[start..<min(pieces.count, start + piecesPerBatch)])
            var readers: [TableReader] = []
            var partIssues: [InputIssues] = []
            for piece in batch {
                let own = InputIssues()
                let f = source.files[piece.file]
                if let head = openHead, head.file == piece.file {
                    readers.append(try TableReader(continuing: head.reader, path: f.path, byteRange: piece.range ?? 0..<Int.max, issues: own))
                } else {
                    let head = try TableReader(path: f.path, file: f.name, required: ContractTable.sales.required,
                                               optional: ContractTable.sales.optional, issues: own,
                                               byteRange: f.isCompressed ? nil : piece.range, compressed: f.isCompressed)
                    // Part files are one table: each needs the first one's columns (in any order).
                    if let first, head.isUsable, first.isUsable, Set(head.header) != Set(first.header) {
                        head.refuse("columns \(head.header.joined(separator: ",")) differ from \(first.file)'s (\(first.header.joined(separator: ","))): expected every part file to have the same columns")
                    }
                    if first == nil { first = head }
                    openHead = (piece.file, head)
                    readers.append(head)
                }
                partIssues.append(own)
            }
            let parsed = parse(readers, files: batch.map(\.file), asOf: asOf, progress: progress,
                               recordRuns: !source.hasCompressedFiles, firstPart: start, keepSku: keepSku)
            // A range that is not its file's last must end outside quotes.
            for k in readers.indices where readers[k].reader.endedInsideQuotes
                && start + k + 1 < pieces.count && pieces[start + k + 1].file == batch[k].file {
                return Attempt(load: SalesLoad(), issues: issues, skus: skus, locations: locations, splitFailed: true)
            }
            for k in readers.indices {
                merge.add(parsed[k], reader: readers[k], file: batch[k].file, issues: partIssues[k], into: issues)
            }
            start += batch.count
        }
        return merge.finish(source: source, head: first!, issues: issues, pieces: pieces.count, requireRows: true)
    }

    /// Parses a partial load's readers (one per piece with runs) and merges them in order.
    private static func load(source: TableSource, readers: [TableReader], issues: InputIssues, skus: Interner,
                             locations: Interner, asOf: Day?) -> Attempt {
        let parsed = parse(readers, files: [Int](repeating: 0, count: readers.count), asOf: asOf, progress: nil,
                           recordRuns: false, firstPart: 0, keepSku: nil)
        var merge = SalesMerge(skus: skus, locations: locations)
        for k in readers.indices { merge.add(parsed[k], reader: readers[k], file: 0, issues: nil, into: issues) }
        return merge.finish(source: source, head: readers[0], issues: issues, pieces: readers.count, requireRows: false)
    }

    /// Parses `readers` in parallel, each with its own interners (ids local to the piece).
    /// `firstPart` numbers the pieces (``SalesRun/part``); `files` says which file each reads.
    private static func parse(_ readers: [TableReader], files: [Int], asOf: Day?, progress: (@Sendable (Int) -> Void)?,
                              recordRuns: Bool, firstPart: Int, keepSku: (@Sendable (String) -> Bool)?) -> [ParsedPiece] {
        let count = readers.count
        var parts = [SalesLoad?](repeating: nil, count: count)
        var partSkus = [Interner](repeating: Interner(), count: count)
        var partLocations = [Interner](repeating: Interner(), count: count)
        let asOfRaw = asOf?.rawValue ?? .max
        parts.withUnsafeMutableBufferPointer { out in
            partSkus.withUnsafeMutableBufferPointer { ps in
                partLocations.withUnsafeMutableBufferPointer { pl in
                    let box = SendableBox((out, ps, pl, readers))
                    DispatchQueue.concurrentPerform(iterations: count) { k in
                        let (o, s, l, r) = box.value
                        o[k] = loadPart(r[k], skus: &s[k], locations: &l[k], asOf: asOfRaw, progress: progress,
                                        recordRuns: recordRuns, part: firstPart + k, file: files[k], keepSku: keepSku)
                    }
                }
            }
        }
        return (0..<count).map { ParsedPiece(load: parts[$0]!, skus: partSkus[$0], locations: partLocations[$0]) }
    }

    /// Parses one part with its own interners (ids local to the part).
    private static func loadPart(_ t: TableReader, skus: inout Interner, locations: inout Interner,
                                 asOf: Int32, progress: (@Sendable (Int) -> Void)?, recordRuns: Bool, part: Int,
                                 file: Int, keepSku: (@Sendable (String) -> Bool)?) -> SalesLoad {
        var out = SalesLoad()
        let cDate = t.column("date"), cSku = t.column("sku"), cLoc = t.column("location")
        let cQty = t.column("quantity"), cOnHand = t.column("on_hand"), cPrice = t.column("price")
        out.hasOnHand = cOnHand.isPresent
        out.hasPrice = cPrice.isPresent
        var skuCache = RepeatingFieldInterner()
        var locCache = RepeatingFieldInterner()
        var dates = DateCache()
        var seriesOf: [Int64: Int32] = [:]
        var lastKey: Int64 = -1
        var lastSeries: Int32 = -1
        var runSku: Int32 = -1
        var runStart = 0
        var runs: [SalesRun]? = recordRuns ? [] : nil
        // Whether each (piece-local) sku's series are kept, decided once per sku.
        var keptSku: [Bool] = []
        var reported = 0
        var rowsSinceReport = 0
        defer { progress?(t.reader.bytesRead - reported) }
        while t.next() {
            rowsSinceReport += 1
            if rowsSinceReport == 1 << 16, let progress {
                rowsSinceReport = 0
                progress(t.reader.bytesRead - reported)
                reported = t.reader.bytesRead
            }
            guard let day = dates.day(t.bytes(cDate)) ?? t.day(cDate) else { continue }
            guard let sku = skuCache.id(t.bytes(cSku), in: &skus) else {
                t.rowError(cSku, FieldParsers.isBlank(t.bytes(cSku)) ? "expected a non-empty sku" : "invalid UTF-8")
                continue
            }
            guard let loc = locCache.id(t.bytes(cLoc), in: &locations) else {
                t.rowError(cLoc, FieldParsers.isBlank(t.bytes(cLoc)) ? "expected a non-empty location" : "invalid UTF-8")
                continue
            }
            guard let qty = t.number(cQty) else { continue }
            var onHand = Float.nan
            if cOnHand.isPresent && !t.isBlank(cOnHand) {
                guard let v = t.number(cOnHand) else { continue }
                onHand = Float(v)
            }
            var price = Float.nan
            if cPrice.isPresent && !t.isBlank(cPrice) {
                guard let v = t.number(cPrice) else { continue }
                guard v >= 0 else { t.rowError(cPrice, "expected a price ≥ 0"); continue }
                price = Float(v)
            }
            if sku != runSku, runs != nil {
                let start = t.reader.recordStart
                if runSku >= 0 { runs!.append(SalesRun(sku: runSku, part: part, range: runStart..<start, file: file)) }
                if runs!.count >= SalesTableLoader.maximumRuns { runs = nil }
                runSku = sku
                runStart = start
            }
            let key = Int64(sku) << 32 | Int64(loc)
            let series: Int32
            if key == lastKey {
                series = lastSeries
            } else if let s = seriesOf[key] {
                series = s
            } else {
                series = Int32(out.accumulators.count)
                seriesOf[key] = series
                out.skuIDs.append(sku)
                out.locationIDs.append(loc)
                var kept = true
                if let keepSku {
                    while keptSku.count <= Int(sku) { keptSku.append(keepSku(skus[Int32(keptSku.count)])) }
                    kept = keptSku[Int(sku)]
                }
                out.accumulators.append(SeriesAccumulator(day: day.rawValue, kept: kept))
            }
            lastKey = key
            lastSeries = series
            if day.rawValue > out.latestDay { out.latestDay = day.rawValue }
            if day.rawValue > asOf { out.rowsAfterAsOf += 1 }
            let s = Int(series)
            guard out.accumulators[s].kept else { out.accumulators[s].see(day.rawValue); continue }
            let i = out.accumulators[s].index(for: day.rawValue, trackOnHand: out.hasOnHand, trackPrice: out.hasPrice)
            out.accumulators[s].quantity[i] += qty
            if !onHand.isNaN { out.accumulators[s].onHand[i] = onHand }
            if !price.isNaN { out.accumulators[s].price[i] = price }
        }
        out.rows = t.rowCount
        // After the last record, recordStart is where the range ends.
        if runSku >= 0, runs != nil { runs!.append(SalesRun(sku: runSku, part: part, range: runStart..<t.reader.recordStart, file: file)) }
        out.runs = runs
        return out
    }

    /// Most runs kept for the sales index (a file sorted by sku has one per sku and part).
    static let maximumRuns = 4 << 20

    /// Cuts each accumulator to [its first day, asOf] and floors net-negative days at zero.
    /// Returns the histories (nil for a series with no day up to asOf) and the floored days.
    static func histories(from load: inout SalesLoad, asOf: Day) -> (histories: [SeriesHistory?], negativeDays: [(series: Int, day: Day)]) {
        var result: [SeriesHistory?] = []
        result.reserveCapacity(load.accumulators.count)
        var negatives: [(Int, Day)] = []
        for s in 0..<load.accumulators.count {
            let a = load.accumulators[s]
            load.accumulators[s] = SeriesAccumulator(day: 0)  // free as we go
            guard a.kept, a.minDay <= asOf.rawValue else { result.append(nil); continue }
            let lo = Int(a.minDay - a.base)
            let length = Int(asOf.rawValue - a.minDay) + 1
            var quantity = [Double](repeating: 0, count: length)
            var onHand = load.hasOnHand ? [Float](repeating: .nan, count: length) : []
            var price = load.hasPrice ? [Float](repeating: .nan, count: length) : []
            let available = min(length, a.quantity.count - lo)
            for k in 0..<available {
                var q = a.quantity[lo + k]
                if q < 0 {
                    negatives.append((s, Day(rawValue: a.minDay + Int32(k))))
                    q = 0
                }
                quantity[k] = q
                if load.hasOnHand { onHand[k] = a.onHand[lo + k] }
                if load.hasPrice { price[k] = a.price[lo + k] }
            }
            result.append(SeriesHistory(firstDay: Day(rawValue: a.minDay), quantity: quantity, onHand: onHand, price: price))
        }
        return (result, negatives)
    }
}

/// One piece of the sales table as parsed: its accumulators and its own interners.
struct ParsedPiece {
    var load: SalesLoad
    var skus: Interner
    var locations: Interner
}

/// Merges parsed pieces, in read order, into one ``SalesLoad`` with global ids: quantities add
/// up, a later known `on_hand` or `price` replaces an earlier one; issues are absorbed with
/// their line in their own file.
struct SalesMerge {
    var out = SalesLoad()
    var skus: Interner
    var locations: Interner
    private var seriesOf: [Int64: Int32] = [:]
    private var lineOffset = 0
    private var lastFile = -1
    private var started = false

    init(skus: Interner, locations: Interner) {
        self.skus = skus
        self.locations = locations
    }

    /// Adds the next piece (read by `reader` from file `file`); `issues`, when given, are the
    /// piece's own, absorbed into `all` with their lines counted from the file's start.
    mutating func add(_ piece: ParsedPiece, reader: TableReader, file: Int, issues: InputIssues?, into all: InputIssues) {
        if !started {
            started = true
            out.unknownColumns = reader.unknownColumns
            out.hasOnHand = reader.column("on_hand").isPresent
            out.hasPrice = reader.column("price").isPresent
        }
        if file != lastFile { lineOffset = 0; lastFile = file }
        if let issues { all.absorb(issues, lineOffset: lineOffset) }
        lineOffset += reader.reader.linesRead
        let part = piece.load
        out.rows += part.rows
        if let runs = part.runs, out.runs != nil, out.runs!.count + runs.count <= SalesTableLoader.maximumRuns {
            for r in runs { out.runs!.append(SalesRun(sku: skus.id(piece.skus[r.sku]), part: r.part, range: r.range, file: r.file)) }
        } else {
            out.runs = nil
        }
        out.rowsAfterAsOf += part.rowsAfterAsOf
        out.latestDay = max(out.latestDay, part.latestDay)
        for (s, acc) in part.accumulators.enumerated() {
            let sku = skus.id(piece.skus[part.skuIDs[s]])
            let loc = locations.id(piece.locations[part.locationIDs[s]])
            let key = Int64(sku) << 32 | Int64(loc)
            if let g = seriesOf[key] {
                out.accumulators[Int(g)].merge(acc, trackOnHand: out.hasOnHand, trackPrice: out.hasPrice)
            } else {
                seriesOf[key] = Int32(out.accumulators.count)
                out.skuIDs.append(sku)
                out.locationIDs.append(loc)
                out.accumulators.append(acc)
            }
        }
    }

    /// The merged load; `head` is the first piece's reader, `pieces` how many were merged.
    fileprivate func finish(source: TableSource, head: TableReader, issues: InputIssues, pieces: Int,
                            requireRows: Bool) -> SalesTableLoader.Attempt {
        var out = self.out
        // A file indexed for partial loads holds a few runs per series; more (rows sorted by
        // date, say) make the index larger than it is worth: such a file is read whole.
        if let runs = out.runs, runs.count > 4 * out.accumulators.count + 16 * pieces { out.runs = nil }
        if requireRows && head.isUsable && out.rows == 0 {
            issues.error(source.name, line: source.isFolder ? nil : 2, "no rows: \(source.name) needs at least one day of history")
        }
        return SalesTableLoader.Attempt(load: out, issues: issues, skus: skus, locations: locations, splitFailed: false)
    }
}

/// Days for dates that repeat their month: parses `YYYY-MM-DD` with the month's first day
/// cached, falling back to nil (and the checked ``Day/parse(_:)``) for anything unusual.
struct DateCache {
    private var yearMonth = -1
    private var monthStart: Int32 = 0
    private var monthLength = 0

    @inline(__always)
    mutating func day(_ f: UnsafeRawBufferPointer) -> Day? {
        guard f.count == 10, f[4] == 45, f[7] == 45 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int { Int(f[i]) - 48 }
        let digits = (digit(0), digit(1), digit(2), digit(3), digit(5), digit(6))
        guard (0...9).contains(digits.0), (0...9).contains(digits.1), (0...9).contains(digits.2),
              (0...9).contains(digits.3), (0...9).contains(digits.4), (0...9).contains(digits.5) else { return nil }
        let ym = ((((digits.0 * 10 + digits.1) * 10 + digits.2) * 10 + digits.3) * 10 + digits.4) * 10 + digits.5
        let d0 = f[8], d1 = f[9]
        guard d0 >= 48 && d0 <= 57 && d1 >= 48 && d1 <= 57 else { return nil }
        let d = Int(d0 - 48) * 10 + Int(d1 - 48)
        if ym != yearMonth {
            let year = ym / 100, month = ym % 100
            guard month >= 1 && month <= 12 else { return nil }
            yearMonth = ym
            monthStart = Day(year: year, month: month, day: 1).rawValue
            monthLength = Day.daysIn(month: month, year: year)
        }
        guard d >= 1 && d <= monthLength else { return nil }
        return Day(rawValue: monthStart + Int32(d - 1))
    }
}

/// Hands non-Sendable buffers to concurrent iterations that write disjoint slots.
struct SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}

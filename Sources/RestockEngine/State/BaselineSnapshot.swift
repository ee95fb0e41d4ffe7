import Forecast
import Foundation
import RestockData
import RestockSettings
#if canImport(Glibc)
import Glibc
#endif

/// What a nightly `run` keeps in `state/baseline.v1/` so that a what-if against it
/// (`restock whatif --baseline DIR`) recomputes only the skus the scenario touches:
///
/// - `meta.json`: the snapshot's version, as-of date, config fingerprint, the size and mtime of
///   every input file, the run's input digests, counts and load warnings, and the sizes of the
///   outputs it indexes;
/// - `skus.csv`: per sku (in output order) its first series, series count and the byte offset
///   where its rows start in forecast.csv, orders.csv, transfers.csv, exceptions.csv and
///   state/models.v1.csv;
/// - `series.csv`: per series its ``SeriesTally`` (numbers in Swift's shortest round-trip form,
///   so totals re-summed from it are bit for bit those of a full run);
/// - `sales-index.csv`: where each sku's rows lie in the sales table (``SalesRun``: `sku,part,
///   start,end,file`, `file` indexing `meta.json`'s `sales_files`: `sales.csv` or the part files of
///   `sales/`), only the header when the table is too scattered to index or compressed (a
///   what-if then reads the whole table);
/// - `priors.csv`: the pooled effect prior of every (category, location) pair;
/// - `global.csv`: the cross-series model when the run used it (`global_model`): its layout,
///   dispersion and coefficients (`name,value`, shortest round-trip form); the header alone otherwise;
/// - `forecasts.bin`: every series' forecast, mean then sd over the horizon, float64 in the
///   machine's byte order (little-endian on every platform restock builds on), each record
///   followed by its checksum (``RecordChecksum``);
/// - `effects.bin`: per series a flag (1: a `+reg` forecast), its effect coefficients and its
///   baseline's forecast of the adjusted series (mean, sd), float64 likewise, so a change to the
///   horizon's calendar is put on the forecast without fitting again (``RegressionParts``);
///   records checksummed likewise.
///
/// A snapshot is trusted only when all of that still matches (and every input but sales has
/// the same SHA-256); otherwise the what-if warns and
/// recomputes the baseline (``load(outputDirectory:dataDirectory:asOf:config:)``).
package struct BaselineSnapshot: @unchecked Sendable {  // read-only once loaded; reads use pread
    package static let relativePath = "state/baseline.v1"
    /// 2: orders.csv rows end with `topped_up_units` (a version-1 snapshot's copied rows would not).
    /// 3: … then `budget_cut_units,next_order_date`.
    /// 4: `sales-index.csv` gains `file` (the sales table may be a folder of part files).
    package static let version = 4
    package static let forecastFile = "forecasts.bin"
    package static let effectsFile = "effects.bin"


    package struct FileStat: Codable, Equatable {
        package var file: String
        package var size: Int
        package var mtime_ns: Int64
    }

    package struct Meta: Codable {
        package var version: Int
        package var as_of: String
        /// The last day in sales.csv (the as-of date of a run not given one).
        package var latest_sales_day: String
        package var config: String
        package var inputs: [FileStat]
        package var summary_inputs: [Summary.Input]
        /// The nightly run's counts (of the whole data set).
        package var counts: Summary.Counts
        /// Days per forecast in `forecasts.bin`.
        package var forecast_days: Int
        /// Regression columns per record of `effects.bin`.
        package var effect_columns: Int
        /// The checksum of each `.bin` file's last record: a file from another snapshot of the
        /// same size does not pass.
        package var last_records: [String: UInt64]
        package var warnings: [String]
        /// Sizes of the indexed outputs (`mtime_ns` 0).
        package var outputs: [FileStat]
        /// The sales table's files by name (``DataSet/salesFiles``); `sales-index.csv`'s `file` indexes it.
        package var sales_files: [String]
        package var sales_indexed: Bool
        /// Every location name of the data set.
        package var locations: [String]
        /// SHA-256 of each snapshot file: a damaged snapshot is not used.
        package var files: [String: String]

        /// Values per record (without the checksum) of `forecasts.bin` and `effects.bin`.
        package var forecastRecordValues: Int { 2 * forecast_days }
        package var effectsRecordValues: Int { 1 + effect_columns + 2 * forecast_days }
    }

    /// The snapshot's files other than meta.json.
    /// Files checked whole by SHA-256 (the `.bin` files carry a checksum per record instead, so a
    /// what-if reads and checks only the records it needs).
    package static let files = ["skus.csv", "series.csv", "sales-index.csv", "priors.csv", "global.csv"]
    package static let globalFile = "global.csv"

    /// One sku: its series `firstSeries..<firstSeries+seriesCount` and where its rows start in
    /// each indexed output (``indexedOutputs`` order).
    package struct Sku {
        package var name: String
        package var firstSeries: Int
        package var seriesCount: Int
        package var offsets: [Int]
    }

    /// One series as the nightly run left it.
    package struct SeriesRow {
        package var sku: String
        package var location: String
        package var category: String?
        package var source: String?
        package var tally: SeriesTally
    }

    /// Outputs whose rows are copied for untouched skus, in `skus.csv` offset order.
    package static let indexedOutputs = ["forecast.csv", "orders.csv", "transfers.csv", "exceptions.csv", ModelState.relativePath]

    package var meta: Meta
    package var skus: [Sku]
    package var series: [SeriesRow]
    /// Sales runs by sku name (empty when not indexed).
    package var salesRuns: [String: [SalesRun]]
    /// Prior by "category\u{1}location" (category empty for none).
    package var priors: [String: [Double]]
    /// The nightly run's cross-series model, nil when it did not use one.
    package var global: GlobalModel?
    /// The nightly outputs the snapshot indexes, open for reading.
    package let outputFiles: BaselineOutputs
    /// `forecasts.bin` and `effects.bin`, open for reading.
    private let forecasts: FileDescriptor
    private let effects: FileDescriptor

    /// The regression parts of series `j`'s nightly forecast, nil when it is not a `+reg` forecast.
    package func regressionParts(series j: Int) throws -> RegressionParts? {
        let h = meta.forecast_days, k = meta.effect_columns
        let values = try Self.record(effects, file: Self.effectsFile, index: j, values: meta.effectsRecordValues)
        let model = GlobalModel.ownModel(of: series[j].tally.model)
        guard values[0] == 1, model.hasSuffix("+reg") else { return nil }
        return RegressionParts(coefficients: Array(values[1...k]), baseMean: Array(values[(1 + k)..<(1 + k + h)]),
                               baseSD: Array(values[(1 + k + h)..<(1 + k + 2 * h)]), baseModel: String(model.dropLast(4)))
    }

    /// Record `index` of a `.bin` file: `values` doubles and their checksum, checked.
    private static func record(_ file: FileDescriptor, file name: String, index: Int, values count: Int) throws -> [Double] {
        var values = [Double](repeating: 0, count: count + 1)
        let bytes = values.count * MemoryLayout<Double>.size
        let n = values.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, bytes, off_t(index * bytes)) }
        guard n == bytes, RecordChecksum.verify(values) else { throw SnapshotError("\(name): record \(index) is damaged") }
        return values
    }

    /// The nightly forecast of series `j` (its place among all series), bit for bit.
    package func forecast(series j: Int) throws -> DemandForecast {
        let h = meta.forecast_days
        let values = try Self.record(forecasts, file: Self.forecastFile, index: j, values: meta.forecastRecordValues)
        return DemandForecast(mean: Array(values[0..<h]), sd: Array(values[h..<(2 * h)]), model: series[j].tally.model)
    }
    /// Sizes of the indexed outputs, in ``indexedOutputs`` order.
    package var outputSizes: [Int] { meta.outputs.map(\.size) }

    /// Size and modification time of each input file present in `directory` (every part file
    /// of a folder), named as stored.
    package static func stats(dataDirectory directory: String) -> [FileStat] {
        InputLayout.sources(in: directory).flatMap(\.files).compactMap { f in
            var st = stat()
            guard stat(f.path, &st) == 0 else { return nil }
            return FileStat(file: f.name, size: Int(st.st_size),
                            mtime_ns: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
        }
    }

    package static func size(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    package static func key(category: String?, location: String) -> String { (category ?? "") + "\u{1}" + location }

    /// Reads the snapshot of the run in `outputDirectory` and checks it still describes the data
    /// in `dataDirectory` under `config`. Returns the snapshot, or nil and why it cannot be used.
    package static func load(outputDirectory: String, dataDirectory: String, asOf: Day?, config: RestockConfig) -> (BaselineSnapshot?, String?) {
        let dir = outputDirectory + "/" + relativePath
        guard let metaData = FileManager.default.contents(atPath: dir + "/meta.json") else {
            return (nil, "\(outputDirectory) has no baseline snapshot (\(relativePath)); recomputing the baseline")
        }
        guard let meta = try? JSONDecoder().decode(Meta.self, from: metaData), meta.version == version else {
            return (nil, "\(dir)/meta.json is unreadable or from another version; recomputing the baseline")
        }
        let wanted = asOf?.description ?? meta.latest_sales_day
        if wanted != meta.as_of {
            return (nil, "the baseline in \(outputDirectory) is as of \(meta.as_of), not \(wanted); recomputing the baseline")
        }
        if meta.config != config.fingerprint {
            return (nil, "the baseline in \(outputDirectory) was made with other settings; recomputing the baseline")
        }
        let now = stats(dataDirectory: dataDirectory)
        if now != meta.inputs {
            let changed = Set(now.map(\.file)).union(meta.inputs.map(\.file)).sorted().filter { f in
                now.first { $0.file == f } != meta.inputs.first { $0.file == f }
            }
            return (nil, "input files changed since the baseline in \(outputDirectory) was made (\(changed.joined(separator: ", "))); recomputing the baseline")
        }
        // Size and mtime can hide an edit (a copy that keeps them): the small files are hashed too.
        for input in meta.summary_inputs where ContractTable(storedName: input.file) != .sales {
            if FileFingerprints.sha256(path: dataDirectory + "/" + input.file) != input.sha256 {
                return (nil, "\(input.file) changed since the baseline in \(outputDirectory) was made; recomputing the baseline")
            }
        }
        guard meta.outputs.map(\.file) == indexedOutputs,
              let outputs = BaselineOutputs(directory: outputDirectory, sizes: meta.outputs.map(\.size)) else {
            return (nil, "the outputs in \(outputDirectory) are not the files the baseline snapshot indexed; recomputing the baseline")
        }
        for f in files where FileFingerprints.sha256(path: dir + "/" + f) != meta.files[f] {
            return (nil, "\(dir)/\(f) is damaged (its SHA-256 is not the one recorded); recomputing the baseline")
        }
        do {
            let snapshot = try BaselineSnapshot(directory: dir, meta: meta, outputs: outputs)
            return (snapshot, nil)
        } catch {
            return (nil, "\(dir): \(error); recomputing the baseline")
        }
    }

    private init(directory dir: String, meta: Meta, outputs: BaselineOutputs) throws {
        self.meta = meta
        outputFiles = outputs
        skus = []
        series = []
        salesRuns = [:]
        priors = [:]
        global = nil
        let path = dir + "/" + Self.forecastFile
        // Each record holds its values and a checksum.
        let forecastRecordBytes = (meta.forecastRecordValues + 1) * MemoryLayout<Double>.size
        let effectsRecordBytes = (meta.effectsRecordValues + 1) * MemoryLayout<Double>.size
        guard Self.size(path) == meta.counts.series * forecastRecordBytes else {
            throw SnapshotError("\(Self.forecastFile) does not hold \(meta.counts.series) forecasts of \(meta.forecast_days) days")
        }
        forecasts = try FileDescriptor(path: path)
        let effectsPath = dir + "/" + Self.effectsFile
        guard Self.size(effectsPath) == meta.counts.series * effectsRecordBytes else {
            throw SnapshotError("\(Self.effectsFile) does not hold \(meta.counts.series) records")
        }
        effects = try FileDescriptor(path: effectsPath)
        if meta.counts.series > 0 {
            let last = meta.counts.series - 1
            let f = try Self.record(forecasts, file: Self.forecastFile, index: last, values: meta.forecastRecordValues)
            let e = try Self.record(effects, file: Self.effectsFile, index: last, values: meta.effectsRecordValues)
            guard f.last?.bitPattern == meta.last_records[Self.forecastFile], e.last?.bitPattern == meta.last_records[Self.effectsFile] else {
                throw SnapshotError("the .bin files are not the ones meta.json describes")
            }
        }
        skus.reserveCapacity(meta.counts.skus)
        try Self.rows(dir + "/skus.csv", fields: 3 + Self.indexedOutputs.count) { r in
            guard let first = Int(r[1]), let count = Int(r[2]) else { throw SnapshotError("bad sku row") }
            var offsets: [Int] = []
            for k in 0..<Self.indexedOutputs.count {
                guard let o = Int(r[3 + k]) else { throw SnapshotError("bad offset") }
                offsets.append(o)
            }
            skus.append(Sku(name: r[0], firstSeries: first, seriesCount: count, offsets: offsets))
        }
        series.reserveCapacity(meta.counts.series)
        try Self.rows(dir + "/series.csv", fields: nil) { r in series.append(try Self.seriesRow(r)) }
        guard series.count == meta.counts.series, skus.count == meta.counts.skus,
              skus.last.map({ $0.firstSeries + $0.seriesCount }) ?? 0 == series.count else {
            throw SnapshotError("counts do not match")
        }
        if meta.sales_indexed {
            try Self.rows(dir + "/sales-index.csv", fields: 5) { r in
                guard let part = Int(r[1]), let lo = Int(r[2]), let hi = Int(r[3]), lo <= hi,
                      let file = Int(r[4]), meta.sales_files.indices.contains(file) else { throw SnapshotError("bad sales run") }
                salesRuns[r[0], default: []].append(SalesRun(sku: 0, part: part, range: lo..<hi, file: file))
            }
        }
        try Self.rows(dir + "/priors.csv", fields: nil) { r in
            guard r.count >= 2 else { throw SnapshotError("bad prior row") }
            let values = try r.dropFirst(2).map { s -> Double in
                guard let v = Double(s) else { throw SnapshotError("bad prior value") }
                return v
            }
            priors[Self.key(category: r[0].isEmpty ? nil : r[0], location: r[1])] = values
        }
        global = try Self.readGlobal(dir + "/" + Self.globalFile)
    }

    /// Writes `global.csv`: `promotion_types`, `events`, `dispersion`, `rows`, then `c0` … one
    /// row per coefficient, then `power` (the Tweedie power of its variance; 1 when absent), then `weight_<class>` per demand class (its combination weight),
    /// then `level_weight` (the 28-day mean's weight, ``GlobalModel/levelWeight``; only when
    /// above 0, absent reads as 0), then `calibration_<band>_<k>` per band of ``QuantileCalibrationBands`` and
    /// ``QuantileCalibration/grid`` probability (its mapped p′), then `interval_<band>_<k>` the
    /// same for the interval calibration;
    /// only the header when `model` is nil.
    package static func writeGlobal(_ model: GlobalModel?, to path: String) throws {
        let w = try CSVWriter(path: path)
        try w.writeRow(["name", "value"])
        if let model {
            try w.writeRow(["promotion_types", "\(model.layout.promotionTypes)"])
            try w.writeRow(["events", "\(model.layout.events)"])
            try w.writeRow(["dispersion", "\(model.dispersion)"])
            try w.writeRow(["rows", "\(model.rows)"])
            for (j, c) in model.coefficients.enumerated() { try w.writeRow(["c\(j)", "\(c)"]) }
            try w.writeRow(["power", "\(model.power)"])
            for (c, weight) in zip(DemandClass.allCases, model.weights.byClass) { try w.writeRow(["weight_\(c.rawValue)", "\(weight)"]) }
            if model.levelWeight > 0 { try w.writeRow(["level_weight", "\(model.levelWeight)"]) }
            for (b, map) in model.quantileCalibration.maps.enumerated() {
                for (k, p) in map.mapped.enumerated() { try w.writeRow(["calibration_\(b)_\(k)", "\(p)"]) }
            }
            for (b, map) in model.intervalCalibration.maps.enumerated() {
                for (k, p) in map.mapped.enumerated() { try w.writeRow(["interval_\(b)_\(k)", "\(p)"]) }
            }
        }
        try w.close()
    }

    /// Reads `global.csv` back (the same bits: Swift's shortest round-trip form); nil when it
    /// holds no model. A file without weights (written before they were chosen) gives even ones,
    /// one without calibration (or interval) rows the identity map.
    package static func readGlobal(_ path: String) throws -> GlobalModel? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var values: [(String, String)] = []
        try rows(path, fields: 2) { r in values.append((r[0], r[1])) }
        guard !values.isEmpty else { return nil }
        guard values.count >= 4, values[0].0 == "promotion_types", values[1].0 == "events", values[2].0 == "dispersion",
              values[3].0 == "rows", let p = Int(values[0].1), let e = Int(values[1].1), let phi = Double(values[2].1),
              let n = Int(values[3].1) else { throw SnapshotError("bad global.csv") }
        let layout = GlobalLayout(promotionTypes: p, events: e)
        let weightRows = values.filter { $0.0.hasPrefix("weight_") }
        let calibrationRows = values.filter { $0.0.hasPrefix("calibration_") }
        let intervalRows = values.filter { $0.0.hasPrefix("interval_") }
        let powerRow = values.first { $0.0 == "power" }
        let levelRow = values.first { $0.0 == "level_weight" }
        let coefficients = try values.dropFirst(4).filter {
            !$0.0.hasPrefix("weight_") && !$0.0.hasPrefix("calibration_") && !$0.0.hasPrefix("interval_") && $0.0 != "power" && $0.0 != "level_weight"
        }.map { v -> Double in
            guard let c = Double(v.1) else { throw SnapshotError("bad global.csv coefficient") }
            return c
        }
        guard coefficients.count == layout.columns else { throw SnapshotError("global.csv has \(coefficients.count) coefficients, expected \(layout.columns)") }
        var model = GlobalModel(layout: layout, coefficients: coefficients, dispersion: phi, rows: n)
        if let powerRow {
            guard let p = Double(powerRow.1), p >= 1, p < 2 else { throw SnapshotError("bad global.csv power \(powerRow.1)") }
            model.power = p
        }
        if let levelRow {
            guard let m = Double(levelRow.1), m >= 0, m <= 1 else { throw SnapshotError("bad global.csv level_weight \(levelRow.1)") }
            model.levelWeight = m
        }
        if !weightRows.isEmpty {
            let byName = Dictionary(weightRows, uniquingKeysWith: { a, _ in a })
            model.weights = CombinationWeights(byClass: try DemandClass.allCases.map { c in
                guard let v = byName["weight_\(c.rawValue)"].flatMap(Double.init) else { throw SnapshotError("global.csv lacks weight_\(c.rawValue)") }
                return v
            })
        }
        if !calibrationRows.isEmpty { model.quantileCalibration = try calibrationBands(calibrationRows, prefix: "calibration_") }
        if !intervalRows.isEmpty { model.intervalCalibration = try calibrationBands(intervalRows, prefix: "interval_") }
        return model
    }

    /// One ``QuantileCalibrationBands`` from its rows `<prefix><band>_<k>` of `global.csv`, in order.
    private static func calibrationBands(_ rows: [(String, String)], prefix: String) throws -> QuantileCalibrationBands {
        let grid = QuantileCalibration.grid.count, bands = QuantileCalibrationBands.bounds.count + 1
        guard rows.count == grid * bands else {
            throw SnapshotError("global.csv has \(rows.count) \(prefix) rows, expected \(grid * bands)")
        }
        let values = try rows.enumerated().map { n, row -> Double in
            guard row.0 == "\(prefix)\(n / grid)_\(n % grid)", let v = Double(row.1) else {
                throw SnapshotError("bad global.csv row \(row.0)")
            }
            return v
        }
        return QuantileCalibrationBands(maps: (0..<bands).map {
            QuantileCalibration(mapped: Array(values[($0 * grid)..<(($0 + 1) * grid)]))
        })
    }

    /// Calls `body` with each data row of `path` (after its header) as strings.
    private static func rows(_ path: String, fields: Int?, _ body: ([String]) throws -> Void) throws {
        let reader = try CSVReader(path: path)
        guard try reader.nextRecord() else { throw SnapshotError("\(path) is empty") }
        var row: [String] = []
        while try reader.nextRecord() {
            if let fields, reader.fieldCount != fields { throw SnapshotError("\(path):\(reader.line): \(reader.fieldCount) fields, expected \(fields)") }
            row.removeAll(keepingCapacity: true)
            for i in 0..<reader.fieldCount { row.append(reader.string(i) ?? "") }
            try body(row)
        }
    }

    /// A file open for reading, closed with its last reference.
    package final class FileDescriptor: @unchecked Sendable {
        package let fd: Int32
        package init(path: String) throws {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw SnapshotError("\(path): \(String(cString: strerror(errno)))") }
        }
        deinit { close(fd) }
    }

    package struct SnapshotError: Error, CustomStringConvertible {
        package var description: String
        package init(_ d: String) { description = d }
    }
}

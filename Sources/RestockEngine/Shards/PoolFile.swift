import Foundation
import Forecast
import RestockData
import RestockSettings
#if canImport(Glibc)
import Glibc
#endif

/// What `restock pool` writes and `restock run --pool` / `restock merge` read: the night's pooled
/// promotion and event effects (``EffectPool``, over ``PoolSample``) and its cross-series model
/// (``GlobalModel``, when `global_model` is not off), made once over the whole data set so that
/// every shard forecasts with the same ones and a sharded night equals the single run.
///
/// One JSON file, keyed by names (categories, locations, promotion types and events), never by
/// interned ids; every number in Swift's shortest round-trip form as a string, so reading it back
/// gives the same bits. It records the as-of date, the config fingerprint and the inputs' SHA-256
/// it was made from; a run given a pool made from anything else refuses it (exit 64).
package struct PoolFile: Codable {
    package static let currentVersion = 1

    package var version: Int
    package var as_of: String
    package var config: String
    package var inputs: [Summary.Input]
    package var promotion_types: [String]
    package var events: [String]
    package var categories: [String]
    package var locations: [String]
    package var sum: [String]
    package var weight: [String]
    package var category_sum: [[String]]
    package var category_weight: [[String]]
    package var location_sum: [[String]]
    package var location_weight: [[String]]
    /// The cross-series model as `global.csv`'s `name,value` rows (``BaselineSnapshot/writeGlobal(_:to:)``); nil without one.
    package var global: [[String]]?
    /// Where each sku's rows lie in the sales table (``SalesIndex``), so a shard reads only its
    /// own; nil when the table is not indexed (compressed, or its skus' rows scattered) or the
    /// pool was made without it: then a shard streams the whole table.
    package var sales_index: SalesIndex?
    /// Each input's ``FileStamps`` (name, size and modification time of its files), taken before
    /// the pool read and hashed them; nil in pools made without them. A shard whose inputs show
    /// the same stamps takes ``inputs``' SHA-256 instead of hashing every input again (on 37,500
    /// series, 8 shards each hashed the 750 MB sales table: 14 % of a shard's CPU); the merge
    /// hashes them, so a file changed in place with its size and time kept is still refused there.
    package var input_stamps: [String: String]?

    /// The sales table's index as the pool's first pass found it (``DataSet/salesRuns``).
    package struct SalesIndex: Codable {
        /// Every sku of the night by name; a run's first number indexes it.
        package var skus: [String]
        /// The sales table's files (``DataSet/salesFiles``); a run's last number indexes it.
        package var files: [String]
        /// Runs of one sku's consecutive rows: `[sku, piece, start byte, end byte, file]`.
        package var runs: [[Int]]
    }

    /// `salesIndex`: the load whose sales index a shard may read its rows through (nil = none).
    /// `stamps`: the inputs' ``FileStamps`` taken before they were read (nil: none recorded).
    package init(data: DataSet, config: RestockConfig, calendar: SeriesCalendar, pool: EffectPool, global: GlobalModel?,
                 salesIndex: DataSet? = nil, stamps: [String: String]? = nil) throws {
        input_stamps = stamps
        sales_index = salesIndex.flatMap { names in
            names.salesRuns.map { runs in
                SalesIndex(skus: names.skus.names, files: names.salesFiles,
                           runs: runs.map { [Int($0.sku), $0.part, $0.range.lowerBound, $0.range.upperBound, $0.file] })
            }
        }
        version = PoolFile.currentVersion
        as_of = "\(data.asOf)"
        self.config = config.fingerprint
        inputs = PoolFile.inputs(of: data)
        promotion_types = data.promotionTypes.names
        events = data.eventNames.names
        categories = calendar.categories
        locations = data.locations.names
        let p = pool.parts
        let text = { (xs: [Double]) in xs.map { "\($0)" } }
        sum = text(p.sum)
        weight = text(p.weight)
        category_sum = p.categorySum.map(text)
        category_weight = p.categoryWeight.map(text)
        location_sum = p.locationSum.map(text)
        location_weight = p.locationWeight.map(text)
        if let global {
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("restock-global-\(getpid()).csv").path
            defer { try? FileManager.default.removeItem(atPath: tmp) }
            try BaselineSnapshot.writeGlobal(global, to: tmp)
            let reader = try CSVReader(path: tmp)
            var rows: [[String]] = []
            while try reader.nextRecord() { rows.append((0..<reader.fieldCount).map { reader.string($0) ?? "" }) }
            self.global = rows
        } else {
            self.global = nil
        }
    }

    /// The inputs a run read, as summary.json lists them (file, rows, SHA-256).
    package static func inputs(of data: DataSet) -> [Summary.Input] {
        data.files.map { Summary.Input(file: $0.name, rows: $0.rows, sha256: $0.sha256, unknown_columns: $0.unknownColumns) }
    }

    /// Writes the file atomically: a temporary file beside it, synced, then renamed over it.
    package func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = try encoder.encode(self)
        bytes.append(10)
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: dir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw RestockError.cannotCreate("--out \(path): cannot create \(dir): \(error.localizedDescription)")
            }
        }
        let tmp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        do {
            try OutputDirectory.writeDurably(bytes, to: tmp)
            guard rename(tmp, path) == 0 else { throw RestockError.io("cannot rename \(tmp) to \(path): \(String(cString: strerror(errno)))") }
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw error
        }
        OutputDirectory.syncDirectory(dir)
    }

    /// Reads a pool file (exit 64 when it is missing or not one).
    package static func read(_ path: String) throws -> PoolFile {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw RestockError.usage("--pool \(path): cannot read the file")
        }
        let file: PoolFile
        do { file = try JSONDecoder().decode(PoolFile.self, from: bytes) } catch {
            throw RestockError.usage("--pool \(path): not a restock pool file (\(error))")
        }
        guard file.version == currentVersion else {
            throw RestockError.usage("--pool \(path): pool file version \(file.version), expected \(currentVersion)")
        }
        return file
    }

    /// Why this pool cannot be used for a run on `data` with `config` (made from other inputs,
    /// another as-of date or other settings); nil when it can.
    package func mismatch(data: DataSet, config: RestockConfig) -> String? {
        if as_of != "\(data.asOf)" { return "it was made as of \(as_of), this run is as of \(data.asOf)" }
        if self.config != config.fingerprint { return "it was made with other settings (\(self.config)) than this run's (\(config.fingerprint))" }
        let mine = PoolFile.inputs(of: data)
        if mine.map(\.file) != inputs.map(\.file) || mine.map(\.sha256) != inputs.map(\.sha256) {
            let differ = zip(mine, inputs).filter { $0.sha256 != $1.sha256 || $0.file != $1.file }.map(\.0.file)
            return "it was made from other inputs (" + (differ.isEmpty ? "other files" : differ.joined(separator: ", ")) + " differ)"
        }
        if promotion_types != data.promotionTypes.names || events != data.eventNames.names {
            return "its promotion types or events differ from this data set's"
        }
        return nil
    }

    /// The pool, laid out for `data`'s ids (categories by `calendar`, locations by `data`): each
    /// category and location matched by name.
    package func effectPool(calendar: SeriesCalendar, data: DataSet) throws -> EffectPool {
        func numbers(_ xs: [String]) throws -> [Double] {
            try xs.map { guard let v = Double($0) else { throw RestockError.usage("pool file: bad number '\($0)'") }; return v }
        }
        let columns = calendar.layout.columns
        let zero = [Double](repeating: 0, count: columns)
        let s = try numbers(sum), w = try numbers(weight)
        guard s.count == columns, w.count == columns else {
            throw RestockError.usage("pool file: \(s.count) columns, expected \(columns)")
        }
        var parts = EffectPool.Parts(sum: s, weight: w,
                                     categorySum: .init(repeating: zero, count: calendar.categories.count),
                                     categoryWeight: .init(repeating: zero, count: calendar.categories.count),
                                     locationSum: .init(repeating: zero, count: data.locations.count),
                                     locationWeight: .init(repeating: zero, count: data.locations.count))
        let categoryID = Dictionary(calendar.categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for (k, name) in categories.enumerated() {
            guard let g = categoryID[name], k < category_sum.count, k < category_weight.count else { continue }
            parts.categorySum[g] = try numbers(category_sum[k])
            parts.categoryWeight[g] = try numbers(category_weight[k])
        }
        for (k, name) in locations.enumerated() {
            guard let l = data.locations.existingID(name), k < location_sum.count, k < location_weight.count else { continue }
            parts.locationSum[Int(l)] = try numbers(location_sum[k])
            parts.locationWeight[Int(l)] = try numbers(location_weight[k])
        }
        let all = parts.categorySum + parts.categoryWeight + parts.locationSum + parts.locationWeight
        guard all.allSatisfy({ $0.count == columns }) else { throw RestockError.usage("pool file: rows of the wrong width") }
        return EffectPool(layout: calendar.layout, parts: parts)
    }

    /// The cross-series model, nil when the pool has none.
    package func globalModel() throws -> GlobalModel? {
        guard let global else { return nil }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("restock-global-\(getpid())-read.csv").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let w = try CSVWriter(path: tmp)
        for row in global { try w.writeRow(row) }
        try w.close()
        do { return try BaselineSnapshot.readGlobal(tmp) } catch {
            throw RestockError.usage("pool file: its cross-series model cannot be read (\(error))")
        }
    }
}

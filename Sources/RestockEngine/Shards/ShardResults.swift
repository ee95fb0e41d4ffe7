import Foundation
import Forecast
import RestockData
import RestockSettings

/// What a shard (`restock run --shard I/N --pool FILE`) keeps beside its normal output set, in
/// `state/shard.v1/`, for `restock merge`:
///
/// - `meta.json` (``ShardMeta``): the shard, the night's as-of date, config fingerprint, input
///   SHA-256s and the pool file's SHA-256, which the merge requires every shard to agree on;
/// - `results.csv`: per series of the shard, in output order, its forecast exactly as the shard
///   made it (mean, sd, calibrations, regression parts; numbers in Swift's shortest round-trip
///   form, space-separated), the night its method was chosen and why ForecastGuard replaced it
///   (empty if it did not).
///
/// The merge plans every sku again from these forecasts (planning is cheap next to forecasting)
/// and writes the night's outputs with the same writers as `run`, so the merged set is the
/// single run's, byte for byte, including the cross-sku supplier stage, report.html, the model
/// state and the what-if snapshot.
package enum ShardResults {
    package static let directory = "state/shard.v1"
    package static let metaFile = "state/shard.v1/meta.json"
    package static let resultsFile = "state/shard.v1/results.csv"
    package static let header = ["sku", "location", "model", "chosen_on", "fallback", "mean", "sd", "calibration",
                         "interval_calibration", "reg_coefficients", "reg_base_mean", "reg_base_sd", "reg_base_model"]

    /// A series' forecast as the shard made it.
    package typealias Entry = RunDescription.RecordedForecast

    package static func key(sku: String, location: String) -> String { sku + "\u{1F}" + location }

    package static func numbers(_ xs: [Double]) -> String { xs.map { "\($0)" }.joined(separator: " ") }

    /// The space-separated numbers of a field's bytes (empty field: none), as `Double(String)`
    /// reads each (glibc's `strtod`, correctly rounded, so Swift's shortest round-trip text
    /// comes back as the same bits), without a `String` per number: the field is copied once
    /// into `scratch` (NUL-terminated) and read in place. On a merge of 37,500 series this took
    /// the shards' results from 8 s to about 1 s.
    package static func parseNumbers(_ field: UnsafeRawBufferPointer, _ what: String, _ line: Int,
                                     scratch: inout NumberListScratch) throws -> [Double] {
        if field.isEmpty { return [] }
        return try scratch.read(field) { text, count in
            var out: [Double] = []
            out.reserveCapacity(count / 8 + 1)
            var p = text
            let end = text + count
            while true {
                while p < end && p.pointee == 32 { p += 1 }
                if p >= end { break }
                var stop: UnsafeMutablePointer<CChar>? = nil
                let v = strtod(p, &stop)
                guard let stop, stop > p, stop.pointee == 32 || stop.pointee == 0, !p.pointee.isWhitespaceByte else {
                    var q = p
                    while q < end && q.pointee != 32 { q += 1 }
                    let token = String(decoding: UnsafeRawBufferPointer(start: p, count: q - p), as: UTF8.self)
                    throw RestockError.usage("\(resultsFile):\(line): bad number '\(token)' in \(what)")
                }
                out.append(v)
                p = stop
            }
            return out
        }
    }

    /// Reads a shard's results, keyed by ``key(sku:location:)``.
    package static func read(shardDirectory dir: String) throws -> [String: Entry] {
        let path = dir + "/" + resultsFile
        guard FileManager.default.fileExists(atPath: path) else {
            throw RestockError.usage("\(dir) holds no \(resultsFile): not the output of `restock run --shard`")
        }
        let reader = try CSVReader(path: path)
        guard try reader.nextRecord(), reader.fieldCount == header.count else {
            throw RestockError.usage("\(path): not a shard results file")
        }
        var out: [String: Entry] = [:]
        var scratch = NumberListScratch()
        var line = 1
        while try reader.nextRecord() {
            line += 1
            guard reader.fieldCount == header.count else { throw RestockError.usage("\(path):\(line): \(reader.fieldCount) fields, expected \(header.count)") }
            // Text fields as strings, number lists read from the field's bytes.
            let r = [0, 1, 2, 3, 4, 12].map { reader.string($0) ?? "" }
            func numbers(_ column: Int) throws -> [Double] {
                try parseNumbers(reader.field(column), header[column], line, scratch: &scratch)
            }
            var f = DemandForecast(mean: try numbers(5), sd: try numbers(6), model: r[2])
            if !reader.field(7).isEmpty { f.calibration = QuantileCalibration(mapped: try numbers(7)) }
            if !reader.field(8).isEmpty { f.intervalCalibration = QuantileCalibration(mapped: try numbers(8)) }
            if !r[5].isEmpty || !reader.field(9).isEmpty {
                f.regression = RegressionParts(coefficients: try numbers(9), baseMean: try numbers(10),
                                               baseSD: try numbers(11), baseModel: r[5])
            }
            guard let day = Day.parse(r[3]) else { throw RestockError.usage("\(path):\(line): bad chosen_on '\(r[3])'") }
            out[key(sku: r[0], location: r[1])] = Entry(forecast: f, chosenOn: day, fallback: r[4].isEmpty ? nil : r[4])
        }
        return out
    }
}

/// Writes a shard's `results.csv` as its batches stream by.
package final class ShardResultsWriter {
    private let writer: CSVWriter
    private let data: DataSet

    package init(directory: OutputDirectory, data: DataSet) throws {
        self.data = data
        try FileManager.default.createDirectory(atPath: directory.stagingFile(ShardResults.directory), withIntermediateDirectories: true)
        writer = try CSVWriter(path: directory.stagingFile(ShardResults.resultsFile))
        try writer.writeRow(ShardResults.header)
    }

    package func record(_ batch: [SkuResult]) throws {
        for r in batch {
            for (k, i) in r.range.enumerated() {
                let s = data.series[i]
                let f = r.forecasts[k]
                try writer.writeField(data.skuName(s))
                try writer.writeField(data.locationName(s))
                try writer.writeField(f.model)
                try writer.writeDay(k < r.chosenOn.count ? r.chosenOn[k] : data.asOf)
                try writer.writeField(k < r.fallbacks.count ? (r.fallbacks[k] ?? "") : "")
                try writer.writeField(ShardResults.numbers(f.mean))
                try writer.writeField(ShardResults.numbers(f.sd))
                try writer.writeField(f.calibration.isIdentity ? "" : ShardResults.numbers(f.calibration.mapped))
                try writer.writeField(f.intervalCalibration.isIdentity ? "" : ShardResults.numbers(f.intervalCalibration.mapped))
                try writer.writeField(f.regression.map { ShardResults.numbers($0.coefficients) } ?? "")
                try writer.writeField(f.regression.map { ShardResults.numbers($0.baseMean) } ?? "")
                try writer.writeField(f.regression.map { ShardResults.numbers($0.baseSD) } ?? "")
                try writer.writeField(f.regression?.baseModel ?? "")
                try writer.endRecord()
            }
        }
    }

    package func close() throws { try writer.close() }
}

/// `state/shard.v1/meta.json`: what a shard's results were made from.
package struct ShardMeta: Codable, Equatable {
    package static let currentVersion = 1
    package var version: Int
    package var shard: Int
    package var shards: Int
    package var as_of: String
    /// Whether the shard was given `--as-of` (a replay) rather than taking the last sales date.
    package var as_of_given: Bool
    package var config: String
    package var inputs: [Summary.Input]
    package var pool_sha256: String
    package var skus: Int
    package var series: Int
    /// The shard's data and settings options as given (``NightStage/settingsArguments(_:)``) and
    /// the directory it ran in, so `restock merge` needs no more than the shard directories.
    package var arguments: [String]
    package var directory: String

    package static func read(shardDirectory dir: String) throws -> ShardMeta {
        let path = dir + "/" + ShardResults.metaFile
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw RestockError.usage("\(dir) holds no \(ShardResults.metaFile): not a finished `restock run --shard` output")
        }
        do {
            let m = try JSONDecoder().decode(ShardMeta.self, from: bytes)
            guard m.version == currentVersion else { throw RestockError.usage("\(path): version \(m.version), expected \(currentVersion)") }
            return m
        } catch let e as RestockError { throw e } catch {
            throw RestockError.usage("\(path): not a shard meta file (\(error))")
        }
    }
}

extension Summary.Input: Equatable {
    package static func == (a: Summary.Input, b: Summary.Input) -> Bool {
        a.file == b.file && a.rows == b.rows && a.sha256 == b.sha256 && a.unknown_columns == b.unknown_columns
    }
}

/// A reusable NUL-terminated copy of one field, for `strtod` (``ShardResults/parseNumbers(_:_:_:scratch:)``).
package struct NumberListScratch {
    private var bytes: [CChar] = []

    package init() {}

    /// Calls `body` with the field's bytes followed by a NUL, and their count.
    mutating func read<T>(_ field: UnsafeRawBufferPointer,
                          _ body: (UnsafeMutablePointer<CChar>, Int) throws -> T) rethrows -> T {
        if bytes.count < field.count + 1 { bytes = [CChar](repeating: 0, count: max(field.count + 1, 2 * bytes.count)) }
        return try bytes.withUnsafeMutableBufferPointer { b in
            let base = b.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: field.baseAddress!, byteCount: field.count)
            base[field.count] = 0
            return try body(base, field.count)
        }
    }
}

private extension CChar {
    /// Whitespace `strtod` would skip before a number (space excepted: the separator).
    var isWhitespaceByte: Bool { self == 9 || self == 10 || self == 11 || self == 12 || self == 13 }
}

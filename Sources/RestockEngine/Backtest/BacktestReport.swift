import Forecast
import Foundation
import LinearAlgebra
import RestockData
import RestockSettings

/// `backtest.csv`: one row per fold, model and segment.
package final class BacktestReport {
    private let writer: CSVWriter
    private let levels: [Double]

    package init(path: String, levels: [Double]) throws {
        writer = try CSVWriter(path: path)
        self.levels = levels
        var header = ["fold", "origin", "model", "segment", "series", "days", "mase", "rmsse", "wape", "bias"]
        for l in levels { header.append("coverage\(RestockConfig.levelLabel(l))") }
        for l in levels { header.append("pinball\(RestockConfig.levelLabel(l))") }
        header += ["wrmsse", "rmspe", "wspl"]
        try writer.writeRow(header)
    }

    /// `metrics` ("model|segment" → item × location metrics) and `aggregates` (the WRMSSE of the
    /// `level:` segments, ``BacktestAggregates``; their other metric columns are empty), in
    /// sorted key order.
    package func write(fold: String, origin: String, metrics: [String: AccuracyMetrics],
               aggregates: [String: CompetitionMetrics] = [:]) throws {
        for key in Set(metrics.keys).union(aggregates.keys).sorted() {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            try writer.writeField(fold)
            try writer.writeField(origin)
            try writer.writeField(parts[0])
            try writer.writeField(parts[1])
            if let m = metrics[key] {
                try writer.writeInteger(m.series)
                try writer.writeInteger(m.days)
                for v in [m.mase, m.rmsse, m.wape, m.bias] { try writer.writeDecimal(v) }
                for k in levels.indices { try writer.writeDecimal(m.coverage(k)) }
                for k in levels.indices { try writer.writeDecimal(m.scaledPinball(k)) }
                for v in [m.competition.wrmsse, m.competition.rmspe, m.competition.wspl] { try writer.writeDecimal(v) }
            } else if let a = aggregates[key] {
                try writer.writeInteger(a.series)
                try writer.writeInteger(a.days)
                for _ in 0..<(4 + 2 * levels.count) { try writer.writeDecimal(.nan) }
                for v in [a.wrmsse, .nan, .nan] { try writer.writeDecimal(v) }
            }
            try writer.endRecord()
        }
    }

    package func close() throws { try writer.close() }
}

/// `summary.json` of a backtest.
package struct BacktestSummary: Encodable {
    package struct Score: Encodable {
        package var series: Int
        package var days: Int
        package var mase: Double?
        package var rmsse: Double?
        package var wape: Double?
        package var bias: Double?
        /// M5 metrics (``CompetitionMetrics``); a `level:` segment has only `wrmsse`.
        package var wrmsse: Double?
        package var rmspe: Double?
        package var wspl: Double?
    }

    package var restock_version = Summary.version
    package var command = "backtest"
    package var as_of: String
    package var horizon_days: Int
    package var folds: Int
    package var blas: String
    package var inputs: [Summary.Input]
    /// model → segment → score, over all folds (`level:` segments: the bottom-up WRMSSE).
    package var accuracy: [String: [String: Score]]
    package var timings_seconds: [String: Double]
    package var warnings: [String]

    package init(data: DataSet, config: RestockConfig, folds: Int, overall: [String: AccuracyMetrics],
         aggregates: [String: CompetitionMetrics] = [:], warnings: [String], timings: [String: Double]) {
        as_of = data.asOf.description
        horizon_days = config.horizon
        self.folds = folds
        blas = BLASRuntime.configuration
        inputs = data.files.map { Summary.Input(file: $0.name, rows: $0.rows, sha256: $0.sha256, unknown_columns: $0.unknownColumns) }
        func clean(_ x: Double) -> Double? { x.isFinite ? (x * 1e6).rounded() / 1e6 : nil }
        var acc: [String: [String: Score]] = [:]
        for (key, m) in overall {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            acc[parts[0], default: [:]][parts[1]] = Score(series: m.series, days: m.days, mase: clean(m.mase),
                                                          rmsse: clean(m.rmsse), wape: clean(m.wape), bias: clean(m.bias),
                                                          wrmsse: clean(m.competition.wrmsse),
                                                          rmspe: clean(m.competition.rmspe), wspl: clean(m.competition.wspl))
        }
        for (key, a) in aggregates {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            acc[parts[0], default: [:]][parts[1]] = Score(series: a.series, days: a.days, wrmsse: clean(a.wrmsse))
        }
        accuracy = acc
        timings_seconds = timings.mapValues { ($0 * 1000).rounded() / 1000 }
        self.warnings = warnings
    }

    package func write(to path: String) throws { try JSONOutput.write(self, to: path) }
}

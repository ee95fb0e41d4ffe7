import Forecast
import Foundation
import RestockData
import RestockSettings

/// Writes a nightly run's ``BaselineSnapshot`` into its staging directory while the outputs
/// are written: a row per sku (where its rows start) and per series (its tally), then the
/// sales index, the effect priors and `meta.json` once the outputs are closed.
package final class BaselineRecorder {
    private let data: DataSet
    private let writers: OutputWriters
    private let directory: String
    private let skus: CSVWriter
    private let series: CSVWriter
    /// Each series' forecast mean then sd, horizon values each (``BaselineSnapshot/forecastFile``).
    private let forecasts: DoublesWriter
    /// Each series' regression parts (``BaselineSnapshot/effectsFile``).
    private let effects: DoublesWriter
    private let effectColumns: Int

    package init(directory output: OutputDirectory, data: DataSet, writers: OutputWriters) throws {
        self.data = data
        self.writers = writers
        directory = output.stagingFile(BaselineSnapshot.relativePath)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        skus = try CSVWriter(path: directory + "/skus.csv")
        try skus.writeRow(["sku", "first_series", "series"] + BaselineSnapshot.indexedOutputs.map { "offset_" + $0 })
        series = try CSVWriter(path: directory + "/series.csv")
        try series.writeRow(BaselineSnapshot.seriesHeader)
        forecasts = try DoublesWriter(path: directory + "/" + BaselineSnapshot.forecastFile)
        effects = try DoublesWriter(path: directory + "/" + BaselineSnapshot.effectsFile)
        let columns = EffectLayout(promotionTypes: data.promotionTypes.count, events: data.eventNames.count).columns
        effectColumns = columns
        writers.willWriteSku = { [unowned self] range in
            try skus.writeField(data.skuName(data.series[range.lowerBound]))
            try skus.writeInteger(range.lowerBound)
            try skus.writeInteger(range.count)
            for w in [writers.forecast, writers.orders, writers.transfers, writers.exceptions, writers.state] {
                try skus.writeInteger(w?.position ?? 0)
            }
            try skus.endRecord()
        }
        writers.didWriteSeries = { [unowned self] i, tally, forecast in
            let s = data.series[i]
            let h = writers.config.horizon
            guard let forecast, forecast.mean.count == h, forecast.sd.count == h else {
                throw RestockError.data("internal: series \(i) has no forecast of \(h) days for the baseline snapshot")
            }
            try forecasts.writeRecord(forecast.mean, forecast.sd)
            if let r = forecast.regression, r.coefficients.count == columns, r.baseMean.count == h, r.baseSD.count == h,
               GlobalModel.ownModel(of: forecast.model) == r.baseModel + "+reg" {
                try effects.writeRecord([1], r.coefficients, r.baseMean, r.baseSD)
            } else {
                try effects.writeRecord([Double](repeating: 0, count: 1 + columns + 2 * h))
            }
            try BaselineSnapshot.writeSeriesRow(series, sku: data.skuName(s), location: data.locationName(s), item: s.item, tally)
        }
    }

    /// Completes the snapshot once `writers` are closed. `inputs` are the data files' stats
    /// taken before the load; `loadWarnings` what loading them said; `pool` the effects the run pooled.
    package func finish(inputs: [BaselineSnapshot.FileStat], loadWarnings: [String], config: RestockConfig, pool: EffectPool?,
                global: GlobalModel? = nil, summary: Summary, output: OutputDirectory) throws {
        try skus.close()
        try series.close()
        let index = try CSVWriter(path: directory + "/sales-index.csv")
        try index.writeRow(["sku", "part", "start", "end", "file"])
        if let runs = data.salesRuns {
            for r in runs {
                try index.writeField(data.skus[r.sku])
                try index.writeInteger(r.part)
                try index.writeInteger(r.range.lowerBound)
                try index.writeInteger(r.range.upperBound)
                try index.writeInteger(r.file)
                try index.endRecord()
            }
        }
        try index.close()
        try forecasts.close()
        try effects.close()
        let priors = try CSVWriter(path: directory + "/priors.csv")
        let calendar = SeriesCalendar(data: data, horizon: config.horizon)
        try priors.writeRow(["category", "location"] + (0..<calendar.layout.columns).map { "c\($0)" })
        if let pool {
            var seen = Set<String>()
            for (i, s) in data.series.enumerated() {
                let key = BaselineSnapshot.key(category: s.item?.category, location: data.locationName(s))
                guard seen.insert(key).inserted else { continue }
                try priors.writeField(s.item?.category ?? "")
                try priors.writeField(data.locationName(s))
                for v in calendar.prior(pool, series: i) { try priors.writeField("\(v)") }
                try priors.endRecord()
            }
        }
        try priors.close()
        try BaselineSnapshot.writeGlobal(global, to: directory + "/" + BaselineSnapshot.globalFile)
        let outputs = BaselineSnapshot.indexedOutputs.map {
            BaselineSnapshot.FileStat(file: $0, size: BaselineSnapshot.size(output.stagingFile($0)) ?? -1, mtime_ns: 0)
        }
        let meta = BaselineSnapshot.Meta(
            version: BaselineSnapshot.version, as_of: data.asOf.description,
            latest_sales_day: data.latestSalesDay.description, config: config.fingerprint, inputs: inputs,
            summary_inputs: summary.inputs,
            counts: summary.counts,
            forecast_days: config.horizon, effect_columns: effectColumns,
            last_records: [BaselineSnapshot.forecastFile: forecasts.lastChecksum.bitPattern,
                           BaselineSnapshot.effectsFile: effects.lastChecksum.bitPattern], warnings: loadWarnings, outputs: outputs, sales_files: data.salesFiles,
            sales_indexed: data.salesRuns != nil, locations: data.locations.names,
            files: Dictionary(uniqueKeysWithValues: BaselineSnapshot.files.map { ($0, FileFingerprints.sha256(path: directory + "/" + $0) ?? "") }))
        try JSONOutput.write(meta, to: directory + "/meta.json")
    }
}

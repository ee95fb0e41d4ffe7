import Forecast
import Foundation
import RestockData
import RestockSettings

/// Writes a nightly run's ``BaselineSnapshot`` into its staging directory while the outputs
/// are written: a row per sku (where its rows start) and per series (its tally), then the
/// sales index, the effect priors and `meta.json` once the outputs are closed.
package final class BaselineRecorder {
    /// The data set the series being written come from (a night held in parts: the part loaded
    /// now, ``rebind(to:seriesOffset:pool:config:)``), and the series of the parts before it.
    private var data: DataSet
    private var seriesOffset = 0
    /// The effect priors per (category, location), in series order, as each part is passed.
    private var priorRows: [(category: String, location: String, values: [Double])] = []
    private var priorKeys = Set<String>()
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
            try skus.writeField(self.data.skuName(self.data.series[range.lowerBound]))
            try skus.writeInteger(self.seriesOffset + range.lowerBound)
            try skus.writeInteger(range.count)
            for w in [writers.forecast, writers.orders, writers.transfers, writers.exceptions, writers.state] {
                try skus.writeInteger(w?.position ?? 0)
            }
            try skus.endRecord()
        }
        writers.didWriteSeries = { [unowned self] i, tally, forecast in
            let s = self.data.series[i]
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
            try BaselineSnapshot.writeSeriesRow(series, sku: self.data.skuName(s), location: self.data.locationName(s), item: s.item, tally)
        }
    }

    /// Moves on to the next part of a night held in parts (``BucketedNight``), its series after
    /// `seriesOffset` series of the parts before; `pool` is the effects as the part before saw
    /// them (its priors are taken first).
    package func rebind(to part: DataSet, seriesOffset: Int, pool: EffectPool?, config: RestockConfig) {
        collectPriors(pool: pool, config: config)
        data = part
        self.seriesOffset = seriesOffset
    }

    /// The effect priors of the current data set's (category, location) pairs not seen before.
    private func collectPriors(pool: EffectPool?, config: RestockConfig) {
        guard let pool else { return }
        let calendar = SeriesCalendar(data: data, horizon: config.horizon)
        for (i, s) in data.series.enumerated() {
            let key = BaselineSnapshot.key(category: s.item?.category, location: data.locationName(s))
            guard priorKeys.insert(key).inserted else { continue }
            priorRows.append((s.item?.category ?? "", data.locationName(s), calendar.prior(pool, series: i)))
        }
    }

    /// Completes the snapshot once `writers` are closed. `inputs` are the data files' stats
    /// taken before the load; `loadWarnings` what loading them said; `pool` the effects the run pooled.
    /// `latestSalesDay`: the last sales day over the whole night when it was held in parts (nil =
    /// the data set's); `salesIndex`: the load whose sales index (``DataSet/salesRuns``) is
    /// kept (nil = the data set's).
    package func finish(inputs: [BaselineSnapshot.FileStat], loadWarnings: [String], config: RestockConfig, pool: EffectPool?,
                global: GlobalModel? = nil, summary: Summary, output: OutputDirectory, latestSalesDay: Day? = nil,
                salesIndex: DataSet? = nil) throws {
        let indexed = salesIndex ?? data
        try skus.close()
        try series.close()
        let index = try CSVWriter(path: directory + "/sales-index.csv")
        try index.writeRow(["sku", "part", "start", "end", "file"])
        if let runs = indexed.salesRuns {
            for r in runs {
                try index.writeField(indexed.skus[r.sku])
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
        try priors.writeRow(["category", "location"] + (0..<effectColumns).map { "c\($0)" })
        collectPriors(pool: pool, config: config)
        for row in priorRows {
            try priors.writeField(row.category)
            try priors.writeField(row.location)
            for v in row.values { try priors.writeField("\(v)") }
            try priors.endRecord()
        }
        try priors.close()
        try BaselineSnapshot.writeGlobal(global, to: directory + "/" + BaselineSnapshot.globalFile)
        let outputs = BaselineSnapshot.indexedOutputs.map {
            BaselineSnapshot.FileStat(file: $0, size: BaselineSnapshot.size(output.stagingFile($0)) ?? -1, mtime_ns: 0)
        }
        let meta = BaselineSnapshot.Meta(
            version: BaselineSnapshot.version, as_of: data.asOf.description,
            latest_sales_day: (latestSalesDay ?? data.latestSalesDay).description, config: config.fingerprint, inputs: inputs,
            summary_inputs: summary.inputs,
            counts: summary.counts,
            forecast_days: config.horizon, effect_columns: effectColumns,
            last_records: [BaselineSnapshot.forecastFile: forecasts.lastChecksum.bitPattern,
                           BaselineSnapshot.effectsFile: effects.lastChecksum.bitPattern], warnings: loadWarnings, outputs: outputs, sales_files: data.salesFiles,
            sales_indexed: indexed.salesRuns != nil, locations: data.locations.names,
            files: Dictionary(uniqueKeysWithValues: BaselineSnapshot.files.map { ($0, FileFingerprints.sha256(path: directory + "/" + $0) ?? "") }))
        try JSONOutput.write(meta, to: directory + "/meta.json")
    }
}

import Forecast
import Foundation
import Logging
import RestockData
import RestockEngine
import RestockSettings
#if canImport(Glibc)
import Glibc
#endif

/// A what-if against a nightly run whose ``BaselineSnapshot`` still describes the data: only
/// the skus the scenario may touch (and the few the report charts) are loaded and recomputed;
/// every other sku's rows are copied byte for byte from the nightly outputs and its totals are
/// taken from the snapshot, summed in series order as a full run sums them.
package struct WhatIfFromBaseline {
    package let snapshot: BaselineSnapshot
    package let baselineDirectory: String
    package let dataDirectory: String
    package let scenario: Scenario
    package let scenarioPath: String
    package let config: RestockConfig

    /// The parts of a finished what-if that ``WhatIfCommand`` turns into summary and report.
    package struct Result {
        package var scenarioData: DataSet
        package var writers: OutputWriters
        package var diff: ScenarioDiff
        package var notes: [String]
        package var touched: Int
        package var warnings: [String]
        package var timings: [String: Double]
    }

    /// Why the snapshot cannot serve this scenario after all (the caller recomputes everything).
    package struct Unusable: Error, CustomStringConvertible { package var description: String }

    package func run(directory: OutputDirectory, logger: Logger) throws -> Result {
        let t0 = Date()
        let snap = snapshot
        // A partial load cannot refit the cross-series model: the nightly one must be in the snapshot.
        if config.globalModel != .off && snap.global == nil {
            throw Unusable(description: "global_model is \(config.globalModel.rawValue) but the baseline snapshot holds no cross-series model")
        }
        // Which skus to load: those the scenario may touch and the untouched ones the report may chart.
        let catalog = snap.series.map { (sku: $0.sku, location: $0.location, category: $0.category, source: $0.source) }
        var load: Set<String>? = nil
        if let candidates = scenario.candidateSkus(catalog), snap.meta.sales_indexed {
            let charted = chartCandidates(excluding: candidates)
            let wanted = candidates.union(charted)
            // Most skus: one parallel pass over sales.csv beats reading them run by run.
            if wanted.count * 2 <= snap.skus.count { load = wanted }
        }
        guard let asOf = Day.parse(snap.meta.as_of) else { throw Unusable(description: "bad as-of in the snapshot") }
        var only: DataSetLoader.Subset? = nil
        if let load {
            let runs = load.flatMap { snap.salesRuns[$0] ?? [] }.sorted { ($0.part, $0.range.lowerBound) < ($1.part, $1.range.lowerBound) }
            only = DataSetLoader.Subset(skus: load, runs: runs, files: snap.meta.sales_files,
                                        locations: snap.meta.locations)
        }
        let baseData: DataSet
        do {
            (baseData, _) = try DataLoading.load(directory: dataDirectory, asOf: asOf, requirePlanningFiles: true,
                                                 logger: logger, only: only, fingerprints: false,
                                                 quarantine: config.quarantine)
        } catch {
            // The nightly run loaded these files without error: a partial load that fails is our
            // problem, not the data's.
            throw Unusable(description: "loading part of the data failed (\(error))")
        }
        // The supplier stage works across skus: one touched sku can change other skus' lines, which
        // the snapshot's copied rows cannot follow.
        if baseData.suppliers.values.contains(where: \.hasOrderTerms) {
            throw Unusable(description: "suppliers.csv sets purchase-order terms, which apply across skus")
        }
        if config.budget.isSet { throw Unusable(description: "the config sets a budget, which applies across skus") }
        if config.prebuild && baseData.suppliers.values.contains(where: { $0.weeklyCapacityUnits != nil }) {
            throw Unusable(description: "suppliers.csv sets weekly capacities, whose pre-build applies across skus")
        }
        logger.info("from baseline snapshot", metadata: ["stage": "load", "skus_loaded": "\(baseData.skuRanges.count)",
                                                         "skus": "\(snap.skus.count)"])
        let global = try globalIndices(baseData)
        let applied = try ScenarioApplication.apply(scenario, to: baseData, path: scenarioPath)
        for note in applied.notes { logger.info("\(note)", metadata: ["stage": "scenario"]) }
        let loadSeconds = Date().timeIntervalSince(t0)

        // The scenario is applied to the touched skus only; the other loaded skus (charted in the
        // report) get their baseline back with the nightly run's warm refits. Baseline forecasts
        // of touched series come from the snapshot.
        let t1 = Date()
        var warnings: [String] = []
        // The model state is read from the file opened with the snapshot (a nightly run that
        // replaces the directory meanwhile cannot mix nights).
        let (warm, warning) = config.reselectDays > 0
            ? ModelState.read(outputDirectory: baselineDirectory, data: baseData,
                              reader: try CSVReader(descriptor: snap.outputFiles.fds[4], path: snap.outputFiles.paths[4]))
            : (nil, nil)
        if let w = warning { logger.warning("\(w)"); warnings.append(w) }
        let priors = snap.priors
        let columns = EffectLayout(promotionTypes: baseData.promotionTypes.count, events: baseData.eventNames.count).columns
        var priorOfSeries: [[Double]] = []
        for s in baseData.series {
            guard let p = priors[BaselineSnapshot.key(category: s.item?.category, location: baseData.locationName(s))], p.count == columns else {
                throw Unusable(description: "the baseline snapshot has no effect prior for \(baseData.skuName(s)) at \(baseData.locationName(s))")
            }
            priorOfSeries.append(p)
        }
        let touched = applied.touchedSkus
        let baselinePipeline = Pipeline(data: baseData, config: config, plan: true,
                                        run: RunDescription(source: warm.map { .refitRemembered($0) } ?? .fitAfresh,
                                                            coverage: .allBut(touched), effects: .priors(priorOfSeries),
                                                            crossSeriesModel: snap.global))
        var results: [String: SkuResult] = [:]
        try baselinePipeline.run(progress: nil) { batch in
            for r in batch { results[baseData.skuName(baseData.series[r.range.lowerBound])] = r }
        }
        let baselineSeconds = Date().timeIntervalSince(t1)

        let t2 = Date()
        let scenarioData = applied.data
        // Reuse, not refit: a series whose history calendar the scenario leaves alone keeps the
        // nightly fit; only the horizon's effects are put on again (the same bits as a refit).
        let baseCalendar = SeriesCalendar(data: baseData, horizon: config.horizon)
        let reused = Counter(), damaged = Counter()
        let fromSnapshot: @Sendable (Int, CalendarFeatures?) -> DemandForecast? = { [baseData] i, features in
            let j = global[i]
            var f: DemandForecast? = nil
            let nightly = snap.series[j].tally.model, own = GlobalModel.ownModel(of: nightly)
            if !own.hasSuffix("+reg") {
                // A method that ignores the calendar keeps its nightly forecast, unless that holds
                // the cross-series part too (then the own method is refitted, nil here).
                f = own == nightly ? try? snap.forecast(series: j) : nil
            } else if let features, let n = baseData.series[i].history?.count, let before = baseCalendar.features(for: i),
                      before.agrees(with: features, onFirst: n + ModelChoice.lookaheadDays) {
                do {
                    if let parts = try snap.regressionParts(series: j) {
                        f = ModelChoice.reforecast(parts, features: features, layout: baseCalendar.layout, historyDays: n)
                    }
                } catch {
                    damaged.add()
                }
            }
            if f != nil { reused.add() }
            return f
        }
        let scenarioPipeline = Pipeline(
            data: scenarioData, config: config, plan: true,
            run: RunDescription(source: .scenario(.init(adjustments: applied.adjustments, remembered: warm, fromSnapshot: fromSnapshot)),
                                coverage: .only(touched), effects: .priors(priorOfSeries), crossSeriesModel: snap.global))
        let touchedSeries = scenarioData.skuRanges.reduce(0) { $0 + (touched.contains(scenarioData.series[$1.lowerBound].key.sku) ? $1.count : 0) }
        let progress = Progress(stage: "scenario", total: max(1, touchedSeries))
        try scenarioPipeline.run(progress: progress) { batch in
            for r in batch { results[scenarioData.skuName(scenarioData.series[r.range.lowerBound])] = r }
        }
        Progress.clearLine()
        logger.info("scenario forecasts", metadata: ["stage": "fit", "series": "\(touchedSeries)",
                                                     "reused_nightly_fit": "\(reused.value)",
                                                     "fitted": "\(touchedSeries - reused.value)"])
        if damaged.value > 0 {
            let w = "\(damaged.value) damaged record(s) in \(BaselineSnapshot.relativePath)/\(BaselineSnapshot.effectsFile): those series were fitted again"
            logger.warning("\(w)")
            warnings.append(w)
        }
        let touchedNames = Set(touched.map { scenarioData.skus[$0] })

        // Write: the touched skus' new rows where they were, everything else copied.
        let writers = try OutputWriters(directory: directory, data: scenarioData, config: config, plan: true)
        writers.globalIndex = { global[$0] }
        var baselineForecasts: [Int: DemandForecast] = [:]
        for r in scenarioData.skuRanges where touched.contains(scenarioData.series[r.lowerBound].key.sku) {
            for i in r { baselineForecasts[i] = try snap.forecast(series: global[i]) }
        }
        writers.baselineForecast = { [baselineForecasts] i in baselineForecasts[i] }
        let diff = try ScenarioDiff(path: directory.stagingFile("diff.csv"))
        let sources = snap.outputFiles
        let targets: [CSVWriter] = [writers.forecast, writers.orders!, writers.transfers!, writers.exceptions!, writers.state]
        var spanStart = 0
        func copySpan(upTo end: Int) throws {
            defer { spanStart = end + 1 }
            guard spanStart < end else { return }
            for (o, w) in targets.enumerated() {
                let lo = snap.skus[spanStart].offsets[o]
                let hi = end < snap.skus.count ? snap.skus[end].offsets[o] : snap.outputSizes[o]
                if hi > lo { try w.copy(lo..<hi, from: sources.fds[o], sourcePath: sources.paths[o]) }
            }
        }
        for (k, sku) in snap.skus.enumerated() {
            let seriesRange = sku.firstSeries..<(sku.firstSeries + sku.seriesCount)
            if touchedNames.contains(sku.name), let r = results[sku.name] {
                try copySpan(upTo: k)
                try writers.write([r])
                for (n, i) in r.range.enumerated() {
                    let s = scenarioData.series[i]
                    try diff.write(sku: sku.name, location: scenarioData.locationName(s),
                                   baseline: snap.series[seriesRange.lowerBound + n].tally.diff,
                                   scenario: DiffValues(forecast: r.forecasts[n], plan: r.plans[n], item: s.item, data: scenarioData),
                                   touched: true, asOf: scenarioData.asOf)
                }
                continue
            }
            // Untouched: totals from the snapshot, report candidates from the scores (or the
            // recomputed results when the sku was loaded), exception rows from the nightly file.
            let loaded = results[sku.name]
            var kinds: [String] = []
            for (n, j) in seriesRange.enumerated() {
                let row = snap.series[j]
                try writers.add(row.tally, series: j)
                let r = loaded.flatMap { n < $0.range.count ? $0 : nil }
                writers.report.consider(series: j, valuableScore: row.tally.valuableScore, urgentScore: row.tally.urgentScore,
                                        local: r.map { $0.range.lowerBound + n }, forecast: r?.forecasts[n],
                                        plan: r.flatMap { $0.plans.isEmpty ? nil : $0.plans[n] })
                kinds += row.tally.exceptions
                try diff.write(sku: row.sku, location: row.location, baseline: row.tally.diff, scenario: row.tally.diff,
                               touched: false, asOf: scenarioData.asOf)
            }
            if !kinds.isEmpty && writers.report.wantsRows(kinds) {
                let lo = sku.offsets[3]
                let hi = k + 1 < snap.skus.count ? snap.skus[k + 1].offsets[3] : snap.outputSizes[3]
                try sources.exceptionRows(lo..<hi) { writers.report.exception(kind: $1, sku: sku.name, location: $0, detail: $2) }
            }
        }
        try copySpan(upTo: snap.skus.count)
        try writers.close()
        try diff.close()
        return Result(scenarioData: scenarioData, writers: writers, diff: diff, notes: applied.notes, touched: touched.count,
                      warnings: snap.meta.warnings + warnings,
                      timings: ["load": loadSeconds, "baseline": baselineSeconds, "scenario": Date().timeIntervalSince(t2)])
    }

    /// Skus of the untouched series that could still head the report's "highest forecast value"
    /// and "stock-out risk" lists: the best ``ReportCollector/chartsPerKind`` of each by score.
    private func chartCandidates(excluding candidates: Set<String>) -> Set<String> {
        // Kept as the report keeps them: by score, ties to the earlier series.
        var valuable: [(score: Double, series: Int)] = [], urgent: [(score: Double, series: Int)] = []
        func offer(_ score: Double?, _ j: Int, to best: inout [(score: Double, series: Int)]) {
            guard let score else { return }
            if best.count == ReportCollector.chartsPerKind, let last = best.last, (score, -j) <= (last.score, -last.series) { return }
            best.append((score, j))
            best.sort { ($0.score, -$0.series) > ($1.score, -$1.series) }
            if best.count > ReportCollector.chartsPerKind { best.removeLast() }
        }
        for (j, row) in snapshot.series.enumerated() where !candidates.contains(row.sku) {
            offer(row.tally.valuableScore, j, to: &valuable)
            offer(row.tally.urgentScore, j, to: &urgent)
        }
        return Set((valuable + urgent).map { snapshot.series[$0.series].sku })
    }

    /// Each loaded series' place among the snapshot's series; throws when the loaded skus do not
    /// hold the same series as the night before.
    private func globalIndices(_ data: DataSet) throws -> [Int] {
        var first: [String: BaselineSnapshot.Sku] = [:]
        for s in snapshot.skus { first[s.name] = s }
        var global = [Int](repeating: 0, count: data.series.count)
        for r in data.skuRanges {
            let name = data.skuName(data.series[r.lowerBound])
            guard let s = first[name], s.seriesCount == r.count else {
                throw Unusable(description: "sku \(name) does not have the series the baseline snapshot lists")
            }
            for (n, i) in r.enumerated() {
                guard snapshot.series[s.firstSeries + n].location == data.locationName(data.series[i]) else {
                    throw Unusable(description: "sku \(name) does not have the series the baseline snapshot lists")
                }
                global[i] = s.firstSeries + n
            }
        }
        return global
    }
}

/// A count shared by worker threads.
package final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    package func add() { lock.lock(); count += 1; lock.unlock() }
    package var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

import Forecast
import RestockData

/// The bottom-up levels of the M5 WRMSSE for one fold: the fold's scored item × location
/// series summed day by day (``AggregateSeries``) per location, per sku (over its locations)
/// and in total, each aggregate scored like a series of its own.
package enum BacktestAggregates {
    /// The levels, written as segments `level:<name>` (of the `all` segment's series and days).
    package static let levels = ["location", "sku", "total"]

    /// WRMSSE per model at each level: `"<model>|level:<level>"` → metrics (only WRMSSE is
    /// filled). `results` are one fold's, all with the same models in the same order.
    package static func score(_ results: [BacktestFold.SeriesResult], data: DataSet, origin: Day) -> [String: CompetitionMetrics] {
        guard let first = results.first else { return [:] }
        let models = first.forecasts.map { $0.0 }
        var start = origin
        for r in results { start = min(start, data.series[r.series].history!.firstDay) }
        var aggregate = AggregateSeries(length: start.distance(to: origin) + 1, horizon: first.actual.count,
                                        models: models.count)
        // Each series' training history, read by every level.
        let trains: [DemandSeries] = results.map { r in
            let s = data.series[r.series], h = s.history!
            let n = min(h.count, h.firstDay.distance(to: origin) + 1)
            return DemandSeries(demand: Array(h.quantity[0..<n]),
                                censored: s.hasCensoredDays ? (0..<n).map { s.isCensored($0) } : [])
        }
        var out: [String: CompetitionMetrics] = [:]
        for level in levels {
            // Results grouped by the level's key: a counting sort on the dense interned ids.
            let group: [Int] = results.map { r in
                let key = data.series[r.series].key
                switch level {
                case "location": return Int(key.location)
                case "sku": return Int(key.sku)
                default: return 0
                }
            }
            let groups = (group.max() ?? -1) + 1
            var starts = [Int](repeating: 0, count: groups + 1)
            for g in group { starts[g + 1] += 1 }
            for g in 0..<groups { starts[g + 1] += starts[g] }
            var order = [Int](repeating: 0, count: results.count)
            var next = starts
            for (i, g) in group.enumerated() { order[next[g]] = i; next[g] += 1 }

            var scored = [CompetitionMetrics](repeating: CompetitionMetrics(), count: models.count)
            for g in 0..<groups where starts[g] < starts[g + 1] {
                aggregate.reset()
                for i in order[starts[g]..<starts[g + 1]] {
                    let r = results[i]
                    precondition(r.forecasts.count == models.count, "every series must have the same models")
                    let firstDay = data.series[r.series].history!.firstDay
                    aggregate.add(train: trains[i], offset: start.distance(to: firstDay), actual: r.actual,
                                  observed: r.observed, weight: r.competition.weight)
                    for (m, (_, f)) in r.forecasts.enumerated() {
                        aggregate.addForecast(model: m, mean: f.mean, observed: r.observed)
                    }
                }
                aggregate.score(into: &scored)
            }
            for (m, name) in models.enumerated() { out[name + "|level:" + level] = scored[m] }
        }
        return out
    }
}

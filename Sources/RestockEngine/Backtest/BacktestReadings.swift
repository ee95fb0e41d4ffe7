import Dispatch
import Forecast

/// What the scores read off each fold forecast besides its mean and sd: the competition's
/// quantiles and the interval bounds at the configured levels. Computed for every series and
/// model in parallel (count quantiles are the costly part of scoring), in fixed slots, so the
/// scores added from them in series order are the same bits whatever the thread count.
struct BacktestReadings {
    /// ``CompetitionMetrics/quantileLevels`` of each forecast.
    var quantiles: [Double]
    /// Per day, per level: lower, upper.
    var intervals: [Double]

    init(_ forecast: DemandForecast, levels: [Double]) {
        quantiles = forecast.quantiles(CompetitionMetrics.quantileLevels)
        intervals = []
        intervals.reserveCapacity(forecast.mean.count * levels.count * 2)
        for h in forecast.mean.indices {
            for l in levels {
                let b = forecast.interval(h, level: l)
                intervals.append(b.lower)
                intervals.append(b.upper)
            }
        }
    }

    /// The readings of `results[i].forecasts[j]` at `[i][j]`.
    static func of(_ results: [BacktestFold.SeriesResult], levels: [Double], threads: Int) -> [[BacktestReadings]] {
        var slots = [[BacktestReadings]](repeating: [], count: results.count)
        slots.withUnsafeMutableBufferPointer { out in
            let box = UnsafeMutableBufferPointerBox(out)
            let chunks = max(1, min(results.count, threads * 8))
            ParallelWork.perform(iterations: chunks, threads: threads) { c in
                for i in (c * results.count / chunks)..<((c + 1) * results.count / chunks) {
                    box.buffer[i] = results[i].forecasts.map { BacktestReadings($0.1, levels: levels) }
                }
            }
        }
        return slots
    }
}

import Foundation
import Forecast
import RestockData

/// Price changes and demand scaling of a scenario, per series index, applied by the pipeline
/// to a series' calendar (prices: log price ratio + log factor) and to its forecast (demand:
/// mean and sd × factor) on the days in range.
package struct ScenarioAdjustments: Sendable {
    package var price: [Int: [(start: Day, end: Day, factor: Double)]] = [:]
    package var demand: [Int: [(start: Day, end: Day, factor: Double)]] = [:]

    package init() {}

    package func adjust(_ f: inout CalendarFeatures, series i: Int, data: DataSet) {
        guard let changes = price[i], let first = data.series[i].history?.firstDay else { return }
        for c in changes {
            let lo = max(0, first.distance(to: c.start)), hi = min(f.count - 1, first.distance(to: c.end))
            guard lo <= hi else { continue }
            for t in lo...hi { f.logPriceRatio[t] += log(c.factor) }
        }
    }

    package func scale(_ f: inout DemandForecast, series i: Int, data: DataSet) {
        guard let changes = demand[i] else { return }
        for c in changes {
            for h in 0..<f.mean.count {
                let day = data.asOf.adding(h + 1)
                if day >= c.start && day <= c.end {
                    f.mean[h] *= c.factor
                    f.sd[h] *= c.factor
                }
            }
        }
    }
}

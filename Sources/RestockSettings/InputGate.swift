import Foundation
import RestockData

/// What a night read, in a few numbers a truncated or half-written export moves: kept in the
/// output set (`state/inputs.v1.json`) so the next night can compare its inputs with them.
package struct InputProfile: Codable, Equatable {
    package var as_of: String
    /// Series (sku × location) in the data set.
    package var series: Int
    /// Data rows of `sales.csv`.
    package var sales_rows: Int
    /// Units sold over the 7 days up to the as-of date, all series.
    package var units_last_7_days: Double
    /// Share of the series with history that sold in the 28 days up to the as-of date, in [0, 1].
    package var active_share_28_days: Double
    /// The last date in `sales.csv`.
    package var last_sales_date: String
    /// Units sold on the as-of date, and per day on the same weekday over the 4 weeks before it
    /// (a last day exported half-way shows against its own weekday).
    package var units_last_day: Double
    package var units_same_weekday_4_weeks: Double

    package static let relativePath = "state/inputs.v1.json"

    package init(_ data: DataSet) {
        var tally = Tally()
        tally.add(data)
        self.init(tally, data: data)
    }

    /// The profile of a night whose series were tallied part by part (``Tally/add(_:)``, in
    /// series order); `data`, any part, gives the as-of date and the files. `latestSalesDay`:
    /// the last sales date over every part (nil = `data`'s).
    package init(_ tally: Tally, data: DataSet, latestSalesDay: Day? = nil) {
        as_of = data.asOf.description
        series = tally.series
        sales_rows = data.files.first { $0.table == .sales }?.rows ?? 0
        units_last_day = tally.lastDay
        units_same_weekday_4_weeks = tally.sameWeekday
        units_last_7_days = tally.units
        active_share_28_days = tally.withHistory > 0 ? Double(tally.active) / Double(tally.withHistory) : 0
        last_sales_date = (latestSalesDay ?? data.latestSalesDay).description
    }

    /// Running sums over series, added in series order (so a night tallied in parts sums as a
    /// whole one does).
    package struct Tally {
        package var series = 0, withHistory = 0, active = 0
        package var units = 0.0, lastDay = 0.0, sameWeekday = 0.0
        package init() {}

        package mutating func add(_ data: DataSet) {
            series += data.series.count
            for s in data.series {
                guard let h = s.history else { continue }
                withHistory += 1
                var sold = false
                for back in 0...28 {
                    let t = h.firstDay.distance(to: data.asOf) - back
                    guard t >= 0 && t < h.count else { continue }
                    let q = max(0, h.quantity[t])
                    if back == 0 { lastDay += q }
                    if back > 0 && back % 7 == 0 { sameWeekday += q / 4 }
                    guard back < 28 else { continue }
                    if back < 7 { units += q }
                    if q > 0 { sold = true }
                }
                if sold { active += 1 }
            }
        }
    }

    /// The profile the previous night left in `outputDirectory`; nil when there is none (a first
    /// night) or it cannot be read.
    package static func previous(outputDirectory: String) -> InputProfile? {
        guard let bytes = FileManager.default.contents(atPath: outputDirectory + "/" + relativePath) else { return nil }
        return try? JSONDecoder().decode(InputProfile.self, from: bytes)
    }
}

/// Stops a night whose inputs fell too far from the previous night's: a cut-short export would
/// otherwise be planned as if demand had collapsed. Thresholds are settings (`gate_*`).
package struct InputGate: Equatable, Sendable {
    /// Largest allowed relative drop in series, in `sales.csv` rows, and in units sold over the
    /// last 7 days; largest allowed fall in the share of series that sold in 28 days (points).
    package var maxSeriesDrop = 0.10
    package var maxSalesRowsDrop = 0.10
    package var maxUnitsDrop = 0.50
    package var maxActiveShareDrop = 0.20
    /// Largest allowed drop of the last day's units below its weekday's level of the 4 weeks before.
    package var maxLastDayDrop = 0.50

    /// What changed beyond the thresholds from `previous` to `current`, one line each; empty
    /// when the night may go on.
    package func problems(previous p: InputProfile, current c: InputProfile) -> [String] {
        var out: [String] = []
        func drop(_ name: String, _ before: Double, _ after: Double, limit: Double) {
            guard before > 0, (before - after) / before > limit else { return }
            out.append("\(name): \(InputGate.number(before)) → \(InputGate.number(after)) (−\(InputGate.percent((before - after) / before)), more than the \(InputGate.percent(limit)) allowed)")
        }
        drop("series", Double(p.series), Double(c.series), limit: maxSeriesDrop)
        drop("sales.csv rows", Double(p.sales_rows), Double(c.sales_rows), limit: maxSalesRowsDrop)
        drop("units sold in the last 7 days", p.units_last_7_days, c.units_last_7_days, limit: maxUnitsDrop)
        if p.active_share_28_days - c.active_share_28_days > maxActiveShareDrop {
            out.append("series that sold in the last 28 days: \(InputGate.percent(p.active_share_28_days)) → \(InputGate.percent(c.active_share_28_days)) (a fall of more than \(InputGate.percent(maxActiveShareDrop)) points)")
        }
        drop("units sold on the last day (\(c.as_of)) against its weekday over the 4 weeks before", c.units_same_weekday_4_weeks,
             c.units_last_day, limit: maxLastDayDrop)
        if c.last_sales_date < p.last_sales_date {
            out.append("sales.csv ends on \(c.last_sales_date), before the previous night's last date \(p.last_sales_date)")
        }
        return out
    }

    package static func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
    package static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x) }
}

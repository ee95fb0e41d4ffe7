import RestockData

/// A `SeriesChart` made safe to draw: values are finite (non-finite → `nil`, a gap) and within
/// ±`NumberFormatting.limit`, parallel arrays are cut to a common length, and calendar items are
/// clipped to the chart's span `first...last` (inclusive days).
struct ChartData {
    /// First and last day on the x axis: history start (or as-of) to the end of the forecast
    /// or projection, whichever is later.
    let first: Day
    let last: Day
    let asOf: Day
    let historyStart: Day
    /// Units per day.
    let history: [Double?]
    /// Indices into `history` of stock-out days.
    let stockOutDays: [Int]
    /// Units per day from as-of + 1; `lower`/`upper` have the same count as `forecast`.
    let forecast: [Double?]
    let lower: [Double?]
    let upper: [Double?]
    let intervalLevel: Double
    let scenarioForecast: [Double?]?
    /// Units from as-of + 1.
    let projectedInventory: [Double?]?
    let scenarioProjectedInventory: [Double?]?
    let promotions: [(start: Day, end: Day, label: String)]
    let events: [(day: Day, label: String)]
    let arrivals: [(day: Day, quantity: Double, label: String)]
    let reorderPoint: Double?
    let orderUpTo: Double?

    init(_ chart: SeriesChart, asOf: Day) {
        self.asOf = asOf
        historyStart = chart.historyStart
        history = ChartData.clean(chart.history)
        stockOutDays = chart.censored.indices.filter { $0 < chart.history.count && chart.censored[$0] }
        forecast = ChartData.clean(chart.forecast)
        let bandCount = min(chart.forecast.count, chart.lower.count, chart.upper.count)
        lower = ChartData.clean(Array(chart.lower.prefix(bandCount)))
        upper = ChartData.clean(Array(chart.upper.prefix(bandCount)))
        intervalLevel = chart.intervalLevel.isFinite ? max(0, min(100, chart.intervalLevel)) : 0
        scenarioForecast = chart.scenarioForecast.map(ChartData.clean)
        projectedInventory = chart.projectedInventory.map(ChartData.clean)
        scenarioProjectedInventory = chart.scenarioProjectedInventory.map(ChartData.clean)
        reorderPoint = ChartData.clean([chart.reorderPoint ?? .nan])[0]
        orderUpTo = ChartData.clean([chart.orderUpTo ?? .nan])[0]

        let historyEnd = chart.historyStart.adding(max(0, chart.history.count - 1))
        let horizon = max(1, chart.forecast.count, chart.scenarioForecast?.count ?? 0,
                          chart.projectedInventory?.count ?? 0, chart.scenarioProjectedInventory?.count ?? 0)
        let first = chart.history.isEmpty ? asOf : min(chart.historyStart, asOf)
        let last = max(asOf.adding(horizon), historyEnd)
        self.first = first
        self.last = last
        promotions = chart.promotions.compactMap { p in
            let s = max(min(p.start, p.end), first), e = min(max(p.start, p.end), last)
            return s <= e ? (s, e, p.label) : nil
        }
        events = chart.events.filter { $0.day >= first && $0.day <= last }
        arrivals = chart.arrivals.filter { $0.day >= first && $0.day <= last && $0.quantity.isFinite }
    }

    /// Finite values clamped to ±`NumberFormatting.limit`; non-finite ones become `nil`.
    static func clean(_ values: [Double]) -> [Double?] {
        values.map { $0.isFinite ? max(-NumberFormatting.limit, min(NumberFormatting.limit, $0)) : nil }
    }

    /// Number of days on the axis.
    var spanDays: Int { first.distance(to: last) + 1 }

    /// Day `i` of the forecast horizon (0 → as-of + 1).
    func forecastDay(_ i: Int) -> Day { asOf.adding(i + 1) }

    /// Demand values drawn on the left axis (units per day).
    var demandValues: [Double] {
        let series: [[Double?]] = [history, forecast, lower, upper, scenarioForecast ?? []]
        return series.flatMap { $0.compactMap { $0 } }
    }

    /// Stock values drawn on the right axis (units).
    var stockValues: [Double] {
        let series: [[Double?]] = [projectedInventory ?? [], scenarioProjectedInventory ?? [], [reorderPoint, orderUpTo]]
        return series.flatMap { $0.compactMap { $0 } }
    }

    /// Whether anything is drawn against the stock axis.
    var hasStock: Bool { !stockValues.isEmpty }
}

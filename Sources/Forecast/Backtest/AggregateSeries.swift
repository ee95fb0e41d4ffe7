/// The day-by-day sum of several series (e.g. every sku of a location), as the bottom-up levels
/// of WRMSSE score it: its own scale from the summed history, its weight the sum of its series'
/// weights, its actuals and each model's forecast the sums of the series'.
///
/// Stock-outs: the sum of a day on which one of its series is censored is not known, so that
/// series' part is left out of that day rather than the whole day. The history's one-day change
/// on day t is Σ (y_i,t − y_i,t−1) over the series observed on both t and t−1 (a series is an
/// observed 0 before its first day); the day counts when at least one series is. Days from the
/// first with summed sales > 0 on are used, as for a single series (``CompetitionScales``). A
/// horizon day is scored when at least one series is observed, with the actuals and forecasts
/// of the observed series. With no stock-outs this is exactly the plain sum.
///
/// Reused across aggregates of one fold: ``reset()`` between them.
public struct AggregateSeries: Sendable {
    /// Training days: index 0 is the first day of the earliest series, the last is the origin.
    public let length: Int
    public let horizon: Int
    /// Forecast models, in the order given to ``addForecast(model:mean:observed:)``.
    public let models: Int
    /// Σ y_i,t over every series, censored days included (sales that did happen), units.
    private var sales: [Double]
    private var change: [Double]
    private var paired: [Bool]
    /// Summed actuals and forecast means of the observed series per horizon day; `mean` is
    /// `models × horizon`, row-major by model.
    private var actual: [Double]
    private var mean: [Double]
    private var scored: [Bool]
    /// Σ of the series' weights.
    public private(set) var weight = 0.0
    /// Series added since the last reset.
    public private(set) var count = 0

    public init(length: Int, horizon: Int, models: Int) {
        self.length = length
        self.horizon = horizon
        self.models = models
        sales = .init(repeating: 0, count: length)
        change = .init(repeating: 0, count: length)
        paired = .init(repeating: false, count: length)
        actual = .init(repeating: 0, count: horizon)
        mean = .init(repeating: 0, count: models * horizon)
        scored = .init(repeating: false, count: horizon)
    }

    public mutating func reset() {
        for t in 0..<length { sales[t] = 0; change[t] = 0; paired[t] = false }
        for h in 0..<horizon { actual[h] = 0; scored[h] = false }
        for j in mean.indices { mean[j] = 0 }
        weight = 0
        count = 0
    }

    /// Adds one series: its training history (its day 0 is the aggregate's day `offset`; it
    /// ends at the origin, so `offset + train.count == length`), its horizon actuals and which
    /// of them are observed, and its weight (``CompetitionScales/weight``).
    public mutating func add(train: DemandSeries, offset: Int, actual y: [Double], observed: [Bool], weight w: Double) {
        precondition(offset >= 0 && offset + train.count == length, "history must end at the origin")
        for t in 0..<train.count {
            sales[offset + t] += train.demand[t]
            guard train.isObserved(t) else { continue }
            if t == 0 {
                // Before its first day the series sold an observed 0.
                if offset > 0 { change[offset] += train.demand[0]; paired[offset] = true }
            } else if train.isObserved(t - 1) {
                change[offset + t] += train.demand[t] - train.demand[t - 1]
                paired[offset + t] = true
            }
        }
        for h in 0..<horizon where observed[h] {
            actual[h] += y[h]
            scored[h] = true
        }
        weight += w
        count += 1
    }

    /// Adds one series' forecast mean for model `m` (call once per model after ``add``, with
    /// the same `observed`).
    public mutating func addForecast(model m: Int, mean f: [Double], observed: [Bool]) {
        for h in 0..<horizon where observed[h] { mean[m * horizon + h] += f[h] }
    }

    /// Scales of the summed history (see the type's comment) and the summed weight.
    public var scales: CompetitionScales {
        var first = 0
        while first < length && !(sales[first] > 0) { first += 1 }
        var sq = 0.0, ab = 0.0, n = 0
        var t = first + 1
        while t < length {
            if paired[t] { sq += change[t] * change[t]; ab += abs(change[t]); n += 1 }
            t += 1
        }
        return n > 0 ? CompetitionScales(mse: sq / Double(n), mae: ab / Double(n), weight: weight)
                     : CompetitionScales(mse: 0, mae: 0, weight: weight)
    }

    /// Adds the aggregate, forecast by each model m, to `metrics[m]` (WRMSSE only).
    public func score(into metrics: inout [CompetitionMetrics]) {
        precondition(metrics.count == models, "one metrics per model")
        let s = scales
        for m in 0..<models {
            metrics[m].addAggregate(actual: actual, mean: Array(mean[m * horizon..<(m + 1) * horizon]), include: scored,
                                    scales: s)
        }
    }
}

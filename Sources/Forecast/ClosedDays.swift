/// Single days with no sales that cannot be demand: a store closed on Sundays (all year, or only
/// in winter), on a public holiday, a fast mover's shelf empty for a day. In a fast-selling series a
/// zero is all but impossible as demand, so it says "closed", not "nobody wanted it".
///
/// Why they are taken out of the fits: the series' own regression works on log(1 + y), where a
/// closed day of a store selling 5,000 a day is an outlier of about −8.5. Where the closures
/// follow a season (a tourist store open on Sundays only from April to October) the yearly
/// season terms bend to fit them and carry the swing onto every day: on Rossmann, stores 122 and
/// 209 were forecast at 2–5 × their sales from April on. So closed days are censored (skipped in
/// every fit, as stock-outs are), the models fit the days the store was open, and the forecast
/// is then multiplied, day by day, by the share of such days that were open
/// (``openShares(_:closed:features:horizon:)``): a weekday closed in the recent weeks stays
/// closed, an event closed at most of its past occurrences stays closed; a scattered closed day
/// (a fast mover's empty shelf) is only left out of the fits. A day forecast closed (share 0: mean
/// and sd 0) stays closed through the regression's effects and every combination
/// (``AdjustedForecast/restore(_:adjustments:origin:)``, ``GlobalModel/mixLevel(_:level:weight:)``).
///
/// A zero day t is closed when the mean of the observed days around it is at least
/// ``minimumLevel`` on each side (``window`` days before, and after when the history has them):
/// Poisson gives P(0) = e^(−10) ≈ 5·10⁻⁵. A zero that ends the history is judged on the days
/// before it only when it is alone (two zeros or more at the end may be demand that stopped).
public enum ClosedDays {
    /// Least mean daily demand around a zero day, on each side, for it to count as closed (units).
    public static let minimumLevel = 10.0
    /// Days on each side whose mean is the level around a zero day.
    public static let window = 14
    /// Least observed days on a side for its mean to count.
    static let minimumSideDays = 7
    /// Recent days whose weekdays give the open shares of the horizon's days.
    public static let recentDays = 56

    /// Which days of `y` are closed (observed zero days in a series selling at least
    /// ``minimumLevel`` a day around them); nil when none is. O(n).
    public static func find(_ y: DemandSeries) -> [Bool]? {
        let n = y.count
        guard n > 1 else { return nil }
        // Quick exit: a series never selling minimumLevel in a day has no closed day.
        var any = false
        for t in 0..<n where y.demand[t] >= minimumLevel { any = true; break }
        guard any else { return nil }
        // Prefix sums of observed demand and observed days.
        var sum = [Double](repeating: 0, count: n + 1), days = [Int](repeating: 0, count: n + 1)
        for t in 0..<n {
            let observed = y.isObserved(t)
            sum[t + 1] = sum[t] + (observed ? max(0, y.demand[t]) : 0)
            days[t + 1] = days[t] + (observed ? 1 : 0)
        }
        var trailingZeros = 0
        while trailingZeros < n && y.demand[n - 1 - trailingZeros] <= 0 { trailingZeros += 1 }
        var closed: [Bool]? = nil
        for t in 0..<n where y.demand[t] <= 0 && y.isObserved(t) {
            let b0 = max(0, t - window)
            let beforeDays = days[t] - days[b0]
            guard beforeDays >= minimumSideDays,
                  (sum[t] - sum[b0]) / Double(beforeDays) >= minimumLevel else { continue }
            let a1 = min(n, t + 1 + window)
            let afterDays = days[a1] - days[t + 1]
            if afterDays >= minimumSideDays {
                guard (sum[a1] - sum[t + 1]) / Double(afterDays) >= minimumLevel else { continue }
            } else if t >= n - trailingZeros && trailingZeros > 1 {
                continue
            }
            if closed == nil { closed = [Bool](repeating: false, count: n) }
            closed![t] = true
        }
        return closed
    }

    /// `y` with its closed days censored (what the effects pooled across series are fitted on).
    public static func censor(_ y: DemandSeries) -> DemandSeries {
        guard let closed = find(y) else { return y }
        return censor(y, closed)
    }

    static func censor(_ y: DemandSeries, _ closed: [Bool]) -> DemandSeries {
        var out = y
        if out.censored.isEmpty { out.censored = [Bool](repeating: false, count: y.count) }
        for t in 0..<y.count where closed[t] { out.censored[t] = true }
        return out
    }

    /// `y` with its closed days censored, and each horizon day's open share
    /// (``openShares(_:closed:features:horizon:)``); `y` itself and nil without closed days.
    public static func separate(_ y: DemandSeries, features: CalendarFeatures?,
                                horizon: Int) -> (series: DemandSeries, open: [Double]?) {
        guard let closed = find(y) else { return (y, nil) }
        return (censor(y, closed), openShares(y, closed: closed, features: features, horizon: horizon))
    }

    /// The share of days like each horizon day that were open, in [0, 1]; nil when every share is 1.
    /// - An event day (`features`) whose event was closed at more than half of its past
    ///   occurrences in `y`: the open share of those occurrences.
    /// - Else a weekday closed on at least half of its days of the last ``recentDays`` days
    ///   without an event: its open share there.
    /// - Else 1.
    /// Days censored for another reason (stock-outs) count neither way. `closed` has `y.count`
    /// elements; `features`, when given, covers the history and the horizon.
    public static func openShares(_ y: DemandSeries, closed: [Bool], features: CalendarFeatures?,
                                  horizon: Int) -> [Double]? {
        let n = y.count
        @inline(__always) func event(_ t: Int) -> Int {
            guard let f = features, t < f.count else { return -1 }
            return Int(f.event[t])
        }
        @inline(__always) func weekday(_ t: Int) -> Int { (y.weekdayOfFirstDay + t) % 7 }
        var open = [Int](repeating: 0, count: 7), shut = [Int](repeating: 0, count: 7)
        for t in max(0, n - recentDays)..<n where event(t) < 0 {
            if closed[t] { shut[weekday(t)] += 1 } else if y.isObserved(t) { open[weekday(t)] += 1 }
        }
        // A weekday closed on at least half of its recent days is closed by pattern; scattered
        // zeros do not lower the forecast (M5, 12 windows: 0.8798 with the other days' open share
        // on every day, 0.8794 without).
        var share = [Double](repeating: 1, count: 7)
        for w in 0..<7 where shut[w] > 0 && shut[w] >= open[w] {
            share[w] = Double(open[w]) / Double(open[w] + shut[w])
        }
        // Events of the horizon closed at most of their past occurrences (−1: not closed; NaN: not yet counted).
        var maxEvent = -1
        for h in 0..<horizon { maxEvent = max(maxEvent, event(n + h)) }
        var eventShare = [Double](repeating: .nan, count: maxEvent + 1)
        for h in 0..<horizon {
            let e = event(n + h)
            guard e >= 0, eventShare[e].isNaN else { continue }
            var o = 0, s = 0
            for t in 0..<n where event(t) == e {
                if closed[t] { s += 1 } else if y.isObserved(t) { o += 1 }
            }
            eventShare[e] = s > o ? Double(o) / Double(o + s) : -1
        }
        var out = [Double](repeating: 1, count: horizon)
        var changed = false
        for h in 0..<horizon {
            let e = event(n + h)
            let p = e >= 0 && eventShare[e] >= 0 ? eventShare[e] : share[weekday(n + h)]
            out[h] = p
            if p < 1 { changed = true }
        }
        return changed ? out : nil
    }

    /// `f` on days that are open with probability `open[h]`: mean p·μ and the mixture's sd
    /// √(p·σ² + p(1 − p)·μ²). `open` has `f.mean.count` elements.
    public static func apply(_ open: [Double], to f: DemandForecast) -> DemandForecast {
        var out = f
        for h in 0..<min(open.count, f.mean.count) where open[h] < 1 {
            let p = max(0, open[h]), mu = f.mean[h], sd = f.sd[h]
            out.mean[h] = p * mu
            out.sd[h] = (p * sd * sd + p * (1 - p) * mu * mu).squareRoot()
        }
        return out
    }
}

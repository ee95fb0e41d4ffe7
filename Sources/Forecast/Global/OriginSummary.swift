import Foundation

/// Running sums over one series' history, so any window's mean of observed days costs O(1).
///
/// `sum[t]` and `count[t]` are the demand and the number of observed (uncensored) days among
/// days 0..<t (so both have `count + 1` elements); `lastSale[t]` is the last day ≤ t with
/// demand > 0, or −1.
struct HistorySums {
    var sum: [Double]
    var count: [Int32]
    var lastSale: [Int32]

    init(_ y: DemandSeries) {
        let n = y.count
        sum = [Double](repeating: 0, count: n + 1)
        count = [Int32](repeating: 0, count: n + 1)
        lastSale = [Int32](repeating: -1, count: n)
        var last: Int32 = -1
        for t in 0..<n {
            let observed = y.isObserved(t)
            let v = observed ? max(0, y.demand[t]) : 0
            sum[t + 1] = sum[t] + v
            count[t + 1] = count[t] + (observed ? 1 : 0)
            if observed && v > 0 { last = Int32(t) }
            lastSale[t] = last
        }
    }

    /// Mean demand of the observed days in lo...hi (clipped to the history), and their count.
    @inline(__always)
    func mean(_ lo: Int, _ hi: Int) -> (mean: Double, days: Int) {
        let a = max(0, lo), b = min(hi, sum.count - 2)
        guard b >= a else { return (0, 0) }
        let c = Int(count[b + 1] - count[a])
        return c > 0 ? ((sum[b + 1] - sum[a]) / Double(c), c) : (0, 0)
    }
}

/// What a series' history says at an origin o (its last day), for every row of that origin.
struct OriginSummary {
    /// The level every row is relative to, units per day, > 0: the mean of the last 28
    /// observed days, floored by shares of the longer means (so a series quiet for a month is
    /// not at exactly 0: a quarter of the 112-day mean, a tenth of the 364-day one, a twentieth of
    /// the whole history's) and by 1e-3.
    var scale: Double
    /// log((m_k + 0.05·s)/(1.05·s)) per ``GlobalLayout/windows``.
    var levelRatios: [Double]
    var zeroShare: Double
    var sinceSale: Double
    /// Own weekday profile per weekday 0 = Monday … 6 over the last 364 days: log((units on
    /// that weekday + a)/(its days × the 364-day mean + a)), a = ``weekdayPriorUnits``, clamped
    /// to [−6, 3], shrunk by n/(n + 8) for n such days.
    var weekdayProfile: [Double]
    /// Units of prior evidence added to both sides of a weekday's ratio.
    static let weekdayPriorUnits = 2.0
    var promoShare: Double
    var promoLift: Double
    var meanLogPrice: Double
    /// Mean of the 28 observed days before o − 364, or nil without them.
    var yearAgoBase: Double?
    /// Mean yearly Fourier terms over the last 28 days (2F values: the level window's season).
    var fourierMean: [Double]
    /// The 364-day mean (the constant of the shrunk log ratios).
    var longMean: Double

    init(_ y: DemandSeries, sums: HistorySums, features f: CalendarFeatures, origin o: Int) {
        var means = [Double](repeating: 0, count: GlobalLayout.windows.count)
        for (i, k) in GlobalLayout.windows.enumerated() { means[i] = sums.mean(o - k + 1, o).mean }
        let s = max(means[2], 0.25 * means[4], 0.1 * means[5], 0.05 * sums.mean(0, o).mean, 1e-3)
        scale = s
        levelRatios = means.map { log(($0 + 0.05 * s) / (1.05 * s)) }
        longMean = means[5]
        var zeros = 0, observed = 0
        for t in max(0, o - 27)...o where y.isObserved(t) {
            observed += 1
            if y.demand[t] <= 0 { zeros += 1 }
        }
        zeroShare = observed > 0 ? Double(zeros) / Double(observed) : 1
        let last = Int(sums.lastSale[o])
        sinceSale = last < 0 ? 1 : min(1, log1p(Double(o - last)) / log(366.0))
        // Weekday profile and promotion lift over the last 364 days.
        var wdSum = [Double](repeating: 0, count: 7), wdCount = [Double](repeating: 0, count: 7)
        var promoSum = 0.0, promoDays = 0.0, plainSum = 0.0, plainDays = 0.0
        let lo = max(0, o - 363)
        for t in lo...o where y.isObserved(t) {
            let v = max(0, y.demand[t])
            let wd = (y.weekdayOfFirstDay + t) % 7
            wdSum[wd] += v; wdCount[wd] += 1
            if f.promoType[t] >= 0 { promoSum += v; promoDays += 1 } else { plainSum += v; plainDays += 1 }
        }
        let long = means[5]
        let c = 0.1 * long + 0.01
        // Units sold on the weekday against the units its days would sell at the 364-day mean,
        // each with ``weekdayPriorUnits`` added: the evidence is in units, so a store that sold
        // nothing on 52 Sundays at 5,000 units a day is closed on Sundays (log ratio at the
        // floor), while a slow mover that sold nothing on them at 0.1 a day is only some way
        // below its mean (−1.3). A floor relative to the mean (0.1 of it) kept closed stores'
        // Sundays near −2.4 before, so the shared Sunday column took the rest and the model
        // forecast a store open every Sunday at a tenth of its Sunday sales (Rossmann store
        // 1097: 1,522 against 13,225 on average).
        weekdayProfile = (0..<7).map { wd in
            guard wdCount[wd] > 0 else { return 0 }
            let a = OriginSummary.weekdayPriorUnits
            let ratio = min(3, max(-6, log((wdSum[wd] + a) / (wdCount[wd] * long + a))))
            return ratio * wdCount[wd] / (wdCount[wd] + 8)
        }
        if promoDays > 0 && plainDays > 0 {
            promoLift = log((promoSum / promoDays + c) / (plainSum / plainDays + c)) * promoDays / (promoDays + 14)
        } else {
            promoLift = 0
        }
        var promo28 = 0, price28 = 0.0
        for t in max(0, o - 27)...o {
            if f.promoType[t] >= 0 { promo28 += 1 }
            price28 += f.modelledLogPrice(t)
        }
        let days28 = Double(o - max(0, o - 27) + 1)
        promoShare = Double(promo28) / days28
        meanLogPrice = price28 / days28
        var fm = [Double](repeating: 0, count: 2 * EffectLayout.fourierPairs)
        for t in max(0, o - 27)...o {
            FourierTable.terms(day: f.firstDayOfYear - 1 + t) { j, v in fm[j] += v }
        }
        fourierMean = fm.map { $0 / days28 }
        let base = sums.mean(o - 364 - 27, o - 364)
        yearAgoBase = o - 364 - 27 >= 0 && base.days >= 14 ? base.mean : nil
    }
}

import Foundation

/// The columns of the regression design matrix, shared by every series of a run.
///
/// Order (k = 8 + 2F + P + 3 + 3E + 1 columns, F Fourier pairs, P promotion types, E events):
/// - 0 intercept; 1 trend (years); 2…7 day-of-week dummies (Tuesday … Sunday vs Monday);
///   then 2F yearly Fourier terms sin/cos(2πk·doy/365.25), k = 1…F (F = ``fourierPairs``);
/// - then the *effects*: one column per promotion type (1 on its days), the discount fraction,
///   the three days before a promotion (pull-forward), the seven days after (post-promotion dip),
///   per event the event day, the three days before and the three days after, and log price.
///
/// Columns from 2 on (weekly and yearly season and effects) form the multiplicative adjustment
/// removed before a baseline model is fitted and put back on its forecast; they are also the
/// columns pooled across series (``EffectPool``).
public struct EffectLayout: Sendable, Equatable {
    public let promotionTypes: Int
    public let events: Int

    public init(promotionTypes: Int, events: Int) {
        self.promotionTypes = promotionTypes
        self.events = events
    }

    public static let preDays = 3
    public static let postDays = 7
    public static let eventWindow = 3

    public var intercept: Int { 0 }
    public var trend: Int { 1 }
    public var weekday: Int { 2 }  // 6 columns
    /// Yearly Fourier pairs: enough to follow a December peak, few enough for two years of data.
    public static let fourierPairs = 2
    public var fourier: Int { 8 }  // 2F columns
    public var promo: Int { 8 + 2 * EffectLayout.fourierPairs }  // P columns
    public var discount: Int { promo + promotionTypes }
    public var prePromo: Int { discount + 1 }
    public var postPromo: Int { discount + 2 }
    public var eventDay: Int { discount + 3 }  // E columns
    public var eventPre: Int { eventDay + events }
    public var eventPost: Int { eventPre + events }
    public var logPrice: Int { eventPost + events }
    public var columns: Int { logPrice + 1 }
    /// First column of the adjustment (weekly and yearly season and effects).
    public var firstAdjustment: Int { weekday }
    /// First effect column (pooled across series).
    public var firstEffect: Int { promo }

    /// Most event columns set on one day: its own event, and one per event in the
    /// ``eventWindow`` days before and after it.
    public static let maxEventColumns = 1 + 2 * eventWindow

    /// Fills row `r` of a column-major `rows × columns` matrix for day `t` of `f`.
    /// `trendOrigin` is the day index where the trend is 0.
    @inline(__always)
    public func fillRow(_ x: UnsafeMutablePointer<Double>, rows: Int, row r: Int, day t: Int,
                        features f: CalendarFeatures, trendOrigin: Int) {
        for c in eventDay..<columns { x[c * rows + r] = 0 }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: EffectLayout.maxEventColumns) { events in
            let (count, price) = fillSplitRow(x + r, stride: rows, day: t, features: f, trendOrigin: trendOrigin,
                                              events: events.baseAddress!)
            for k in 0..<count { x[Int(events[k]) * rows + r] = 1 }
            x[logPrice * rows + r] = price
        }
    }

    /// Day t's row in two parts, for fits that treat the event columns as sparse: the columns
    /// before ``eventDay`` (dense: season, promotions) written to `x[c · stride]`, c <
    /// `eventDay`; the event columns set to 1 (each at most once: at most ``maxEventColumns``)
    /// written to `events`; returns their count and the log price (column ``logPrice``).
    /// ``fillRow(_:rows:row:day:features:trendOrigin:)`` is this row, laid out whole.
    @inline(__always)
    public func fillSplitRow(_ x: UnsafeMutablePointer<Double>, stride: Int, day t: Int, features f: CalendarFeatures,
                             trendOrigin: Int, events: UnsafeMutablePointer<Int32>) -> (events: Int, logPrice: Double) {
        for c in 0..<eventDay { x[c * stride] = 0 }
        x[intercept * stride] = 1
        x[trend * stride] = Double(t - trendOrigin) / 365.25
        let wd = (f.firstWeekday + t) % 7
        if wd > 0 { x[(weekday + wd - 1) * stride] = 1 }
        let day = f.firstDayOfYear - 1 + t
        if day >= 0 && day < FourierTable.days {
            let base = day * 2 * EffectLayout.fourierPairs
            for j in 0..<(2 * EffectLayout.fourierPairs) { x[(fourier + j) * stride] = FourierTable.values[base + j] }
        } else {
            FourierTable.terms(day: day) { j, v in x[(fourier + j) * stride] = v }
        }
        let n = f.count
        let p = f.promoType[t]
        if p >= 0 {
            x[(promo + Int(p)) * stride] = 1
            x[discount * stride] = f.discount[t]
        } else {
            // Pull-forward: a promotion starts within the next preDays days.
            var k = 1
            while k <= EffectLayout.preDays && t + k < n {
                if f.promoType[t + k] >= 0 { x[prePromo * stride] = 1; break }
                k += 1
            }
            k = 1
            while k <= EffectLayout.postDays && t - k >= 0 {
                if f.promoType[t - k] >= 0 { x[postPromo * stride] = 1; break }
                k += 1
            }
        }
        var count = 0
        @inline(__always) func add(_ column: Int) {
            let c = Int32(column)
            for j in 0..<count where events[j] == c { return }
            events[count] = c
            count += 1
        }
        let e = f.event[t]
        if e >= 0 { add(eventDay + Int(e)) }
        for k in 1...EffectLayout.eventWindow {
            if t + k < n, f.event[t + k] >= 0, f.event[t + k] != e { add(eventPre + Int(f.event[t + k])) }
            if t - k >= 0, f.event[t - k] >= 0, f.event[t - k] != e { add(eventPost + Int(f.event[t - k])) }
        }
        return (count, f.modelledLogPrice(t))
    }
}

/// The yearly Fourier terms sin/cos(2πk·d/365.25), k = 1…``EffectLayout/fourierPairs``, of day
/// index d, tabulated once for d < ``days`` (the same expressions, so the same bits) because every
/// row of every series' design needs them.
enum FourierTable {
    static let days = 16_384
    /// Row-major `days × 2F`: for each day, sin then cos of each k.
    static let values: [Double] = {
        var v = [Double](repeating: 0, count: days * 2 * EffectLayout.fourierPairs)
        for d in 0..<days { terms(day: d) { j, x in v[d * 2 * EffectLayout.fourierPairs + j] = x } }
        return v
    }()

    @inline(__always)
    static func terms(day: Int, _ body: (Int, Double) -> Void) {
        let phase = 2 * Double.pi * Double(day) / 365.25
        for k in 0..<EffectLayout.fourierPairs {
            body(2 * k, sin(Double(k + 1) * phase))
            body(2 * k + 1, cos(Double(k + 1) * phase))
        }
    }
}

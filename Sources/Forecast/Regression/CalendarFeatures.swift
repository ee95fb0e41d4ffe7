/// The calendar of one series, day by day over its history and forecast horizon: what
/// promotion runs, which event falls, the price relative to normal.
///
/// All arrays have `count` = history length + horizon elements; index 0 is the series' first
/// history day. Built by the caller from the data set (the library does no I/O).
public struct CalendarFeatures: Sendable {
    /// Promotion type id on each day (index into the run's promotion types), −1 for none.
    public var promoType: [Int32]
    /// Discount on promotion days as a fraction of the regular price, in [0, 1); 0 otherwise.
    public var discount: [Double]
    /// Event id on each day (index into the run's event names), −1 for none.
    public var event: [Int32]
    /// log(price / regular price) per day; 0 where unknown.
    public var logPriceRatio: [Double]
    /// Day of week of index 0: 0 = Monday … 6 = Sunday.
    public var firstWeekday: Int
    /// Day of year (1…366) of index 0.
    public var firstDayOfYear: Int

    public init(count: Int, firstWeekday: Int, firstDayOfYear: Int) {
        promoType = .init(repeating: -1, count: count)
        discount = .init(repeating: 0, count: count)
        event = .init(repeating: -1, count: count)
        logPriceRatio = .init(repeating: 0, count: count)
        self.firstWeekday = firstWeekday
        self.firstDayOfYear = firstDayOfYear
    }

    public var count: Int { promoType.count }

    /// Largest |log price ratio| a regression reads (``modelledLogPrice(_:)``): half or double
    /// the regular price. Ordinary promotions sit well inside; beyond it a price is more often an
    /// error or a clearance than a promotion, and an elasticity learnt on the ordinary ones must
    /// not be extrapolated there (one M5 item priced at 29 % of regular for a few weeks made the
    /// cross-series model predict 17,000 × its level on those days, and its dispersion × 17).
    public static let logPriceBound = 0.6931471805599453  // log 2

    /// log(price / regular price) on day t, within ±``logPriceBound``: what regressions read.
    @inline(__always)
    public func modelledLogPrice(_ t: Int) -> Double {
        min(CalendarFeatures.logPriceBound, max(-CalendarFeatures.logPriceBound, logPriceRatio[t]))
    }

    /// Whether day `t` is a promotion or event day (for accuracy on such days).
    @inline(__always)
    public func isSpecial(_ t: Int) -> Bool { promoType[t] >= 0 || event[t] >= 0 }

    /// Whether `other` has the same calendar on days 0..<`days` (bit for bit; fewer when shorter).
    public func agrees(with other: CalendarFeatures, onFirst days: Int) -> Bool {
        guard firstWeekday == other.firstWeekday, firstDayOfYear == other.firstDayOfYear else { return false }
        let n = min(days, count)
        guard other.count >= n else { return false }
        for t in 0..<n {
            if promoType[t] != other.promoType[t] || event[t] != other.event[t]
                || discount[t].bitPattern != other.discount[t].bitPattern
                || logPriceRatio[t].bitPattern != other.logPriceRatio[t].bitPattern { return false }
        }
        return true
    }
}

/// The columns of the cross-series regression (``GlobalModel``): one row is one series, one
/// origin o (its last history day) and one target day t = o + h, h = 1…H.
///
/// Everything in a row is known at the origin, so one fit forecasts every day of the horizon
/// directly (no recursion). The series' level at the origin is the offset, so the columns
/// explain how day t differs from the recent level s (``OriginSummary/scale``):
/// - 0 intercept; 1…6 weekday of t (Tuesday … Sunday vs Monday); 7 the series' own weekday
///   profile for t's weekday (log ratio over its last 364 days, shrunk);
/// - 8…13 log level ratios log((m_k + 0.05·s)/(1.05·s)) of the mean of the last k observed
///   days, k = 7, 14, 28, 56, 112, 364;
/// - 14 share of zero days among the last 28; 15 log(1 + days since the last sale)/log(366);
/// - 16 h/H; 17 (h/H)·(364-day ratio); 18 (h/H)·(7-day ratio): how the level drifts with h;
/// - 19 the series' own change from the 28 days before o − 364 to the week around t − 364
///   (log ratio), 20 an indicator that there is not a year of history for it;
/// - 21…24 yearly Fourier terms of t minus their mean over the 28 days up to o (the season's
///   change from the level's window to t);
/// - 25 log price ratio on t; 26 that minus its mean over the last 28 days;
/// - 27 share of promotion days among the last 28 days; 28 the series' own promotion lift
///   (log ratio over its last 364 days, shrunk) when t is a promotion day;
/// - 29, 30 the series' volume band (s < 0.5, 0.5 ≤ s < 2 units a day, against faster movers);
///   31, 32 the band times the 364-day ratio; 33, 34 the band times the 7-day ratio. Rows are
///   weighted by volume, so without them slow movers take the fast movers' intercept and
///   level weights: a slow mover's 28-day level is a noisy count and deserves more shrinkage to
///   its long mean (on M5 the cross-series model alone over-forecast intermittent series by
///   +16 … +48 %). With an indicator per band, the Poisson fit's score equations make each
///   band's training rows sum to their actual demand;
/// - then the calendar of t: one column per promotion type, the discount, a promotion starting
///   within the next three days, one ended within the last seven; one column per event (on t).
///   Columns for the days around each event were measured to add nothing on M5 (WRMSSE 0.9385
///   with them, 0.9393 without) at 1.7× the fitting time.
///   Nor does the store's or the whole chain's recent movement (log ratios of the location's
///   and of all series' totals, short, middle and long windows: six columns): on M5 (6 folds,
///   pooled WRMSSE of restock / the cross-series model alone, 0.9246 / 0.9531 without) all six
///   gave 0.9299 / 0.9756, the location's short ratio alone 0.9249 / 0.9526, the chain's short
///   ratio alone 0.9239 / 0.9553, both short ratios under a ridge of 300 days 0.9246 / 0.9530:
///   what they say is already in the series' own level ratios, and a chain-wide week is one
///   shock over many rows.
public struct GlobalLayout: Sendable, Equatable {
    public let promotionTypes: Int
    public let events: Int

    public init(promotionTypes: Int, events: Int) {
        self.promotionTypes = promotionTypes
        self.events = events
    }

    /// Windows of the level means, days; index 2 (28 days) is the scale's window.
    public static let windows = [7, 14, 28, 56, 112, 364]

    static let intercept = 0
    static let weekday = 1  // 6
    static let ownWeekday = 7
    static let levels = 8  // windows.count
    static let zeroShare = 14
    static let sinceSale = 15
    static let horizon = 16
    static let horizonLong = 17
    static let horizonShort = 18
    static let yearAgo = 19
    static let noYearAgo = 20
    static let fourier = 21  // 2F
    static let price = 25
    static let priceChange = 26
    static let promoShare = 27
    static let ownPromoLift = 28
    static let volumeBand = 29  // 2 indicators, then 2 × ratio 364, then 2 × ratio 7
    static let fixedColumns = 35

    /// Upper ends of the low-volume bands of the scale s, units per day: [0, 0.5), [0.5, 2).
    static let volumeBands: [Double] = [0.5, 2]

    var promo: Int { GlobalLayout.fixedColumns }  // P columns
    var discount: Int { promo + promotionTypes }
    var prePromo: Int { discount + 1 }
    var postPromo: Int { discount + 2 }
    var eventDay: Int { discount + 3 }  // E columns
    public var columns: Int { eventDay + events }
}

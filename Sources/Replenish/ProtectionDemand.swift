/// Demand over the protection interval of one input: the numbers every policy starts from.
///
/// P = L + R days (lead time L ≥ 0, review period R ≥ 1, both may be fractional in L);
/// D_P and D_R are the forecast means summed over the first P and R days
/// (``SafetyStock/demandOver(days:mean:)``), d̄ = D_P/P the mean daily demand over P, and σ_P
/// from ``SafetyStock/protectionSD(dailySD:days:meanDailyDemand:leadTimeSDDays:)``.
/// `distribution` is ``DemandDistribution/choose(mean:sd:)`` of (D_P, σ_P).
///
/// For slow items (D_P below ``DemandDistribution/discreteMeanLimit``) σ_P is at least the
/// spread of demand itself over P-day windows of the recent history, scaled to the forecast
/// level (variance × D_P / historical mean of the window sums): a smooth intermittent-demand
/// forecast understates how lumpy the next P days can be.
public struct ProtectionDemand: Sendable, Equatable {
    /// L, days ≥ 0.
    public var leadDays: Double
    /// R, days ≥ 1.
    public var reviewDays: Double
    /// P = L + R, days.
    public var days: Double
    /// D_P, units.
    public var mean: Double
    /// D_R, units: expected demand between two reviews.
    public var reviewMean: Double
    /// d̄ = D_P/P, units per day.
    public var meanDaily: Double
    /// σ_P, units.
    public var sd: Double
    /// Demand over P, normal or discrete by the automatic rule.
    public var distribution: DemandDistribution
    /// The forecast means per day (for ``leadTimeDistribution``).
    private var demandMean: [Double]

    public init(_ input: ReplenishmentInput) {
        demandMean = input.demandMean
        leadDays = max(0, input.leadTimeDays)
        reviewDays = Double(max(1, input.reviewDays))
        days = leadDays + reviewDays
        mean = SafetyStock.demandOver(days: days, mean: input.demandMean)
        reviewMean = SafetyStock.demandOver(days: reviewDays, mean: input.demandMean)
        meanDaily = days > 0 ? mean / days : 0
        sd = SafetyStock.protectionSD(dailySD: input.demandSD, days: days, meanDailyDemand: meanDaily,
                                      leadTimeSDDays: input.leadTimeSDDays)
        if mean < DemandDistribution.discreteMeanLimit,
           let historical = ProtectionDemand.windowVariance(input.recentDemand, days: Int(days.rounded(.up)), level: mean) {
            sd = max(sd, historical.squareRoot())
        }
        distribution = DemandDistribution.choose(mean: mean, sd: sd)
    }

    /// Variance of demand summed over `days`-day windows of `demand` (windows with a stock-out
    /// day are skipped), scaled to `level` units per window; nil with fewer than 8 windows or no
    /// demand. Windows step by one day.
    static func windowVariance(_ demand: [Double], days: Int, level: Double) -> Double? {
        guard days >= 1, demand.count >= days + 7 else { return nil }
        var sums: [Double] = []
        sums.reserveCapacity(demand.count - days + 1)
        var total = 0.0
        var missing = 0
        for t in 0..<demand.count {
            if demand[t].isNaN { missing += 1 } else { total += demand[t] }
            if t >= days {
                if demand[t - days].isNaN { missing -= 1 } else { total -= demand[t - days] }
            }
            if t >= days - 1 && missing == 0 { sums.append(total) }
        }
        guard sums.count >= 8 else { return nil }
        let mean = sums.reduce(0, +) / Double(sums.count)
        guard mean > 0 else { return nil }
        let variance = sums.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sums.count - 1)
        return variance * max(level, 0) / mean
    }

    /// Demand over the lead time alone: D_L = the forecast means summed over the first L days, with
    /// σ_P scaled by √(D_L/D_P), by the same automatic model choice. With P's it gives the expected
    /// shortage of one review cycle, E[(D_P − S)⁺] − E[(D_L − S)⁺] (Silver, Pyke & Thomas, 2017, §7.2).
    public var leadTimeDistribution: DemandDistribution {
        let m = leadDays > 0 ? SafetyStock.demandOver(days: leadDays, mean: demandMean) : 0
        return DemandDistribution.choose(mean: m, sd: mean > 0 ? sd * (m / mean).squareRoot() : 0)
    }

    /// Day (counted from the as-of day) an order decided tonight arrives: it is placed the
    /// morning after (day 1) and takes L days, rounded up: 1 + ⌈L⌉.
    public var arrivalDays: Int { 1 + Int(leadDays.rounded(.up)) }
}

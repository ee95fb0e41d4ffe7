/// Demand over the protection interval of one input: the numbers every policy starts from.
///
/// P = L + R days (lead time L ≥ 0, review period R ≥ 1, both may be fractional in L);
/// D_P and D_R are the forecast means summed over the first P and R days
/// (``SafetyStock/demandOver(days:mean:)``), d̄ = D_P/P the mean daily demand over P, and σ_P
/// from ``SafetyStock/protectionSD(dailySD:days:meanDailyDemand:leadTimeSDDays:)``.
/// `distribution` is ``DemandDistribution/choose(mean:sd:)`` of (D_P, σ_P).
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

    public init(_ input: ReplenishmentInput) {
        leadDays = max(0, input.leadTimeDays)
        reviewDays = Double(max(1, input.reviewDays))
        days = leadDays + reviewDays
        mean = SafetyStock.demandOver(days: days, mean: input.demandMean)
        reviewMean = SafetyStock.demandOver(days: reviewDays, mean: input.demandMean)
        meanDaily = days > 0 ? mean / days : 0
        sd = SafetyStock.protectionSD(dailySD: input.demandSD, days: days, meanDailyDemand: meanDaily,
                                      leadTimeSDDays: input.leadTimeSDDays)
        distribution = DemandDistribution.choose(mean: mean, sd: sd)
    }

    /// Day (counted from the as-of day) an order decided tonight arrives: it is placed the
    /// morning after (day 1) and takes L days, rounded up: 1 + ⌈L⌉.
    public var arrivalDays: Int { 1 + Int(leadDays.rounded(.up)) }
}

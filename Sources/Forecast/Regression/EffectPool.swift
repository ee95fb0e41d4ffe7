/// Pools effect estimates across series so that series which saw a promotion type or event
/// rarely (or never) borrow strength. With w the days of exposure and κ = 30 days, each group's
/// exposure-weighted mean is shrunk toward the all-series mean β̄_all:
/// β̄_g = (Σ_g w·β + κ·β̄_all) / (Σ_g w + κ), for the series' category and its location, and the
/// prior is additive in the two deviations: β̄ = β̄_all + (β̄_cat − β̄_all) + (β̄_loc − β̄_all).
///
/// Only the adjustment columns (weekly and yearly season and effects) are pooled; the rest have prior 0.
public struct EffectPool: Sendable {
    public let layout: EffectLayout
    var sum: [Double]
    var weight: [Double]
    var categorySum: [[Double]]
    var categoryWeight: [[Double]]
    var locationSum: [[Double]]
    var locationWeight: [[Double]]
    public static let kappa = 30.0

    public init(layout: EffectLayout, categories: Int, locations: Int) {
        locationSum = .init(repeating: .init(repeating: 0, count: layout.columns), count: locations)
        locationWeight = .init(repeating: .init(repeating: 0, count: layout.columns), count: locations)
        self.layout = layout
        sum = .init(repeating: 0, count: layout.columns)
        weight = .init(repeating: 0, count: layout.columns)
        categorySum = .init(repeating: .init(repeating: 0, count: layout.columns), count: categories)
        categoryWeight = .init(repeating: .init(repeating: 0, count: layout.columns), count: categories)
    }

    /// Adds one series' estimates. `category` in 0..<categories, `location` in 0..<locations, or nil.
    public mutating func add(_ e: PromotionEffects, category: Int?, location: Int?) {
        for c in layout.firstAdjustment..<layout.columns where e.exposure[c] > 0 {
            let w = min(e.exposure[c], 365)
            sum[c] += w * e.coefficients[c]
            weight[c] += w
            if let g = category {
                categorySum[g][c] += w * e.coefficients[c]
                categoryWeight[g][c] += w
            }
            if let l = location {
                locationSum[l][c] += w * e.coefficients[c]
                locationWeight[l][c] += w
            }
        }
    }

    /// The prior for a series of `category` at `location` (nil: that level is left out).
    public func prior(category: Int?, location: Int?) -> [Double] {
        var p = [Double](repeating: 0, count: layout.columns)
        let k = EffectPool.kappa
        for c in layout.firstAdjustment..<layout.columns {
            let global = weight[c] > 0 ? sum[c] / weight[c] : 0
            p[c] = global
            if let g = category {
                p[c] += (categorySum[g][c] + k * global) / (categoryWeight[g][c] + k) - global
            }
            if let l = location {
                p[c] += (locationSum[l][c] + k * global) / (locationWeight[l][c] + k) - global
            }
        }
        return p
    }
}

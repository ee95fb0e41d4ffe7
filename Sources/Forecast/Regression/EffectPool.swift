/// Pools effect estimates across series so that series which saw a promotion type or event
/// rarely (or never) borrow strength: the prior of a series is its category's exposure-weighted
/// mean effect, itself shrunk toward the all-series mean,
/// β̄_cat = (Σ_cat w·β + κ·β̄_all) / (Σ_cat w + κ), with w the days of exposure and κ = 30 days.
///
/// Only the adjustment columns (yearly season and effects) are pooled; the rest have prior 0.
public struct EffectPool: Sendable {
    public let layout: EffectLayout
    private var sum: [Double]
    private var weight: [Double]
    private var categorySum: [[Double]]
    private var categoryWeight: [[Double]]
    public static let kappa = 30.0

    public init(layout: EffectLayout, categories: Int) {
        self.layout = layout
        sum = .init(repeating: 0, count: layout.columns)
        weight = .init(repeating: 0, count: layout.columns)
        categorySum = .init(repeating: .init(repeating: 0, count: layout.columns), count: categories)
        categoryWeight = .init(repeating: .init(repeating: 0, count: layout.columns), count: categories)
    }

    /// Adds one series' estimates. `category` in 0..<categories, or nil.
    public mutating func add(_ e: PromotionEffects, category: Int?) {
        for c in layout.firstAdjustment..<layout.columns where e.exposure[c] > 0 {
            let w = min(e.exposure[c], 365)
            sum[c] += w * e.coefficients[c]
            weight[c] += w
            if let g = category {
                categorySum[g][c] += w * e.coefficients[c]
                categoryWeight[g][c] += w
            }
        }
    }

    /// The prior for a series of `category` (nil: the all-series mean).
    public func prior(category: Int?) -> [Double] {
        var p = [Double](repeating: 0, count: layout.columns)
        for c in layout.firstAdjustment..<layout.columns {
            let global = weight[c] > 0 ? sum[c] / weight[c] : 0
            if let g = category {
                p[c] = (categorySum[g][c] + EffectPool.kappa * global) / (categoryWeight[g][c] + EffectPool.kappa)
            } else {
                p[c] = global
            }
        }
        return p
    }
}

/// A linear map from a data interval (domain) onto a pixel interval (range).
struct LinearScale {
    var domainLow: Double
    var domainHigh: Double
    var rangeLow: Double
    var rangeHigh: Double

    /// A degenerate or non-finite domain is widened to `[low, low + 1]` so the map stays finite.
    init(domain: (Double, Double), range: (Double, Double)) {
        let low = domain.0.isFinite ? domain.0 : 0
        var high = domain.1.isFinite ? domain.1 : low + 1
        if high <= low { high = low + 1 }
        domainLow = low
        domainHigh = high
        rangeLow = range.0
        rangeHigh = range.1
    }

    /// Pixel position of `value`; non-finite input maps to the range start.
    func callAsFunction(_ value: Double) -> Double {
        guard value.isFinite else { return rangeLow }
        let t = (value - domainLow) / (domainHigh - domainLow)
        return rangeLow + t * (rangeHigh - rangeLow)
    }
}

/// Round axis ticks with steps 1, 2 or 5 × 10^k ("nice numbers", P. Heckbert, Graphics Gems I,
/// 1990, "Nice numbers for graph labels", with the 1-2-5 series instead of 1-2-5-10 rounding).
struct NiceTicks: Equatable {
    /// Axis limits (multiples of `step`) covering the data, and the tick values from low to high.
    var low: Double
    var high: Double
    var step: Double
    var values: [Double]

    /// Ticks covering `[low, high]` with about `targetCount` intervals (at most 2× that many).
    /// Non-finite or reversed input is repaired; an empty interval becomes `[low, low + 1]`
    /// (or `[0, 1]` around zero) so an all-zero series still gets an axis 0…1.
    init(covering low: Double, _ high: Double, targetCount: Int = 5) {
        var lo = low.isFinite ? low : 0
        var hi = high.isFinite ? high : lo
        if hi < lo { swap(&lo, &hi) }
        if hi - lo < 1e-9 * max(1, abs(hi)) { hi = lo + max(1, abs(lo) * 0.1) }
        let step = NiceTicks.step(forRange: hi - lo, targetCount: max(1, targetCount))
        let first = (lo / step).rounded(.down)
        let last = (hi / step).rounded(.up)
        let count = Int(max(1, min(100, last - first)))
        self.step = step
        self.low = first * step
        self.high = (first + Double(count)) * step
        self.values = (0...count).map { (first + Double($0)) * step }
    }

    /// The 1-2-5 step nearest above `range / targetCount`.
    static func step(forRange range: Double, targetCount: Int) -> Double {
        let raw = range / Double(targetCount)
        guard raw.isFinite, raw > 1e-12 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let normalized = raw / magnitude
        let factor: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
        return factor * magnitude
    }

    /// Decimals needed to print every tick exactly (0 for steps ≥ 1).
    var decimals: Int {
        var d = 0
        var s = step
        while s < 0.999_999 && d < 6 { s *= 10; d += 1 }
        return d
    }

    /// Tick label: "0", "2.5", "120", "15k" (thousands when the step is a multiple of 1000).
    func label(_ value: Double) -> String {
        if step >= 1000 && abs(high) >= 10_000 {
            return NumberFormatting.trimmed(value / 1000, maxDecimals: 3) + "k"
        }
        return NumberFormatting.fixed(value, decimals)
    }
}

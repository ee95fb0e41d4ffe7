/// Locale-free, deterministic number text for the page and for SVG attributes.
enum NumberFormatting {
    /// Largest magnitude printed; beyond it values are clamped (keeps `Int64` rounding exact).
    static let limit = 1e15

    /// `value` rounded half away from zero to `decimals` places (0...6), e.g. `fixed(2.345, 1)`
    /// → "2.3" or "2.4" as the binary value rounds; no grouping, "-" for negatives, never "-0".
    /// Non-finite values print as "0" so that no `NaN`/`inf` reaches an SVG attribute; callers
    /// that must show a missing value check `isFinite` first.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let places = max(0, min(6, decimals))
        guard value.isFinite else { return "0" }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let clamped = max(-limit, min(limit, value))
        let scaled = (clamped * Double(scale)).rounded(.toNearestOrAwayFromZero)
        let units = Int64(max(-9.0e18, min(9.0e18, scaled)))
        if units == 0 { return places == 0 ? "0" : "0." + String(repeating: "0", count: places) }
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(scale)
        var text = (units < 0 ? "-" : "") + String(whole)
        if places > 0 {
            let fraction = String(magnitude % UInt64(scale))
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }

    /// `fixed` with trailing zeros (and a trailing point) removed: "80", "2.5", "0.25".
    static func trimmed(_ value: Double, maxDecimals: Int) -> String {
        var text = fixed(value, maxDecimals)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// An SVG coordinate or length in pixels: one decimal.
    static func px(_ value: Double) -> String { fixed(value, 1) }

    /// Quantity in units for labels: whole numbers when large, one decimal below 10 ("3.5", "120").
    static func quantity(_ value: Double) -> String {
        abs(value) >= 10 ? fixed(value, 0) : trimmed(value, maxDecimals: 1)
    }
}

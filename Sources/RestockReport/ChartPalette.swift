/// Colours and stroke styles shared by the charts (hex sRGB), chosen to stay distinguishable
/// for the common colour-vision deficiencies: blue vs orange for baseline vs scenario, dashes
/// for every scenario series.
enum ChartPalette {
    static let text = "#374151"
    static let mutedText = "#6b7280"
    static let axis = "#9ca3af"
    static let grid = "#e5e7eb"
    static let history = "#1f2937"
    static let stockOut = "#dc2626"
    static let forecast = "#2563eb"
    static let interval = "#93c5fd"
    static let scenario = "#ea580c"
    static let promotion = "#fbbf24"
    static let event = "#6b7280"
    static let stock = "#059669"
    static let scenarioStock = "#065f46"
    static let arrival = "#0d9488"
    static let reorderPoint = "#dc2626"
    static let orderUpTo = "#7c3aed"
    static let asOf = "#111827"
    static let mixBar = "#3b82f6"

    /// Opacity of the interval band and of promotion bands.
    static let intervalOpacity = "0.45"
    static let promotionOpacity = "0.22"
    /// Dash patterns (pixels on, off).
    static let scenarioDash = "6 4"
    static let eventDash = "4 3"
    static let referenceDash = "2 3"
}

/// How a legend entry's swatch is drawn.
enum LegendSwatch {
    /// A short line, dashed when `dash` is given.
    case line(color: String, dash: String?)
    /// A filled rectangle.
    case area(color: String, opacity: String)
    /// A hollow circle (stock-out days).
    case hollowDot(color: String)
    /// A triangle marker (arrivals).
    case marker(color: String)
}

/// The series a chart can draw, in legend order. The raw value is the `data-series` attribute
/// of the series' group and the `data-legend` attribute of its legend entry.
enum ChartSeries: String, CaseIterable {
    case history, stockOuts = "stock-outs", forecast, interval, scenarioForecast = "scenario-forecast"
    case promotions, events, stock, scenarioStock = "scenario-stock", arrivals
    case reorderPoint = "reorder-point", orderUpTo = "order-up-to"

    /// Position in the legend.
    var order: Int { ChartSeries.allCases.firstIndex(of: self) ?? 0 }
}

/// One legend entry for a drawn series.
struct LegendEntry {
    var series: ChartSeries
    var label: String
    var swatch: LegendSwatch
}

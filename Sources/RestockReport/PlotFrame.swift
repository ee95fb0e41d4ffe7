/// Pixel geometry of one series chart: the plot rectangle inside margins that hold the axes,
/// labels above the plot, and the legend below it. All values are pixels.
struct PlotFrame {
    /// Canvas width (the page's content width).
    static let width = 900.0
    /// Height of the plot rectangle.
    static let plotHeight = 230.0
    /// Height of one legend row.
    static let legendRowHeight = 18.0

    let plotLeft = 58.0
    let plotTop = 50.0
    let plotRight: Double
    var plotBottom: Double { plotTop + PlotFrame.plotHeight }
    var plotWidth: Double { plotRight - plotLeft }
    /// Top of the legend's first row (below the date labels and their year line).
    var legendTop: Double { plotBottom + 44 }

    /// A frame with room on the right for a stock axis when `hasStockAxis`.
    init(hasStockAxis: Bool) {
        plotRight = PlotFrame.width - (hasStockAxis ? 64 : 24)
    }

    /// Canvas height for a legend of `legendRows` rows.
    func canvasHeight(legendRows: Int) -> Double {
        legendTop + Double(max(1, legendRows)) * PlotFrame.legendRowHeight + 6
    }

    /// Rough width of `text` at the 11 px chart font (no font metrics available): 6.1 px a character.
    static func textWidth(_ text: String, fontSize: Double = 11) -> Double {
        Double(text.count) * fontSize * 0.555
    }
}

/// Places labels in a few horizontal rows so that neighbours do not overlap: each label goes to
/// the first row whose last label ends left of it (or to the last row when all are taken).
struct LabelRows {
    private var rowEnds: [Double]

    init(rows: Int) { rowEnds = Array(repeating: -Double.infinity, count: max(1, rows)) }

    /// Row index (0-based) for a label spanning `left ..< left + width` pixels; records it.
    mutating func place(left: Double, width: Double, gap: Double = 6) -> Int {
        let row = rowEnds.firstIndex { $0 + gap <= left } ?? rowEnds.count - 1
        rowEnds[row] = max(rowEnds[row], left + width)
        return row
    }
}

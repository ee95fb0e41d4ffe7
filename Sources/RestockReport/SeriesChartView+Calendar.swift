import RestockData

/// Calendar layers: promotions as shaded day ranges, events as dashed vertical lines, and the
/// as-of line. Labels above the plot share `LabelRows` so they do not overlap.
extension SeriesChartView {
    /// Longest label drawn in full; longer ones are cut with "…" (the tooltip has the full text).
    static let maxLabelCharacters = 28

    /// Promotion bands spanning their inclusive days, labelled inside the plot's top edge.
    func drawPromotions(_ canvas: inout SVGCanvas) -> [LegendEntry] {
        guard !data.promotions.isEmpty else { return [] }
        var rows = LabelRows(rows: 2)
        let halfDay = 0.5 * (x(1) - x(0))
        beginSeries(&canvas, .promotions, tooltip: "promotions")
        for promo in data.promotions {
            let left = dayX(promo.start) - halfDay, right = dayX(promo.end) + halfDay
            canvas.rect(x: left, y: frame.plotTop, width: right - left, height: PlotFrame.plotHeight,
                        [("fill", ChartPalette.promotion), ("fill-opacity", ChartPalette.promotionOpacity)],
                        title: "promotion \(promo.label): \(promo.start) to \(promo.end)")
            let text = SeriesChartView.shortened(promo.label)
            let row = rows.place(left: left + 3, width: PlotFrame.textWidth(text, fontSize: 10))
            canvas.text(text, x: left + 3, y: frame.plotTop + 12 + 12 * Double(row),
                        [("font-size", "10"), ("fill", "#92400e")])
        }
        canvas.endGroup()
        return [LegendEntry(series: .promotions, label: "promotion",
                            swatch: .area(color: ChartPalette.promotion, opacity: "0.5"))]
    }

    /// Dashed vertical lines on event days, labelled above the plot in rows 1 and 2 (row 0 is
    /// the as-of label's).
    func drawEvents(_ canvas: inout SVGCanvas) -> [LegendEntry] {
        guard !data.events.isEmpty else { return [] }
        var labels = LabelRows(rows: 2)
        beginSeries(&canvas, .events, tooltip: "events")
        for event in data.events.sorted(by: { $0.day < $1.day }) {
            let px = dayX(event.day)
            canvas.beginGroup([("class", "event")], title: "\(event.label) (\(event.day))")
            canvas.line(px, frame.plotTop, px, frame.plotBottom,
                        [("stroke", ChartPalette.event), ("stroke-width", "1.2"), ("stroke-dasharray", ChartPalette.eventDash)])
            drawTopLabel(&canvas, SeriesChartView.shortened(event.label), at: px, color: ChartPalette.event, labels: &labels, rowOffset: 1)
            canvas.endGroup()
        }
        canvas.endGroup()
        return [LegendEntry(series: .events, label: "event", swatch: .line(color: ChartPalette.event, dash: ChartPalette.eventDash))]
    }

    /// The as-of line between the last history day and the first forecast day, labelled "as of …"
    /// just above the plot.
    func drawAsOf(_ canvas: inout SVGCanvas) {
        var labels = LabelRows(rows: 1)
        let px = dayX(data.asOf) + 0.5 * (x(1) - x(0))
        canvas.beginGroup([("class", "as-of-marker")], title: "as of \(data.asOf): history to the left, forecast to the right")
        canvas.line(px, frame.plotTop - 2, px, frame.plotBottom, [("stroke", ChartPalette.asOf), ("stroke-width", "1.4")])
        drawTopLabel(&canvas, "as of \(data.asOf)", at: px, color: ChartPalette.asOf, labels: &labels, bold: true)
        canvas.endGroup()
    }

    /// A label centred on `px` above the plot, in the first free row of `labels` (counted up from
    /// `rowOffset` rows above the plot), kept inside the canvas.
    private func drawTopLabel(_ canvas: inout SVGCanvas, _ text: String, at px: Double, color: String,
                              labels: inout LabelRows, rowOffset: Int = 0, bold: Bool = false) {
        let width = PlotFrame.textWidth(text)
        let left = max(2, min(PlotFrame.width - width - 2, px - width / 2))
        let row = labels.place(left: left, width: width) + rowOffset
        var style: [(String, String)] = [("fill", color)]
        if bold { style.append(("font-weight", "600")) }
        canvas.text(text, x: left, y: frame.plotTop - 8 - 14 * Double(row), style)
    }

    /// `label` cut to `maxLabelCharacters` with "…".
    static func shortened(_ label: String) -> String {
        label.count <= maxLabelCharacters ? label : String(label.prefix(maxLabelCharacters - 1)) + "…"
    }
}

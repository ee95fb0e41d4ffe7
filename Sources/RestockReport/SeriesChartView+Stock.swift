import RestockData

/// Stock layers (right axis, units): projected inventory as step lines, reorder point and
/// order-up-to as reference lines, and arrivals as markers with their quantities.
extension SeriesChartView {
    /// Baseline projection (solid) and scenario projection (dashed), one step per day.
    func drawInventory(_ canvas: inout SVGCanvas) -> [LegendEntry] {
        guard let yStock else { return [] }
        var legend: [LegendEntry] = []
        let layers: [(ChartSeries, [Double?]?, String, String?, String)] = [
            (.stock, data.projectedInventory, ChartPalette.stock, nil, "projected stock (right axis)"),
            (.scenarioStock, data.scenarioProjectedInventory, ChartPalette.scenarioStock, ChartPalette.scenarioDash,
             "scenario stock (right axis)"),
        ]
        for (series, values, color, dash, label) in layers {
            guard let values, values.contains(where: { $0 != nil }) else { continue }
            beginSeries(&canvas, series, tooltip: label.replacingRightAxis + ": available units at the end of each day")
            var style: [(String, String)] = [("fill", "none"), ("stroke", color), ("stroke-width", "1.8")]
            if let dash { style.append(("stroke-dasharray", dash)) }
            canvas.element("path", [("d", stepPath(values, scale: yStock).data)] + style)
            canvas.endGroup()
            legend.append(LegendEntry(series: series, label: label, swatch: .line(color: color, dash: dash)))
        }
        return legend
    }

    /// A step line: value `i` is held across day as-of + 1 + i (its full width); gaps break it.
    private func stepPath(_ values: [Double?], scale: LinearScale) -> SVGPath {
        var path = SVGPath()
        let halfDay = 0.5 * (x(1) - x(0))
        for (i, value) in values.enumerated() {
            guard let value else { path.breakLine(); continue }
            let centre = dayX(data.forecastDay(i))
            path.add(centre - halfDay, scale(value))
            path.add(centre + halfDay, scale(value))
        }
        return path
    }

    /// Horizontal dotted lines at the reorder point and order-up-to level, labelled at the left
    /// (the forecast side is the busy one).
    func drawReferenceLines(_ canvas: inout SVGCanvas) -> [LegendEntry] {
        guard let yStock else { return [] }
        var legend: [LegendEntry] = []
        var labelsRightEdge = frame.plotLeft, previousY = -Double.infinity
        let lines: [(ChartSeries, Double?, String, String)] = [
            (.reorderPoint, data.reorderPoint, ChartPalette.reorderPoint, "reorder point"),
            (.orderUpTo, data.orderUpTo, ChartPalette.orderUpTo, "order-up-to"),
        ]
        for (series, level, color, name) in lines {
            guard let level else { continue }
            let text = "\(name) \(NumberFormatting.quantity(level))"
            let py = yStock(level)
            beginSeries(&canvas, series, tooltip: "\(text) units")
            canvas.line(frame.plotLeft, py, frame.plotRight, py,
                        [("stroke", color), ("stroke-width", "1.4"), ("stroke-dasharray", ChartPalette.referenceDash)])
            // Levels a label-height apart would print over each other: the second moves right.
            let labelX = abs(py - previousY) < 12 ? labelsRightEdge + 12 : frame.plotLeft + 6
            labelsRightEdge = labelX + PlotFrame.textWidth(text)
            previousY = py
            canvas.text(text, x: labelX, y: py - 4,
                        [("fill", color), ("class", "ref-label"), ("paint-order", "stroke"), ("stroke", "#ffffff"),
                         ("stroke-width", "3")])
            canvas.endGroup()
            legend.append(LegendEntry(series: series, label: "\(name) (right axis)",
                                      swatch: .line(color: color, dash: ChartPalette.referenceDash)))
        }
        return legend
    }

    /// Arrivals: a triangle on the plot's bottom edge per arrival, its quantity ("+120") above;
    /// labels of arrivals a few days apart are stacked upwards.
    func drawArrivals(_ canvas: inout SVGCanvas) -> [LegendEntry] {
        guard !data.arrivals.isEmpty else { return [] }
        beginSeries(&canvas, .arrivals, tooltip: "arrivals: inbound units by arrival day")
        var rows = LabelRows(rows: 3)
        for arrival in data.arrivals.sorted(by: { $0.day < $1.day }) {
            let px = dayX(arrival.day)
            let quantity = NumberFormatting.quantity(arrival.quantity)
            let detail = arrival.label.isEmpty ? "" : " (\(arrival.label))"
            canvas.beginGroup([("class", "arrival")], title: "arrival \(arrival.day): \(quantity) units\(detail)")
            canvas.element("path", [("d", Markers.triangle(x: px, y: frame.plotBottom - 1)), ("fill", ChartPalette.arrival)])
            let width = PlotFrame.textWidth("+" + quantity) * 1.25  // bold
            let row = rows.place(left: px - width / 2, width: width, gap: 3)
            canvas.text("+" + quantity, x: px, y: frame.plotBottom - 13 - 12 * Double(row), anchor: "middle",
                        [("fill", ChartPalette.arrival), ("font-weight", "600"), ("paint-order", "stroke"),
                         ("stroke", "#ffffff"), ("stroke-width", "3")])
            canvas.endGroup()
        }
        canvas.endGroup()
        return [LegendEntry(series: .arrivals, label: "arrival (units)", swatch: .marker(color: ChartPalette.arrival))]
    }
}

private extension String {
    /// The legend label without its "(right axis)" note, for tooltips.
    var replacingRightAxis: String {
        hasSuffix(" (right axis)") ? String(dropLast(" (right axis)".count)) : self
    }
}

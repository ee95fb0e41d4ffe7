/// The legend under a chart: one entry per drawn series, laid out left to right in rows.
enum Legend {
    /// Rows needed for `entries` within `width` pixels starting at `left`.
    static func rowCount(_ entries: [LegendEntry], left: Double, width: Double) -> Int {
        layout(entries, left: left, width: width).last.map { $0.row + 1 } ?? 1
    }

    /// Draws the entries, each as `<g data-legend="series">` with swatch and label.
    static func draw(_ canvas: inout SVGCanvas, entries: [LegendEntry], left: Double, top: Double, width: Double) {
        canvas.beginGroup([("class", "legend"), ("fill", ChartPalette.text)])
        for (entry, place) in zip(entries, layout(entries, left: left, width: width)) {
            let y = top + Double(place.row) * PlotFrame.legendRowHeight + 9
            canvas.beginGroup([("class", "legend-item"), ("data-legend", entry.series.rawValue)])
            drawSwatch(&canvas, entry.swatch, x: place.x, y: y)
            canvas.text(entry.label, x: place.x + 26, y: y + 4)
            canvas.endGroup()
        }
        canvas.endGroup()
    }

    /// Entry positions: x of the swatch, row index.
    private static func layout(_ entries: [LegendEntry], left: Double, width: Double) -> [(x: Double, row: Int)] {
        var x = left, row = 0
        var out: [(x: Double, row: Int)] = []
        for entry in entries {
            let w = 26 + PlotFrame.textWidth(entry.label) + 18
            if x + w > left + width && x > left {
                row += 1
                x = left
            }
            out.append((x, row))
            x += w
        }
        return out
    }

    /// A 20-pixel swatch centred vertically on `y`.
    private static func drawSwatch(_ canvas: inout SVGCanvas, _ swatch: LegendSwatch, x: Double, y: Double) {
        switch swatch {
        case .line(let color, let dash):
            var style: [(String, String)] = [("stroke", color), ("stroke-width", "2.2")]
            if let dash { style.append(("stroke-dasharray", dash)) }
            canvas.line(x, y, x + 20, y, style)
        case .area(let color, let opacity):
            canvas.rect(x: x, y: y - 6, width: 20, height: 12, [("fill", color), ("fill-opacity", opacity)])
        case .hollowDot(let color):
            canvas.element("circle", [("cx", NumberFormatting.px(x + 10)), ("cy", NumberFormatting.px(y)), ("r", "3.5"),
                                      ("fill", "#ffffff"), ("stroke", color), ("stroke-width", "1.6")])
        case .marker(let color):
            canvas.element("path", [("d", Markers.triangle(x: x + 10, y: y + 5)), ("fill", color)])
        }
    }
}

/// Small marker shapes as path data.
enum Markers {
    /// An upward triangle 10 px wide and 8 px tall whose base is centred on (x, y).
    static func triangle(x: Double, y: Double) -> String {
        "M\(NumberFormatting.px(x - 5)),\(NumberFormatting.px(y))L\(NumberFormatting.px(x + 5)),\(NumberFormatting.px(y))"
            + "L\(NumberFormatting.px(x)),\(NumberFormatting.px(y - 8))Z"
    }
}

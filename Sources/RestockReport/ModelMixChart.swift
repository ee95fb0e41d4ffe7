/// The model mix as a horizontal bar chart: one row per model (input order), the bar's length
/// proportional to its number of series, with the count and share of all series at its end.
enum ModelMixChart {
    static let rowHeight = 26.0
    static let labelWidth = 190.0
    static let barMaxWidth = 520.0

    /// The `<svg>` element; an empty mix gives a chart with a "no models" line.
    static func render(_ mix: [(model: String, series: Int)]) -> String {
        let total = mix.reduce(0) { $0 + max(0, $1.series) }
        let largest = mix.map { max(0, $0.series) }.max() ?? 0
        var canvas = SVGCanvas(width: PlotFrame.width, height: 12 + rowHeight * Double(max(1, mix.count)))
        if mix.isEmpty {
            canvas.text("no models", x: 8, y: 26, [("fill", ChartPalette.mutedText)])
        }
        for (index, entry) in mix.enumerated() {
            drawRow(&canvas, index: index, model: entry.model, series: max(0, entry.series), total: total, largest: largest)
        }
        canvas.line(labelWidth, 6, labelWidth, canvas.height - 6, [("stroke", ChartPalette.axis)])
        return canvas.render(label: "Model mix: series per forecast model")
    }

    private static func drawRow(_ canvas: inout SVGCanvas, index: Int, model: String, series: Int, total: Int, largest: Int) {
        let top = 6 + rowHeight * Double(index)
        let length = largest > 0 ? barMaxWidth * Double(series) / Double(largest) : 0
        let share = total > 0 ? 100 * Double(series) / Double(total) : 0
        let figures = "\(series) series · \(NumberFormatting.fixed(share, 1)) %"
        canvas.beginGroup([("class", "mix-row"), ("data-model", model)], title: "\(model): \(figures)")
        canvas.text(SeriesChartView.shortened(model), x: labelWidth - 8, y: top + rowHeight / 2 + 4, anchor: "end",
                    [("fill", ChartPalette.text)])
        canvas.rect(x: labelWidth, y: top + 4, width: max(1, length), height: rowHeight - 8,
                    [("fill", ChartPalette.mixBar), ("rx", "2")])
        canvas.text(figures, x: labelWidth + max(1, length) + 6, y: top + rowHeight / 2 + 4,
                    [("fill", ChartPalette.text), ("class", "mix-figures")])
        canvas.endGroup()
    }
}

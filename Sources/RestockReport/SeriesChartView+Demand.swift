import RestockData

/// Demand layers (left axis, units per day): history with stock-out days, forecast, its
/// interval band and the scenario forecast.
extension SeriesChartView {
    /// History line and hollow red dots on stock-out days. Always drawn (empty when no history).
    func drawHistory(_ canvas: inout SVGCanvas) -> [LegendEntry] {
        let start = data.historyStart
        beginSeries(&canvas, .history, tooltip: "history: units sold per day from \(start)")
        drawLine(&canvas, data.history, day: { start.adding($0) }, scale: y, color: ChartPalette.history, width: "1.6")
        canvas.endGroup()
        var legend = [LegendEntry(series: .history, label: data.history.isEmpty ? "history (no data)" : "history",
                                  swatch: .line(color: ChartPalette.history, dash: nil))]
        guard !data.stockOutDays.isEmpty else { return legend }
        beginSeries(&canvas, .stockOuts, tooltip: "stock-out days (sales censored by zero stock)")
        for i in data.stockOutDays {
            let day = start.adding(i)
            canvas.element("circle", [("cx", NumberFormatting.px(dayX(day))), ("cy", NumberFormatting.px(y(data.history[i] ?? 0))),
                                      ("r", "3.5"), ("fill", "#ffffff"), ("stroke", ChartPalette.stockOut),
                                      ("stroke-width", "1.6")],
                           title: "stock-out on \(day)")
        }
        canvas.endGroup()
        legend.append(LegendEntry(series: .stockOuts, label: "stock-out day", swatch: .hollowDot(color: ChartPalette.stockOut)))
        return legend
    }

    /// Forecast (always drawn) and, for a what-if, the scenario forecast dashed.
    func drawForecasts(_ canvas: inout SVGCanvas) -> [LegendEntry] {
        let day = { (i: Int) in data.forecastDay(i) }
        beginSeries(&canvas, .forecast, tooltip: "forecast: mean units per day from \(data.asOf.adding(1))")
        drawLine(&canvas, data.forecast, day: day, scale: y, color: ChartPalette.forecast, width: "2.2")
        canvas.endGroup()
        var legend = [LegendEntry(series: .forecast, label: data.forecast.isEmpty ? "forecast (no data)" : "forecast",
                                  swatch: .line(color: ChartPalette.forecast, dash: nil))]
        if let scenario = data.scenarioForecast, scenario.contains(where: { $0 != nil }) {
            beginSeries(&canvas, .scenarioForecast, tooltip: "scenario forecast (what-if), units per day")
            drawLine(&canvas, scenario, day: day, scale: y, color: ChartPalette.scenario, width: "2.2",
                     dash: ChartPalette.scenarioDash)
            canvas.endGroup()
            legend.append(LegendEntry(series: .scenarioForecast, label: "scenario forecast",
                                      swatch: .line(color: ChartPalette.scenario, dash: ChartPalette.scenarioDash)))
        }
        return legend
    }

    /// The forecast interval as a shaded band between `lower` and `upper`, split at gaps.
    func drawInterval(_ canvas: inout SVGCanvas) -> [LegendEntry] {
        var path = SVGPath()
        var run: [Int] = []
        for i in 0...data.lower.count {
            if i < data.lower.count, data.lower[i] != nil, data.upper[i] != nil {
                run.append(i)
                continue
            }
            addBand(&path, run)
            run.removeAll()
        }
        guard !path.isEmpty else { return [] }
        let level = data.intervalLevel > 0
            ? NumberFormatting.trimmed(data.intervalLevel, maxDecimals: 1) + " % interval" : "forecast interval"
        beginSeries(&canvas, .interval, tooltip: "\(level) of daily demand")
        canvas.element("path", [("d", path.data), ("fill", ChartPalette.interval),
                                ("fill-opacity", ChartPalette.intervalOpacity), ("stroke", "none")])
        canvas.endGroup()
        return [LegendEntry(series: .interval, label: level,
                            swatch: .area(color: ChartPalette.interval, opacity: ChartPalette.intervalOpacity))]
    }

    /// One closed polygon: upper bound forwards, lower bound backwards over the run of indices.
    /// A one-day run becomes a box ±0.3 day wide so it stays visible.
    private func addBand(_ path: inout SVGPath, _ run: [Int]) {
        guard let only = run.first else { return }
        if run.count == 1 {
            let centre = dayX(data.forecastDay(only)), pad = 0.3 * (x(1) - x(0))
            let top = y(data.upper[only] ?? 0), bottom = y(data.lower[only] ?? 0)
            for (px, py) in [(centre - pad, top), (centre + pad, top), (centre + pad, bottom), (centre - pad, bottom)] {
                path.add(px, py)
            }
        } else {
            for i in run { path.add(dayX(data.forecastDay(i)), y(data.upper[i] ?? 0)) }
            for i in run.reversed() { path.add(dayX(data.forecastDay(i)), y(data.lower[i] ?? 0)) }
        }
        path.close()
    }
}

import RestockData

/// One `SeriesChart` as an inline SVG (900 px wide): demand (units per day) on the left axis,
/// stock (units) on the right axis when any stock series is present, dates below, the legend
/// under the plot. Each drawn series is a `<g data-series="…">` with a matching legend entry.
struct SeriesChartView {
    let data: ChartData
    let title: String
    let frame: PlotFrame
    /// Day offset from `data.first` → x pixel; days are centred on their offset.
    let x: LinearScale
    /// Units per day → y pixel (left axis).
    let demandTicks: NiceTicks
    let y: LinearScale
    /// Units → y pixel (right axis), when stock is drawn.
    let stockTicks: NiceTicks?
    let yStock: LinearScale?

    init(_ chart: SeriesChart, asOf: Day) {
        data = ChartData(chart, asOf: asOf)
        title = chart.title
        frame = PlotFrame(hasStockAxis: data.hasStock)
        x = LinearScale(domain: (-0.5, Double(data.spanDays) - 0.5), range: (frame.plotLeft, frame.plotRight))
        let demand = data.demandValues
        demandTicks = NiceTicks(covering: min(0, demand.min() ?? 0), SeriesChartView.headroom * (demand.max() ?? 0))
        y = LinearScale(domain: (demandTicks.low, demandTicks.high), range: (frame.plotBottom, frame.plotTop))
        if data.hasStock {
            let stock = data.stockValues
            let ticks = NiceTicks(covering: min(0, stock.min() ?? 0), SeriesChartView.headroom * (stock.max() ?? 0))
            stockTicks = ticks
            yStock = LinearScale(domain: (ticks.low, ticks.high), range: (frame.plotBottom, frame.plotTop))
        } else {
            stockTicks = nil
            yStock = nil
        }
    }

    /// Axis maximum over data maximum, leaving room for the labels along the plot's top edge.
    static let headroom = 1.12

    /// x pixel of the centre of `day`.
    func dayX(_ day: Day) -> Double { x(Double(data.first.distance(to: day))) }

    /// The `<svg>` element.
    func render() -> String {
        var canvas = SVGCanvas(width: PlotFrame.width, height: 0)
        canvas.rect(x: frame.plotLeft, y: frame.plotTop, width: frame.plotWidth, height: PlotFrame.plotHeight,
                    [("fill", "#ffffff"), ("class", "plot")])
        Axis.drawGrid(&canvas, frame: frame, ticks: demandTicks, y: y)
        var legend: [LegendEntry] = []
        legend += drawPromotions(&canvas)
        legend += drawInterval(&canvas)
        drawAxes(&canvas)
        legend += drawReferenceLines(&canvas)
        legend += drawInventory(&canvas)
        legend += drawHistory(&canvas)
        legend += drawForecasts(&canvas)
        drawAsOf(&canvas)
        legend += drawEvents(&canvas)
        legend += drawArrivals(&canvas)
        legend.sort { $0.series.order < $1.series.order }
        let legendWidth = PlotFrame.width - frame.plotLeft - 10
        canvas.height = frame.canvasHeight(legendRows: Legend.rowCount(legend, left: frame.plotLeft, width: legendWidth))
        Legend.draw(&canvas, entries: legend, left: frame.plotLeft, top: frame.legendTop, width: legendWidth)
        return canvas.render(label: "Chart: " + title)
    }

    private func drawAxes(_ canvas: inout SVGCanvas) {
        Axis.drawValueAxis(&canvas, frame: frame, ticks: demandTicks, y: y, title: "units/day",
                           isLeft: true, color: ChartPalette.text)
        if let stockTicks, let yStock {
            Axis.drawValueAxis(&canvas, frame: frame, ticks: stockTicks, y: yStock, title: "stock (units)",
                               isLeft: false, color: ChartPalette.stock)
        }
        Axis.drawDateAxis(&canvas, frame: frame, ticks: DateTicks(from: data.first, through: data.last), x: dayX)
    }

    /// A line through `values` (value `i` on `day(i)`), broken at gaps; isolated points become dots.
    func drawLine(_ canvas: inout SVGCanvas, _ values: [Double?], day: (Int) -> Day, scale: LinearScale,
                  color: String, width: String = "2", dash: String? = nil) {
        var path = SVGPath()
        var dots: [(Double, Double)] = []
        for (i, value) in values.enumerated() {
            guard let value else { path.breakLine(); continue }
            let point = (dayX(day(i)), scale(value))
            path.add(point.0, point.1)
            let before = i > 0 ? values[i - 1] : nil, after = i + 1 < values.count ? values[i + 1] : nil
            if before == nil && after == nil { dots.append(point) }
        }
        var style: [(String, String)] = [("fill", "none"), ("stroke", color), ("stroke-width", width),
                                         ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
        if let dash { style.append(("stroke-dasharray", dash)) }
        if !path.isEmpty { canvas.element("path", [("d", path.data)] + style) }
        for (cx, cy) in dots {
            canvas.element("circle", [("cx", NumberFormatting.px(cx)), ("cy", NumberFormatting.px(cy)),
                                      ("r", "2.2"), ("fill", color)])
        }
    }

    /// Opens the group of one series, with a tooltip.
    func beginSeries(_ canvas: inout SVGCanvas, _ series: ChartSeries, tooltip: String) {
        canvas.beginGroup([("class", "series"), ("data-series", series.rawValue)], title: tooltip)
    }
}

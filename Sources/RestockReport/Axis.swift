import RestockData

/// Draws the chart axes: value axes left (demand) and right (stock), with their grid and
/// titles, and the date axis below the plot.
enum Axis {
    /// Horizontal grid lines at the left axis' ticks.
    static func drawGrid(_ canvas: inout SVGCanvas, frame: PlotFrame, ticks: NiceTicks, y: LinearScale) {
        canvas.beginGroup([("class", "grid"), ("stroke", ChartPalette.grid), ("stroke-width", "1")])
        for value in ticks.values {
            canvas.line(frame.plotLeft, y(value), frame.plotRight, y(value), [])
        }
        canvas.endGroup()
    }

    /// Left (`isLeft`) or right value axis: line, tick labels and a rotated title.
    static func drawValueAxis(_ canvas: inout SVGCanvas, frame: PlotFrame, ticks: NiceTicks, y: LinearScale,
                              title: String, isLeft: Bool, color: String) {
        let edge = isLeft ? frame.plotLeft : frame.plotRight
        canvas.beginGroup([("class", isLeft ? "axis axis-y" : "axis axis-y2"), ("fill", color)])
        canvas.line(edge, frame.plotTop, edge, frame.plotBottom, [("stroke", ChartPalette.axis)])
        for value in ticks.values {
            let tickEnd = edge + (isLeft ? -4 : 4)
            canvas.line(edge, y(value), tickEnd, y(value), [("stroke", ChartPalette.axis)])
            canvas.text(ticks.label(value), x: edge + (isLeft ? -7 : 7), y: y(value) + 3.5,
                        anchor: isLeft ? "end" : "start", [("class", "tick")])
        }
        let titleX = isLeft ? 14.0 : PlotFrame.width - 10
        let titleY = (frame.plotTop + frame.plotBottom) / 2
        let angle = isLeft ? "-90" : "90"
        canvas.text(title, x: titleX, y: titleY, anchor: "middle",
                    [("class", "axis-title"), ("font-weight", "600"),
                     ("transform", "rotate(\(angle) \(NumberFormatting.px(titleX)) \(NumberFormatting.px(titleY)))")])
        canvas.endGroup()
    }

    /// Date axis: baseline, light vertical grid at each tick, "MM-DD" (or "YYYY-MM") labels and,
    /// for daily or weekly ticks, the year under the first tick of each year.
    static func drawDateAxis(_ canvas: inout SVGCanvas, frame: PlotFrame, ticks: DateTicks, x: (Day) -> Double) {
        canvas.beginGroup([("class", "axis axis-x"), ("fill", ChartPalette.text)])
        canvas.line(frame.plotLeft, frame.plotBottom, frame.plotRight, frame.plotBottom, [("stroke", ChartPalette.axis)])
        var previousYear: Int?
        for day in ticks.days {
            let px = x(day)
            canvas.line(px, frame.plotTop, px, frame.plotBottom, [("stroke", ChartPalette.grid), ("stroke-width", "0.7")])
            canvas.line(px, frame.plotBottom, px, frame.plotBottom + 4, [("stroke", ChartPalette.axis)])
            canvas.text(ticks.label(day), x: px, y: frame.plotBottom + 16, anchor: "middle", [("class", "tick")])
            let year = day.civil.year
            if ticks.stepMonths == 0 && year != previousYear {
                canvas.text(String(year), x: px, y: frame.plotBottom + 29, anchor: "middle",
                            [("class", "tick-year"), ("fill", ChartPalette.mutedText)])
            }
            previousYear = year
        }
        canvas.endGroup()
    }
}

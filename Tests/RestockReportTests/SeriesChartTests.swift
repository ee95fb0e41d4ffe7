import Testing
import RestockData
@testable import RestockReport

@Suite struct SeriesChartTests {
    static func charts() throws -> [XMLNode] {
        let page = HTMLReport.render(SampleReport.full())
        return try PageParts.svgElements(in: page).map(XMLNode.parse).filter { ($0.attributes["aria-label"] ?? "").hasPrefix("Chart:") }
    }

    @Test func everySVGOnThePageIsWellFormedXML() throws {
        for input in [SampleReport.full(), SampleReport.degenerate()] {
            let svgs = PageParts.svgElements(in: HTMLReport.render(input))
            #expect(!svgs.isEmpty)
            for svg in svgs {
                let root = try XMLNode.parse(svg)
                #expect(root.name == "svg")
            }
        }
    }

    @Test func fullChartDrawsEverySeriesWithALegendEntry() throws {
        let charts = try Self.charts()
        #expect(charts.count == 2)
        for chart in charts {
            let drawn = chart.all.compactMap { $0.attributes["data-series"] }
            let legend = chart.all.compactMap { $0.attributes["data-legend"] }
            #expect(Set(drawn).count == drawn.count)  // one group per series
            #expect(Set(drawn) == Set(ChartSeries.allCases.map(\.rawValue)))
            #expect(legend == ChartSeries.allCases.map(\.rawValue))  // legend order
            let legendText = chart.find("g", class: "legend").first?.allText ?? ""
            for label in ["history", "stock-out day", "forecast", "80 % interval", "scenario forecast", "promotion",
                          "event", "projected stock", "scenario stock", "arrival", "reorder point", "order-up-to"] {
                #expect(legendText.contains(label), "legend \(label)")
            }
        }
    }

    @Test func chartsHaveBothAxesWithTickLabelsAndTitles() throws {
        for chart in try Self.charts() {
            let left = chart.find("g", class: "axis-y").first
            let right = chart.find("g", class: "axis-y2").first
            let dates = chart.find("g", class: "axis-x").first
            #expect((left?.find("text", class: "tick").count ?? 0) >= 3)
            #expect((right?.find("text", class: "tick").count ?? 0) >= 3)
            #expect((dates?.find("text", class: "tick").count ?? 0) >= 5)
            #expect(left?.allText.contains("units/day") == true)
            #expect(right?.allText.contains("stock (units)") == true)
            #expect(dates?.find("text", class: "tick").first?.text.count == 5)  // MM-DD
            #expect(dates?.allText.contains("2024") == true)
            #expect(chart.allText.contains("as of 2024-12-30"))
            #expect(chart.allText.contains("+160"))
            #expect(chart.allText.contains("reorder point 95"))
            #expect(chart.allText.contains("Christmas"))
            #expect(chart.allText.contains("Winter sale"))
        }
    }

    @Test func degenerateChartsStillHaveAxesHistoryAndForecast() throws {
        let page = HTMLReport.render(SampleReport.degenerate())
        let svgs = try PageParts.svgElements(in: page).map(XMLNode.parse)
        #expect(svgs.count == SampleReport.degenerateCharts().count)
        for svg in svgs {
            #expect(!svg.find("g", class: "axis-y").isEmpty)
            #expect(!svg.find("g", class: "axis-x").isEmpty)
            let drawn = Set(svg.all.compactMap { $0.attributes["data-series"] })
            let legend = Set(svg.all.compactMap { $0.attributes["data-legend"] })
            #expect(drawn.isSuperset(of: ["history", "forecast"]))
            #expect(drawn == legend)
            #expect((svg.find("g", class: "axis-x").first?.find("text", class: "tick").count ?? 0) >= 1)
            #expect((svg.find("g", class: "axis-y").first?.find("text", class: "tick").count ?? 0) >= 2)
        }
    }

    @Test func allZeroChartGetsAUnitAxis() throws {
        let chart = SampleReport.degenerateCharts()[1]
        let svg = try XMLNode.parse(SeriesChartView(chart, asOf: SampleReport.asOf).render())
        let ticks = svg.find("g", class: "axis-y").first?.find("text", class: "tick").map(\.text) ?? []
        #expect(ticks.first == "0.0")
        #expect(ticks.last == "1.0")
        #expect(svg.allText.contains("history"))
    }

    @Test func emptyChartSaysNoData() throws {
        let svg = try XMLNode.parse(SeriesChartView(SampleReport.degenerateCharts()[0], asOf: SampleReport.asOf).render())
        let legend = svg.find("g", class: "legend").first?.allText ?? ""
        #expect(legend.contains("history (no data)"))
        #expect(legend.contains("forecast (no data)"))
    }

    @Test func intervalLabelFollowsTheLevel() {
        let charts = SampleReport.degenerateCharts()
        #expect(SeriesChartView(charts[3], asOf: SampleReport.asOf).render().contains(">95.5 % interval<"))
        #expect(SeriesChartView(charts[2], asOf: SampleReport.asOf).render().contains(">forecast interval<"))
    }

    @Test func modelMixHasOneBarPerModelWithItsShare() throws {
        let mix = SampleReport.full().modelMix
        let svg = try XMLNode.parse(ModelMixChart.render(mix))
        #expect(svg.find("g", class: "mix-row").count == mix.count)
        #expect(svg.find("rect").count == mix.count)
        #expect(svg.allText.contains("301 series · 25.0 %"))
        let empty = try XMLNode.parse(ModelMixChart.render([]))
        #expect(empty.allText.contains("no models"))
    }
}

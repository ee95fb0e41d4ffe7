import Foundation
import RestockData
@testable import RestockReport

/// Report inputs for the tests: a full what-if report with every chart feature, and degenerate ones.
enum SampleReport {
    static let asOf = Day(year: 2024, month: 12, day: 30)

    /// A realistic chart: 84 days of history with weekly seasonality and a stock-out run, a 28-day
    /// forecast with an 80 % interval, a scenario, a promotion, two events, projected stock,
    /// arrivals and the policy levels. `name` becomes the title (so tests can inject markup).
    static func fullChart(name: String = "SKU00001 at S01") -> SeriesChart {
        let historyDays = 84, horizon = 28
        let start = asOf.adding(-(historyDays - 1))
        let weekly = [1.0, 0.9, 0.95, 1.05, 1.25, 1.5, 0.7]
        var history: [Double] = [], censored: [Bool] = []
        for i in 0..<historyDays {
            let day = start.adding(i)
            let noise = Double((i * 37 + 11) % 13) - 6
            let out = (40...43).contains(i)
            history.append(out ? 0 : max(0, 20 * weekly[day.weekday] + noise * 0.8 + (i > 60 && i < 68 ? 12 : 0)))
            censored.append(out)
        }
        var forecast: [Double] = [], lower: [Double] = [], upper: [Double] = []
        for i in 0..<horizon {
            let mean = 21 * weekly[asOf.adding(i + 1).weekday] + (i >= 10 && i <= 16 ? 9 : 0)
            forecast.append(mean)
            lower.append(mean * 0.7)
            upper.append(mean * 1.35 + Double(i) * 0.15)
        }
        var stock: [Double] = [], scenarioStock: [Double] = []
        var level = 130.0, scenarioLevel = 130.0
        for i in 0..<horizon {
            if i == 4 || i == 18 { level += 160; scenarioLevel += 190 }
            level = max(0, level - forecast[i])
            scenarioLevel = max(0, scenarioLevel - forecast[i] * 1.15)
            stock.append(level)
            scenarioStock.append(scenarioLevel)
        }
        return SeriesChart(
            title: name, reason: "stock-out risk", historyStart: start, history: history, censored: censored,
            forecast: forecast, lower: lower, upper: upper, intervalLevel: 80,
            scenarioForecast: forecast.map { $0 * 1.15 },
            promotions: [(asOf.adding(11), asOf.adding(17), "Winter sale −20 %"),
                         (start.adding(61), start.adding(67), "Holiday <b>&\"promo\"")],
            events: [(Day(year: 2024, month: 12, day: 25), "Christmas"), (asOf.adding(2), "New Year")],
            projectedInventory: stock, scenarioProjectedInventory: scenarioStock,
            arrivals: [(asOf.adding(5), 160, "PO 4711"), (asOf.adding(19), 160, "tonight's order")],
            reorderPoint: 95, orderUpTo: 240)
    }

    /// A full report: KPIs, three exception kinds, model mix, accuracy, two charts, notes.
    static func full(skuName: String = "SKU<b>&\"1\"") -> ReportInput {
        ReportInput(
            title: "restock whatif — as of \(asOf)", asOf: asOf,
            kpis: [("Series", "1,204"), ("Days of cover", "6.2"), ("Fill rate (sim)", "97.4 %"),
                   ("Orders tonight", "312"), ("Order value", "48,210.50")],
            exceptionsByKind: [
                ("stock-out risk", 42, [(skuName, "S01", "cover 1.2 d < lead time 3 d"),
                                        ("SKU00007", "S02", "cover 0.4 d")]),
                ("excess stock", 7, [("SKU00120", "DC1", "cover 94 d")]),
                ("no sales 90 d", 3, []),
            ],
            modelMix: [("ETS(A,N,A)", 512), ("ETS(M,Ad,M)", 188), ("Croston SBA", 301), ("TSB", 97),
                       ("seasonal naive", 106)],
            accuracy: [("ETS auto", "fast movers", 0.812, 0.903, 0.214),
                       ("seasonal naive", "fast movers", 1.000, 1.000, 0.265),
                       ("TSB", "intermittent", 0.955, 0.871, 0.612),
                       ("Croston SBA", "intermittent", 0.948, .nan, 0.598)],
            charts: [fullChart(name: skuName + " at S01"), fullChart(name: "SKU00007 at S02")],
            notes: ["Scenario: promotion uplift +15 % on SKU00001 from 2025-01-10.", "2 series skipped: <no sales>."])
    }

    /// Charts that must still render: empty, all zeros, NaN/inf everywhere, one day, mismatched lengths.
    static func degenerateCharts() -> [SeriesChart] {
        let day = asOf
        return [
            SeriesChart(title: "empty", reason: "", historyStart: day, history: [], censored: [],
                        forecast: [], lower: [], upper: [], intervalLevel: 80),
            SeriesChart(title: "zeros", reason: "all zero", historyStart: day.adding(-27), history: Array(repeating: 0, count: 28),
                        censored: Array(repeating: true, count: 28), forecast: Array(repeating: 0, count: 14),
                        lower: Array(repeating: 0, count: 14), upper: Array(repeating: 0, count: 14), intervalLevel: 80,
                        projectedInventory: Array(repeating: 0, count: 14), reorderPoint: 0, orderUpTo: 0),
            SeriesChart(title: "non-finite", reason: "not finite", historyStart: day.adding(-3), history: [.nan, .infinity, 3, -.infinity],
                        censored: [true], forecast: [.nan, 2, .nan], lower: [.nan, 1], upper: [.infinity, 3, 4, 5],
                        intervalLevel: .nan, scenarioForecast: [.nan, .nan, .nan],
                        promotions: [(day.adding(500), day.adding(400), "outside"), (day.adding(2), day.adding(1), "reversed")],
                        events: [(day.adding(-999), "far away")], projectedInventory: [.nan, .infinity],
                        scenarioProjectedInventory: [], arrivals: [(day.adding(1), .nan, "bad qty"), (day.adding(2), 1e300, "huge")],
                        reorderPoint: .nan, orderUpTo: .infinity),
            SeriesChart(title: "one day", reason: "", historyStart: day, history: [5], censored: [false, true],
                        forecast: [4], lower: [3], upper: [6], intervalLevel: 95.5),
            SeriesChart(title: "long", reason: "two years", historyStart: day.adding(-700), history: (0..<701).map { Double($0 % 17) },
                        censored: [], forecast: Array(repeating: 8, count: 60), lower: Array(repeating: 5, count: 60),
                        upper: Array(repeating: 11, count: 60), intervalLevel: 80,
                        projectedInventory: (0..<60).map { -Double($0) * 3 }),
        ]
    }

    /// A degenerate report: the degenerate charts, and empty sections otherwise.
    static func degenerate() -> ReportInput {
        ReportInput(title: "", asOf: asOf, charts: degenerateCharts())
    }
}

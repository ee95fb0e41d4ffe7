import Forecast
import Foundation
import RestockData
import RestockReport
import RestockSettings

/// `report.html` of a backtest: accuracy of restock and the baselines per segment, and the mix
/// of methods restock chose, over all folds.
package enum BacktestReportPage {
    package static func write(overall: [String: AccuracyMetrics], data: DataSet, config: RestockConfig, folds: Int,
                      to path: String) throws {
        var accuracy: [(model: String, segment: String, mase: Double, rmsse: Double, wape: Double)] = []
        for model in ["restock", "seasonal_naive", "naive"] {
            for segment in ["all", "promo_event", "regular", "class:smooth", "class:erratic", "class:intermittent", "class:lumpy"] {
                guard let m = overall[model + "|" + segment], m.days > 0 else { continue }
                accuracy.append((model, segment, finite(m.mase), finite(m.rmsse), finite(m.wape)))
            }
        }
        let mix = overall.filter { $0.key.hasPrefix("restock|model:") }
            .map { (model: String($0.key.dropFirst("restock|model:".count)), series: $0.value.series) }
            .sorted { ($0.series, $1.model) > ($1.series, $0.model) }
        var kpis: [(label: String, value: String)] = [("Folds", "\(folds)"), ("Horizon (days)", "\(config.horizon)")]
        if let r = overall["restock|all"], let s = overall["seasonal_naive|all"] {
            kpis.append(("WAPE restock", String(format: "%.3f", r.wape)))
            kpis.append(("WAPE seasonal naive", String(format: "%.3f", s.wape)))
        }
        if let p = overall["restock|promo_event"] { kpis.append(("WAPE on promotion/event days", String(format: "%.3f", p.wape))) }
        let input = ReportInput(title: "restock backtest — \(folds) folds of \(config.horizon) days before \(data.asOf)",
                                asOf: data.asOf, kpis: kpis, modelMix: mix, accuracy: accuracy,
                                notes: ["Each fold fits only on data before its origin; stock-out days are not scored."])
        try OutputDirectory.writeDurably(Data(HTMLReport.render(input).utf8), to: path)
    }

    private static func finite(_ x: Double) -> Double { x.isFinite ? x : 0 }
}

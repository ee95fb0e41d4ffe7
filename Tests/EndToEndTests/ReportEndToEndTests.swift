import Foundation
import Testing

/// `report.html` is written by run, whatif and backtest: one self-contained page.
@Suite(.serialized) struct ReportEndToEndTests {
    func checkSelfContained(_ html: String) {
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"), "external reference in the page")
        #expect(!html.contains("NaN") && !html.contains("inf\""))
    }

    @Test func runAndBacktestWriteAReport() throws {
        let dir = try TempDir()
        #expect(try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/run"]).status == 0)
        let page = String(decoding: try dir.read("run/report.html"), as: UTF8.self)
        checkSelfContained(page)
        // KPIs, exceptions, model mix and at least one series chart with its axes.
        for text in ["Days of cover", "stockout_risk", "ets(a,n,n)+reg", "units/day", "as of 2024-12-30"] {
            #expect(page.contains(text), "report lacks '\(text)'")
        }
        #expect(page.components(separatedBy: "<svg").count - 1 >= 3)
        #expect(try RestockProcess.run(["backtest", "--data", RestockProcess.samples, "--out", dir.path + "/bt",
                                        "--folds", "1"]).status == 0)
        let bt = String(decoding: try dir.read("bt/report.html"), as: UTF8.self)
        checkSelfContained(bt)
        #expect(bt.contains("seasonal_naive") && bt.contains("promo_event"))
    }
}

import Foundation
import Testing
import RestockData
@testable import RestockReport

@Suite struct HTMLReportTests {
    let page = HTMLReport.render(SampleReport.full())

    @Test func onePageWithOneHTMLElementAndTheSections() {
        #expect(page.hasPrefix("<!doctype html>"))
        #expect(PageParts.count("<html", in: page) == 1)
        #expect(PageParts.count("</html>", in: page) == 1)
        #expect(PageParts.count("<body>", in: page) == 1)
        for id in ["kpis", "exceptions", "model-mix", "accuracy", "charts", "notes"] {
            #expect(page.contains("id=\"\(id)\""), "section \(id)")
        }
        #expect(page.contains("<time datetime=\"2024-12-30\">2024-12-30</time>"))
    }

    @Test func oneSVGPerChartPlusTheModelMix() {
        let input = SampleReport.full()
        #expect(PageParts.count("<svg", in: page) == input.charts.count + 1)
        #expect(PageParts.svgElements(in: page).count == input.charts.count + 1)
        let noMix = ReportInput(title: "t", asOf: SampleReport.asOf, charts: input.charts)
        #expect(PageParts.count("<svg", in: HTMLReport.render(noMix)) == input.charts.count)
    }

    @Test func selfContainedWithoutScriptOrNetwork() {
        #expect(!page.contains("<script"))
        #expect(!page.contains("http://"))
        #expect(!page.contains("https://"))
        #expect(!page.contains("url("))
        #expect(!page.contains("@import"))
        #expect(page.range(of: " on[a-z]+=", options: .regularExpression) == nil)  // no inline event handlers
    }

    @Test func noNonFiniteNumbersAnywhere() throws {
        for html in [page, HTMLReport.render(SampleReport.degenerate())] {
            let regex = try NSRegularExpression(pattern: "\\b(nan|inf|infinity)\\b", options: [.caseInsensitive])
            let range = NSRange(html.startIndex..., in: html)
            #expect(regex.firstMatch(in: html, range: range) == nil)
        }
    }

    @Test func dataStringsAreEscaped() {
        #expect(page.contains("SKU&lt;b&gt;&amp;&quot;1&quot;"))
        #expect(!page.contains("SKU<b>"))
        #expect(page.contains("Holiday &lt;b&gt;&amp;&quot;promo&quot;"))
        #expect(page.contains("<li>2 series skipped: &lt;no sales&gt;.</li>"))
        let hostile = ReportInput(title: "</title><script>alert(1)</script>", asOf: SampleReport.asOf,
                                  kpis: [("a\"b", "<i>")], notes: ["x'y\u{1}z"])
        let html = HTMLReport.render(hostile)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;/title&gt;&lt;script&gt;"))
        #expect(html.contains("a&quot;b"))
        #expect(html.contains("x&#39;y\u{FFFD}z"))
    }

    @Test func deterministic() {
        #expect(HTMLReport.render(SampleReport.full()) == page)
        let degenerate = SampleReport.degenerate()
        #expect(HTMLReport.render(degenerate) == HTMLReport.render(degenerate))
    }

    @Test func tablesShowExceptionsAndAccuracy() {
        #expect(page.contains("stock-out risk <b>42</b>"))
        #expect(page.contains("<caption>top 2 of 42</caption>"))
        #expect(page.contains("No rows listed."))
        #expect(page.contains("<td class=\"num best\">0.812</td>"))
        #expect(page.contains("<td class=\"num\">—</td>"))  // the NaN RMSSE
        #expect(page.contains("512 series · 42.5 %"))
    }

    @Test func emptySectionsAreLeftOut() {
        let html = HTMLReport.render(ReportInput(title: "bare", asOf: SampleReport.asOf))
        #expect(html.contains("<h1>bare</h1>"))
        #expect(!html.contains("<section"))
        #expect(!html.contains("<svg"))
        #expect(!html.contains("<nav"))
    }

    /// Writes the sample (and the degenerate) report when RESTOCK_REPORT_SAMPLE=path is set, for
    /// `scripts/report_screenshot.sh`.
    @Test func writeSampleWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["RESTOCK_REPORT_SAMPLE"], !path.isEmpty else { return }
        try page.write(toFile: path, atomically: true, encoding: .utf8)
        let degeneratePath = (path as NSString).deletingPathExtension + "-degenerate.html"
        try HTMLReport.render(SampleReport.degenerate()).write(toFile: degeneratePath, atomically: true, encoding: .utf8)
    }
}

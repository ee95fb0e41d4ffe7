import RestockData

/// The page's sections as HTML fragments, in page order. Every data string is escaped; a
/// section whose data is empty is left out (the header is always there).
enum Sections {
    private static func escape(_ s: String) -> String { HTMLEscaping.escape(s) }

    /// Title and as-of date.
    static func header(_ input: ReportInput) -> String {
        "<header class=\"page\"><h1>\(escape(input.title.isEmpty ? "restock report" : input.title))</h1>"
            + "<p class=\"as-of\">as of <time datetime=\"\(input.asOf)\">\(input.asOf)</time></p></header>\n"
    }

    /// Links to the sections present.
    static func navigation(_ input: ReportInput) -> String {
        var links: [(String, String)] = []
        if !input.exceptionsByKind.isEmpty { links.append(("exceptions", "Exceptions")) }
        if !input.modelMix.isEmpty { links.append(("model-mix", "Model mix")) }
        if !input.accuracy.isEmpty { links.append(("accuracy", "Backtest accuracy")) }
        if !input.charts.isEmpty { links.append(("charts", "Charts")) }
        if !input.notes.isEmpty { links.append(("notes", "Notes")) }
        guard !links.isEmpty else { return "" }
        return "<nav class=\"toc\">" + links.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined() + "</nav>\n"
    }

    /// Headline figures as cards.
    static func kpis(_ input: ReportInput) -> String {
        guard !input.kpis.isEmpty else { return "" }
        let cards = input.kpis.map {
            "<div class=\"kpi\"><div class=\"kpi-value\">\(escape($0.value))</div><div class=\"kpi-label\">\(escape($0.label))</div></div>"
        }
        return "<section class=\"kpis\" id=\"kpis\" aria-label=\"Key figures\">\n" + cards.joined(separator: "\n") + "\n</section>\n"
    }

    /// Counts per kind (linked chips), then a table of the top rows of each kind.
    static func exceptions(_ input: ReportInput) -> String {
        guard !input.exceptionsByKind.isEmpty else { return "" }
        let total = input.exceptionsByKind.reduce(0) { $0 + $1.count }
        var html = "<section id=\"exceptions\"><h2>Exceptions <span class=\"count\">\(total)</span></h2>\n<ul class=\"chips\">"
        for (i, kind) in input.exceptionsByKind.enumerated() {
            html += "<li><a href=\"#exceptions-\(i + 1)\">\(escape(kind.kind)) <b>\(kind.count)</b></a></li>"
        }
        html += "</ul>\n"
        for (i, kind) in input.exceptionsByKind.enumerated() {
            html += "<h3 id=\"exceptions-\(i + 1)\">\(escape(kind.kind))<span class=\"count\">\(kind.count)</span></h3>\n"
            guard !kind.top.isEmpty else {
                html += "<p class=\"muted\">No rows listed.</p>\n"
                continue
            }
            let rows = kind.top.map { [Cell($0.sku), Cell($0.location), Cell($0.detail)] }
            let caption = kind.count > kind.top.count ? "top \(kind.top.count) of \(kind.count)" : nil
            html += table(headers: [Cell("SKU"), Cell("Location"), Cell("Detail")], rows: rows, caption: caption)
        }
        return html + "</section>\n"
    }

    /// The model mix bar chart.
    static func modelMix(_ input: ReportInput) -> String {
        guard !input.modelMix.isEmpty else { return "" }
        let total = input.modelMix.reduce(0) { $0 + max(0, $1.series) }
        return "<section id=\"model-mix\"><h2>Model mix</h2>\n<p class=\"muted\">Series per forecast model, \(total) in all.</p>\n"
            + ModelMixChart.render(input.modelMix) + "\n</section>\n"
    }

    /// Backtest accuracy; the lowest MASE of each segment in bold.
    static func accuracy(_ input: ReportInput) -> String {
        guard !input.accuracy.isEmpty else { return "" }
        var bestMASE: [String: Double] = [:]
        for row in input.accuracy where row.mase.isFinite {
            bestMASE[row.segment] = min(bestMASE[row.segment] ?? .infinity, row.mase)
        }
        let rows = input.accuracy.map { row in
            [Cell(row.model), Cell(row.segment),
             Cell(measure(row.mase), numeric: true, best: row.mase.isFinite && row.mase == bestMASE[row.segment]),
             Cell(measure(row.rmsse), numeric: true), Cell(measure(row.wape), numeric: true)]
        }
        let headers = [Cell("Model"), Cell("Segment"), Cell("MASE", numeric: true), Cell("RMSSE", numeric: true),
                       Cell("WAPE", numeric: true)]
        return "<section id=\"accuracy\"><h2>Backtest accuracy</h2>\n"
            + table(headers: headers, rows: rows, caption: "Lower is better; best MASE per segment in bold.")
            + "</section>\n"
    }

    /// One figure per series chart.
    static func charts(_ input: ReportInput) -> String {
        guard !input.charts.isEmpty else { return "" }
        var html = "<section id=\"charts\"><h2>Series</h2>\n"
        for (i, chart) in input.charts.enumerated() {
            html += "<figure class=\"chart\" id=\"chart-\(i + 1)\"><figcaption><span class=\"chart-title\">\(escape(chart.title))</span>"
            if !chart.reason.isEmpty { html += "<span class=\"reason\">\(escape(chart.reason))</span>" }
            html += "</figcaption>\n" + SeriesChartView(chart, asOf: input.asOf).render() + "\n</figure>\n"
        }
        return html + "</section>\n"
    }

    /// Notes as a list.
    static func notes(_ input: ReportInput) -> String {
        guard !input.notes.isEmpty else { return "" }
        return "<section id=\"notes\"><h2>Notes</h2>\n<ul class=\"notes\">"
            + input.notes.map { "<li>\(escape($0))</li>" }.joined(separator: "\n") + "</ul>\n</section>\n"
    }

    /// A measure with 3 decimals, or "—" when missing.
    private static func measure(_ value: Double) -> String {
        value.isFinite ? NumberFormatting.fixed(value, 3) : "—"
    }

    /// A table cell: text (escaped when written), right-aligned when numeric, bold when best.
    private struct Cell {
        var text: String
        var numeric = false
        var best = false
        init(_ text: String, numeric: Bool = false, best: Bool = false) {
            self.text = text
            self.numeric = numeric
            self.best = best
        }
        func html(_ tag: String) -> String {
            let classes = [numeric ? "num" : nil, best ? "best" : nil].compactMap { $0 }
            let attr = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
            return "<\(tag)\(attr)>\(HTMLEscaping.escape(text))</\(tag)>"
        }
    }

    private static func table(headers: [Cell], rows: [[Cell]], caption: String?) -> String {
        var html = "<table>"
        if let caption { html += "<caption>\(escape(caption))</caption>" }
        html += "<thead><tr>" + headers.map { $0.html("th") }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { html += "<tr>" + row.map { $0.html("td") }.joined() + "</tr>\n" }
        return html + "</tbody></table>\n"
    }
}

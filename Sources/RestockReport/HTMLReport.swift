/// Renders `report.html`: one self-contained HTML5 page (inline CSS and SVG, no script, no
/// external assets) that a planner reads in a browser or prints.
///
/// Sections, in order: header (title, as-of), KPI cards, exceptions by kind, model mix (an SVG
/// bar chart), backtest accuracy, one SVG chart per `SeriesChart`, notes. Sections with no data
/// are left out. The page holds `charts.count` + (model mix non-empty ? 1 : 0) `<svg>` elements.
/// Every string from the data is escaped; numbers are printed with fixed decimals and no locale,
/// so the same input gives the same bytes. Non-finite numbers never reach the markup.
public enum HTMLReport {
    public static func render(_ input: ReportInput) -> String {
        var html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"generator\" content=\"restock\">\n"
        html += "<title>\(HTMLEscaping.escape(input.title.isEmpty ? "restock report" : input.title))</title>\n"
        html += "<style>\n\(ReportStylesheet.css)\n</style>\n</head>\n<body>\n<main>\n"
        html += Sections.header(input)
        html += Sections.navigation(input)
        html += Sections.kpis(input)
        html += Sections.exceptions(input)
        html += Sections.modelMix(input)
        html += Sections.accuracy(input)
        html += Sections.charts(input)
        html += Sections.notes(input)
        html += "<footer>restock report · as of \(input.asOf)</footer>\n"
        return html + "</main>\n</body>\n</html>\n"
    }
}

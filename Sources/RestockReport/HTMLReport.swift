/// Renders `report.html`: one self-contained page (inline CSS and SVG, no script, no network).
public enum HTMLReport {
    public static func render(_ input: ReportInput) -> String {
        // Placeholder replaced by the report implementation.
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>\(input.title)</title></head><body><h1>\(input.title)</h1></body></html>\n"
    }
}

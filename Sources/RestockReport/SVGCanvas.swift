/// Builds the text of one inline `<svg>` element. Every attribute value and text node passes
/// through `HTMLEscaping`, and every number through `NumberFormatting`, so the output is
/// well-formed XML with no `NaN`/`inf`. Coordinates are pixels, origin top-left, y down.
struct SVGCanvas {
    /// Canvas size in pixels (also the `viewBox`).
    let width: Double
    var height: Double
    private var body: [String] = []
    private var openGroups = 0

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The finished `<svg>` element; `label` becomes its accessible name.
    func render(label: String) -> String {
        let w = NumberFormatting.px(width), h = NumberFormatting.px(height)
        var text = "<svg viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\""
        text += " aria-label=\"\(HTMLEscaping.escape(label))\" font-family=\"\(SVGCanvas.fontFamily)\" font-size=\"11\">\n"
        text += body.joined()
        text += String(repeating: "</g>\n", count: openGroups)
        return text + "</svg>"
    }

    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"

    /// Opens `<g>` with the given attributes; close with `endGroup()`.
    mutating func beginGroup(_ attributes: [(String, String)], title: String? = nil) {
        body.append("<g\(SVGCanvas.attributeText(attributes))>")
        if let title { body.append("<title>\(HTMLEscaping.escape(title))</title>") }
        body.append("\n")
        openGroups += 1
    }

    mutating func endGroup() {
        guard openGroups > 0 else { return }
        body.append("</g>\n")
        openGroups -= 1
    }

    /// A childless element such as `line`, `rect`, `path`, `circle`, or one with a `<title>`
    /// tooltip when `title` is given.
    mutating func element(_ name: String, _ attributes: [(String, String)], title: String? = nil) {
        let attrs = SVGCanvas.attributeText(attributes)
        if let title {
            body.append("<\(name)\(attrs)><title>\(HTMLEscaping.escape(title))</title></\(name)>\n")
        } else {
            body.append("<\(name)\(attrs)/>\n")
        }
    }

    /// A `<text>` element at (x, y) with the given anchor ("start", "middle", "end").
    mutating func text(_ string: String, x: Double, y: Double, anchor: String = "start",
                       _ attributes: [(String, String)] = []) {
        let position: [(String, String)] = [("x", NumberFormatting.px(x)), ("y", NumberFormatting.px(y))]
        let anchorAttr: [(String, String)] = anchor == "start" ? [] : [("text-anchor", anchor)]
        let attrs = SVGCanvas.attributeText(position + anchorAttr + attributes)
        body.append("<text\(attrs)>\(HTMLEscaping.escape(string))</text>\n")
    }

    /// A straight line segment.
    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ style: [(String, String)]) {
        element("line", [("x1", NumberFormatting.px(x1)), ("y1", NumberFormatting.px(y1)),
                         ("x2", NumberFormatting.px(x2)), ("y2", NumberFormatting.px(y2))] + style)
    }

    /// An axis-aligned rectangle; negative sizes are normalised.
    mutating func rect(x: Double, y: Double, width w: Double, height h: Double,
                       _ style: [(String, String)], title: String? = nil) {
        element("rect", [("x", NumberFormatting.px(min(x, x + w))), ("y", NumberFormatting.px(min(y, y + h))),
                         ("width", NumberFormatting.px(abs(w))), ("height", NumberFormatting.px(abs(h)))] + style,
                title: title)
    }

    /// ` name="value"` pairs; values are escaped.
    static func attributeText(_ attributes: [(String, String)]) -> String {
        var text = ""
        for (name, value) in attributes {
            text += " \(name)=\"\(HTMLEscaping.escape(value))\""
        }
        return text
    }
}

/// Path data (`d` attribute) built from pixel points; a `nil` point breaks the line.
struct SVGPath {
    private(set) var data = ""
    private var penDown = false

    /// Appends a point: a move after a break, a line otherwise.
    mutating func add(_ x: Double, _ y: Double) {
        data += (penDown ? "L" : (data.isEmpty ? "M" : " M")) + NumberFormatting.px(x) + "," + NumberFormatting.px(y)
        penDown = true
    }

    /// Lifts the pen: the next point starts a new sub-path.
    mutating func breakLine() { penDown = false }

    /// Closes the current sub-path (for filled areas).
    mutating func close() {
        if penDown { data += "Z" }
        penDown = false
    }

    var isEmpty: Bool { data.isEmpty }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A minimal element tree parsed with Foundation's `XMLParser`, to check that the inline SVG is
/// well-formed XML and to query its structure.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This node and all descendants, depth first.
    var all: [XMLNode] { [self] + children.flatMap(\.all) }

    /// Text of this node and its descendants.
    var allText: String { text + children.map(\.allText).joined() }

    /// Descendants (and self) with the given name whose `class` attribute contains `className`.
    func find(_ name: String, class className: String? = nil) -> [XMLNode] {
        all.filter { node in
            node.name == name && (className.map { (node.attributes["class"] ?? "").split(separator: " ").contains(Substring($0)) } ?? true)
        }
    }

    /// Parses `xml`; throws the parser's error when it is not well-formed.
    static func parse(_ xml: String) throws -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseFailure(message: parser.parserError.map { "\($0)" } ?? "no root",
                               line: parser.lineNumber, column: parser.columnNumber)
        }
        return root
    }

    struct ParseFailure: Error, CustomStringConvertible {
        var message: String
        var line: Int
        var column: Int
        var description: String { "XML error at \(line):\(column): \(message)" }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// Pieces of a rendered page.
enum PageParts {
    /// Every `<svg …>…</svg>` element, in page order (inline SVG is never nested here).
    static func svgElements(in html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<svg"), let close = rest[open.upperBound...].range(of: "</svg>") {
            out.append(String(rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// Occurrences of `needle` in `haystack`.
    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    /// Values of attribute `name` in order of appearance.
    static func attributeValues(_ name: String, in text: String) -> [String] {
        text.components(separatedBy: " \(name)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}

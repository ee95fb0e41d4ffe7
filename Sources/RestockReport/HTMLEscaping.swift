/// Escaping of data strings for HTML text, attribute values and inline SVG (which must also be
/// well-formed XML).
enum HTMLEscaping {
    /// `s` with `& < > " '` replaced by character references, and characters XML 1.0 forbids
    /// (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF) replaced by
    /// U+FFFD. Safe in element content and in double- or single-quoted attribute values.
    /// Only the five XML-predefined references are used, so the result is valid XML too.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

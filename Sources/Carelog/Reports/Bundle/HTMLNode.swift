/// A small HTML tree that escapes by construction, for `summary.html`.
///
/// Text and attribute values are escaped when the tree is written, so a patient
/// or group named `<script>` is text, never markup. Output is well-formed XML
/// (void elements self-closed as `<br/>`), so a test can parse it with an XML
/// parser, and the same code writes inline SVG.
///
///     HTMLNode.element("p", ["class": "note"], [.text("a < b")]).rendered
///     // <p class="note">a &lt; b</p>
///
/// Why not a library: JohnSundell/Plot is in the mirror and does this well, but
/// the summary needs a handful of elements, and a dependency adds a package to
/// every build; the escaping here is the whole risk and is tested directly.
indirect enum HTMLNode {
    case element(String, [(String, String)], [HTMLNode])
    case text(String)
    /// Markup written as is: only for constant strings of this file's callers
    /// (the style sheet), never for data.
    case trusted(String)

    static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(name, attributes, children)
    }

    static func el(_ name: String, _ attributes: [(String, String)] = [], text: String) -> HTMLNode {
        .element(name, attributes, [.text(text)])
    }

    /// Elements that never have content: written self-closed.
    private static let void: Set<String> = ["meta", "br", "hr", "img", "link", "col", "input"]

    var rendered: String {
        var output = ""
        write(to: &output)
        return output
    }

    func write(to output: inout String) {
        switch self {
        case .text(let text):
            output += Self.escape(text.showingControlCharacters, quotes: false)
        case .trusted(let markup):
            output += markup
        case .element(let name, let attributes, let children):
            output += "<" + name
            for (key, value) in attributes {
                output += " " + key + "=\"" + Self.escape(value.showingControlCharacters, quotes: true) + "\""
            }
            if children.isEmpty, Self.void.contains(name) || name == "path" || name == "line" || name == "rect"
                || name == "circle" || name == "polyline" {
                output += "/>"
                return
            }
            output += ">"
            for child in children { child.write(to: &output) }
            output += "</" + name + ">"
        }
    }

    /// Escapes `&`, `<`, `>` (and `"`, `'` in attributes); C0 controls other than
    /// tab and line feed, which XML does not allow, become U+FFFD.
    static func escape(_ text: String, quotes: Bool) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            case "'" where quotes: output += "&#39;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }
}

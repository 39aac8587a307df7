/// How a command prints a list: an aligned table for people, or JSON Lines (one
/// JSON object per line, https://jsonlines.org) for scripts, which `jq` and every
/// language read a line at a time.
public enum ListFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// One JSON object on one line, its keys in the order given.
///
/// Written by hand rather than with `JSONSerialization`, which neither keeps key
/// order nor tells an integer from a string that looks like one (an MRN `00912`
/// must stay the string "00912").
public struct JSONLine: Sendable {
    public enum Value: Sendable {
        case string(String?)
        case integer(Int?)
        case number(String?)
        case boolean(Bool?)
        /// A value that is itself JSON (an array of objects).
        case raw(String)
    }

    private var fields: [(String, Value)] = []

    public init() {}

    public init(_ fields: [(String, Value)]) {
        self.fields = fields
    }

    public mutating func add(_ key: String, _ value: Value) {
        fields.append((key, value))
    }

    /// The object without a line end.
    public var text: String {
        "{" + fields.map { Self.quoted($0.0) + ":" + Self.encode($0.1) }.joined(separator: ",") + "}"
    }

    private static func encode(_ value: Value) -> String {
        switch value {
        case .string(let text): return text.map(quoted) ?? "null"
        case .integer(let number): return number.map(String.init) ?? "null"
        case .number(let text): return text ?? "null"
        case .boolean(let flag): return flag.map { $0 ? "true" : "false" } ?? "null"
        case .raw(let json): return json
        }
    }

    /// A JSON string (RFC 8259): quote, backslash and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

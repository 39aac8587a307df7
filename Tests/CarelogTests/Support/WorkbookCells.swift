import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The cells of one worksheet as a spreadsheet program reads them: the part parsed
/// with an XML parser (a part that is not well-formed XML is an error), each cell's
/// reference, type, style and value, the text of an inline string with the
/// `_xHHHH_` escapes of ECMA-376 (§22.9.2.19 ST_Xstring) undone, as a spreadsheet
/// undoes them.
final class WorkbookCells: NSObject, XMLParserDelegate {
    struct Cell: Equatable, CustomStringConvertible {
        var reference: String
        var type: String?
        var style: String?
        /// The text of `<t>` (decoded) or of `<v>`.
        var value: String

        var description: String { "\(reference) t=\(type ?? "-") s=\(style ?? "-") \(value.debugDescription)" }
    }

    struct NotWellFormed: Error, CustomStringConvertible {
        var part: String
        var reason: String
        var description: String { "\(part) is not well-formed XML: \(reason)" }
    }

    private(set) var cells: [Cell] = []
    private var current: Cell?
    private var text = ""
    private var inValue = false

    /// Parses `xml` (the text of a part named `part`), throwing when it is not
    /// well-formed.
    @discardableResult
    static func parse(_ xml: String, part: String) throws -> WorkbookCells {
        let reader = WorkbookCells()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        guard parser.parse() else {
            throw NotWellFormed(part: part, reason: parser.parserError.map { "\($0)" } ?? "unknown")
        }
        return reader
    }

    /// Every part of `contents` parsed; the cells of worksheet `sheet`.
    static func of(_ contents: WorkbookContents, sheet: Int = 1) throws -> [Cell] {
        for part in contents.parts {
            try parse(part.text, part: part.path)
        }
        let path = "xl/worksheets/sheet\(sheet).xml"
        guard let xml = contents[path] else { throw NotWellFormed(part: path, reason: "missing") }
        return try parse(xml, part: path).cells
    }

    /// `_xHHHH_` → the UTF-16 unit HHHH (so `_x005F_` → `_`), left to right.
    static func decodeEscapes(_ text: String) -> String {
        let units = Array(text.utf16)
        var out: [UInt16] = []
        var index = 0
        func isHex(_ unit: UInt16) -> Bool {
            (0x30...0x39).contains(unit) || (0x41...0x46).contains(unit) || (0x61...0x66).contains(unit)
        }
        while index < units.count {
            if units[index] == 0x5F, index + 6 < units.count, units[index + 1] == 0x78, units[index + 6] == 0x5F,
               (index + 2...index + 5).allSatisfy({ isHex(units[$0]) }) {
                let hex = String(decoding: units[(index + 2)...(index + 5)], as: UTF16.self)
                out.append(UInt16(hex, radix: 16)!)
                index += 7
            } else {
                out.append(units[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF16.self)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "c":
            current = Cell(reference: attributes["r"] ?? "", type: attributes["t"], style: attributes["s"], value: "")
        case "t", "v":
            inValue = true
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "t":
            current?.value += Self.decodeEscapes(text)
            inValue = false
        case "v":
            current?.value += text
            inValue = false
        case "c":
            if let current { cells.append(current) }
            current = nil
        default: break
        }
    }
}

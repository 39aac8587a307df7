import Foundation
import ZIPFoundation

/// The parts of an `.xlsx` file (a ZIP archive), unzipped in memory: tests read the
/// worksheet XML exactly as a spreadsheet program would get it.
struct WorkbookContents {
    /// Part path (`xl/worksheets/sheet1.xml`) → its text, in the archive's order.
    let parts: [(path: String, text: String)]

    init(_ url: URL) throws {
        let archive = try Archive(url: url, accessMode: .read)
        var parts: [(String, String)] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts.append((entry.path, String(decoding: data, as: UTF8.self)))
        }
        self.parts = parts
    }

    subscript(path: String) -> String? {
        parts.first { $0.path == path }?.text
    }

    var paths: [String] { parts.map(\.path) }

    /// The `<sheetData>` of a worksheet: its rows, without the parts around them.
    func sheetData(_ number: Int = 1) -> String? {
        guard let xml = self["xl/worksheets/sheet\(number).xml"],
              let start = xml.range(of: "<sheetData>"), let end = xml.range(of: "</sheetData>") else { return nil }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    /// Whether `url` names a workbook (its name ends with `.xlsx`).
    static func isWorkbook(_ url: URL) -> Bool { url.pathExtension == "xlsx" }
}

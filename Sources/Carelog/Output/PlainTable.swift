/// A small aligned table for the everyday commands (`today`, `attendance roster`,
/// `patient show`): columns separated by two spaces, numbers right-aligned, stored
/// text with its control characters shown visibly (a name holding an escape
/// sequence cannot drive the terminal), no trailing spaces.
struct PlainTable {
    var headers: [String]
    /// Columns whose cells are right-aligned.
    var rightAligned: Set<Int> = []
    var rows: [[String]] = []

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String?]) {
        rows.append(row.map { ($0 ?? "").showingControlCharacters })
    }

    /// Each line ends with a line feed; `indent` goes before every line.
    func render(indent: String = "") -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let padded = headers.indices.map { column -> String in
                let cell = column < cells.count ? cells[column] : ""
                let gap = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return rightAligned.contains(column) ? gap + cell : cell + gap
            }
            var text = indent + padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        return line(headers) + rows.map(line).joined()
    }
}

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

    /// Each line ends with a line feed; `indent` goes before every line. A last column
    /// that would make a line wider than `width` columns is broken at spaces onto
    /// continuation lines aligned under it (a single word longer than the room left
    /// stays whole): the everyday commands read at 100 columns.
    func render(indent: String = "", width: Int = 100) -> String {
        let last = headers.count - 1
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        let lastStart = indent.count + widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let room = max(20, width - lastStart)
        func line(_ cells: [String]) -> String {
            let padded = headers.indices.map { column -> String in
                let cell = column < cells.count ? cells[column] : ""
                let gap = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return rightAligned.contains(column) ? gap + cell : cell + gap
            }
            let lastCell = last < cells.count ? cells[last] : ""
            guard last > 0, !rightAligned.contains(last), lastStart + lastCell.count > width else {
                var text = indent + padded.joined(separator: "  ")
                while text.last == " " { text.removeLast() }
                return text + "\n"
            }
            let pieces = Self.broken(lastCell, room: room)
            let lead = indent + padded.dropLast().joined(separator: "  ") + "  "
            let continuation = String(repeating: " ", count: lastStart)
            return pieces.enumerated().map { ($0.offset == 0 ? lead : continuation) + $0.element + "\n" }.joined()
        }
        return line(headers) + rows.map(line).joined()
    }

    /// `text` broken at spaces into pieces of at most `room` characters.
    static func broken(_ text: String, room: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > room {
                pieces.append(current)
                current = String(word)
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        pieces.append(current)
        return pieces
    }
}

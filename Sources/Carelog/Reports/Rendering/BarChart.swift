/// A small horizontal Unicode bar chart for `summary.txt` (here with `width: 10`):
///
///     Attendance rate by site
///     BOS  ██████████  90.0%
///     NYC  ███████▋    68.5%
///     SFO               0.0%
///
/// - One line per item: the label (left-aligned, padded to the longest label), two
///   spaces, the bar padded to `width` cells, two spaces, the display text
///   (right-aligned to the longest one, so the numbers line up). Trailing spaces are
///   removed; every line ends with `\n`.
/// - Bars are scaled to the largest value (which gets `width` full blocks), in eighths
///   of a cell rounded half away from zero: full blocks `█`, then one of `▏▎▍▌▋▊▉` for
///   the remaining eighths. A value of zero or less (or NaN) has no bar; a positive
///   value that would round to nothing still gets `▏`, so it is never mistaken for zero.
/// - Labels are shortened with `…` so that lines stay within `maxWidth` Characters
///   (never below 3 Characters; the bar and display text are never cut).
/// - The title line is cut with `…` to `maxWidth`. No items: the title, then `(none)`.
public struct BarChart {
    static let partialBlocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public static func render(
        title: String, items: [(label: String, value: Double, display: String)], width: Int = 40, maxWidth: Int = 100
    ) -> String {
        var output = TextTableRenderer.fit(title, width: maxWidth) + "\n"
        guard !items.isEmpty else { return output + "(none)\n" }

        let width = max(1, width)
        let longestDisplay = items.map(\.display.count).max() ?? 0
        let longestLabel = items.map(\.label.showingControlCharacters.count).max() ?? 0
        let labelRoom = max(3, maxWidth - 2 - width - 2 - longestDisplay)
        let labelWidth = min(longestLabel, labelRoom)
        let largest = items.map(\.value).filter { $0.isFinite }.max() ?? 0

        for item in items {
            let label = TextTableRenderer.fit(item.label.showingControlCharacters, width: labelWidth)
            let bar = self.bar(item.value, largest: largest, width: width)
            var line = label + String(repeating: " ", count: labelWidth - label.count)
            line += "  " + bar + String(repeating: " ", count: width - bar.count)
            line += "  " + String(repeating: " ", count: longestDisplay - item.display.count) + item.display
            while line.last == " " { line.removeLast() }
            output += line + "\n"
        }
        return output
    }

    /// The bar of one value: `width` cells for `largest`, in eighths of a cell.
    static func bar(_ value: Double, largest: Double, width: Int) -> String {
        guard value > 0, largest > 0, value.isFinite else { return "" }
        let share = min(value, largest) / largest
        var eighths = Int((share * Double(width * 8)).rounded(.toNearestOrAwayFromZero))
        eighths = max(1, min(eighths, width * 8))
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { bar.append(partialBlocks[eighths % 8 - 1]) }
        return bar
    }
}

import Foundation

extension String {
    /// Pads with spaces on the right to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

extension String {
    /// Cut to `limit` characters with an ellipsis, so that a long group name does not
    /// push a table's last column past 100 columns (`today`, `board`).
    func shortened(to limit: Int) -> String {
        count <= limit ? self : String(prefix(limit - 1)) + "…"
    }
}

extension String {
    /// Without leading and trailing spaces and line breaks.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

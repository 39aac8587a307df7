/// One record that could not be read, reported instead of thrown so that a single
/// pass over a file can list every problem in it; the reader then carries on with
/// the next record.
public struct CSVProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The physical line (1-based) on which the record starts, so that it can be
    /// found in an editor even when earlier records span several lines.
    public let line: Int
    /// The record's ordinal (1-based, the header being record 1), counted the same
    /// way as `CSVRecord.number`: malformed records take a number too, so the
    /// numbers of the records after them do not depend on whether they parsed.
    public let number: Int
    /// What is wrong and, where it helps, what to do about it. When the offending
    /// byte is on a later line than the record's start, the message says which.
    public let message: String

    public init(line: Int, number: Int, message: String) {
        self.line = line
        self.number = number
        self.message = message
    }

    public var description: String { "line \(line) (record \(number)): \(message)" }
}

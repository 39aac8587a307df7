/// An error meant for the person at the terminal: what happened, and what to do next.
///
/// Every failure that reaches the command line is one of these, so that the exit
/// status is something scripts can rely on: 1 for a failure, 2 for a usage error,
/// 3 when input was checked and refused (nothing was written).
public struct CarelogError: Error, CustomStringConvertible, Sendable {
    public enum Category: Int32, Sendable {
        case failure = 1
        case usage = 2
        case validation = 3
    }

    public var category: Category
    /// What happened, as one sentence without a trailing period.
    public var message: String
    /// What to do about it, when there is something to do.
    public var suggestion: String?

    public init(_ category: Category = .failure, _ message: String, suggestion: String? = nil) {
        self.category = category
        self.message = message
        self.suggestion = suggestion
    }

    public var exitCode: Int32 { category.rawValue }

    public var description: String {
        if let suggestion { return "\(message)\n\(suggestion)" }
        return message
    }
}

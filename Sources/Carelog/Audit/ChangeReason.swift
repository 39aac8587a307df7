import Foundation

/// The reason a command gives for changing records already written (`--reason` of a
/// correction, a void, an import that changes logged rows): the audit trail keeps it
/// with the change (docs/record-integrity.md), so an empty one is refused.
enum ChangeReason {
    /// A reason if given, trimmed; an empty one is a usage error.
    static func checked(_ reason: String?) throws -> String? {
        try reason.map(checked)
    }

    /// A given reason, trimmed; an empty one is a usage error.
    static func checked(_ reason: String) throws -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw CarelogError(.usage, "--reason is empty",
                               suggestion: "Say why the records change, e.g. --reason \"roll taken for the wrong group\"; nothing was recorded.")
        }
        return trimmed
    }
}

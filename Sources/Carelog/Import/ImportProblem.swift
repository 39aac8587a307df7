/// One thing wrong with an import, located as precisely as the input allows.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where: `line 14` for a file, `--present 00912` for a command's argument.
    public var location: String
    public var column: String?
    public var value: String?
    /// What is wrong, in plain words.
    public var message: String

    public init(location: String, column: String? = nil, value: String? = nil, message: String) {
        self.location = location
        self.column = column
        self.value = value
        self.message = message
    }

    /// `line 14, column mrn, value "00912": no patient with this MRN`, with control
    /// characters of the file's text shown visibly (it goes to a terminal).
    public var description: String {
        var text = location
        if let column { text += ", column \(column)" }
        if let value { text += ", value \"\(value.count > 60 ? String(value.prefix(57)) + "…" : value)\"" }
        return (text + ": " + message).showingControlCharacters
    }
}

/// The import was checked and refused; nothing was written.
public struct ImportRefusal: Error, Sendable {
    /// Who the refusal speaks to: a file's author (lines and columns) or the person
    /// typing a command (options and patients).
    public enum Wording: Sendable {
        case file
        /// `attendance record`: `what` names what was not recorded ("AA-AM 2026-10-05 07:30").
        case command(what: String)
    }

    public var kind: String
    /// The first problems, in file order (at most `Importer.problemLimit`).
    public var problems: [ImportProblem]
    /// All problems found, including those not listed.
    public var totalProblems: Int

    /// The refusal as the command line shows it (exit status 3).
    public var carelogError: CarelogError { carelogError(.file) }

    /// The refusal worded for a file or for a command's options.
    public func carelogError(_ wording: Wording) -> CarelogError {
        guard case .command(let what) = wording else { return fileError }
        var lines = problems.map { problem in
            // The location already names the option and the MRN: `--present 00999`.
            var text = problem.location
            if let column = problem.column, column != "mrn" { text += " (\(column))" }
            return (text + ": " + problem.message).showingControlCharacters
        }
        if totalProblems > problems.count {
            lines.append("… and \(totalProblems - problems.count) more problem\(totalProblems - problems.count == 1 ? "" : "s")")
        }
        lines.append("Correct those patients or options and run the command again; nothing was recorded.")
        return CarelogError(
            .validation,
            "nothing was recorded for \(what): \(totalProblems) problem\(totalProblems == 1 ? "" : "s")",
            suggestion: lines.joined(separator: "\n"))
    }

    private var fileError: CarelogError {
        var lines = problems.map(\.description)
        if totalProblems > problems.count {
            lines.append("… and \(totalProblems - problems.count) more problem\(totalProblems - problems.count == 1 ? "" : "s")")
        }
        lines.append("Correct the file and import it again; nothing was written.")
        return CarelogError(
            .validation,
            "the \(kind) import was refused: \(totalProblems) problem\(totalProblems == 1 ? "" : "s")",
            suggestion: lines.joined(separator: "\n"))
    }
}

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    public var kind: String
    public var records: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var dryRun: Bool

    public var description: String {
        if dryRun {
            return "\(kind) (dry run, nothing written): \(records) record\(records == 1 ? "" : "s") checked; "
                + "would insert \(inserted), update \(updated), leave \(unchanged) unchanged"
        }
        return "\(kind): \(records) record\(records == 1 ? "" : "s"); \(inserted) inserted, \(updated) updated, \(unchanged) unchanged"
    }
}

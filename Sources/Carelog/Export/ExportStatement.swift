/// Puts together an export statement from `queries/export/`: the file of a table (or
/// `references.sql`) and, in front of it, the WITH clause of the shared blocks
/// (`queries/export/blocks/NAME.sql`, one common table expression each) it needs.
///
/// A file names the blocks it reads in a header line, `-- uses: x sel_episode patient`;
/// a block names its own the same way. The WITH clause holds exactly the blocks named,
/// directly or through other blocks, each before the blocks that read it. Only what a
/// statement uses is in it, so that PostgreSQL can fold a block named once into the
/// statement (and, for attendance, read the sessions in time order).
///
/// The privacy mode is a folder: under `--pseudonymize` a file of
/// `queries/export/pseudonymised/` replaces the file of the same path in
/// `queries/export/` (the `patient` block, patients, plans, plan-requirements, goals,
/// reviews, screens and audit), under `--deidentify` a file of
/// `queries/export/deidentified/` (every file that names a patient); every other file
/// is the same in all modes. docs/privacy.md lists what each
/// column becomes.
enum ExportStatement {
    /// How patients appear in an export.
    enum Mode: String, Sendable {
        /// MRNs, names and dates of birth as stored.
        case clear
        /// MRNs and plan codes replaced by keyed pseudonyms; names, dates of birth and
        /// free text left out (`--pseudonymize`).
        case pseudonymised
        /// HIPAA Safe Harbor (`--deidentify`): identifiers random to the run, dates cut
        /// to the year, no free text, ages over 89 grouped.
        case deidentified

        /// The folder of `queries/export/` whose files replace the common ones.
        var folder: String? { self == .clear ? nil : rawValue }
    }

    /// The statement of `queries/export/NAME.sql` in `mode`, with its WITH clause.
    static func composed(_ name: String, mode: Mode) -> String {
        let text = StoredQuery.text(path(name, mode: mode))
        var ordered: [String] = []
        var seen = Set<String>()
        func visit(_ block: String) {
            guard seen.insert(block).inserted else { return }
            let blockText = StoredQuery.text(path("blocks/" + block, mode: mode))
            uses(blockText).forEach(visit)
            ordered.append(blockText.trimmingTrailingNewlines())
        }
        uses(text).forEach(visit)
        guard !ordered.isEmpty else { return text }
        return "WITH\n" + ordered.joined(separator: ",\n") + "\n" + text
    }

    /// The stored query path of `NAME` (`blocks/patient`, `audit`) in `mode`.
    static func path(_ name: String, mode: Mode) -> String {
        if let folder = mode.folder, StoredQuery.exists("export/\(folder)/\(name)") {
            return "export/\(folder)/\(name)"
        }
        return "export/\(name)"
    }

    /// The blocks a file declares in its header (`-- uses: a b c`), in that order.
    static func uses(_ text: String) -> [String] {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("--") else { break }
            if line.hasPrefix("-- uses:") {
                return line.dropFirst("-- uses:".count).split(separator: " ").map(String.init)
            }
        }
        return []
    }
}

private extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

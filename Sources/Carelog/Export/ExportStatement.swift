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
        composed(path: path(name, mode: mode), mode: mode)
    }

    /// The statement of the stored query `path` (`fhir/encounter`) with its WITH
    /// clause: a block is read from `queries/<concept>/blocks/` of the file's own concept
    /// when there is one of that name (`fhir/blocks/fpat`), from the export's blocks
    /// otherwise (`blockPath(_:mode:concept:)`).
    static func composed(path: String, mode: Mode) -> String {
        let concept = String(path.split(separator: "/").first ?? "export")
        let text = StoredQuery.text(path)
        var ordered: [String] = []
        var seen = Set<String>()
        func visit(_ block: String) {
            guard seen.insert(block).inserted else { return }
            let blockText = StoredQuery.text(blockPath(block, mode: mode, concept: concept))
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

    /// The stored query path of block `NAME` for a file of `concept`: the concept's own
    /// `queries/<concept>/blocks/NAME.sql` when it has one, else the export's (in `mode`).
    static func blockPath(_ name: String, mode: Mode, concept: String) -> String {
        if concept != "export", StoredQuery.exists("\(concept)/blocks/\(name)") {
            return "\(concept)/blocks/\(name)"
        }
        return path("blocks/" + name, mode: mode)
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

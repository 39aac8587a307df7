import ArgumentParser
import Carelog
import Foundation

/// `--deidentify` and `--min-cell`, on every report and export.
struct PrivacyArguments: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Replace MRNs by stable pseudonyms and drop names.",
        discussion: "Needs the secret key in CARELOG_PSEUDONYM_KEY or a file named by CARELOG_PSEUDONYM_KEY_FILE."))
    var deidentify = false

    @Option(name: .customLong("min-cell"), help: ArgumentHelp(
        "Show counts from 1 to N-1 as <N (small-cell suppression; CMS uses 11).", valueName: "n"))
    var minimumCell: Int?

    func validate() throws {
        if let minimumCell, minimumCell < 2 {
            throw ValidationError("--min-cell must be at least 2.")
        }
    }

    func options() throws -> PrivacyOptions {
        PrivacyOptions(
            pseudonymizer: deidentify ? try Pseudonymizer.fromEnvironment(ProcessInfo.processInfo.environment) : nil,
            minimumCell: minimumCell)
    }
}

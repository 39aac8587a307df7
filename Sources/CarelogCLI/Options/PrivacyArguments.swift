import ArgumentParser
import Carelog
import Foundation

/// `--pseudonymize`, `--deidentify` and `--min-cell`, on every report and export.
struct PrivacyArguments: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Replace MRNs and plan codes by stable keyed pseudonyms; drop names, dates of birth and free text.",
        discussion: "Needs the secret key in CARELOG_PSEUDONYM_KEY or a file named by CARELOG_PSEUDONYM_KEY_FILE. "
            + "The output is still protected health information."))
    var pseudonymize = false

    @Flag(help: ArgumentHelp(
        "HIPAA Safe Harbor: identifiers random to this run, dates cut to the year, no names, free text or ages over 89.",
        discussion: "Needs no key: the identifiers are consistent within the output and unlinkable to any other run."))
    var deidentify = false

    @Option(name: .customLong("min-cell"), help: ArgumentHelp(
        "Show counts from 1 to N-1 as <N (small-cell suppression; CMS uses 11).", valueName: "n"))
    var minimumCell: Int?

    func validate() throws {
        if let minimumCell, minimumCell < 2 {
            throw ValidationError("--min-cell must be at least 2.")
        }
        if pseudonymize && deidentify {
            throw ValidationError("Give --pseudonymize or --deidentify, not both: --deidentify already leaves out everything --pseudonymize keeps.")
        }
    }

    func options() throws -> PrivacyOptions {
        if deidentify { return .deidentified(minimumCell: minimumCell) }
        return PrivacyOptions(
            pseudonymizer: pseudonymize ? try Pseudonymizer.fromEnvironment(ProcessInfo.processInfo.environment) : nil,
            minimumCell: minimumCell)
    }
}

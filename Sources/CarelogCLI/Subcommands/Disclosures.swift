import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Disclosures: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The accounting of disclosures of a patient's records (42 CFR Part 2).",
            discussion: """
                Every export or report bundle that held the patient's records and left the \
                program (given --recipient), oldest first: when, by which login and staff \
                member, to whom, why, on which basis, which files (with the manifest's SHA-256).

                Example:
                  carelog disclosures --mrn 01000005 --since 2026-01-01 --format csv
                """)

        @Option(help: ArgumentHelp("The patient's MRN.", valueName: "mrn"))
        var mrn: String

        @Option(help: ArgumentHelp("Only disclosures on or after this day (UTC), YYYY-MM-DD.", valueName: "date"))
        var since: String?

        @Option(help: "text (for people) or csv (for spreadsheets and machines).")
        var format: ReportFormatArgument = .text

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try DisclosureOperation.list(target: database.target, mrn: mrn, since: since, format: format.format, console: .standard())
        }
    }
}

import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Patient: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a patient's records.",
            discussion: "Example:\n  carelog patient show 01000001",
            subcommands: [Show.self])
    }
}

extension CarelogCommand.Patient {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a patient's history: episodes, therapists, active plan, adherence, last sessions, assessments.",
            discussion: """
                Adherence is that of the patient-participation report: attended sessions over the \
                sessions the active plans require for the days in care; "this month" runs from the \
                first of the month to the day shown.

                Examples:
                  carelog patient show 01000001
                  carelog patient show 01000001 --date 2026-10-31
                """)

        @Argument(help: ArgumentHelp("The patient's MRN, with its leading zeros.", valueName: "mrn"))
        var mrn: String

        @Option(help: ArgumentHelp("Show the history as of this day, YYYY-MM-DD (default: today at the patient's site).", valueName: "date"))
        var date: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try PatientHistory.show(target: database.target, mrn: mrn, day: date, console: .standard())
        }
    }
}

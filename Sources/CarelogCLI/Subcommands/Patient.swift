import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Patient: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a patient's records; admit and discharge.",
            discussion: "Example:\n  carelog patient show 01000001",
            subcommands: [Show.self, Admit.self, Discharge.self])
    }
}

extension CarelogCommand.Patient {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a patient's history: episodes, therapists, active plan, adherence, last sessions and notes, assessments.",
            discussion: """
                Adherence is that of the patient-participation report: attended sessions over the \
                sessions the active plans require for the days in care; "this month" runs from the \
                first of the month to the day shown.

                Examples:
                  carelog patient show 01000001
                  carelog patient show 01000001 --date 2026-10-31
                  carelog patient show 01000001 --format json
                """)

        @Argument(help: ArgumentHelp("The patient's MRN, with its leading zeros.", valueName: "mrn"))
        var mrn: String

        @Option(help: ArgumentHelp("Show the history as of this day, YYYY-MM-DD (default: today at the patient's site).", valueName: "date"))
        var date: String?

        @Option(help: "text (for people) or json (JSON Lines, one row a line, each with its section).")
        var format: ListFormatArgument = .text

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try PatientHistory.show(target: database.target, mrn: mrn, day: date, format: format.format, console: .standard())
        }
    }
}

extension CarelogCommand.Patient {
    struct Admit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Admit a patient: open an episode of care.",
            discussion: """
                The patient must be known (carelog import patients) and not in care. The \
                episode is checked and written as a line of `carelog import episodes` would \
                be; on any problem nothing is written and the exit status is 3.

                Example:
                  carelog patient admit 01000002 --on 2026-11-30 --level 3.5 --by D01
                """)

        @Argument(help: ArgumentHelp("The patient's MRN, with its leading zeros.", valueName: "mrn"))
        var mrn: String

        @Option(help: ArgumentHelp("The day of admission, YYYY-MM-DD (default: today at the patient's site).", valueName: "date"))
        var on: String?

        @Option(help: ArgumentHelp("The ASAM level of care: 1.0, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7 or 4.0.", valueName: "level"))
        var level: String

        @Option(help: ArgumentHelp("Your staff ID, for the audit trail (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try EpisodeCommands.admit(target: database.target, mrn: mrn, day: on, levelOfCare: level,
                                      by: try StaffIdentity.resolve(by), console: .standard())
        }
    }

    struct Discharge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Discharge a patient: close the open episode of care.",
            discussion: """
                --on is the discharge day, the first day not in care (docs/data-model.md). The \
                reason is one of completed, left_against_advice (or ama), terminated_by_facility, \
                transferred, incarcerated, death, other. Checked as `carelog import episodes` \
                checks a line; on any problem nothing is written and the exit status is 3.

                Example:
                  carelog patient discharge 01000016 --on 2026-11-30 --reason completed --by D01
                """)

        @Argument(help: ArgumentHelp("The patient's MRN, with its leading zeros.", valueName: "mrn"))
        var mrn: String

        @Option(help: ArgumentHelp("The day of discharge, YYYY-MM-DD (default: today at the patient's site).", valueName: "date"))
        var on: String?

        @Option(help: ArgumentHelp("Why the episode ended, e.g. completed.", valueName: "reason"))
        var reason: String

        @Option(help: ArgumentHelp("Your staff ID, for the audit trail (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try EpisodeCommands.discharge(target: database.target, mrn: mrn, day: on, reason: reason,
                                          by: try StaffIdentity.resolve(by), console: .standard())
        }
    }
}

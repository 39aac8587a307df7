import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Group: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enroll patients in a closed group, end an enrollment, or say which modalities are mutual help.",
            discussion: "Example:\n  carelog group enroll --group S01-RPG-A --from 2026-11-30 01000009 --by D01",
            subcommands: [Enroll.self, Unenroll.self, Modalities.self, MutualHelp.self])
    }
}

extension CarelogCommand.Group {
    struct Enroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enroll patients in a closed group from a day on.",
            discussion: """
                Each patient must be known and not enrolled in the group already on that day; \
                checked as `carelog import enrollments` checks a line. Whether the patient is \
                in care and fits the group's gender focus is checked when attendance is \
                recorded, as for an imported roster. MRNs may be separated by spaces or commas. On any problem nothing \
                is written and the exit status is 3.

                Example:
                  carelog group enroll --group S01-RPG-A --from 2026-11-30 01000009 --by D01
                """)

        @Option(help: ArgumentHelp("The group's code.", valueName: "code"),
                completion: .custom { words, _, _ in GroupCodeCompletion.codes(words: words) })
        var group: String

        @Option(help: ArgumentHelp("The first day of the enrollment, YYYY-MM-DD (default: today at the group's site).", valueName: "date"))
        var from: String?

        @Argument(help: ArgumentHelp("MRNs of the patients, with their leading zeros.", valueName: "mrn"))
        var mrns: [String]

        @Option(help: ArgumentHelp("Your staff ID, for the audit trail (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try EnrollmentCommands.enroll(target: database.target, groupCode: group, mrns: mrns, from: from,
                                          by: try StaffIdentity.resolve(by), console: .standard())
        }
    }

    struct Unenroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a patient's enrollment in a closed group on its last day.",
            discussion: """
                The enrollment that covers --last-day ends on that day (inclusive). Refused \
                when the patient has attendance recorded in the group after it (exit 3).

                Example:
                  carelog group unenroll --group S01-RPG-A 01000009 --last-day 2026-11-30 \\
                      --by D01
                """)

        @Option(help: ArgumentHelp("The group's code.", valueName: "code"),
                completion: .custom { words, _, _ in GroupCodeCompletion.codes(words: words) })
        var group: String

        @Argument(help: ArgumentHelp("The patient's MRN, with its leading zeros.", valueName: "mrn"))
        var mrn: String

        @Option(name: .customLong("last-day"), help: ArgumentHelp("The last day in the group, YYYY-MM-DD (default: today at the group's site).", valueName: "date"))
        var lastDay: String?

        @Option(help: ArgumentHelp("Your staff ID, for the audit trail (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try EnrollmentCommands.unenroll(target: database.target, groupCode: group, mrn: mrn, lastDay: lastDay,
                                            by: try StaffIdentity.resolve(by), console: .standard())
        }
    }

    struct Modalities: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the group modalities and which count as mutual-help meetings.",
            discussion: """
                Attendance at groups of a mutual-help modality (twelve_step always) is the \
                self-help attendance of the TEDS discharge item (docs/teds.md). \
                `carelog group mutual-help` changes the list.

                Example:
                  carelog group modalities
                """)

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let console = Console.standard()
            MutualHelpModalities.print(try MutualHelpModalities.list(target: database.target, console: console), console: console)
        }
    }

    struct MutualHelp: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mutual-help",
            abstract: "Mark a modality's meetings as mutual help (self-help) or not.",
            discussion: """
                From then on attendance at its groups counts for the TEDS self-help item \
                (patient show, the noms report, teds-discharges), past attendance included. \
                twelve_step is always mutual help. Only a director of the whole program may \
                change the list; the change is in the audit trail.

                Example:
                  carelog group mutual-help smart_recovery yes --by D01
                """)

        @Argument(help: ArgumentHelp("The modality (see `carelog group modalities`).", valueName: "modality"))
        var modality: String

        @Argument(help: ArgumentHelp("yes or no.", valueName: "yes|no"))
        var answer: YesNo

        @Option(help: ArgumentHelp("Your staff ID, for the audit trail (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try MutualHelpModalities.mark(target: database.target, code: modality, mutualHelp: answer == .yes,
                                          by: try StaffIdentity.resolve(by), console: .standard())
        }
    }
}


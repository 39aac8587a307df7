import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Session: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a group's recurring sessions on the schedule.",
            discussion: """
                Example:
                  carelog session schedule --group S01-RPG-A --weekly "Tue,Thu 14:00" \\
                      --from 2026-12-01 --to 2026-12-31 --by D01
                """,
            subcommands: [Schedule.self])
    }
}

extension CarelogCommand.Session {
    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Schedule a group's sessions every week on given days and times.",
            discussion: """
                One session per matching day from --from to --to (a year at most), at the \
                site's local time, led by --facilitator or else the group's facilitator. A \
                session already at one of those times is left as it is, so scheduling the same \
                weeks again changes nothing. Checked as `carelog import sessions` checks its \
                lines; on any problem nothing is written and the exit status is 3.

                Examples:
                  carelog session schedule --group S01-RPG-A --weekly "Tue,Thu 14:00" \\
                      --from 2026-12-01 --to 2026-12-31 --by D01
                  carelog session schedule --group S01-12S --weekly "Mon-Fri 07:00" \\
                      --weekly "Sat 10:00" --from 2026-12-01 --to 2026-12-31 --by D01
                """)

        @Option(help: ArgumentHelp("The group's code.", valueName: "code"),
                completion: .custom { words, _, _ in GroupCodeCompletion.codes(words: words) })
        var group: String

        @Option(help: ArgumentHelp("Days and a time, e.g. \"Mon,Wed 09:30\" or \"Mon-Fri 07:00\"; repeat for more.", valueName: "days time"))
        var weekly: [String] = []

        @Option(help: ArgumentHelp("The first day, YYYY-MM-DD.", valueName: "date"))
        var from: String

        @Option(help: ArgumentHelp("The last day, YYYY-MM-DD (inclusive).", valueName: "date"))
        var to: String

        @Option(help: ArgumentHelp("Length of each session in minutes (default: 60).", valueName: "minutes"))
        var minutes: Int?

        @Option(help: ArgumentHelp("Staff ID of who leads them (default: the group's facilitator).", valueName: "staff-id"))
        var facilitator: String?

        @Option(help: ArgumentHelp("Your staff ID, for the audit trail (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try SessionSchedule.schedule(target: database.target, groupCode: group, weekly: weekly, from: from, to: to,
                                         minutes: minutes, facilitator: facilitator, by: try StaffIdentity.resolve(by),
                                         console: .standard())
        }
    }
}

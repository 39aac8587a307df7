import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Today: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show your sessions of the day: time, roster size, whether attendance is logged, the note.",
            discussion: """
                Lists the sessions you facilitate on the day (site-local), each with its time, \
                group, how many patients its roster expects and how many records it has.

                Examples:
                  carelog today --by T0101
                  carelog today --by T0101 --date 2026-10-05 --format json
                """)

        @Option(help: ArgumentHelp("Your staff ID (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @Option(help: ArgumentHelp("The day, YYYY-MM-DD (default: today at each group's site).", valueName: "date"))
        var date: String?

        @Option(help: "text (for people) or json (JSON Lines, one session a line).")
        var format: ListFormatArgument = .text

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try TodayOperation.show(
                target: database.target, staffID: try StaffIdentity.resolve(by), day: date, format: format.format, console: .standard())
        }
    }
}

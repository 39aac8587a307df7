import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Period: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a month once its reports are out, or list the closed months.",
            discussion: """
                Example:
                  carelog period close --month 2026-10 --by D01
                """,
            subcommands: [Close.self, List.self])
    }
}

extension CarelogCommand.Period {
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a month: its attendance and plan reviews then change only by a director, with a reason.",
            discussion: """
                For directors. Without --site, closes the month at every site the login may \
                close (a director limited to a site: its own). A month that has not ended is \
                refused. Once closed, the database refuses every change to the month's \
                attendance and plan reviews (psql included) except a director's with a reason \
                (attendance record --correct --reason, attendance void --reason), and `carelog \
                report late-changes --month M` lists what changed after the month was closed.

                Example:
                  carelog period close --month 2026-10 --by D01
                """)

        @Option(help: ArgumentHelp("The month, YYYY-MM.", valueName: "month"))
        var month: String

        @Option(help: ArgumentHelp("Only this site.", valueName: "code"))
        var site: String?

        @Option(help: ArgumentHelp("Your staff ID (default: $CARELOG_STAFF_ID, else the login's own).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try PeriodOperation.close(
                target: database.target, month: month, site: site, by: by ?? StaffIdentity.fromEnvironment, console: .standard())
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the closed months, newest first.",
            discussion: """
                Example:
                  carelog period list
                """)

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try PeriodOperation.list(target: database.target, console: .standard())
        }
    }
}

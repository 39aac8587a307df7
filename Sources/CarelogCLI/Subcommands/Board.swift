import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Board: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every session of a day across groups, by facilitator: roll and note.",
            discussion: """
                For a supervisor: each session of the day (site-local; default today) with its \
                roster size, records, whether its roll is logged (not logged, roll open, logged; \
                not started, cancelled) and its note (missing, draft, awaiting co-signature, \
                signed; - when nobody attended). Read with your login's rights: a therapist sees \
                the sessions it may read, a director those of its site. No patient is named.

                Examples:
                  carelog board --date 2026-10-05
                  carelog board --date 2026-10-05 --site S01 --format csv
                """)

        @Option(help: ArgumentHelp("The day, YYYY-MM-DD (default: today at each site).", valueName: "date"))
        var date: String?

        @Option(help: ArgumentHelp("Only this site's sessions.", valueName: "code"))
        var site: String?

        @Option(help: "text (for people, by facilitator), csv, or json (JSON Lines, one session a line).")
        var format: BoardFormatArgument = .text

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try BoardOperation.show(target: database.target, day: date, site: site, format: format.format, console: .standard())
        }
    }
}

enum BoardFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json
    var format: BoardOperation.Format { BoardOperation.Format(rawValue: rawValue) ?? .text }
}

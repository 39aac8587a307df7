import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the monthly reports.",
            discussion: """
                carelog report list                                  what the reports are
                carelog report NAME --month 2026-10 [--site NYC]     one report (text or CSV)
                carelog report monthly --month 2026-10 --out DIR     the whole monthly bundle

                Months are each site's local calendar month.

                Examples:
                  carelog report group-attendance --month 2026-10 --format csv --out october.csv
                  carelog report monthly --month 2026-10 --out bundle-2026-10 --min-cell 11
                  carelog report monthly --month 2026-10 --out b --database "host=standby dbname=carelog" \
                      --log-database "host=primary dbname=carelog"     (read a hot standby, log on the primary)
                """)

        @Argument(help: ArgumentHelp("list, monthly, or a report's name.", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("The month, YYYY-MM.", valueName: "month"))
        var month: String?

        @Option(help: ArgumentHelp("Only this site's records.", valueName: "code"))
        var site: String?

        @Option(help: "text (for people) or csv (for spreadsheets and machines).")
        var format: ReportFormatArgument = .text

        @Option(help: ArgumentHelp("Write to this file (a folder for monthly) instead of standard output.", valueName: "path"))
        var out: String?

        @Flag(help: "monthly: replace the bundle already in --out (whole, once the new one is complete).")
        var replace = false

        @OptionGroup var privacy: PrivacyArguments
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var log: LogDatabaseOptions

        func validate() throws {
            guard name != "list" else { return }
            guard let month else { throw ValidationError("Give the month with --month YYYY-MM.") }
            do { _ = try ReportPeriod(month: month) } catch let error as CarelogError { throw ValidationError(error.message + ".") }
            if name == "monthly", out == nil { throw ValidationError("The monthly bundle needs --out DIR.") }
        }

        func run() throws {
            let console = Console.standard()
            if name == "list" {
                return try ReportOperation.list(console: console)
            }
            let period = try ReportPeriod(month: month ?? "")
            if name == "monthly" {
                try ReportOperation.monthly(
                    target: database.target, log: log.target, period: period, site: site, directory: out ?? ".", replace: replace, privacy: try privacy.options(), console: console)
            } else {
                try ReportOperation.run(
                    target: database.target, log: log.target, name: name, period: period, site: site, format: format.format,
                    output: out, privacy: try privacy.options(), console: console)
            }
        }
    }
}

enum ReportFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, csv
    var format: ReportFormat { self == .text ? .text : .csv }
}

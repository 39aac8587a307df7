import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the monthly reports.",
            discussion: """
                carelog report list                                  what the reports are
                carelog report NAME --columns                        what each column holds
                carelog report NAME --month 2026-10 [--site S01]     one report (text or CSV)
                carelog report monthly --month 2026-10 --out DIR     the whole monthly bundle

                Months are each site's local calendar month. The monthly bundle refuses a month that has \
                not ended unless --partial is given.

                Examples:
                  carelog report patient-participation --columns
                  carelog report group-attendance --month 2026-10 --format csv \\
                      --out october.csv
                  carelog report monthly --month 2026-10 --out bundle-2026-10 --min-cell 11
                  carelog report patient-participation --month 2026-10 --format xlsx \\
                      --out participation.xlsx
                  carelog report monthly --month 2026-10 --out for-payer \\
                      --deidentify --by D01 --recipient "Acme Health Plan" \\
                      --purpose "quality review" --basis audit
                  carelog report monthly --month 2026-10 --out b \\
                      --database "host=standby dbname=carelog" \\
                      --log-database "host=primary dbname=carelog"
                """)

        @Argument(help: ArgumentHelp("list, monthly, or a report's name.", valueName: "name"),
                  completion: .list(["list", "monthly"] + ReportOperation.names))
        var name: String

        @Flag(help: "List the report's columns with what each holds (numerator and denominator of a rate), instead of running it.")
        var columns = false

        @Option(help: ArgumentHelp("The month, YYYY-MM.", valueName: "month"))
        var month: String?

        @Option(help: ArgumentHelp("Only this site's records.", valueName: "code"))
        var site: String?

        @Option(help: "text (for people), csv (for machines), json (JSON Lines, one row a line) or xlsx (a workbook for spreadsheets; needs --out).")
        var format: ReportFormatArgument = .text

        @Flag(name: .customLong("xlsx"), inversion: .prefixedNo,
              help: "monthly: write an .xlsx workbook beside each CSV (MRNs and codes as text, counts as numbers), for a double-click.")
        var spreadsheets = true

        @Option(help: ArgumentHelp("Write to this file (a folder for monthly) instead of standard output.", valueName: "path"))
        var out: String?

        @Flag(help: "monthly: replace the bundle already in --out (whole, once the new one is complete).")
        var replace = false

        @Flag(help: "monthly: report on a month that has not ended yet; every page of the summary says it is partial.")
        var partial = false

        @OptionGroup var privacy: PrivacyArguments
        @OptionGroup var disclosure: DisclosureArguments
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var log: LogDatabaseOptions

        func validate() throws {
            guard name != "list" else { return }
            if columns {
                guard name != "monthly" else { throw ValidationError("--columns lists one report's columns: give its name, e.g. report patient-participation --columns.") }
                guard format == .text || format == .json else { throw ValidationError("--columns prints text or json.") }
                return
            }
            guard let month else { throw ValidationError("Give the month with --month YYYY-MM.") }
            do { _ = try ReportPeriod(month: month) } catch let error as CarelogError { throw ValidationError(error.message + ".") }
            if name == "monthly", out == nil { throw ValidationError("The monthly bundle needs --out DIR.") }
            if format == .xlsx, out == nil {
                throw ValidationError("--format xlsx writes a workbook file: give it with --out FILE.xlsx.")
            }
            if name != "monthly", !ReportOperation.disclosableReports.contains(name), disclosure.recipient != nil || disclosure.actingStaff != nil {
                throw ValidationError("--recipient, --purpose, --basis and --by are for the monthly bundle (report monthly), "
                                      + ReportOperation.disclosableReports.joined(separator: ", ") + " and export.")
            }
        }

        func run() throws {
            let console = Console.standard()
            if name == "list" {
                return try ReportOperation.list(format: format == .json ? .json : .text, console: console)
            }
            if columns {
                return try ColumnDictionary.print(report: name, format: format == .json ? .json : .text, console: console)
            }
            let period = try ReportPeriod(month: month ?? "")
            if name == "monthly" {
                try ReportOperation.monthly(
                    target: database.target, log: log.target, period: period, site: site, directory: out ?? ".", replace: replace, partial: partial,
                    privacy: try privacy.options(), disclosure: try disclosure.request(), actingStaff: disclosure.actingStaff,
                    spreadsheets: spreadsheets, console: console)
            } else {
                try ReportOperation.run(
                    target: database.target, log: log.target, name: name, period: period, site: site, format: format.format,
                    output: out, privacy: try privacy.options(), disclosure: try disclosure.request(), actingStaff: disclosure.actingStaff,
                    console: console)
            }
        }
    }
}

enum ReportFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json, xlsx
    var format: ReportFormat {
        switch self {
        case .text: return .text
        case .csv: return .csv
        case .json: return .json
        case .xlsx: return .xlsx
        }
    }
}

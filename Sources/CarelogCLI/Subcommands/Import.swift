import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV file of records, all or nothing.",
            discussion: """
                KIND is one of: \(ImportOperation.kindNames.joined(separator: ", ")).

                The header names the columns (any order, any case). The whole file is checked \
                before anything is written; on any problem nothing is written, every problem is \
                listed with its line and column, and the exit status is 3. Importing the same \
                file again changes nothing; a changed row updates its record.

                Examples:
                  carelog import patients patients.csv --by D001
                  carelog import attendance october.csv --dry-run
                  some-export | carelog import attendance -
                """)

        @Argument(help: ArgumentHelp("What the file holds.", valueName: "kind"))
        var kind: String

        @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "file"))
        var file: String

        @Flag(help: "Check the file and say what would change, writing nothing.")
        var dryRun = false

        @Option(name: .customLong("by"), help: ArgumentHelp("Staff ID of the person importing, for the audit trail.", valueName: "staff-id"))
        var actingStaff: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard ImportOperation.kindNames.contains(kind) else {
                throw ValidationError("Unknown kind \"\(kind)\". The kinds are: \(ImportOperation.kindNames.joined(separator: ", ")).")
            }
        }

        func run() throws {
            try ImportOperation.run(
                target: database.target, kind: kind, input: file == "-" ? .standardInput : .file(path: file),
                dryRun: dryRun, actingStaff: actingStaff, console: .standard())
        }
    }
}

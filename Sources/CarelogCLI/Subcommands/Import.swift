import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV file of records, or an export bundle, all or nothing.",
            discussion: """
                KIND is one of: \(ImportOperation.kindNames.joined(separator: ", ")).
                `carelog import bundle DIR` imports a folder `carelog export` wrote instead.

                The header names the columns (any order, any case). The whole file is checked \
                before anything is written; on any problem nothing is written, every problem is \
                listed with its line and column, and the exit status is 3. Importing the same \
                file again changes nothing; a changed row updates its record. Text is stored \
                exactly as the file has it (a leading ' included).

                import bundle DIR checks the bundle as `export verify` does (a damaged, foreign \
                or de-identified bundle is refused with exit status 3), then imports every table \
                file in dependency order in one transaction, dropping the one leading ' the \
                export put before text that starts with =, +, -, @, tab, CR, LF or '. audit.csv \
                is not imported.

                Values are read as spreadsheets save them: codes of a list in any case and by \
                unambiguous common forms (Male, M, Director, Left early), dates also as \
                YYYY/MM/DD. A day-first or month-first date (14/03/1985) is read only with \
                --date-order, never guessed. A new MRN that is a stored MRN without its leading \
                zeros is refused.

                `carelog import KIND --help` lists that kind's columns, which are required, \
                their values and an example.

                Examples:
                  carelog import patients patients.csv --by T0101 --date-order mdy
                  carelog import attendance october.csv --dry-run
                  some-export | carelog import attendance -
                  carelog import bundle export-2026-10 --by D01
                """)

        @Argument(help: ArgumentHelp("What the file holds, or bundle.", valueName: "kind"),
                  completion: .list(ImportOperation.kindNames + ["bundle"]))
        var kind: String

        @Argument(help: ArgumentHelp("The CSV file, or - for standard input; for bundle, the export's folder.", valueName: "file"),
                  completion: .file(extensions: ["csv"]))
        var file: String

        @Flag(help: "Check the file and say what would change, writing nothing.")
        var dryRun = false

        @Option(name: .customLong("by"), help: ArgumentHelp("Staff ID of the person importing, for the audit trail.", valueName: "staff-id"))
        var actingStaff: String?

        @Option(name: .customLong("date-order"), help: ArgumentHelp(
            "How to read dates written with the year last: dmy (14/03/1985) or mdy (03/14/1985).", valueName: "order"))
        var dateOrder: DateOrderArgument?

        @Option(help: ArgumentHelp(
            "Why the file changes attendance already recorded (the database refuses such a correction without a reason).",
            valueName: "text"))
        var reason: String?

        @Option(name: .customLong("manifest-sha256"), help: ArgumentHelp(
            "For bundle: the SHA-256 of manifest.json that the export printed; another bundle is refused.", valueName: "hex"))
        var manifestSHA256: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try ManifestDigestOption.validate(manifestSHA256)
            if kind == Self.bundle {
                guard file != "-" else {
                    throw ValidationError("import bundle reads a folder, not standard input: name the folder `carelog export --out` wrote.")
                }
                return
            }
            if manifestSHA256 != nil {
                throw ValidationError("--manifest-sha256 checks an export bundle: use it with `carelog import bundle DIR`.")
            }
            guard ImportOperation.kindNames.contains(kind) else {
                throw ValidationError("Unknown kind \"\(kind)\". The kinds are: \(ImportOperation.kindNames.joined(separator: ", ")).")
            }
        }

        /// The KIND that imports a whole export bundle.
        static let bundle = "bundle"

        func run() throws {
            if kind == Self.bundle {
                try BundleImportOperation.run(
                    target: database.target, directory: file, dryRun: dryRun, actingStaff: actingStaff,
                    expectedManifestSHA256: manifestSHA256, console: .standard())
                return
            }
            try ImportOperation.run(
                target: database.target, kind: kind, input: file == "-" ? .standardInput : .file(path: file),
                dryRun: dryRun, actingStaff: actingStaff, dateOrder: dateOrder?.order, changeReason: reason, console: .standard())
        }
    }
}

enum DateOrderArgument: String, ExpressibleByArgument, CaseIterable {
    case dmy, mdy
    var order: DateOrder { self == .dmy ? .dmy : .mdy }
}

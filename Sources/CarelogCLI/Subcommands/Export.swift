import ArgumentParser
import Carelog
import Foundation

extension CarelogCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the auditor export of a period, or check one.",
            discussion: """
                carelog export [--format csv|fhir] --from DATE --to DATE --out DIR [--site CODE]
                               [--pseudonymize|--deidentify]
                               [--recipient NAME --purpose TEXT --basis BASIS] [--by STAFF_ID]
                carelog export verify DIR

                Examples:
                  carelog export --from 2026-10-01 --to 2026-10-31 --out audit-2026-10
                  CARELOG_PSEUDONYM_KEY=... carelog export --from 2026-10-01 \\
                      --to 2026-12-31 --out q4 --pseudonymize
                  carelog export --from 2026-10-01 --to 2026-10-31 --out state-audit \\
                      --by D01 --recipient "State licensing board" \\
                      --purpose "annual licensing audit" --basis audit
                  carelog export --format fhir --from 2026-10-01 \\
                      --to 2026-10-31 --out fhir-2026-10
                  carelog export verify audit-2026-10
                """,
            subcommands: [Create.self, Verify.self],
            defaultSubcommand: Create.self)
    }
}

extension CarelogCommand.Export {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Write one CSV per table with the rows of the period, audit.csv and manifest.json.",
            discussion: """
                Everything is read from one database snapshot. The period is --from to --to, both \
                days included, in each site's local calendar. Each file has the columns of the \
                import of the same name (sites.csv, staff.csv, patients.csv, … attendance.csv, \
                screens.csv, measures.csv), so a file can be imported again; audit.csv holds the audit events \
                written in the period (UTC dates, all sites). manifest.json lists every file with \
                its columns, row count and SHA-256; `carelog export verify DIR` re-checks them.

                With --site, only that site's records, its audit events included. With \
                --recipient, --purpose and --basis the bundle is a disclosure (42 CFR Part 2): \
                NOTICE.txt with the notice prohibiting redisclosure goes into it, and the \
                disclosure is recorded with the run (see `carelog disclosures`); with --basis \
                consent only patients with a consent for the recipient active today are in it.

                Text that starts with =, +, -, @, tab, CR or LF is written with a leading ' so \
                that no spreadsheet runs it as a formula; text that starts with ' gets one more, \
                so that `carelog import bundle DIR` can drop exactly one and store what was stored.

                Beside each CSV, an .xlsx workbook of the same rows is the file to open in a \
                spreadsheet (the CSVs are for machines, exactly as exported): MRNs, codes and \
                names are text cells as stored (leading zeros, accents, =1+1 as written), \
                numbers are numbers and dates are dates. --no-xlsx leaves the workbooks out.

                --format fhir writes FHIR R4 resources instead (docs/fhir.md): one NDJSON file per \
                resource type (Organization, Location, Practitioner, PractitionerRole, Patient, \
                EpisodeOfCare, CareTeam, Goal, CarePlan, Group, Encounter, Observation, Consent), one \
                resource a line, each labelled 42 CFR Part 2 in meta.security; manifest.json in the \
                FHIR Bulk Data shape with carelog's SHA-256 per file; NOTICE.txt beside it. Same \
                period, site, privacy modes and disclosure recording as the CSVs.

                DIR is created if missing. A folder that exists must be empty, unless --replace \
                is given and it holds an earlier bundle: that one is then replaced whole, and \
                stays as it was until the new one is complete and the run is recorded.

                Example:
                  carelog export --from 2026-10-01 --to 2026-10-31 \\
                      --out audit-2026-10-s01 --site S01
                """)

        @Option(help: ArgumentHelp("csv: one CSV per table (the auditor export); fhir: FHIR R4 NDJSON, Bulk Data shape.",
                                   valueName: "format"))
        var format: ExportFormat = .csv

        @Option(name: .customLong("mrn-system"), help: ArgumentHelp(
            "With --format fhir: the identifier system URI of the program's MRNs (default urn:carelog:mrn).", valueName: "uri"))
        var mrnSystem: String?

        @Option(help: ArgumentHelp("First day of the period, YYYY-MM-DD.", valueName: "date"))
        var from: String

        @Option(help: ArgumentHelp("Last day of the period (included), YYYY-MM-DD.", valueName: "date"))
        var to: String

        @Option(help: ArgumentHelp("The folder to write the bundle into.", valueName: "dir"))
        var out: String

        @Option(help: ArgumentHelp("Only this site's records, audit events included.", valueName: "code"))
        var site: String?

        @Flag(help: "Replace the bundle already in DIR (whole, once the new one is complete).")
        var replace = false

        @Flag(name: .customLong("xlsx"), inversion: .prefixedNo,
              help: "Write an .xlsx workbook beside each CSV (MRNs and codes as text, numbers as numbers), for a double-click.")
        var spreadsheets = true

        @OptionGroup var privacy: PrivacyArguments
        @OptionGroup var disclosure: DisclosureArguments
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var log: LogDatabaseOptions

        func validate() throws {
            if privacy.minimumCell != nil {
                throw ValidationError("--min-cell suppresses small counts in reports; an export holds records, not counts. Leave it out here.")
            }
            if mrnSystem != nil && format != .fhir {
                throw ValidationError("--mrn-system names the MRNs' system in FHIR resources; give it with --format fhir.")
            }
        }

        func run() throws {
            try ExportOperation.export(
                target: database.target, log: log.target, from: from, to: to, site: site, directory: out, replace: replace,
                pseudonymizer: try privacy.options().pseudonymizer, disclosure: try disclosure.request(),
                actingStaff: disclosure.actingStaff, spreadsheets: spreadsheets && format == .csv, format: format, mrnSystem: mrnSystem,
                console: .standard())
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an export against its manifest.json.",
            discussion: """
                Recomputes every file's SHA-256 and row count and names every missing, extra or \
                altered file. Exit status 0 only when the bundle is intact, 1 otherwise. Needs no \
                database. A bundle whose files and manifest were both changed checks against \
                itself: --manifest-sha256 compares manifest.json with the SHA-256 the export \
                printed (and its disclosure record keeps), handed over apart from the bundle.

                Example:
                  carelog export verify audit-2026-10
                """)

        @Argument(help: ArgumentHelp("The folder the export wrote.", valueName: "dir"))
        var directory: String

        @Option(name: .customLong("manifest-sha256"), help: ArgumentHelp(
            "The SHA-256 of manifest.json that the export printed: the bundle must be that export.", valueName: "hex"))
        var manifestSHA256: String?

        @Flag(name: .shortAndLong, help: "Print nothing when the bundle is intact; the exit status says it.")
        var quiet = false

        func validate() throws {
            try ManifestDigestOption.validate(manifestSHA256)
        }

        func run() throws {
            try ExportOperation.verify(directory: directory, expectedManifestSHA256: manifestSHA256, quiet: quiet, console: .standard())
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}

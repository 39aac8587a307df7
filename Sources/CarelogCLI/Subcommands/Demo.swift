import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seed a small demo program and write last month's report bundle.",
            discussion: """
                On an empty database, seeds one synthetic 120-bed site through today (123 days; today's sessions \
                scheduled, those before 09:00 logged), then writes \
                the last complete month's bundle (every report as CSV, summary.txt, summary.html, \
                manifest.json), prints summary.txt and says where the HTML and the CSV files are. \
                On a database with records, reports on those.

                Example:
                  carelog demo --out carelog-demo
                """)

        @Option(help: ArgumentHelp("Folder for the bundle.", valueName: "dir"))
        var out = "carelog-demo"

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try DemoOperation.run(target: database.target, directory: out, console: .standard())
        }
    }
}

import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Seed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill an empty database with the deterministic reference data set.",
            discussion: """
                Generates, inside PostgreSQL, SCALE sites (S01, S02, …), each a 120-bed program \
                over the given number of months ending with the last complete month: staff, \
                patients, episodes, therapist assignments, treatment plans with requirements, \
                goals and reviews, four groups per site (a 12-step meeting three times a day, \
                women's and men's process groups, relapse prevention) with rosters and daily \
                sessions, attendance (about 900,000 records per site for 36 months), PHQ-9 and \
                GAD-7 scores and drug screens.

                The same --scale, --seed, --months and last month give identical data. All or \
                nothing, in one transaction, through every constraint and trigger (the audit \
                trail records the seed with no acting staff member). A database that already \
                holds sites, staff or patients is refused.

                Examples:
                  CARELOG_HOME=/tmp/bench carelog seed --scale 10
                  carelog seed --scale 1 --months 3 --end-month 2026-09 \\
                      --database postgresql:///scratch
                """)

        @Option(help: ArgumentHelp("Number of sites (1–\(SeedOperation.maximumScale)).", valueName: "n"))
        var scale = 1

        @Option(help: ArgumentHelp("Seed of the pseudo-random draws.", valueName: "s"))
        var seed = 1

        @Option(help: ArgumentHelp("Number of months of data (1–\(SeedOperation.maximumMonths)).", valueName: "m"))
        var months = 36

        @Option(help: ArgumentHelp("The last month of data (default: the last complete month).", valueName: "yyyy-mm"))
        var endMonth: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...SeedOperation.maximumScale).contains(scale) else {
                throw ValidationError("--scale must be between 1 and \(SeedOperation.maximumScale).")
            }
            guard (1...SeedOperation.maximumMonths).contains(months) else {
                throw ValidationError("--months must be between 1 and \(SeedOperation.maximumMonths).")
            }
        }

        func run() throws {
            let period = try endMonth.map { try ReportPeriod(month: $0) }
            try SeedOperation.seed(
                target: database.target, scale: scale, seed: seed, endMonth: period, months: months, console: .standard())
        }
    }
}

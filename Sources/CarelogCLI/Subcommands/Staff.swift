import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Staff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a staff member.",
            discussion: """
                Example:
                  carelog staff add T0199 --first-name Rosa --last-name Diaz --role therapist \\
                      --credentials LPC --site S01 --by D01
                """,
            subcommands: [Add.self])
    }
}

extension CarelogCommand.Staff {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a staff member (a therapist, counselor, director, auditor or other).",
            discussion: """
                Checked as `carelog import staff` checks a line; a staff ID that exists is \
                refused (change a staff member by importing the staff file). A login for the \
                new member is made with `carelog user`.

                Example:
                  carelog staff add T0199 --first-name Rosa --last-name Diaz --role therapist \\
                      --credentials LPC --site S01 --by D01
                """)

        @Argument(help: ArgumentHelp("The new staff ID, kept exactly (leading zeros included).", valueName: "staff-id"))
        var staffID: String

        @Option(name: .customLong("first-name"), help: ArgumentHelp("First name.", valueName: "name"))
        var firstName: String

        @Option(name: .customLong("last-name"), help: ArgumentHelp("Last name.", valueName: "name"))
        var lastName: String

        @Option(help: ArgumentHelp("therapist, counselor, director, auditor or other.", valueName: "role"))
        var role: String

        @Option(help: ArgumentHelp("Credentials, e.g. LCSW or CADC-II (see carelog import credentials).", valueName: "codes"))
        var credentials: String?

        @Option(help: ArgumentHelp("The site's code.", valueName: "code"))
        var site: String

        @Option(help: ArgumentHelp("Your staff ID, for the audit trail (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try StaffCommands.add(target: database.target, staffID: staffID, firstName: firstName, lastName: lastName, role: role,
                                  credentials: credentials, siteCode: site, by: try StaffIdentity.resolve(by), console: .standard())
        }
    }
}

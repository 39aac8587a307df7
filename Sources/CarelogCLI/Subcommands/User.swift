import ArgumentParser
import Carelog
import Foundation

extension CarelogCommand {
    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the database logins of therapists, directors and auditors.",
            discussion: """
                Each person logs in as their own PostgreSQL role, mapped to one staff member; the \\
                database itself then decides what they see and change (README, "Access control"). \\
                Run by the database's administrator (on the local default, whoever created it) or a director.

                Examples:
                  carelog user add ana --staff T001 --role therapist --password-stdin < password.txt
                  carelog user list
                  carelog user disable ana
                """,
            subcommands: [Add.self, List.self, Disable.self])
    }
}

extension CarelogCommand.User {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a login for a staff member.",
            discussion: """
                The password is read from standard input (one line) and never printed; libpq turns \\
                it into a SCRAM verifier before it is sent, so the server never sees it either.

                Example:
                  carelog user add dora --staff D001 --role director --site NYC --password-stdin
                """)

        @Argument(help: ArgumentHelp("The login name (lower-case letters, digits, _ . -).", valueName: "login"))
        var login: String

        @Option(help: ArgumentHelp("The staff ID of the person who logs in.", valueName: "staff-id"))
        var staff: String

        @Option(help: ArgumentHelp("therapist, director or auditor.", valueName: "role"))
        var role: String

        @Option(help: ArgumentHelp("Limit a director to this site.", valueName: "code"))
        var site: String?

        @Flag(name: .customLong("password-stdin"), help: "Read the login's password from standard input.")
        var passwordStdin = false

        func validate() throws {
            guard UserOperation.roles.contains(role) else {
                throw ValidationError("--role must be therapist, director or auditor, not \"\(role)\".")
            }
        }

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            var password: String?
            if passwordStdin {
                if isatty(STDIN_FILENO) == 1, let typed = getpass("Password for \(login): ") {
                    password = String(cString: typed)   // typed at a terminal, not echoed
                } else {
                    password = readLine(strippingNewline: true) ?? ""
                }
            }
            try UserOperation.add(
                target: database.target, login: login, staffID: staff, role: role, site: site, password: password,
                console: .standard())
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the logins: who, which role and site, active or disabled.",
            discussion: "Example:\n  carelog user list")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try UserOperation.list(target: database.target, console: .standard())
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a login: it can no longer connect; its history stays.",
            discussion: "Example:\n  carelog user disable ana")

        @Argument(help: ArgumentHelp("The login name.", valueName: "login"))
        var login: String

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try UserOperation.disable(target: database.target, login: login, console: .standard())
        }
    }
}

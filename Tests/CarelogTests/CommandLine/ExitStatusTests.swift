import Foundation
import Testing

/// The exit statuses scripts rely on (0 success, 1 failure, 2 usage error, 3 input
/// refused), through the built binary: parsing, validation and the mapping of errors
/// to statuses are the command line's, which no library test reaches.
@Suite("exit status of the binary")
struct ExitStatusTests {
    @Test("report list prints the catalog and exits 0")
    func reportList() throws {
        let result = try CarelogBinary.run(["report", "list"])
        #expect(result.status == 0, "\(result)")
        #expect(result.error == "")
        let names = result.outputLines.filter { !$0.hasPrefix(" ") && !$0.isEmpty }.map { String($0.prefix { $0 != " " }) }
        #expect(names == ["documentation-gaps", "group-attendance", "group-services", "late-changes", "noms", "outcomes", "patient-participation",
                          "plan-status", "teds-admissions", "teds-discharges", "therapist-caseload", "monthly"])
    }

    @Test("--help exits 0 and names the exit statuses")
    func help() throws {
        let result = try CarelogBinary.run(["--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.output.hasPrefix("OVERVIEW: Records of an addiction-treatment program's groups and therapy, and\n"))
        #expect(result.output.contains("Exit status: 0 success, 1 failure, 2 usage error, 3 input refused (nothing\nwritten)."))
        #expect(result.error == "")
    }

    @Test("a database that cannot be reached is a failure: exit 1, saying so and what to check")
    func unreachableDatabase() throws {
        let socketFolder = "/nonexistent-carelog-\(UUID().uuidString.prefix(8))"
        let result = try CarelogBinary.run(["db", "status", "--database", "host=\(socketFolder) dbname=carelog user=carelog"])
        #expect(result.status == 1, "\(result)")
        #expect(result.errorLines == [
            "carelog: error: could not connect to the database (from --database): connection to server on socket "
                + "\"\(socketFolder)/.s.PGSQL.5432\" failed: No such file or directory",
            "\tIs the server running locally and accepting connections on that socket?",
            "Check the connection string (for example `host=db.example.org dbname=carelog user=me` or "
                + "`postgresql://me@db.example.org/carelog`) and that the server is running and reachable.",
            "",
        ])
        #expect(result.output == "")
    }

    @Test("an unknown option is a usage error: exit 2")
    func unknownOption() throws {
        let result = try CarelogBinary.run(["report", "list", "--bogus"])
        #expect(result.status == 2, "\(result)")
        #expect(result.errorLines.first == "carelog: error: Unknown option '--bogus'. Did you mean '--out'?")
        #expect(result.errorLines.dropFirst().first?.hasPrefix("Usage: carelog report ") == true, "\(result)")
        #expect(result.output == "")
    }

    @Test("a month that is not YYYY-MM is a usage error: exit 2", arguments: ["2026-13", "10/2026", "2026-1"])
    func badMonth(month: String) throws {
        let result = try CarelogBinary.run(["report", "group-attendance", "--month", month])
        #expect(result.status == 2, "\(result)")
        #expect(result.errorLines.first == "carelog: error: --month \"\(month)\" is not a month like 2026-10.")
    }

    @Test("an unknown report is a usage error: exit 2, listing the reports")
    func unknownReport() throws {
        let result = try CarelogBinary.run(["report", "no-such-report", "--month", "2026-10"])
        #expect(result.status == 2, "\(result)")
        #expect(result.errorLines == [
            "carelog: error: there is no report \"no-such-report\"",
            "The reports are: documentation-gaps, group-attendance, group-services, late-changes, noms, outcomes, patient-participation, plan-status, "
                + "teds-admissions, teds-discharges, therapist-caseload, and monthly.",
            "",
        ])
    }

    @Test("an unknown import kind is a usage error: exit 2, listing the kinds")
    func unknownImportKind() throws {
        let result = try CarelogBinary.run(["import", "visits", "visits.csv"])
        #expect(result.status == 2, "\(result)")
        #expect(result.errorLines.first == "carelog: error: Unknown kind \"visits\". The kinds are: sites, staff, patients, episodes, "
            + "assignments, plans, plan-requirements, goals, reviews, groups, cofacilitators, enrollments, sessions, attendance, roll-closures, assessments, "
            + "screens, consents, credentials, service-codes, session-notes, participant-notes, note-addenda, measures.")
    }
}

extension DatabaseTests {
    @Suite("exit status of the binary against a database")
    struct BinaryDatabaseTests {
        @Test("a refused import exits 3, lists the problems and writes nothing")
        func refusedImport() throws {
            let database = try TestDatabase()
            let csv = "site_code,name,timezone\nNYC,New York House,America/New_York\nLAX ,Los Angeles House,America/Los_Angeles\n"
            let result = try CarelogBinary.run(["import", "sites", "-"] + database.databaseArguments, input: csv)
            #expect(result.status == 3, "\(result)")
            #expect(Array(result.errorLines.dropFirst()) == [
                "carelog: error: the sites import was refused: 1 problem",
                "line 3, column site_code, value \"LAX \": has spaces at the start or end",
                "Correct the file and import it again; nothing was written.",
                "",
            ])
            #expect(result.errorLines.first?.hasPrefix("carelog: using ") == true, "\(result)")
            #expect(result.output == "")
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.count("carelog.site") == 0)
        }

        @Test("report NAME of a month that has not begun is a usage error: exit 2, nothing printed or logged")
        func futureMonth() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let future = try CarelogBinary.run(["report", "group-attendance", "--month", "2099-01"] + database.databaseArguments)
            #expect(future.status == 2, "\(future)")
            #expect(future.error.contains("carelog: error: --month 2099-01 has not begun (today is "), "\(future)")
            #expect(future.output == "")
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.count("carelog.run_log") == 0)
            // This month, begun, is reported (its figures so far).
            let now = try CarelogBinary.run(["report", "group-attendance", "--month", "2026-10"] + database.databaseArguments)
            #expect(now.status == 0, "\(now)")
        }

        @Test("an accepted import exits 0 and says what it did")
        func acceptedImport() throws {
            let database = try TestDatabase()
            let csv = "site_code,name,timezone\nNYC,New York House,America/New_York\n"
            let result = try CarelogBinary.run(["import", "sites", "-"] + database.databaseArguments, input: csv)
            #expect(result.status == 0, "\(result)")
            #expect(result.output == "sites: 1 record; 1 inserted, 0 updated, 0 unchanged\n")
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.count("carelog.site") == 1)
        }
    }
}

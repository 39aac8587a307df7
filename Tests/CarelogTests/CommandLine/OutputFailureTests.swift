import Foundation
import Testing

/// A write to standard output or standard error that fails (a full disk, here
/// /dev/full as the child's file descriptor) is a failure like any other: exit 1 and
/// one line saying so where one can still be written, never a crash.
@Suite("failed writes to standard output and standard error")
struct OutputFailureTests {
    @Test("report list with standard output on a full device exits 1 with one line on standard error")
    func fullStandardOutput() throws {
        let result = try CarelogBinary.run(["report", "list"], output: .full)
        #expect(!result.signalled, "\(result)")
        #expect(result.status == 1, "\(result)")
        #expect(result.error == "carelog: error: could not write to standard output: No space left on device\n")
    }

    @Test("--help with standard output on a full device exits 1")
    func fullHelp() throws {
        let result = try CarelogBinary.run(["--help"], output: .full)
        #expect(!result.signalled, "\(result)")
        #expect(result.status == 1, "\(result)")
        #expect(result.error == "carelog: error: could not write to standard output: No space left on device\n")
    }

    @Test("standard output on a closed pipe (`carelog --help | head` after head quit) exits 1, not by SIGPIPE (141)")
    func closedPipe() throws {
        let result = try CarelogBinary.run(["--help"], output: .closedPipe)
        #expect(!result.signalled, "\(result)")
        #expect(result.status == 1, "\(result)")
        #expect(result.error == "carelog: error: could not write to standard output: Broken pipe\n")
    }

    @Test("a usage error with standard error on a full device keeps its own status, 2")
    func usageErrorOnFullStandardError() throws {
        let result = try CarelogBinary.run(["report", "list", "--bogus"], error: .full)
        #expect(!result.signalled, "\(result)")
        #expect(result.status == 2, "\(result)")
        #expect(result.output == "")
    }
}

extension DatabaseTests {
    @Suite("failed writes of commands that use the database")
    struct DatabaseOutputFailureTests {
        @Test("db status with standard error on a full device exits 1; its result still reaches standard output")
        func fullStandardError() throws {
            let database = try TestDatabase()
            let result = try CarelogBinary.run(["db", "status"] + database.databaseArguments, error: .full)
            #expect(!result.signalled, "\(result)")
            #expect(result.status == 1, "\(result)")
            // The first column is as wide as the longest migration name.
            #expect(result.outputLines.first?.split(separator: " ") == ["migration", "state"])
            #expect(result.outputLines.dropLast().last == "Up to date.")
        }

        @Test("an import whose summary cannot be written exits 1 after committing, and says so")
        func importThenFullStandardOutput() throws {
            let database = try TestDatabase()
            let csv = "site_code,name,timezone\nNYC,New York House,America/New_York\n"
            let result = try CarelogBinary.run(["import", "sites", "-"] + database.databaseArguments, input: csv, output: .full)
            #expect(!result.signalled, "\(result)")
            #expect(result.status == 1, "\(result)")
            #expect(result.errorLines.dropFirst() == ["carelog: error: could not write to standard output: No space left on device", ""])
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.count("carelog.site") == 1)
        }
    }
}

import Carelog
import Foundation
import Testing

/// Command-line conventions: --version, --quiet, JSON Lines, completion.
@Suite("command-line conventions")
struct ConventionTests {
    @Test("--version names the version, the schema it expects and what it was built with")
    func version() throws {
        let result = try CarelogBinary.run(["--version"])
        #expect(result.status == 0, "\(result)")
        let lines = result.outputLines
        #expect(lines.first == "carelog \(CarelogVersion.current)")
        #expect(lines.contains("schema: 015_monthly_partitions.sql (14 migrations)"))
        #expect(lines.contains("reports: 6"))
        #expect(lines.contains { $0.hasPrefix("libpq: 15.") || $0.hasPrefix("libpq: 16.") || $0.hasPrefix("libpq: 17.") })
        #expect(lines.contains { $0.hasPrefix("built with: Swift ") })
    }

    @Test("report list --format json is one object per line")
    func reportListJSON() throws {
        let result = try CarelogBinary.run(["report", "list", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        let names = try result.output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])["name"]
        }
        #expect(names == ["documentation-gaps", "group-attendance", "outcomes", "patient-participation", "plan-status", "therapist-caseload"])
    }

    @Test("the bash completion completes import kinds and report names")
    func completion() throws {
        let result = try CarelogBinary.run(["--generate-completion-script", "bash"])
        #expect(result.status == 0)
        func words(_ list: [String]) -> String { "-W " + list.map { "'\($0)'" }.joined(separator: "$'\\n'") }
        #expect(result.output.contains(words(ImportOperation.kindNames)))
        #expect(result.output.contains(words(["list", "monthly", "documentation-gaps", "group-attendance", "outcomes", "patient-participation",
                                              "plan-status", "therapist-caseload"])))
    }

    @Test("JSON strings escape quotes, backslashes and control characters; MRNs stay strings")
    func jsonLine() throws {
        let line = JSONLine([("mrn", .string("00912")), ("name", .string("a \"b\"\\\n\u{1B}")), ("n", .integer(3)),
                             ("rate", .number("12.5")), ("none", .string(nil)), ("ok", .boolean(true))]).text
        #expect(line == #"{"mrn":"00912","name":"a \"b\"\\\n\u001b","n":3,"rate":12.5,"none":null,"ok":true}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(parsed["mrn"] as? String == "00912")
        #expect(parsed["name"] as? String == "a \"b\"\\\n\u{1B}")
    }
}

extension DatabaseTests {
    @Suite("command-line conventions with a database")
    struct DatabaseConventionTests {
        @Test("--quiet leaves out which database is used; the result is the same")
        func quiet() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let loud = try CarelogBinary.run(["today", "--by", "T001", "--date", "2026-10-05"] + database.databaseArguments)
            #expect(loud.status == 0, "\(loud)")
            #expect(loud.error.hasPrefix("carelog: using database "))
            let quiet = try CarelogBinary.run(["today", "--by", "T001", "--date", "2026-10-05", "--quiet"] + database.databaseArguments)
            #expect(quiet.status == 0, "\(quiet)")
            #expect(quiet.error == "")
            #expect(quiet.output == loud.output)
            #expect(quiet.output.hasPrefix("Sessions of T001 on 2026-10-05:\n"))
            // --by from the environment, -q for short.
            let fromEnvironment = try CarelogBinary.run(["today", "--date", "2026-10-05", "-q"] + database.databaseArguments,
                                                        environment: ["CARELOG_STAFF_ID": "T001"])
            #expect(fromEnvironment.output == loud.output)
            let noStaff = try CarelogBinary.run(["today", "-q"] + database.databaseArguments)
            #expect(noStaff.status == 2)
            #expect(noStaff.errorLines.first == "Error: Give your staff ID with --by STAFF_ID (or set CARELOG_STAFF_ID once in your shell profile).")
        }

        @Test("a report as JSON Lines parses back: numbers as numbers, codes and MRNs as strings")
        func reportJSON() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let result = try CarelogBinary.run(["report", "patient-participation", "--month", "2026-10", "--format", "json", "-q"]
                                               + database.databaseArguments)
            #expect(result.status == 0, "\(result)")
            let rows = try result.output.split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
            #expect(Set(rows.compactMap { $0["mrn"] as? String }) == ["00912", "00913", "00914"])
            let fay = try #require(rows.first { $0["mrn"] as? String == "00912" })
            #expect(fay["site_code"] as? String == "NYC")
            #expect(fay["days_in_care"] as? Int == 31)
            #expect(fay["attended"] as? Int == 1)
            #expect(fay["absent"] as? Int == 1)
        }
    }
}

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
        #expect(lines.contains("schema: 024_self_help_by_session.sql (24 migrations)"))
        #expect(lines.contains("reports: 11"))
        #expect(lines.contains { $0.hasPrefix("libpq: 15.") || $0.hasPrefix("libpq: 16.") || $0.hasPrefix("libpq: 17.") })
        #expect(lines.contains { $0.hasPrefix("built with: Swift ") })
    }

    @Test("--version names the git commit the binary was built from")
    func versionCommit() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", root.path, "rev-parse", "HEAD"]
        let pipe = Pipe()
        git.standardOutput = pipe
        git.standardError = FileHandle.nullDevice
        try git.run()
        let head = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        git.waitUntilExit()
        let result = try CarelogBinary.run(["--version"])
        #expect(result.outputLines.dropFirst().first == "commit: \(git.terminationStatus == 0 ? head : "unknown")")
    }

    @Test("the commit is read from git's files: a branch's ref, packed-refs, a detached HEAD; outside git, unknown")
    func commitGenerator() throws {
        let tool = try CarelogBinary.executable.deletingLastPathComponent().appendingPathComponent("carelog-embed")
        let folder = ScratchFolder.url("git")
        let common = folder.appendingPathComponent("common"), worktree = folder.appendingPathComponent("worktree")
        try FileManager.default.createDirectory(at: common.appendingPathComponent("refs/heads/wip"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: worktree, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loose = String(repeating: "a1", count: 20), packed = String(repeating: "b2", count: 20), detached = String(repeating: "c3", count: 20)
        func generated(_ arguments: [String]) throws -> String {
            let output = folder.appendingPathComponent("BuildCommit.swift")
            let process = Process()
            process.executableURL = tool
            process.arguments = ["--commit", output.path] + arguments
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let text = try String(contentsOf: output, encoding: .utf8)
            return text.split(separator: "\n").first { $0.contains("static let hash") }.map { $0.trimmingCharacters(in: .whitespaces) } ?? text
        }
        func write(_ text: String, _ url: URL) throws { try Data(text.utf8).write(to: url) }
        // a worktree's HEAD names a branch whose ref is a loose file of the common folder
        try write("ref: refs/heads/wip/x\n", worktree.appendingPathComponent("HEAD"))
        try write(loose + "\n", common.appendingPathComponent("refs/heads/wip/x"))
        #expect(try generated([worktree.path, common.path]) == "static let hash: String? = \"\(loose)\"")
        // a branch packed by git gc
        try write("ref: refs/heads/main\n", worktree.appendingPathComponent("HEAD"))
        try write("# pack-refs with: peeled fully-peeled sorted\n\(packed) refs/heads/main\n", common.appendingPathComponent("packed-refs"))
        #expect(try generated([worktree.path, common.path]) == "static let hash: String? = \"\(packed)\"")
        // a detached HEAD
        try write(detached + "\n", worktree.appendingPathComponent("HEAD"))
        #expect(try generated([worktree.path, common.path]) == "static let hash: String? = \"\(detached)\"")
        // a branch with no commit yet, no git folder at all: unknown, never a failed build
        try write("ref: refs/heads/new\n", worktree.appendingPathComponent("HEAD"))
        #expect(try generated([worktree.path, common.path]) == "static let hash: String? = nil")
        #expect(try generated([folder.appendingPathComponent("missing").path, folder.appendingPathComponent("missing").path]) == "static let hash: String? = nil")
        #expect(try generated([]) == "static let hash: String? = nil")
    }

    @Test("report list --format json is one object per line")
    func reportListJSON() throws {
        let result = try CarelogBinary.run(["report", "list", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        let names = try result.output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])["name"]
        }
        #expect(names == ["documentation-gaps", "group-attendance", "group-services", "late-changes", "noms", "outcomes", "patient-participation", "plan-status", "teds-admissions", "teds-discharges", "therapist-caseload"])
    }

    @Test("the bash completion completes import kinds and report names")
    func completion() throws {
        let result = try CarelogBinary.run(["--generate-completion-script", "bash"])
        #expect(result.status == 0)
        func words(_ list: [String]) -> String { "-W " + list.map { "'\($0)'" }.joined(separator: "$'\\n'") }
        #expect(result.output.contains(words(ImportOperation.kindNames)))
        #expect(result.output.contains(words(["list", "monthly", "documentation-gaps", "group-attendance", "group-services", "late-changes", "noms", "outcomes", "patient-participation",
                                              "plan-status", "teds-admissions", "teds-discharges", "therapist-caseload"])))
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
            #expect(noStaff.errorLines.first == "carelog: error: Give your staff ID with --by STAFF_ID (or set CARELOG_STAFF_ID once in your shell profile).")
        }

        @Test("-q before the command, one error prefix, an empty --database refused, group codes in any case, an MRN without its zeros named")
        func smallConventions() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let arguments = database.databaseArguments
            let after = try CarelogBinary.run(["today", "--by", "T001", "--date", "2026-10-05", "-q"] + arguments)
            let before = try CarelogBinary.run(["-q", "today", "--by", "T001", "--date", "2026-10-05"] + arguments)
            #expect(before.status == 0 && before.error == "", "\(before)")
            #expect(before.output == after.output && before.output.hasPrefix("Sessions of T001 on 2026-10-05:\n"))

            // The parser's errors carry the same prefix as carelog's own.
            let unknown = try CarelogBinary.run(["today", "--bogus"])
            #expect(unknown.status == 2)
            #expect(unknown.errorLines.first == "carelog: error: Unknown option '--bogus'")

            let empty = try CarelogBinary.run(["today", "--by", "T001", "--database", ""])
            #expect(empty.status == 2)
            #expect(empty.errorLines.first == "carelog: error: --database is empty. Give a connection string such as postgresql:///carelog, "
                    + "or leave the option out to use CARELOG_DATABASE, the PG* variables or the local database.")

            // A group code typed in lower case names the group; the roll is the same.
            let upper = try CarelogBinary.run(["attendance", "roster", "--group", "AA-AM", "--at", "2026-10-05 07:30", "-q"] + arguments)
            let lower = try CarelogBinary.run(["attendance", "roster", "--group", "aa-am", "--at", "2026-10-05 07:30", "-q"] + arguments)
            #expect(upper.status == 0 && lower.status == 0, "\(lower)")
            #expect(lower.output == upper.output)
            #expect(lower.output.contains("00912"))

            // An MRN that lost its leading zeros in a spreadsheet: refused, naming the stored one.
            let zeros = try CarelogBinary.run(["attendance", "record", "--group", "aa-am", "--at", "2026-10-05 07:30", "--by", "T001",
                                               "--correct", "--reason", "sheet", "--present", "912", "-q"] + arguments)
            #expect(zeros.status == 3, "\(zeros)")
            #expect(zeros.errorLines.contains("--present 912: no patient with this MRN (did you mean 00912? keep the leading zeros)"), "\(zeros)")
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

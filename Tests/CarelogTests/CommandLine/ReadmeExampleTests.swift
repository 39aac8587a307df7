import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// The README's "Using it" lines, run as printed, in order, against the demo's seed
    /// through today at the demo's site (what `carelog demo` seeds): what a reader copies
    /// after `scripts/demo` must work.
    ///
    /// A roll of today (`--at 9:30`) depends on the clock: a session that has not started
    /// is refused, and a weekday group has no session on a Saturday. The test asks the
    /// database which case holds and expects that exit status and message.
    @Suite("README examples run on the demo")
    struct ReadmeExampleTests {
        static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

        /// The command lines of the first `sh` block under "## Using it": continuation
        /// lines joined, a comment after the command (`  # …`) removed.
        static func examples(inReadme text: String) -> [String] {
            guard let section = text.range(of: "## Using it\n"),
                  let open = text.range(of: "```sh\n", range: section.upperBound..<text.endIndex),
                  let close = text.range(of: "```", range: open.upperBound..<text.endIndex)
            else { return [] }
            var lines: [String] = []
            var pending = ""
            for line in text[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init) {
                pending += (pending.isEmpty ? "" : " ") + withoutComment(line).trimmingCharacters(in: .whitespaces)
                if pending.hasSuffix("\\") {
                    pending = String(pending.dropLast()).trimmingCharacters(in: .whitespaces)
                } else {
                    lines.append(pending)
                    pending = ""
                }
            }
            return lines
        }

        /// The line without a `#` comment that follows a space outside double quotes.
        static func withoutComment(_ line: String) -> String {
            var quoted = false
            var previous: Character = " "
            for index in line.indices {
                let character = line[index]
                if character == "\"" { quoted.toggle() }
                if character == "#" && !quoted && previous == " " { return String(line[..<index]) }
                previous = character
            }
            return line
        }

        /// Lines not run here, and why.
        static func skipReason(_ example: String) -> String? {
            if example.hasPrefix("carelog import ") && !example.hasPrefix("carelog import bundle ") {
                return "imports a file of the reader's own"
            }
            if example.hasPrefix("carelog seed") { return "fills an empty database; the demo's is not" }
            if example.contains("--database") { return "names another database" }
            if example.hasPrefix("carelog note save ") || example.hasPrefix("carelog note sign ") {
                return "needs the note the reader writes into the draft (NoteCommandTests saves and signs one)"
            }
            return nil
        }

        @Test("every line of the README's \"Using it\" runs as printed on the demo's seed")
        func readmeExamplesRun() throws {
            let examples = Self.examples(inReadme: try String(contentsOf: Self.readme, encoding: .utf8))
            #expect(examples.count == 23, "\(examples.joined(separator: "\n"))")

            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            let today = try DemoOperation.siteToday(connection)
            try SeedOperation.seedDemo(target: database.target, through: today, console: Console.recording().0)
            let folder = ScratchFolder.url("readme")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }

            var environment = ["CARELOG_DATABASE": database.connectionString]
            var run: [String] = []
            var skipped: [String] = []
            var clockBound: [String] = []
            for example in examples {
                let words = DatabaseTests.HelpExampleTests.words(example)
                if words.first == "export", words.count == 2, let equals = words[1].firstIndex(of: "=") {
                    environment[String(words[1][..<equals])] = String(words[1][words[1].index(after: equals)...])
                    continue
                }
                if let reason = Self.skipReason(example) {
                    skipped.append("\(example) (\(reason))")
                    continue
                }
                #expect(words.first == "carelog", "\(example)")
                let input = example.contains("--password-stdin") ? "a demo password\n" : nil
                let result = try CarelogBinary.run(Array(words.dropFirst()), environment: environment, input: input,
                                                   directory: folder, timeout: 300)
                switch try Self.todaysSession(of: words, connection) {
                case .none:
                    #expect(result.status == 0, "\(example)\n\(result)")
                case .some(.missing):
                    #expect(result.status == 3 && result.error.contains("has no session at \(today) "), "\(example)\n\(result)")
                    clockBound.append("\(example): no session today")
                case .some(.notStarted) where words.contains("record"):
                    #expect(result.status == 3 && result.error.contains("has not started yet"), "\(example)\n\(result)")
                    clockBound.append("\(example): not started yet")
                case .some(.notStarted) where words[1] == "note":
                    // Its roll (the line before) was refused: nothing to write a note about yet.
                    #expect(result.status == 3 && result.error.contains("has no attendance recorded"), "\(example)\n\(result)")
                    clockBound.append("\(example): no roll yet")
                case .some:
                    #expect(result.status == 0, "\(example)\n\(result)")
                }
                run.append(example)
            }
            // Which lines met the clock's refusals this time (none on a weekday afternoon).
            print("README examples refused by the clock: \(clockBound.isEmpty ? "none" : clockBound.joined(separator: "; "))")
            // What is run and what is not is part of the check.
            #expect(run.count == 16, "\(run.joined(separator: "\n"))")
            #expect(skipped.count == 6, "\(skipped.joined(separator: "\n"))")
        }

        enum TodaysSession { case missing, notStarted, started }

        /// For `attendance roster|record` and `note draft` with `--group G --at HH:MM`
        /// (today), whether G has a session at that time today at its site and whether it
        /// has started; nil for every other line.
        static func todaysSession(of words: [String], _ connection: Connection) throws -> TodaysSession? {
            guard words.count > 2, words[1] == "attendance" || words[1] == "note", let group = words.firstIndex(of: "--group"),
                  let at = words.firstIndex(of: "--at"), at + 1 < words.count, !words[at + 1].contains(" ")
            else { return nil }
            let time = words[at + 1].count == 4 ? "0" + words[at + 1] : words[at + 1]
            let rows = try connection.query("""
                SELECT s.starts_at > now() AS future
                  FROM carelog.care_group g
                  JOIN carelog.site st ON st.id = g.site_id
                  JOIN carelog.group_session s ON s.group_id = g.id
                   AND s.starts_at = ((now() AT TIME ZONE st.timezone)::date + \(time)::time) AT TIME ZONE st.timezone
                 WHERE g.group_code = \(words[group + 1])
                """)
            guard let row = rows.first else { return .missing }
            return try row.decode("future", as: Bool.self) ? .notStarted : .started
        }

        @Test("the README's rolls of today, on a Friday after noon: the demo's last day is that day")
        func todaysRolls() throws {
            // The demo's last day whatever the date has the same rosters (DemoSeedTests), so a
            // demo through Friday 2026-12-04 read on a later day shows what a reader sees that
            // Friday afternoon: the README's lines with that day before the time.
            let database = try TestDatabase()
            try SeedOperation.seedDemo(target: database.target, through: "2026-12-04", console: Console.recording().0)
            let examples = Self.examples(inReadme: try String(contentsOf: Self.readme, encoding: .utf8))
                .filter { $0.hasPrefix("carelog attendance ") && $0.contains(" --at ") }
            #expect(examples.count == 3)
            var outputs: [String] = []
            for example in examples {
                var words = Array(DatabaseTests.HelpExampleTests.words(example).dropFirst())
                let at = words.firstIndex(of: "--at")! + 1
                words[at] = "2026-12-04 " + words[at]
                let result = try CarelogBinary.run(words + database.databaseArguments, environment: ["CARELOG_STAFF_ID": "T0101"])
                #expect(result.status == 0, "\(example)\n\(result)")
                outputs.append(result.output)
            }
            // 16 women enrolled in S01-WPG-A that day, all in care; 01000571 absent, the rest
            // present; three residents sign in to the noon meeting.
            #expect(outputs.first?.hasPrefix("S01-WPG-A 2026-12-04 09:30: 16 expected, 0 recorded\n") == true)
            #expect(outputs.dropFirst().first == "S01-WPG-A 2026-12-04 09:30: 16 recorded, 0 corrected, 0 unchanged\n")
            #expect(outputs.last == "S01-12S 2026-12-04 12:00: 3 recorded, 0 corrected, 0 unchanged\n"
                    + "S01-12S 2026-12-04 12:00: roll closed, 3 signed in\n")
            // The open meeting is logged once its roll is closed (docs/open-groups.md).
            let signIns = try CarelogBinary.run(["attendance", "roster", "--group", "S01-12S", "--at", "2026-12-04 12:00"]
                                                + database.databaseArguments)
            #expect(signIns.outputLines.first?.hasPrefix("S01-12S 2026-12-04 12:00: sign-in list of ") == true, "\(signIns)")
            #expect(signIns.outputLines.first?.contains(" (who came in the 14 days before), 3 signed in, roll closed by T0105 at ") == true,
                    "\(signIns)")
            let roster = try CarelogBinary.run(["attendance", "roster", "--group", "S01-WPG-A", "--at", "2026-12-04 9:30"]
                                               + database.databaseArguments)
            #expect(roster.outputLines.first == "S01-WPG-A 2026-12-04 09:30: 16 expected, 16 recorded")
            #expect(roster.outputLines.filter { $0.hasSuffix(" absent") } == ["01000571  Lewis, Maria         absent"])
            #expect(roster.outputLines.filter { $0.hasSuffix(" present") }.count == 15)
        }

        @Test("comments and continuation lines are read as a shell reads them")
        func parsing() {
            let text = """
                ## Using it

                ```sh
                carelog a --x "b # c"   # a comment
                carelog d \\
                    --e f
                ```
                """
            #expect(Self.examples(inReadme: text) == ["carelog a --x \"b # c\"", "carelog d --e f"])
        }
    }
}

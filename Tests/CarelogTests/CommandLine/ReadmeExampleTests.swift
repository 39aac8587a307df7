import Carelog
import Foundation
import Testing

extension DatabaseTests {
    /// The README's "Using it" lines, run as printed, in order, against the demo's seed:
    /// what a reader copies after `scripts/demo` must work.
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
            if example.hasPrefix("carelog today") || example.contains(" --at 9:30") || example.contains(" --at 12:00") {
                return "works with today's sessions, which the demo does not seed (it ends last month)"
            }
            return nil
        }

        @Test("every line of the README's \"Using it\" runs as printed on the demo's seed")
        func readmeExamplesRun() throws {
            let examples = Self.examples(inReadme: try String(contentsOf: Self.readme, encoding: .utf8))
            #expect(examples.count == 20, "\(examples.joined(separator: "\n"))")

            let database = try TestDatabase()
            _ = try SeedOperation.seed(target: database.target, scale: 1, seed: 1, endMonth: try ReportPeriod(month: "2026-11"),
                                       months: 3, console: Console.recording().0)
            let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("carelog-readme-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }

            var environment = ["CARELOG_DATABASE": database.connectionString]
            var run: [String] = []
            var skipped: [String] = []
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
                #expect(result.status == 0, "\(example)\n\(result)")
                run.append(example)
            }
            // What is run and what is not is part of the check.
            #expect(run.count == 11, "\(run.joined(separator: "\n"))")
            #expect(skipped.count == 8, "\(skipped.joined(separator: "\n"))")
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

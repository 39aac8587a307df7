import Carelog
import Foundation
import Testing

extension DatabaseTests {
    /// The examples of every command's --help, run as printed against the demo data
    /// (`carelog demo` seeds one site for three months: this is the same seed), so
    /// that an example copied from the help works.
    @Suite("help examples run on the demo data")
    struct HelpExampleTests {
        /// Every command with a --help of its own.
        static let commands: [[String]] = [
            [], ["today"], ["board"], ["attendance"], ["attendance", "roster"], ["attendance", "record"], ["attendance", "void"],
            ["attendance", "sheet"],
            ["note"], ["note", "draft"], ["note", "save"], ["note", "sign"], ["note", "cosign"], ["note", "addendum"], ["note", "show"],
            ["period"], ["period", "close"], ["period", "list"], ["patient"], ["patient", "show"],
            ["patient", "admit"], ["patient", "discharge"], ["group"], ["group", "enroll"], ["group", "unenroll"],
            ["session"], ["session", "schedule"], ["staff"], ["staff", "add"],
            ["import"], ["report"], ["export"], ["export", "create"], ["export", "verify"], ["audit"], ["audit", "verify"],
            ["audit", "log"], ["audit", "runs"], ["seed"], ["demo"], ["local"], ["local", "start"], ["local", "stop"],
            ["local", "status"], ["db"], ["db", "migrate"], ["db", "status"], ["disclosures"],
        ]

        /// Examples not run here, and why: they need a file of the reader's own, another
        /// database or server, an environment variable set on the line, or would start a
        /// server that outlives the test.
        static func skipReason(_ example: String) -> String? {
            if example.hasPrefix("carelog import ") { return "imports a file of the reader's own" }
            if example.hasPrefix("carelog note save ") { return "saves a note file the reader filled in" }
            if example.contains("--anchor ") { return "checks heads the reader recorded earlier" }
            if example.contains("--database") { return "names another database" }
            if !example.hasPrefix("carelog ") { return "is part of a pipeline or sets an environment variable" }
            if example.hasPrefix("carelog local start") || example.hasPrefix("carelog local stop") { return "starts or stops a server" }
            return nil
        }

        /// The lines under "Example:"/"Examples:" of one help text, continuation lines joined.
        static func examples(inHelp help: String) -> [String] {
            var examples: [String] = []
            var inExamples = false
            var pending = ""
            for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed == "Example:" || trimmed == "Examples:" { inExamples = true; continue }
                guard inExamples else { continue }
                if trimmed.isEmpty || !line.hasPrefix("  ") { inExamples = false; continue }
                pending += (pending.isEmpty ? "" : " ") + trimmed
                if pending.hasSuffix("\\") {
                    pending = String(pending.dropLast()).trimmingCharacters(in: .whitespaces)
                } else {
                    examples.append(pending)
                    pending = ""
                }
            }
            return examples
        }

        /// Splits a command line as a shell would for these examples: spaces, and
        /// double quotes around a value with spaces.
        static func words(_ line: String) -> [String] {
            var words: [String] = []
            var current = ""
            var quoted = false
            var started = false
            for character in line {
                if character == "\"" { quoted.toggle(); started = true; continue }
                if character == " " && !quoted {
                    if started { words.append(current) }
                    current = ""
                    started = false
                } else {
                    current.append(character)
                    started = true
                }
            }
            if started { words.append(current) }
            return words
        }

        @Test("every example of every --help exits 0 on the demo data")
        func examplesRun() throws {
            let database = try TestDatabase()
            _ = try SeedOperation.seed(target: database.target, scale: 1, seed: 1, endMonth: try ReportPeriod(month: "2026-11"),
                                       months: 3, console: Console.recording().0)
            let folder = ScratchFolder.url("examples")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }

            var seen: Set<String> = []
            var run = 0
            var skipped: [String] = []
            for command in Self.commands {
                let help = try CarelogBinary.run(command + ["--help"])
                #expect(help.status == 0, "\(command) --help: \(help)")
                // Wider than the terminal, the parser wraps a line and a copied example breaks.
                for line in help.output.split(separator: "\n") where line.hasPrefix("  carelog ") || line.hasPrefix("      --") || line == "\\" {
                    #expect(line.count <= 80 && line != "\\", "\(command) --help: \(line)")
                }
                for example in Self.examples(inHelp: help.output) where seen.insert(example).inserted {
                    if let reason = Self.skipReason(example) {
                        skipped.append("\(example) (\(reason))")
                        continue
                    }
                    var arguments = Array(Self.words(example).dropFirst())
                    // Every command but these talks to a database.
                    if !arguments.starts(with: ["local"]) && !arguments.starts(with: ["export", "verify"]) {
                        arguments += database.databaseArguments
                    }
                    let result = try CarelogBinary.run(arguments, directory: folder, timeout: 300)
                    #expect(result.status == 0, "\(example)\n\(result)")
                    run += 1
                }
            }
            // What is run and what is not is part of the check.
            #expect(run == 51, "ran \(run)")
            #expect(skipped.count == 15, "\(skipped.joined(separator: "\n"))")
        }
    }
}

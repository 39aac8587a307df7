import Foundation
import Testing

/// The repository explains itself: comments, tests, scripts, SQL and documentation cite the
/// pages of `docs/` (docs/README.md), never a specification kept outside the repository, and
/// every page they cite exists. Applied migrations (`sql/NNN_*.sql`) are checksummed and keep
/// their old section numbers; docs/README.md maps those to pages.
@Suite("documentation")
struct DocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Built in two pieces so that this file does not cite what it forbids.
    static let forbidden = ["SPEC" + " §", ".." + "/shared"]

    @Test("no file outside the applied migrations cites the outside specification, and every cited docs/ page exists")
    func repositoryCitesOnlyItself() throws {
        let problems = try Self.problems(in: Self.root)
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.joined(separator: "\n"))")
    }

    @Test("the check finds an outside citation and a missing page (it can fail)")
    func checkCanFail() throws {
        let folder = ScratchFolder.url("docs")
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ path: String, _ text: String) throws {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("docs/data-model.md", "# Data model\nSee [reports.md](reports.md#rows) and [here](data-model.md).\n")
        try write("Sources/Carelog/A.swift", "/// The rule of \(Self.forbidden[0])2 (docs/data-model.md).\n")
        try write("scripts/run", "# read \(Self.forbidden[1])/spec.md first\n")
        try write("reports/r.sql", "-- Definitions (docs/reports.md):\n")
        try write("sql/001_schema.sql", "-- \(Self.forbidden[0])2: an applied migration keeps its text\n")
        try write("sql/schema.sql", "-- \(Self.forbidden[0])4 in the snapshot\n")
        let problems = try Self.problems(in: folder)
        #expect(problems == [
            "Sources/Carelog/A.swift:1 cites \"\(Self.forbidden[0])\"",
            "docs/data-model.md:2 cites docs/reports.md, which does not exist",
            "reports/r.sql:1 cites docs/reports.md, which does not exist",
            "scripts/run:1 cites \"\(Self.forbidden[1])\"",
            "sql/schema.sql:1 cites \"\(Self.forbidden[0])\"",
        ])
    }

    /// Every problem of the tree at `root`, as `path:line what`, sorted.
    @Test("docs/architecture.md's folder table is what scripts/folder-uses computes, and only Database ⇄ Migrations use each other")
    func folderUses() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("scripts/folder-uses").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.last == "used both ways: Database ⇄ Migrations", "\(output)")
        let computed = lines.filter { $0.hasPrefix("|") }
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(page.firstIndex(of: "| folder | uses |"))
        let documented = Array(page[start...].prefix { $0.hasPrefix("|") })
        #expect(computed.count > 20)
        #expect(documented == computed, "docs/architecture.md: paste the table scripts/folder-uses prints")
    }

    static func problems(in root: URL) throws -> [String] {
        var problems: [String] = []
        for path in try textFiles(in: root) {
            guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else { continue }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                for phrase in forbidden where line.contains(phrase) {
                    problems.append("\(path):\(index + 1) cites \"\(phrase)\"")
                }
                for page in citedPages(in: line, of: path)
                where !FileManager.default.fileExists(atPath: root.appendingPathComponent(page).path) {
                    problems.append("\(path):\(index + 1) cites \(page), which does not exist")
                }
            }
        }
        return problems.sorted()
    }

    /// The files checked: the sources, tests, scripts, SQL and documentation, without the
    /// applied migrations (`sql/NNN_name.sql`) and without build products.
    static func textFiles(in root: URL) throws -> [String] {
        let skipped: Set<String> = [".build", ".git", ".swiftpm", "node_modules"]
        var files: [String] = []
        for top in ["Package.swift", "README.md", "Sources", "Plugins", "Tests", "scripts", "reports", "queries", "sql", "docs"] {
            let url = root.appendingPathComponent(top)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            guard isFolder.boolValue else { files.append(top); continue }
            guard let walker = FileManager.default.enumerator(atPath: url.path) else { continue }
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if skipped.contains(name) { walker.skipDescendants(); continue }
                let path = top + "/" + relative
                var isSub: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isSub),
                      !isSub.boolValue else { continue }
                if top == "sql", isAppliedMigration(name) { continue }
                files.append(path)
            }
        }
        return files.sorted()
    }

    static func isAppliedMigration(_ name: String) -> Bool {
        name.range(of: #"^[0-9]{3}_.+\.sql$"#, options: .regularExpression) != nil
    }

    /// The pages of `docs/` a line cites: any path of a page under docs in the text, and in a page of
    /// `docs/` a Markdown link to a sibling page (`[text](NAME.md#anchor)`).
    static func citedPages(in line: String, of path: String) -> [String] {
        var pages: [String] = []
        let cited = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9_.\-/])docs/[A-Za-z0-9_\-/]+\.md"#)
        let range = NSRange(line.startIndex..., in: line)
        for match in cited.matches(in: line, range: range) {
            pages.append(String(line[Range(match.range, in: line)!]))
        }
        if path.hasPrefix("docs/") {
            let linked = try! NSRegularExpression(pattern: #"\]\(([A-Za-z0-9_\-]+\.md)(#[^)]*)?\)"#)
            for match in linked.matches(in: line, range: range) {
                pages.append("docs/" + String(line[Range(match.range(at: 1), in: line)!]))
            }
        }
        return pages
    }
}

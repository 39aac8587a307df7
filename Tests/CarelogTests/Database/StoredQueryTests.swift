import Foundation
import Testing

@testable import Carelog

/// The files of `queries/` against the program that runs them: every file is used,
/// every name the program uses is a file, and every file says what it does. Cheap:
/// no database (the suites that run the commands execute the statements).
@Suite("stored queries")
struct StoredQueryTests {
    /// The names the program's source passes to `StoredQuery.named`/`.text`, and the
    /// folders it passes to `StoredQuery.paths(under:)` as a literal.
    static func namesInSources() throws -> (names: Set<String>, folders: Set<String>) {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        var names = Set<String>()
        var folders = Set<String>()
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        let named = try NSRegularExpression(pattern: #"StoredQuery\.(?:named|text)\(\s*"([^"\\]+)""#)
        let under = try NSRegularExpression(pattern: #"StoredQuery\.paths\(under:\s*"([^"\\]+)"\)"#)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            // Code only: a doc comment's example names no file.
            let text = try String(contentsOf: url, encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.drop { $0 == " " }.hasPrefix("//") }
                .joined(separator: "\n")
            let range = NSRange(text.startIndex..., in: text)
            for match in named.matches(in: text, range: range) {
                names.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
            for match in under.matches(in: text, range: range) {
                folders.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return (names, folders)
    }

    /// The export files a mode reaches: its tables, references.sql and every block
    /// they declare, directly or through other blocks.
    static func exportPaths(_ mode: ExportStatement.Mode) -> (paths: Set<String>, missing: [String]) {
        var paths = Set<String>()
        var missing: [String] = []
        func visit(_ name: String) {
            let path = ExportStatement.path(name, mode: mode)
            guard paths.insert(path).inserted else { return }
            guard StoredQuery.exists(path) else { missing.append(path); return }
            ExportStatement.uses(StoredQuery.text(path)).forEach { visit("blocks/" + $0) }
        }
        (ExportTables.names + ["references"]).forEach(visit)
        return (paths, missing)
    }

    /// The FHIR export's files a mode reaches (`FHIRResources`): each resource type's
    /// statement and every block it declares, its own (`fhir/blocks/`) or the export's.
    static func fhirPaths(_ mode: ExportStatement.Mode) -> (paths: Set<String>, missing: [String]) {
        var paths = Set<String>()
        var missing: [String] = []
        func visit(_ path: String) {
            guard paths.insert(path).inserted else { return }
            guard StoredQuery.exists(path) else { missing.append(path); return }
            ExportStatement.uses(StoredQuery.text(path)).forEach { visit(ExportStatement.blockPath($0, mode: mode, concept: "fhir")) }
        }
        FHIRResources.types.forEach { visit("fhir/" + $0.name) }
        return (paths, missing)
    }

    @Test("every name the program uses is a file of queries/")
    func namesExist() throws {
        let (names, folders) = try Self.namesInSources()
        #expect(names.count > 25)
        for name in names.sorted() {
            #expect(StoredQuery.exists(name), "queries/\(name).sql is used but not in the build")
        }
        for folder in folders.sorted() {
            #expect(!StoredQuery.paths(under: folder).isEmpty, "queries/\(folder)/ is used but empty")
        }
        for mode in [ExportStatement.Mode.clear, .pseudonymised, .deidentified] {
            #expect(Self.exportPaths(mode).missing == [], "\(mode): export files declared but missing")
            #expect(Self.fhirPaths(mode).missing == [], "\(mode): FHIR export files declared but missing")
        }
    }

    @Test("every file of queries/ is used by the program")
    func filesUsed() throws {
        let (names, folders) = try Self.namesInSources()
        var used = names
        for folder in folders { used.formUnion(StoredQuery.paths(under: folder)) }
        for mode in [ExportStatement.Mode.clear, .pseudonymised, .deidentified] {
            used.formUnion(Self.exportPaths(mode).paths)
            used.formUnion(Self.fhirPaths(mode).paths)
        }
        for kind in ImportKind.all { used.formUnion(kind.ruleChecks) }
        // The seed's steps name their files in SeedStep.all (its own test pins that list to the folder).
        used.formUnion(SeedStep.all.map(\.path))
        let unused = StoredQuery.all.filter { !used.contains($0) }
        #expect(unused == [], "files no code path reads")
        // The import rules are found by folder: each kind's folder is a kind.
        let ruleFolders = Set(StoredQuery.all.filter { $0.hasPrefix("import/") && $0.split(separator: "/").count == 3 }
            .map { String($0.split(separator: "/")[1]) })
        #expect(ruleFolders.subtracting(ImportKind.all.map(\.name)) == [], "rule folders that name no import kind")
        #expect(ImportKind.episodes.ruleChecks == [
            "import/episodes/discharge_reason_with_discharge", "import/episodes/discharged_after_admitted", "import/episodes/no_overlap",
        ])
    }

    @Test("every file opens with a comment saying what it does; export files declare their blocks")
    func headers() {
        #expect(StoredQuery.all.count > 60)
        for path in StoredQuery.all {
            let text = StoredQuery.text(path)
            #expect(text.hasPrefix("-- "), "queries/\(path).sql has no header comment")
            let header = text.split(separator: "\n").prefix { $0.hasPrefix("--") }
            #expect(header.count >= 1 && !text.split(separator: "\n").allSatisfy { $0.hasPrefix("--") },
                    "queries/\(path).sql is only a comment")
            guard path.hasPrefix("export/"), !["export/set_parameter", "export/site_exists", "export/audit_head"].contains(path) else { continue }
            #expect(header.contains { $0.hasPrefix("-- uses:") }, "queries/\(path).sql declares no `-- uses:`")
            if path.contains("/blocks/") {
                // A block is one common table expression named as its file.
                let name = String(path.split(separator: "/").last!)
                let body = text.split(separator: "\n").drop { $0.hasPrefix("--") }.first ?? ""
                #expect(body.hasPrefix(name + " AS "), "queries/\(path).sql does not define \(name)")
            }
        }
    }

    @Test("an export statement holds the blocks it declares, each before its readers, and nothing else")
    func exportComposition() {
        let episodes = ExportStatement.composed("episodes", mode: .clear)
        let order = ["\nx AS MATERIALIZED (", "\nsite_patient AS (", "\nsel_episode AS (", "\npatient AS (", "\n-- Export file episodes.csv"]
            .map { episodes.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(episodes.hasPrefix("WITH\n"))
        #expect(!episodes.contains("sel_session AS ("))
        // The mode's folder replaces a file of the same path, and only that one.
        #expect(ExportStatement.path("blocks/patient", mode: .pseudonymised) == "export/pseudonymised/blocks/patient")
        #expect(ExportStatement.path("episodes", mode: .pseudonymised) == "export/episodes")
        #expect(ExportStatement.composed("episodes", mode: .pseudonymised).contains("OFFSET 0"))
        #expect(!episodes.contains("OFFSET 0"))
        #expect(ExportStatement.uses("-- a\n-- uses: x  sel_plan\nSELECT 1") == ["x", "sel_plan"])
        #expect(ExportStatement.uses("SELECT 1\n-- uses: x") == [])
    }
}

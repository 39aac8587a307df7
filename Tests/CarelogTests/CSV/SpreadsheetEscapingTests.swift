import Foundation
import Testing

@testable import Carelog

/// The reversible spreadsheet guard: its cases, its inverse, and the export's SQL held
/// to the same rule (no database; the SQL's behaviour is checked in `BundleImportTests`).
@Suite("spreadsheet escaping")
struct SpreadsheetEscapingTests {
    /// (stored value, cell written), worked out by hand from the table of docs/spreadsheets.md.
    static let cases: [(String, String)] = [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1 555", "'+1 555"),
        ("-2 sessions", "'-2 sessions"),
        ("@home", "'@home"),
        ("\tTab", "'\tTab"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("\r\nx", "'\r\nx"),
        ("'Quoted", "''Quoted"),
        ("''Twice", "'''Twice"),
        ("'", "''"),
        ("O'Brien", "O'Brien"),
        ("Plain", "Plain"),
        (" =x", " =x"),
        ("", ""),
    ]

    @Test("a value starting with a formula trigger or with ' gets one leading '; nothing else changes")
    func escape() {
        for (stored, written) in Self.cases {
            #expect(SpreadsheetEscaping.escape(stored) == written, "\(stored.debugDescription)")
        }
    }

    @Test("dropping one leading ' gives back every stored value, as text and as bytes")
    func unescape() {
        for (stored, written) in Self.cases {
            #expect(SpreadsheetEscaping.unescape(written) == stored, "\(written.debugDescription)")
            let bytes = Array(written.utf8)
            let back = bytes.withUnsafeBytes { Array(SpreadsheetEscaping.unescape($0)) }
            #expect(back == Array(stored.utf8), "\(written.debugDescription)")
        }
    }

    @Test("the report CSV writer applies the same rule to text and leaves numbers alone")
    func reportWriter() {
        #expect(CSVWriter.escape("'Quoted", numeric: false) == "''Quoted")
        #expect(CSVWriter.escape("''", numeric: false) == "'''")
        #expect(CSVWriter.escape("'a,b", numeric: false) == "\"''a,b\"")
        #expect(CSVWriter.escape("-2.5", numeric: true) == "-2.5")
    }

    /// Every guard in `queries/export/`, as (value expression, pattern, the expression
    /// again after THEN '''' ||, and after ELSE).
    static func guards() throws -> [(path: String, line: String, matched: Bool)] {
        let shape = try NSRegularExpression(
            pattern: #"CASE WHEN (\S+) ~ ('\^\[[^\]]*\]') THEN '''' \|\| (\S+) ELSE (\S+) END"#)
        var found: [(String, String, Bool)] = []
        for path in StoredQuery.all where path.hasPrefix("export/") {
            for line in StoredQuery.text(path).split(separator: "\n").map(String.init) where line.contains(" ~ '^[") {
                let range = NSRange(line.startIndex..., in: line)
                guard let match = shape.firstMatch(in: line, range: range) else {
                    found.append((path, line, false))
                    continue
                }
                let group = { (index: Int) in String(line[Range(match.range(at: index), in: line)!]) }
                let same = group(1) == group(3) && group(1) == group(4)
                found.append((path, line, same && group(2) == SpreadsheetEscaping.sqlPattern))
            }
        }
        return found
    }

    @Test("every guard of the export's SQL is CASE WHEN v ~ the one pattern THEN '''' || v ELSE v END")
    func exportSQLUsesTheRule() throws {
        let guards = try Self.guards()
        #expect(guards.count >= 50)
        for guardLine in guards where !guardLine.matched {
            Issue.record("queries/\(guardLine.path).sql: \(guardLine.line.trimmingCharacters(in: .whitespaces))")
        }
        #expect(SpreadsheetEscaping.sqlPattern == #"'^[-=+@\t\r\n'']'"#)
    }

    @Test("the export guards exactly the columns import bundle unescapes: text, codes, enumerations, references")
    func guardedColumnsAreTheTextColumns() throws {
        // The patient block guards the MRN; the files then select it as p.mrn.
        #expect(StoredQuery.text("export/blocks/patient").contains(
            "CASE WHEN p0.mrn ~ \(SpreadsheetEscaping.sqlPattern) THEN '''' || p0.mrn ELSE p0.mrn END AS mrn"))
        for kind in ImportKind.exported {
            let text = StoredQuery.text("export/\(kind.name)")
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let select = lines.firstIndex(of: "SELECT"),
                  let from = lines.firstIndex(where: { $0.hasPrefix("FROM ") }) else {
                Issue.record("export/\(kind.name): no SELECT … FROM")
                continue
            }
            var guarded = Set<String>()
            var all = Set<String>()
            for line in lines[(select + 1)..<from] {
                guard let alias = line.range(of: " AS ", options: .backwards) else { continue }
                let name = line[alias.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
                all.insert(name)
                if line.contains(" ~ \(SpreadsheetEscaping.sqlPattern) ") || line == "p.mrn AS mrn," || line == "p.mrn AS mrn" {
                    guarded.insert(name)
                }
            }
            #expect(all == Set(kind.columns.map(\.name) + kind.readPast), "\(kind.name)")
            #expect(guarded == Set(kind.columns.filter(\.isSpreadsheetText).map(\.name)), "\(kind.name)")
        }
    }
}

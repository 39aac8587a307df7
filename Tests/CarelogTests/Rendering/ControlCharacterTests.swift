@testable import Carelog
import Testing

/// Stored text reaches a terminal in text output, so control characters in it are
/// shown, not obeyed: an escape sequence must not clear the screen or set the window
/// title, a line feed must not split a row. CSV keeps the exact value.
@Suite("control characters in output")
struct ControlCharacterTests {
    static let hostileName = "\u{1B}[2J\u{1B}]0;pwned\u{07}"

    func participation(_ name: String) throws -> ReportTable {
        let definition = try ReportDefinition(
            fileName: "test.sql",
            text: """
                -- name: test
                -- title: Patient participation
                -- description: A report for the rendering tests.
                -- parameters: period_start date, period_end date, site_code text
                -- columns: mrn:mrn, patient_name:name, attended:count
                SELECT 1
                """)
        return ReportTable(definition: definition, period: try ReportPeriod(month: "2026-10"), site: "NYC",
                           rows: [["00912", name, "3"], ["00913", "Gus\nHale", "4"]])
    }

    @Test("C0 controls and DEL become their Control Pictures, C1 controls a \\u{…} escape; other text is unchanged")
    func visible() {
        #expect(Self.hostileName.showingControlCharacters == "␛[2J␛]0;pwned␇")
        #expect("a\tb\r\nc\u{0}d\u{7F}".showingControlCharacters == "a␉b␍␊c␀d␡")
        #expect("x\u{9B}31m".showingControlCharacters == "x\\u{9B}31m")
        #expect("Zoë Ñúñez – 漢字 ✓".showingControlCharacters == "Zoë Ñúñez – 漢字 ✓")
    }

    @Test("a text report shows them visibly and keeps each row on one line")
    func textReport() throws {
        let text = try ReportFormat.text.render(participation(Self.hostileName))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("00912  ␛[2J␛]0;pwned␇" + String(repeating: " ", count: 9) + "3"), "\(text)")
        #expect(lines.contains("00913  Gus␊Hale" + String(repeating: " ", count: 15) + "4"), "\(text)")
    }

    @Test("CSV keeps the exact value")
    func csvExact() throws {
        let csv = try ReportFormat.csv.render(participation(Self.hostileName))
        #expect(csv.contains("00912,\(Self.hostileName),3\r\n"))
        #expect(csv.contains("00913,\"Gus\nHale\",4\r\n"))
    }

    @Test("an import problem shows a value's control characters visibly")
    func importProblem() {
        let problem = ImportProblem(location: "line 2", column: "gender", value: "f\u{1B}[31m", message: "is not one of: female")
        #expect(problem.description == "line 2, column gender, value \"f␛[31m\": is not one of: female")
    }
}

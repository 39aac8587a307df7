import Foundation
import Testing

@testable import Carelog

@Suite("privacy: pseudonyms and small-cell suppression")
struct PrivacyTests {
    static let outcomesHeader = """
        -- name: outcomes-like
        -- title: Outcomes
        -- description: test table
        -- parameters: period_start date, period_end date, site_code text
        -- columns: site_code:code, discharge_reason:code, discharges:count, completed:count, completion_rate_pct:percent(completed/discharges)
        SELECT 1
        """

    func table(_ rows: [[String?]], header: String = outcomesHeader) throws -> ReportTable {
        ReportTable(
            definition: try ReportDefinition(fileName: "test.sql", text: header),
            period: try ReportPeriod(month: "2026-10"), site: nil, rows: rows)
    }

    @Test("the same MRN and key give the same pseudonym; another key another one")
    func pseudonyms() throws {
        let one = try Pseudonymizer(key: Data("a-long-enough-secret-key".utf8))
        let again = try Pseudonymizer(key: Data("a-long-enough-secret-key".utf8))
        let other = try Pseudonymizer(key: Data("another-long-secret-key!".utf8))
        #expect(one.pseudonym(for: "00912") == again.pseudonym(for: "00912"))
        #expect(one.pseudonym(for: "00912") != one.pseudonym(for: "00913"))
        #expect(one.pseudonym(for: "00912") != other.pseudonym(for: "00912"))
        #expect(one.pseudonym(for: "00912").count == 18)
        #expect(one.pseudonym(for: "00912").hasPrefix("P-"))
        #expect(throws: CarelogError.self) { try Pseudonymizer(key: Data("short".utf8)) }
    }

    @Test("no key, no de-identified output")
    func missingKey() {
        let error = #expect(throws: CarelogError.self) { try Pseudonymizer.fromEnvironment([:]) }
        #expect(error?.exitCode == 2)
        #expect(error?.message == "--pseudonymize needs a secret key and none is set, so nothing was written")
    }

    @Test("de-identification replaces MRNs and drops names")
    func deidentify() throws {
        let header = """
            -- name: people
            -- title: People
            -- description: test
            -- parameters: period_start date, period_end date, site_code text
            -- columns: mrn:mrn, patient_name:name, attended:count
            SELECT 1
            """
        let pseudonymizer = try Pseudonymizer(key: Data("a-long-enough-secret-key".utf8))
        let shown = try table([["00912", "Moss, Fay", "3"]], header: header).applying(PrivacyOptions(pseudonymizer: pseudonymizer))
        #expect(shown.definition.columns.map(\.name) == ["mrn", "attended"])
        #expect(shown.rows == [[pseudonymizer.pseudonym(for: "00912"), "3"]])
    }

    @Test("counts from 1 to N-1 print as <N, and rates derived from them are emptied")
    func basicSuppression() throws {
        let shown = try table([
            ["NYC", "completed", "12", "12", "100.0"],
            ["NYC", "other", "0", "0", nil],
        ]).applying(PrivacyOptions(minimumCell: 11))
        #expect(shown.rows == [
            ["NYC", "completed", "12", "12", "100.0"],
            ["NYC", "other", "0", "0", nil],
        ])
        let small = try table([["NYC", "completed", "15", "4", "26.7"]]).applying(PrivacyOptions(minimumCell: 11))
        #expect(small.rows == [["NYC", "completed", "15", "<11", nil]])
    }

    @Test("a suppressed cell cannot be recovered from a printed total: the next-smallest cell is hidden too")
    func complementarySuppression() throws {
        let rows: [[String?]] = [
            ["NYC", "completed", "30", "30", "100.0"],
            ["NYC", "left_against_advice", "4", "0", "0.0"],
            ["NYC", "transferred", "14", "0", "0.0"],
            ["NYC", "total", "48", "30", "62.5"],
            ["LAX", "completed", "20", "20", "100.0"],
            ["LAX", "total", "20", "20", "100.0"],
            ["all", "total", "68", "50", "73.5"],
        ]
        let shown = try table(rows).applying(PrivacyOptions(minimumCell: 11))
        // left_against_advice 4 is small; NYC total 48 = 30 + 4 + 14 would reveal it,
        // so the smallest other cell of that sum (14) is hidden as well.
        #expect(shown.rows == [
            ["NYC", "completed", "30", "30", "100.0"],
            ["NYC", "left_against_advice", "<11", "0", nil],
            ["NYC", "transferred", "*", "0", nil],
            ["NYC", "total", "48", "30", "62.5"],
            ["LAX", "completed", "20", "20", "100.0"],
            ["LAX", "total", "20", "20", "100.0"],
            ["all", "total", "68", "50", "73.5"],
        ])
        // No sum is left with exactly one hidden cell.
        for relation in SmallCellSuppression(minimumCell: 11).sumRelations(shown) {
            for column in [2, 3] {
                let hidden = ([relation.total] + relation.parts).filter { ["<11", "*"].contains(shown.rows[$0][column]) }
                #expect(hidden.count != 1)
            }
        }
    }

    @Test("suppression cascades across levels of totals")
    func cascadingSuppression() throws {
        let rows: [[String?]] = [
            ["NYC", "completed", "5", "5", "100.0"],
            ["NYC", "total", "5", "5", "100.0"],
            ["LAX", "completed", "40", "40", "100.0"],
            ["LAX", "total", "40", "40", "100.0"],
            ["all", "total", "45", "45", "100.0"],
        ]
        let shown = try table(rows).applying(PrivacyOptions(minimumCell: 11))
        // NYC's 5 is small and so is its total; the grand total 45 = 5 + 40 would give
        // the NYC total back, so LAX's total (the only other part) is hidden, and then
        // LAX's completed row, which alone makes up that total.
        #expect(shown.rows.map { $0[2] } == ["<11", "<11", "*", "*", "45"])
    }
}

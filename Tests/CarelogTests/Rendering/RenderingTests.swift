@testable import Carelog
import Testing

/// A report definition built from a header, as a `reports/*.sql` file would give it.
private func definition(_ columns: String, title: String = "Group attendance") throws -> ReportDefinition {
    try ReportDefinition(
        fileName: "test.sql",
        text: """
            -- name: test
            -- title: \(title)
            -- description: A report for the rendering tests.
            -- parameters: period_start date, period_end date, site_code text
            -- columns: \(columns)
            SELECT 1
            """)
}

private func table(_ columns: String, site: String? = "NYC", rows: [[String?]]) throws -> ReportTable {
    ReportTable(definition: try definition(columns), period: try ReportPeriod(month: "2026-10"), site: site, rows: rows)
}

/// Everything a CSVWriter hands to its sink, one string per call.
private final class Sink {
    var chunks: [String] = []
}

@Suite("report rendering")
struct RenderingTests {
    @Test("free text gives way first: a reason is cut before a status or a code is")
    func noteCutFirst() throws {
        let reason = "the sign-in sheet shows he came after the break, reviewed with the facilitator"
        let rendered = TextTableRenderer(maxWidth: 60).render(
            try table("group_code:code, change:code, reason:note", rows: [["S01-MPG-B", "present → voided", reason]]), totals: false)
        let row = try #require(rendered.split(separator: "\n").last.map(String.init))
        // 9 + 2 + 16 + 2 = 29 columns before the reason: it gets the other 31, and nothing else is cut.
        #expect(row == "S01-MPG-B  present → voided  " + reason.prefix(30) + "…")
    }

    // MARK: - CSV

    @Test("CSV: fields with comma, quote, CR or LF are quoted, quotes doubled")
    func csvQuoting() {
        #expect(CSVWriter.escape("a,b", numeric: false) == "\"a,b\"")
        #expect(CSVWriter.escape("say \"hi\"", numeric: false) == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.escape("line 1\nline 2", numeric: false) == "\"line 1\nline 2\"")
        #expect(CSVWriter.escape("a\rb", numeric: false) == "\"a\rb\"")
        #expect(CSVWriter.escape("a\r\nb", numeric: false) == "\"a\r\nb\"")
        #expect(CSVWriter.escape("1,5", numeric: true) == "\"1,5\"")
    }

    @Test("CSV: plain text and numbers are written as they are")
    func csvPlain() {
        #expect(CSVWriter.escape("Relapse prevention", numeric: false) == "Relapse prevention")
        #expect(CSVWriter.escape(" padded ", numeric: false) == " padded ")
        #expect(CSVWriter.escape("O'Brien", numeric: false) == "O'Brien")
        #expect(CSVWriter.escape("a-b=c", numeric: false) == "a-b=c")
        #expect(CSVWriter.escape("", numeric: false) == "")
        #expect(CSVWriter.escape("87.5", numeric: true) == "87.5")
        #expect(CSVWriter.escape("<11", numeric: true) == "<11")
    }

    @Test("CSV: every formula trigger at the start of a text cell gets a leading quote")
    func csvFormulaTriggers() {
        #expect(CSVWriter.escape("=1+1", numeric: false) == "'=1+1")
        #expect(CSVWriter.escape("+15551234", numeric: false) == "'+15551234")
        #expect(CSVWriter.escape("-x", numeric: false) == "'-x")
        #expect(CSVWriter.escape("@SUM(A1:A9)", numeric: false) == "'@SUM(A1:A9)")
        #expect(CSVWriter.escape("\tx", numeric: false) == "'\tx")
        #expect(CSVWriter.escape("\rx", numeric: false) == "\"'\rx\"")
        #expect(CSVWriter.escape("\nx", numeric: false) == "\"'\nx\"")
        #expect(CSVWriter.escape("\r\nx", numeric: false) == "\"'\r\nx\"")
        #expect(CSVWriter.escape("=HYPERLINK(\"x\")", numeric: false) == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVWriter.escape("=1,2", numeric: false) == "\"'=1,2\"")
    }

    @Test("CSV: a negative number stays as it is in a numeric column, not in a text one")
    func csvNumericNeverAltered() {
        #expect(CSVWriter.escape("-2.5", numeric: true) == "-2.5")
        #expect(CSVWriter.escape("-2.5", numeric: false) == "'-2.5")
        #expect(CSVWriter.escape("+3", numeric: true) == "+3")
    }

    @Test("CSV: rows end with CRLF, nil is an empty field, one sink call per row")
    func csvRows() throws {
        let sink = Sink()
        var writer = CSVWriter { sink.chunks.append($0) }
        try writer.writeRow(["site_code", "note", "change"], numeric: [false, false, false])
        try writer.writeRow(["NYC", nil, "-2.5"], numeric: [false, false, true])
        try writer.writeRow(["=cmd|' /C calc'!A0", "a,b", nil], numeric: [false, false, true])
        try writer.writeRow([nil, nil], numeric: [])
        #expect(
            sink.chunks == [
                "site_code,note,change\r\n",
                "NYC,,-2.5\r\n",
                "'=cmd|' /C calc'!A0,\"a,b\",\r\n",
                ",\r\n",
            ])
        #expect(writer.rowsWritten == 4)
    }

    @Test("CSV: fields beyond the numeric flags count as text")
    func csvMissingFlags() throws {
        let sink = Sink()
        var writer = CSVWriter { sink.chunks.append($0) }
        try writer.writeRow(["-1", "-1"], numeric: [true])
        #expect(sink.chunks == ["-1,'-1\r\n"])
    }

    @Test("CSV: a report is its header row and then its rows, numbers from the column kinds")
    func csvTable() throws {
        let report = try table(
            "site_code:code, group_name:text, attended:count, change:number",
            rows: [["NYC", "-Morning", "9", "-2.5"], ["NYC", nil, "<11", nil]])
        var output = ""
        var writer = CSVWriter { output += $0 }
        try writer.write(report)
        #expect(output == "site_code,group_name,attended,change\r\nNYC,'-Morning,9,-2.5\r\nNYC,,<11,\r\n")
    }

    @Test("CSV: an error of the sink is passed on")
    func csvSinkError() throws {
        struct Full: Error {}
        var writer = CSVWriter { _ in throw Full() }
        #expect(throws: Full.self) { try writer.writeRow(["x"], numeric: [false]) }
        #expect(writer.rowsWritten == 0)
    }

    // MARK: - Text tables

    private static let attendanceColumns =
        "site_code:code, group_name:text, attended:count, absent:count, rate_pct:percent(attended/attended+absent)"

    @Test("text: title block, aligned columns, totals with a percent recomputed from the totals")
    func textAlignmentAndTotals() throws {
        let report = try table(
            Self.attendanceColumns,
            rows: [["NYC", "Morning group", "9", "1", "90.0"], ["NYC", "Relapse prevention", "12", "4", "75.0"]])
        let expected = """
            Group attendance
            Period: October 2026 (site-local month)
            Site: NYC

            site                                         rate
            code   group name          attended  absent   pct
            ─────────────────────────────────────────────────
            NYC    Morning group              9       1  90.0
            NYC    Relapse prevention        12       4  75.0
            ─────────────────────────────────────────────────
            Total                            21       5  80.8

            """
        #expect(TextTableRenderer().render(report) == expected)
    }

    @Test("text: without totals, and with no count column, there is no totals row")
    func textNoTotals() throws {
        let report = try table(
            Self.attendanceColumns, site: nil,
            rows: [["NYC", "Morning group", "9", "1", "90.0"]])
        let expected = """
            Group attendance
            Period: October 2026 (site-local month)
            Sites: all

            site                                   rate
            code  group name     attended  absent   pct
            ───────────────────────────────────────────
            NYC   Morning group         9       1  90.0

            """
        #expect(TextTableRenderer().render(report, totals: false) == expected)

        let noCounts = try table(
            "site_code:code, avg_change:number, share_pct:percent",
            rows: [["BOS", "-1.5", "40.0"], ["NYC", nil, "60.0"]])
        let expectedNoCounts = """
            Group attendance
            Period: October 2026 (site-local month)
            Site: NYC

            site     avg  share
            code  change    pct
            ───────────────────
            BOS     -1.5   40.0
            NYC            60.0

            """
        #expect(TextTableRenderer().render(noCounts) == expectedNoCounts)
    }

    @Test("text: a suppressed or empty count empties its total and the percents built on it")
    func textTotalsWithSuppression() throws {
        let report = try table(
            Self.attendanceColumns + ", sessions:count, avg:number",
            rows: [
                ["BOS", "Morning group", "<11", "14", nil, "3", "4.5"],
                ["NYC", "Evening group", "25", "5", "83.3", nil, "5.0"],
            ])
        let expected = """
            Group attendance
            Period: October 2026 (site-local month)
            Site: NYC

            site                                    rate
            code   group name     attended  absent   pct  sessions  avg
            ───────────────────────────────────────────────────────────
            BOS    Morning group       <11      14               3  4.5
            NYC    Evening group        25       5  83.3            5.0
            ───────────────────────────────────────────────────────────
            Total                               19

            """
        #expect(TextTableRenderer().render(report) == expected)
    }

    @Test("text: the totals percent is blank when its denominator total is 0")
    func textTotalsZeroDenominator() throws {
        let report = try table(Self.attendanceColumns, rows: [["NYC", "Quiet group", "0", "0", nil]])
        let lines = TextTableRenderer().render(report).split(separator: "\n", omittingEmptySubsequences: false)
        // "Total" (the first column is 5 wide), group name 11, attended 8 → 22 spaces before the 0.
        #expect(lines[lines.count - 2] == "Total" + String(repeating: " ", count: 22) + "0       0")
    }

    @Test("text: percent of totals rounds half away from zero, exactly")
    func percentRounding() {
        #expect(TextTableRenderer.percent(21, of: 26) == "80.8")
        #expect(TextTableRenderer.percent(1, of: 16) == "6.3")  // 6.25
        #expect(TextTableRenderer.percent(1, of: 80) == "1.3")  // 1.25
        #expect(TextTableRenderer.percent(1, of: 3) == "33.3")
        #expect(TextTableRenderer.percent(2, of: 3) == "66.7")
        #expect(TextTableRenderer.percent(0, of: 5) == "0.0")
        #expect(TextTableRenderer.percent(5, of: 5) == "100.0")
        #expect(TextTableRenderer.percent(-1, of: 16) == "-6.3")
        #expect(TextTableRenderer.percent(3, of: 0) == nil)
    }

    @Test("text: a very long name is cut with … so that lines stay within 100 columns")
    func textTruncation() throws {
        let longName = String(repeating: "abcdefghij", count: 15)  // 150 characters
        let report = try table(
            "site_code:code, patient_name:name, note:text, days_in_care:count",
            rows: [["NYC", longName, "short note", "31"]])
        let output = TextTableRenderer().render(report)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        // Headers wrap word by word: "site"/"code" (5 wide, room for "Total"), "days"/"in"/"care"
        // (4). 5 + 2 + name + 2 + 10 + 2 + 4 = 100 → the name column is 75 wide.
        let cutName = String(repeating: "abcdefghij", count: 7) + "abcd…"
        #expect(lines[4] == String(repeating: " ", count: 96) + "days")
        #expect(lines[5] == "site" + String(repeating: " ", count: 94) + "in")
        #expect(lines[6] == "code   patient name" + String(repeating: " ", count: 63) + "  note        care")
        #expect(lines[8] == "NYC    " + cutName + "  short note    31")
        #expect(lines[7].count == 100)
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines[10] == "Total" + String(repeating: " ", count: 93) + "31")
    }

    @Test("text: several long text columns are cut to a common width, widest first")
    func textTruncationShared() throws {
        let report = try table(
            "site_code:code, patient_name:name, note:text, days:count",
            rows: [[
                "NYC", String(repeating: "n", count: 120), String(repeating: "t", count: 120), "31",
            ]])
        let lines = TextTableRenderer().render(report, totals: false).split(separator: "\n")
        // 4 + 4 + 3 separators = 14; 86 left: name 43, note 43.
        #expect(
            lines[6] == "NYC   " + String(repeating: "n", count: 42) + "…  " + String(repeating: "t", count: 42) + "…    31")
        #expect(lines[6].count == 100)
    }

    @Test("text: a table too wide for 100 columns is split into column groups, each starting with the row's labels")
    func textColumnGroups() throws {
        let numbers = (1...12).map { "measure_\($0):count" }.joined(separator: ", ")
        let report = try table("site_code:code, group_code:code, " + numbers, rows: [["NYC", "AA-AM"] + (1...12).map { "\($0 * 1000)" }])
        let lines = TextTableRenderer().render(report, totals: false).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 100 })
        // Title block (4 lines); group 1: two header lines ("measure" over "1"), rule, row;
        // a blank line; group 2 with the same labels in front.
        #expect(lines[4] == "site  group  " + (1...9).map { _ in "measure" }.joined(separator: "  "))
        #expect(lines[5] == "code  code   " + (1...9).map { "      \($0)" }.joined(separator: "  "))
        #expect(lines[7] == "NYC   AA-AM  " + (1...9).map { String(repeating: " ", count: 7 - String($0 * 1000).count) + "\($0 * 1000)" }.joined(separator: "  "))
        #expect(lines[8] == "")
        #expect(lines[9] == "site  group  measure  measure  measure")
        #expect(lines[10] == "code  code        10       11       12")
        #expect(lines[12] == "NYC   AA-AM    10000    11000    12000")
    }

    @Test("text: a distinct count is never totalled")
    func textDistinctNotTotalled() throws {
        let report = try table("group_code:code, unique_attendees:distinct, attended:count",
                               rows: [["AA", "3", "10"], ["BB", "4", "12"]])
        let lines = TextTableRenderer().render(report).split(separator: "\n")
        // "Total", 2 + 9 (unique attendees, blank) + 2, then 22 right-aligned in 8.
        #expect(lines[lines.count - 1] == "Total" + String(repeating: " ", count: 19) + "22")
    }

    @Test("text: a narrower maxWidth and a wide title are honoured")
    func textMaxWidth() throws {
        let report = try table("group_name:text, n:count", rows: [["Relapse prevention", "7"]])
        let output = TextTableRenderer(maxWidth: 12).render(report, totals: false)
        #expect(
            output == """
                Group atten…
                Period: Oct…
                Site: NYC

                group
                name       n
                ────────────
                Relapse …  7

                """)
    }

    @Test("text: an empty table prints the title block and a sentence")
    func textEmpty() throws {
        let report = try table(Self.attendanceColumns, site: nil, rows: [])
        #expect(
            TextTableRenderer().render(report) == """
                Group attendance
                Period: October 2026 (site-local month)
                Sites: all

                No rows for this period.

                """)
    }

    // MARK: - Bar charts

    @Test("bar chart: scaled to the largest value, eighth blocks for the fraction, zero has no bar")
    func barChart() {
        let output = BarChart.render(
            title: "Attendance rate by site",
            items: [("BOS", 90, "90.0%"), ("NYC", 68.5, "68.5%"), ("SFO", 0, "0.0%")],
            width: 10)
        // NYC: 68.5 / 90 × 80 eighths = 60.9 → 61 = 7 full blocks and ▋ (5/8).
        #expect(
            output == """
                Attendance rate by site
                BOS  ██████████  90.0%
                NYC  ███████▋    68.5%
                SFO               0.0%

                """)
    }

    @Test("bar chart: every eighth block, and a tiny positive value still shows")
    func barChartEighths() {
        #expect(BarChart.bar(1, largest: 8, width: 1) == "▏")
        #expect(BarChart.bar(2, largest: 8, width: 1) == "▎")
        #expect(BarChart.bar(3, largest: 8, width: 1) == "▍")
        #expect(BarChart.bar(4, largest: 8, width: 1) == "▌")
        #expect(BarChart.bar(5, largest: 8, width: 1) == "▋")
        #expect(BarChart.bar(6, largest: 8, width: 1) == "▊")
        #expect(BarChart.bar(7, largest: 8, width: 1) == "▉")
        #expect(BarChart.bar(8, largest: 8, width: 1) == "█")
        #expect(BarChart.bar(0.001, largest: 100, width: 40) == "▏")
        #expect(BarChart.bar(0, largest: 100, width: 40) == "")
        #expect(BarChart.bar(-3, largest: 100, width: 40) == "")
        #expect(BarChart.bar(50, largest: 100, width: 40) == String(repeating: "█", count: 20))
    }

    @Test("bar chart: all zero values draw no bars")
    func barChartZero() {
        let output = BarChart.render(title: "Discharges", items: [("A", 0, "0"), ("B", 0, "0")], width: 10)
        #expect(
            output == """
                Discharges
                A              0
                B              0

                """)
    }

    @Test("bar chart: long labels are cut with … to keep lines within maxWidth")
    func barChartLongLabel() {
        let output = BarChart.render(
            title: "Sessions", items: [("Very long group name here", 12, "12"), ("Short", 6, "6")], width: 10,
            maxWidth: 30)
        #expect(
            output == """
                Sessions
                Very long gro…  ██████████  12
                Short           █████        6

                """)
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 30 })
    }

    @Test("bar chart: no items")
    func barChartEmpty() {
        #expect(BarChart.render(title: "Outcomes", items: []) == "Outcomes\n(none)\n")
    }
}

@testable import Carelog
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Postgres
import Testing

/// What an XML parser sees in `summary.html`: whether it is well-formed, its
/// charts, and the key-figure table.
final class SummaryDocument: NSObject, XMLParserDelegate {
    private(set) var svgCount = 0
    private(set) var svgWithTitleAndDescription = 0
    private(set) var elements: Set<String> = []
    /// label → [this month, month before, change]
    private(set) var keyFigures: [(label: String, cells: [String])] = []
    private(set) var suppressedBars = 0
    private(set) var bars = 0
    private(set) var partialNotes = 0
    private var stack: [String] = []
    private var inKeyFigures = false
    private var svgChildren: Set<String> = []
    private var row: [String]?
    private var text = ""
    private(set) var error: Error?

    init(_ html: String) {
        super.init()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.insert(name)
        if name == "svg" { svgCount += 1; svgChildren = [] }
        if stack.last == "svg" { svgChildren.insert(name) }
        if name == "table", attributes["class"] == "key-figures" { inKeyFigures = true }
        if inKeyFigures, name == "tr", stack.last == "tbody" { row = [] }
        if name == "rect", attributes["class"] == "bar" { bars += 1 }
        if name == "rect", attributes["class"] == "bar-suppressed" { suppressedBars += 1 }
        if name == "div", attributes["class"] == "partial" { partialNotes += 1 }
        stack.append(name)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        if name == "svg", svgChildren.contains("title"), svgChildren.contains("desc") { svgWithTitleAndDescription += 1 }
        if row != nil, name == "th" || name == "td" { row?.append(text) }
        if name == "tr", let cells = row, !cells.isEmpty { keyFigures.append((cells[0], Array(cells.dropFirst()))); row = nil }
        if name == "table" { inKeyFigures = false }
    }

    func figure(_ label: String) -> [String]? { keyFigures.first { $0.label.hasPrefix(label) }?.cells }
}

extension DatabaseTests {
    @Suite("report: the director's summary")
    struct MonthlySummaryTests {
        /// Writes a bundle and returns its folder (removed by the caller).
        private func bundle(_ database: TestDatabase, month: String, privacy: PrivacyOptions = .none, partial: Bool = false) throws -> URL {
            let directory = ScratchFolder.url("summary")
            let (console, _) = Console.recording()
            try ReportOperation.monthly(
                target: database.target, period: try ReportPeriod(month: month), site: nil, directory: directory.path,
                partial: partial, privacy: privacy, console: console)
            return directory
        }

        private func read(_ directory: URL, _ name: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }

        private func csv(_ directory: URL, _ name: String) throws -> (header: [String], rows: [[String]]) {
            var rows: [[String]] = []
            try CSVReader(.file(path: directory.appendingPathComponent(name).path)).read(
                onRecord: { record in rows.append((0..<record.fieldCount).map { record.string(at: $0) }) },
                onProblem: { problem in Issue.record("bad CSV \(name): \(problem)") })
            return (rows.first ?? [], Array(rows.dropFirst()))
        }

        private func column(_ table: (header: [String], rows: [[String]]), _ name: String) -> [String] {
            guard let index = table.header.firstIndex(of: name) else { return [] }
            return table.rows.map { $0[index] }
        }

        /// numerator / denominator with one decimal, half up, in integers (the test's own arithmetic).
        private func oneDecimal(_ numerator: Int, _ denominator: Int) -> String {
            let tenths = (20 * numerator + denominator) / (2 * denominator)
            return "\(tenths / 10).\(tenths % 10)"
        }

        @Test("summary.txt: at most 100 lines of at most 100 columns, with its sections, on the fixture")
        func textBudgetAndSections() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let directory = try bundle(database, month: "2026-10")
            defer { try? FileManager.default.removeItem(at: directory) }
            let text = try read(directory, "summary.txt")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count <= 100, "\(lines.count) lines")
            #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
            for section in ["KEY FIGURES", "TREND, Nov 2025 – Oct 2026", "NEEDS ATTENTION", "CHARTS", "DETAIL"] {
                #expect(lines.contains { $0.hasPrefix(section) }, "\(section)")
            }
            // The fixture's four October records: present, late, absent, left_early.
            #expect(lines.contains { $0.hasPrefix("Attendance rate") && $0.contains("75.0%") })
            // Documentation gaps are counted by kind, not listed one per row.
            #expect(lines.contains { $0.hasPrefix("Documentation gaps needing action, by kind") })
            #expect(text.contains("All tables in full: the 11 CSV files here (see manifest.json)"))
            #expect(text.contains("carelog report NAME --month 2026-10 --format text"))
            #expect(!text.contains("PARTIAL"))
        }

        @Test("summary.html is well-formed, fetches nothing, draws each chart once, and its key figures equal the CSVs")
        func htmlMatchesCSVs() throws {
            let database = try TestDatabase()
            try SeedTests.seed(database, months: 2)
            let june = try bundle(database, month: "2025-06")
            let may = try bundle(database, month: "2025-05")
            defer {
                try? FileManager.default.removeItem(at: june)
                try? FileManager.default.removeItem(at: may)
            }
            let html = try read(june, "summary.html")
            let document = SummaryDocument(html)
            #expect(document.error == nil, "\(String(describing: document.error))")
            #expect(!html.lowercased().contains("<script"))
            #expect(!html.contains("http://") && !html.contains("https://"))
            #expect(!html.contains("<img") && !html.contains("<link") && !html.contains("@import") && !html.contains("url("))
            // Five charts: the rates' trend, the census trend, adherence, discharges, groups.
            #expect(document.svgCount == 5)
            #expect(document.svgWithTitleAndDescription == 5)
            #expect(document.suppressedBars == 0)

            // Every key figure, worked out here from the CSV files of the same bundle.
            let participation = try csv(june, "patient-participation.csv")
            let groups = try csv(june, "group-attendance.csv")
            let outcomes = try csv(june, "outcomes.csv")
            let plans = try csv(june, "plan-status.csv")
            let gaps = try csv(june, "documentation-gaps.csv")
            #expect(document.figure("Patients in care")?.first == String(participation.rows.count))
            let days = column(participation, "days_in_care").compactMap { Int($0) }.reduce(0, +)
            #expect(document.figure("Average daily census")?.first == oneDecimal(days, 30))
            let attended = column(groups, "attended").compactMap { Int($0) }.reduce(0, +)
            let absent = column(groups, "absent").compactMap { Int($0) }.reduce(0, +)
            #expect(document.figure("Attendance rate")?.first == oneDecimal(100 * attended, attended + absent) + "%")
            let adherence = column(participation, "adherence_pct").filter { !$0.isEmpty }
                .map { Int($0.replacingOccurrences(of: ".", with: ""))! }.sorted()
            let twice = adherence.count % 2 == 1 ? 2 * adherence[adherence.count / 2]
                                                 : adherence[adherence.count / 2 - 1] + adherence[adherence.count / 2]
            let median = (twice + 1) / 2
            #expect(document.figure("Median plan adherence")?.first == "\(median / 10).\(median % 10)%")
            #expect(document.figure("Patients under 50%")?.first == String(adherence.filter { $0 < 500 }.count))
            let reason = try #require(outcomes.header.firstIndex(of: "discharge_reason"))
            let total = try #require(outcomes.rows.first { $0[0] == "all" && $0[reason] == "total" })
            #expect(document.figure("Discharges")?.first == total[outcomes.header.firstIndex(of: "discharges")!])
            #expect(document.figure("Completion rate")?.first == total[outcomes.header.firstIndex(of: "completion_rate_pct")!] + "%")
            #expect(document.figure("Plan reviews overdue")?.first
                    == String(column(plans, "reviews_overdue_end").compactMap { Int($0) }.reduce(0, +)))
            // Gaps: those needing action, and attendance entered late (nothing to fix), apart.
            let late = column(gaps, "kind").filter { $0 == "attendance_recorded_late" }.count
            #expect(late > 0 && late < gaps.rows.count)
            #expect(document.figure("Documentation gaps needing action")?.first == String(gaps.rows.count - late))
            #expect(document.figure("Attendance entered late")?.first == String(late))
            #expect(document.keyFigures.count == 10)

            // The month before (the trend's figures, and the gaps of that month run again)
            // equals that month's own bundle; the change is the difference.
            let before = SummaryDocument(try read(may, "summary.html"))
            #expect(before.keyFigures.count == 10)
            for figure in before.keyFigures {
                #expect(document.figure(figure.label)?[1] == figure.cells[0], "\(figure.label)")
            }
            let patientsNow = participation.rows.count
            let patientsBefore = try csv(may, "patient-participation.csv").rows.count
            let difference = patientsNow - patientsBefore
            #expect(document.figure("Patients in care")?[2]
                    == (difference > 0 ? "+\(difference)" : difference < 0 ? "−\(-difference)" : "±0"))
            // Every key figure's definition is on the page, with its columns' meanings from the
            // column dictionary: the attendance rate says which statuses "attended" counts.
            #expect(html.contains("<dt>Attendance rate</dt><dd>group-attendance.csv: attended / (attended + absent). attended: "))
            #expect(html.components(separatedBy: "<dt>").count - 1 == document.keyFigures.count)
            // The manifest lists the HTML with its hash.
            let manifest = try JSONDecoder().decode(BundleManifest.self, from: Data(contentsOf: june.appendingPathComponent("manifest.json")))
            let entry = try #require(manifest.files.first { $0.name == "summary.html" })
            #expect(entry.sha256 == Digest.sha256Hex(Data(html.utf8)))
        }

        @Test("summary.txt names the program, ranks patients by sessions short of their plan, says what the trend's marks are, labels discharge reasons")
        func textReadsAsADirectorNeedsIt() throws {
            let database = try TestDatabase()
            try SeedTests.seed(database, months: 1)
            let june = try bundle(database, month: "2025-06")
            defer { try? FileManager.default.removeItem(at: june) }
            let text = try read(june, "summary.txt")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let site = try #require(try database.connect().scalar("SELECT name || ' (' || site_code || ')' FROM carelog.site"))
            #expect(lines.first == "\(site) — monthly summary, June 2025 (site-local month)")
            #expect(lines.count - 1 <= 100 && lines.allSatisfy { $0.count <= 100 })

            // The first rows of "far below their plan": the patients under 50 % with the
            // most sessions short (required − attended), worked out here from the CSV.
            let participation = try csv(june, "patient-participation.csv")
            let index = { (name: String) in participation.header.firstIndex(of: name)! }
            let below = participation.rows
                .filter { Double($0[index("adherence_pct")]).map { $0 < 50 } ?? false }
                .map { row in (mrn: row[index("mrn")],
                               tenths: Int(row[index("required_sessions")].replacingOccurrences(of: ".", with: ""))!
                                   - 10 * Int(row[index("attended")])!) }
                .sorted { $0.tenths > $1.tenths }
            #expect(below.count > 4)
            let title = try #require(lines.firstIndex { $0.hasPrefix("Patients far below their plan") })
            #expect(lines[title] == "Patients far below their plan (adherence under 50%), most sessions short first: \(below.count)")
            #expect(lines[title + 1].hasPrefix("  patient ") && lines[title + 1].hasSuffix("required  attended  short  adherence"))
            let shown = lines[(title + 2)...(title + 5)]
            // Ties in the shortfall may be listed in either order; the shortfalls may not.
            #expect(shown.map { String($0.split(separator: " ").dropLast(1).last ?? "") }
                    == below.prefix(4).map { "\($0.tenths / 10).\($0.tenths % 10)" })
            #expect(Set(shown.map { String($0.dropFirst(2).prefix(8)) }).isSubset(of: Set(below.map(\.mrn))))
            #expect(lines[title + 6] == "  … \(below.count - 4) more: patient-participation.csv (adherence_pct)")
            #expect(lines[title + 7].hasPrefix("  required = sessions a week × days in care ÷ 7"))

            #expect(lines.contains { $0.hasPrefix("TREND, Jul 2024 – Jun 2025: a mark a month, oldest first; ▁ lowest, █ highest (not 0)") })
            let reasons = try #require(lines.firstIndex(of: "Discharges by reason"))
            let reasonLines = lines[(reasons + 1)...].prefix { !$0.isEmpty }
            #expect(reasonLines.contains { $0.hasPrefix("  completed treatment ") })
            #expect(!text.contains("left_against_advice") && !text.contains("terminated_by_facility"))
        }

        @Test("--min-cell covers the HTML: small counts print as <N, their rates and bars are drawn as suppressed")
        func suppressionCoversHTML() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let directory = try bundle(database, month: "2026-10", privacy: PrivacyOptions(minimumCell: 11))
            defer { try? FileManager.default.removeItem(at: directory) }
            let html = try read(directory, "summary.html")
            let document = SummaryDocument(html)
            #expect(document.error == nil)
            // Three patients, 3 attended of 4, one discharge: every figure is small.
            #expect(document.figure("Patients in care")?.first == "<11")
            #expect(document.figure("Attendance rate")?.first == "suppressed")
            #expect(document.figure("Discharges")?.first == "<11")
            #expect(document.figure("Completion rate")?.first == "suppressed")
            for figure in document.keyFigures {
                let value = figure.cells[0]
                #expect(value == "<11" || value == "suppressed" || value == "—" || value == "0", "\(figure.label): \(value)")
            }
            // Group rates, discharges and adherence bands: drawn as suppressed, never as their value.
            #expect(document.suppressedBars > 0)
            #expect(document.bars == 0, "\(document.bars) bars drawn with a value")
            // The attendance rate (3 of 4) is nowhere, not even in a chart's description.
            #expect(!html.contains("75.0%"))
            let text = try read(directory, "summary.txt")
            #expect(!text.contains("75.0%"))
            #expect(text.contains("<11"))
        }

        @Test("a month that has not ended is refused unless --partial; a partial month says so on every page")
        func partialMonth() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "America/New_York")!
            // The fixture's one site is in New York: its current month has begun and not ended.
            let parts = calendar.dateComponents([.year, .month], from: Date())
            let month = String(format: "%04d-%02d", parts.year!, parts.month!)
            let directory = ScratchFolder.url("summary")
            defer { try? FileManager.default.removeItem(at: directory) }

            let refused = try CarelogBinary.run(["report", "monthly", "--month", month, "--out", directory.path] + database.databaseArguments)
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.error.contains("--month \(month) has not ended yet"), "\(refused.error)")
            #expect(refused.error.contains("--partial"))
            #expect(!FileManager.default.fileExists(atPath: directory.path))
            let future = try CarelogBinary.run(["report", "monthly", "--month", "2099-01", "--out", directory.path, "--partial"]
                                               + database.databaseArguments)
            #expect(future.status == 2, "\(future)")
            #expect(future.error.contains("has not begun"), "\(future.error)")
            #expect(!FileManager.default.fileExists(atPath: directory.path))

            let accepted = try CarelogBinary.run(["report", "monthly", "--month", month, "--out", directory.path, "--partial"]
                                                 + database.databaseArguments)
            #expect(accepted.status == 0, "\(accepted)")
            #expect(accepted.output.contains("PARTIAL month"))
            let text = try read(directory, "summary.txt")
            #expect(text.split(separator: "\n")[2].hasPrefix("PARTIAL MONTH: "), "\(text.prefix(300))")
            let html = try read(directory, "summary.html")
            let document = SummaryDocument(html)
            #expect(document.error == nil)
            #expect(document.partialNotes == 1)
            // Printed on every page: the note is fixed in the print style.
            #expect(html.contains(".partial { position: fixed;"))
            let manifest = try JSONDecoder().decode(BundleManifest.self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
            #expect(manifest.parameters.partialThrough != nil)
        }

        @Test("HTML text and attributes are escaped: a name is never markup")
        func escaping() {
            let node = HTMLNode.el("p", [("title", "\"x\" & 'y'")], [.text("<script>alert(1)</script> & \u{1B}[2J")])
            #expect(node.rendered == "<p title=\"&quot;x&quot; &amp; &#39;y&#39;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; ␛[2J</p>")
            #expect(HTMLNode.el("br").rendered == "<br/>")
        }
    }
}

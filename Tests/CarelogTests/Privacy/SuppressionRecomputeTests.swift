import Foundation
import Testing

@testable import Carelog

/// Issue 26, major: under `--min-cell` a hidden count must not come back by arithmetic on
/// the rest of the same file, and the director's key figures must stay true.
///
/// The attacks are the reader's, written here from the columns' meanings (not from the
/// suppression code): a rate times a count, a count divided by an average, a total less
/// its shown parts. Each hidden cell's true value comes from the same bundle without
/// `--min-cell`; a cell counts as recovered when an attack gives exactly that value.
extension DatabaseTests {
    @Suite("privacy: suppression that cannot be undone")
    struct SuppressionRecomputeTests {
        typealias Table = (header: [String], rows: [[String]])

        static func csv(_ directory: URL, _ name: String) throws -> Table {
            var rows: [[String]] = []
            try CSVReader(.file(path: directory.appendingPathComponent(name).path)).read(
                onRecord: { record in rows.append((0..<record.fieldCount).map { record.string(at: $0) }) },
                onProblem: { problem in Issue.record("bad CSV \(name): \(problem)") })
            return (rows.first ?? [], Array(rows.dropFirst()))
        }

        static func isHidden(_ cell: String) -> Bool { cell.hasPrefix("<") || cell == "*" }

        /// A cell as a number when it is shown and not empty.
        static func number(_ table: Table, _ row: Int, _ column: String) -> Double? {
            guard let index = table.header.firstIndex(of: column) else { return nil }
            let cell = table.rows[row][index]
            return isHidden(cell) ? nil : Double(cell)
        }

        /// The hidden counts an attack gives back exactly, as "file row column".
        static func recovered(shown: Table, clear: Table, file: String,
                              attacks: (Int, String) -> [Double]) -> [String] {
            var found: [String] = []
            for row in shown.rows.indices {
                for (index, column) in shown.header.enumerated() where isHidden(shown.rows[row][index]) {
                    guard let truth = Double(clear.rows[row][index]) else { continue }
                    if attacks(row, column).contains(where: { abs($0.rounded() - truth) < 0.001 && abs($0 - truth) < 0.06 }) {
                        found.append("\(file) row \(row + 2) \(column) = \(clear.rows[row][index])")
                    }
                }
            }
            return found
        }

        /// group-attendance: sessions_held = attended ÷ average per session, attended =
        /// average × sessions, attended and absent from the rate and the other one.
        static func groupAttacks(_ shown: Table) -> (Int, String) -> [Double] {
            { row, column in
                let attended = number(shown, row, "attended"), absent = number(shown, row, "absent")
                let held = number(shown, row, "sessions_held"), average = number(shown, row, "avg_attended_per_session")
                let rate = number(shown, row, "attendance_rate_pct")
                switch column {
                case "sessions_held":
                    guard let attended, let average, average > 0 else { return [] }
                    return [attended / average]
                case "attended":
                    var values: [Double] = []
                    if let average, let held { values.append(average * held) }
                    if let rate, let absent, rate < 100 { values.append(rate * absent / (100 - rate)) }
                    return values
                case "absent":
                    guard let rate, let attended, rate > 0 else { return [] }
                    return [attended * (100 - rate) / rate]
                default:
                    return []
                }
            }
        }

        /// outcomes: a reason row's discharges from its share of the site's total; the
        /// completed (and completed + transferred) discharges from the total row's rates;
        /// a part from the total less the shown parts.
        static func outcomeAttacks(_ shown: Table) -> (Int, String) -> [Double] {
            let site = shown.header.firstIndex(of: "site_code")!, reason = shown.header.firstIndex(of: "discharge_reason")!
            func totalRow(of row: Int) -> Int? {
                shown.rows.indices.first { shown.rows[$0][site] == shown.rows[row][site] && shown.rows[$0][reason] == "total" }
            }
            return { row, column in
                guard column == "discharges", shown.rows[row][reason] != "total", let total = totalRow(of: row),
                      let totalDischarges = number(shown, total, "discharges") else { return [] }
                var values: [Double] = []
                if let share = number(shown, row, "share_pct") { values.append(share * totalDischarges / 100) }
                if shown.rows[row][reason] == "completed", let rate = number(shown, total, "completion_rate_pct") {
                    values.append(rate * totalDischarges / 100)
                }
                if shown.rows[row][reason] == "transferred", let rate = number(shown, total, "positive_outcome_rate_pct"),
                   let completedRow = shown.rows.indices.first(where: { shown.rows[$0][site] == shown.rows[row][site] && shown.rows[$0][reason] == "completed" }) {
                    let completed = number(shown, completedRow, "discharges") ?? 0
                    values.append(rate * totalDischarges / 100 - completed)
                }
                let parts = shown.rows.indices.filter { shown.rows[$0][site] == shown.rows[row][site] && shown.rows[$0][reason] != "total" }
                if parts.filter({ isHidden(shown.rows[$0][shown.header.firstIndex(of: "discharges")!]) }).count == 1 {
                    values.append(totalDischarges - parts.compactMap { number(shown, $0, "discharges") }.reduce(0, +))
                }
                return values
            }
        }

        @Test("outcomes: a site's single completed discharge does not come back from its total row's completion rate")
        func totalRowRate() throws {
            let definition = try #require(try ReportCatalog.named("outcomes"))
            // site, reason, discharges, share, median LOS, completion, positive outcome, readmitted,
            // PHQ-9, GAD-7, positive screens, three band rates.
            func row(_ reason: String, _ discharges: String, _ share: String, _ completion: String) -> [String?] {
                ["NYC", reason, discharges, share, "30.0", completion, completion, "0", "-2.0", "-1.0", "10.0", nil, nil, completion]
            }
            let table = ReportTable(definition: definition, period: try ReportPeriod(month: "2026-10"), site: nil, rows: [
                row("completed", "1", "2.0", "100.0"), row("left_against_advice", "30", "58.8", "0.0"),
                row("transferred", "20", "39.2", "0.0"), row("total", "51", "100.0", "2.0"),
            ]).applying(PrivacyOptions(minimumCell: 11))
            let shown = (header: definition.columns.map(\.name), rows: table.rows.map { $0.map { $0 ?? "" } })
            let clear = (header: shown.header, rows: [row("completed", "1", "", ""), row("left_against_advice", "30", "", ""),
                                                      row("transferred", "20", "", ""), row("total", "51", "", "")].map { $0.map { $0 ?? "" } })
            #expect(Self.recovered(shown: shown, clear: clear, file: "outcomes.csv", attacks: Self.outcomeAttacks(shown)) == [])
            // The completed row and its complement are hidden; the total shows its count, no rate, no statistic.
            #expect(shown.rows.map { $0[2] } == ["<11", "30", "*", "51"])
            #expect(shown.rows[3][5...10] == ["", "", "0", "", "", ""])
        }

        @Test("no hidden count of group-attendance or outcomes comes back from the rest of its file; key figures are those of every patient",
              .timeLimit(.minutes(TestTimeLimit.minutes)))
        func nothingRecomputes() throws {
            let database = try TestDatabase()
            try SeedTests.seed(database, months: 2)
            func bundle(_ privacy: PrivacyOptions) throws -> URL {
                let directory = ScratchFolder.url("suppression")
                try ReportOperation.monthly(
                    target: database.target, period: try ReportPeriod(month: "2025-06"), site: nil, directory: directory.path,
                    partial: false, privacy: privacy, console: Console.recording().0)
                return directory
            }
            let clear = try bundle(.none)
            let suppressed = try bundle(PrivacyOptions(minimumCell: 11))
            defer {
                try? FileManager.default.removeItem(at: clear)
                try? FileManager.default.removeItem(at: suppressed)
            }

            var hidden = 0
            var found: [String] = []
            for (file, attacks) in [("group-attendance.csv", Self.groupAttacks), ("outcomes.csv", Self.outcomeAttacks)] {
                let shown = try Self.csv(suppressed, file), truth = try Self.csv(clear, file)
                #expect(shown.rows.count == truth.rows.count && shown.header == truth.header, "\(file)")
                hidden += shown.rows.flatMap { $0 }.filter(Self.isHidden).count
                found += Self.recovered(shown: shown, clear: truth, file: file, attacks: attacks(shown))
            }
            // The attacks have something to work on, and give nothing back.
            #expect(hidden > 0)
            #expect(found == [], "\(found.count) hidden cells recomputed:\n\(found.joined(separator: "\n"))")

            // A hidden statistic never describes a small cell: an average or median is
            // empty wherever a count it rests on is hidden.
            let outcomes = try Self.csv(suppressed, "outcomes.csv")
            let discharges = outcomes.header.firstIndex(of: "discharges")!
            for row in outcomes.rows where Self.isHidden(row[discharges]) {
                for column in ["median_length_of_stay_days", "avg_phq9_change", "avg_gad7_change", "completion_rate_pct"] {
                    #expect(row[outcomes.header.firstIndex(of: column)!] == "", "\(column) of \(row[0]) \(row[1])")
                }
            }

            // The key figures are those of every patient (the clear bundle's), where not small.
            let clearFigures = SummaryDocument(try String(contentsOf: clear.appendingPathComponent("summary.html"), encoding: .utf8))
            let shownFigures = SummaryDocument(try String(contentsOf: suppressed.appendingPathComponent("summary.html"), encoding: .utf8))
            for label in ["Patients in care", "Attendance rate", "Median plan adherence", "Patients under 50%", "Discharges",
                          "Completion rate", "Plan reviews overdue"] {
                let value = try #require(clearFigures.figure(label)?.first, "\(label)")
                let small = Int(value).map { (1..<11).contains($0) } ?? false
                #expect(shownFigures.figure(label)?.first == (small ? "<11" : value), "\(label)")
            }
        }
    }
}

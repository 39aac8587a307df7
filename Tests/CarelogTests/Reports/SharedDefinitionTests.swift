@testable import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// The rules defined once in sql/021_shared_definitions.sql (docs/reports.md, "One
    /// definition each"): every reader gives the same figures, and calling them costs
    /// nothing because the planner writes them out.
    @Suite("shared definitions: one rule, the same figures everywhere")
    struct SharedDefinitionTests {
        @Test("patient show, patient-participation and the summary trend agree for every patient of every seeded month")
        func readersAgree() throws {
            let database = try TestDatabase()
            try SeedTests.seed(database, months: 3)
            let connection = try database.connect()
            defer { connection.close() }
            let last = SeedTests.endMonth
            let months = [try ReportPeriod(month: "2025-04"), try ReportPeriod(month: "2025-05"), last]
            let trend = try connection.query(StoredQuery.named("summary/trend", months[0].start, last.end, nil as String?))
            #expect(trend.count == 3)
            var compared = 0
            for (index, period) in months.enumerated() {
                let report = try ReportRunner.run(
                    try #require(try ReportCatalog.named("patient-participation")), connection: connection, period: period, site: nil)
                let columns = ["days_in_care", "required_sessions", "attended", "absent", "excused", "adherence_pct"]
                let mrns = report.values("mrn").map { $0 ?? "" }
                #expect(mrns.count > 100, "\(period): \(mrns.count) patients")
                for (row, mrn) in mrns.enumerated() {
                    // patient show's figures for the same month: the stored query it renders.
                    let shown = try connection.query(StoredQuery.named("patient/adherence", mrn, period.start, period.end))[0]
                    for column in columns {
                        let reported = report.values(column)[row] ?? ""
                        let fromShow: String = try shown[column] ?? ""
                        #expect(reported == fromShow, "\(period) \(mrn) \(column): report \(reported), patient show \(fromShow)")
                    }
                    compared += 1
                }
                // The trend's row for the month, recomputed here from the report's column.
                let tenths = report.values("adherence_pct").compactMap { $0 }.filter { !$0.isEmpty }
                    .map { Int($0.replacingOccurrences(of: ".", with: ""))! }.sorted()
                let twice = tenths.count % 2 == 1 ? 2 * tenths[tenths.count / 2]
                                                  : tenths[tenths.count / 2 - 1] + tenths[tenths.count / 2]
                let median = (twice + 1) / 2
                let row = trend[index]
                #expect(try row["patients_in_care"] == String(mrns.count), "\(period)")
                #expect(try row["adherence_median_pct"] == "\(median / 10).\(median % 10)", "\(period)")
                #expect(try row["below_half_plan"] == String(tenths.filter { $0 < 500 }.count), "\(period)")
            }
            #expect(compared > 300)
        }

        @Test("the planner writes the one-expression definitions out: no function call is left in the plan")
        func inlined() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            let plan = try connection.query(SQLQuery(unsafeSQL: """
                EXPLAIN (VERBOSE, COSTS OFF)
                SELECT carelog.adherence_pct(count(*) FILTER (WHERE carelog.counts_as_attended(a.status)),
                                             carelog.required_sessions(70))
                  FROM carelog.attendance AS a
                """)).map { row -> String in try row.decode("QUERY PLAN") }.joined(separator: "\n")
            #expect(!plan.contains("counts_as_attended") && !plan.contains("adherence_pct") && !plan.contains("required_sessions"), "\(plan)")
            #expect(plan.contains("status = ANY ('{present,late,left_early}'::text[])"), "\(plan)")
            #expect(plan.contains("round(((100.0 * (COALESCE(count(*)"), "\(plan)")
        }
    }
}

@testable import Carelog
import Foundation
import Testing

/// The column dictionary (`carelog report NAME --columns`): every column of every report
/// says what it holds, and the listing reads at 100 columns.
@Suite("report column dictionary")
struct ColumnDictionaryTests {
    @Test("every column of every report has a definition, and every definition names a column of its report")
    func complete() throws {
        for report in try ReportCatalog.all() {
            let names = Set(report.columns.map(\.name))
            for column in report.columns {
                let definition = report.columnDefinitions[column.name] ?? ""
                #expect(definition.count >= 15, "\(report.name).\(column.name) has no definition")
            }
            #expect(Set(report.columnDefinitions.keys).subtracting(names).isEmpty,
                    "\(report.name): definitions of unknown columns \(Set(report.columnDefinitions.keys).subtracting(names))")
        }
    }

    @Test("definitions wrap at the width with their indent, a long word alone on its line")
    func wrapping() {
        #expect(ColumnDictionary.wrap("aaa bbb ccc ddd", width: 11, indent: "  ") == "  aaa bbb\n  ccc ddd")
        #expect(ColumnDictionary.wrap("a verylongwordindeed b", width: 8, indent: "") == "a\nverylongwordindeed\nb")
        #expect(ColumnDictionary.wrap("", width: 8, indent: "  ") == "")
    }

    @Test("the binary: --columns as text and JSON Lines without a database; refused for monthly and csv")
    func binary() throws {
        let text = try CarelogBinary.run(["report", "patient-participation", "--columns"])
        #expect(text.status == 0, "\(text)")
        #expect(text.outputLines.first == "patient-participation: Patient participation")
        #expect(text.outputLines.contains("adherence_pct (percentage)"))
        #expect(text.outputLines.contains("mrn (MRN)"))
        #expect(text.outputLines.allSatisfy { $0.count <= 100 }, "\(text.output)")
        let entries = text.outputLines.filter { !$0.hasPrefix(" ") && $0.hasSuffix(")") && $0.contains(" (") }
        #expect(entries.count == 13)

        let json = try CarelogBinary.run(["report", "outcomes", "--columns", "--format", "json"])
        #expect(json.status == 0, "\(json)")
        let rows = try json.outputLines.filter { !$0.isEmpty }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        }
        #expect(rows.count == 14)
        #expect(rows.first?["column"] == "site_code")
        #expect(rows.allSatisfy { ($0["definition"] ?? "").count >= 15 })

        let monthly = try CarelogBinary.run(["report", "monthly", "--columns"])
        #expect(monthly.status == 2)
        #expect(monthly.errorLines.first == "carelog: error: --columns lists one report's columns: give its name, e.g. report patient-participation --columns.")
        let csv = try CarelogBinary.run(["report", "outcomes", "--columns", "--format", "csv"])
        #expect(csv.status == 2)
        let unknown = try CarelogBinary.run(["report", "outcome", "--columns"])
        #expect(unknown.status == 2)
        #expect(unknown.errorLines.first == "carelog: error: there is no report \"outcome\"")
    }
}

import Foundation
import Postgres

/// `carelog disclosures --mrn MRN [--since DATE] [--format text|csv]`: the accounting
/// of disclosures a patient may ask for (42 CFR Part 2, docs/audit.md): every bundle that
/// held the patient's records and left the program, oldest first.
public enum DisclosureOperation {
    static let columns = ["disclosed_at", "db_user", "acting_staff", "command", "recipient", "purpose", "basis",
                          "privacy", "period_from", "period_to", "site_code", "files", "manifest_sha256"]

    public static func list(target: DatabaseTarget, mrn: String, since: String?, format: ReportFormat, console: Console) throws {
        if let since, !CalendarDate.isValid(since) {
            throw CarelogError(.usage, "--since \"\(since)\" is not a date like 2026-10-01")
        }
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let patient = try connection.query(StoredQuery.named("audit/patient_id", mrn))
        guard let patientID = try patient.first?.decode("id", as: Int64.self) else {
            // As `patient show`: the stored MRN that differs only by leading zeros.
            let similar = try connection.query(StoredQuery.named("patient/similar_mrns", mrn)).map { try $0.decode("mrn", as: String.self) }
            throw CarelogError(
                .usage, "no patient with MRN \"\(mrn)\"",
                suggestion: similar.isEmpty
                    ? "Give the MRN as in the patients import file."
                    : "Did you mean \(similar.joined(separator: " or "))? MRNs keep their leading zeros; a spreadsheet may have dropped them.")
        }
        let rows = try connection.query(StoredQuery.named("disclosure/of_patient", patientID, since)).map { row -> [String?] in
            try columns.map { try row[$0] }
        }
        switch format {
        case .xlsx:
            throw CarelogError(.usage, "--format xlsx is for reports; the accounting of disclosures is text, csv or json",
                               suggestion: "Use --format csv.")
        case .json:
            for row in rows {
                console.write(JSONLine(columns.indices.map { (columns[$0], .string(row[$0])) }).text + "\n")
            }
        case .csv:
            var text = ""
            var writer = CSVWriter { text += $0 }
            try writer.writeRow(columns, numeric: columns.map { _ in false })
            for row in rows { try writer.writeRow(row, numeric: columns.map { _ in false }) }
            console.write(text)
        case .text:
            console.print(("Disclosures of the records of MRN \(mrn)" + (since.map { " since \($0)" } ?? "") + ", oldest first:").showingControlCharacters)
            if rows.isEmpty { console.print("  (none)") }
            for row in rows {
                let value = { (name: String) in row[columns.firstIndex(of: name)!] ?? "-" }
                let period = row[8].map { "\($0) to \(value("period_to"))" } ?? "-"
                console.print(("  \(value("disclosed_at"))  to \(value("recipient"))  for \(value("purpose"))  basis \(value("basis"))").showingControlCharacters)
                console.print(("      by \(value("db_user"))/\(value("acting_staff"))  \(value("command")) of \(period)"
                    + "\(row[10].map { ", site \($0)" } ?? "")  \(value("privacy"))").showingControlCharacters)
                console.print(("      files: \(value("files"))  manifest SHA-256 \(value("manifest_sha256"))").showingControlCharacters)
            }
        }
    }
}

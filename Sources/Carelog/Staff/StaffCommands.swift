import Postgres

/// `carelog staff add`: one staff member added without a CSV, through the staff import
/// (CommandRecords): the same checks (a known site and role), audited. Changing a
/// staff member stays an import of the staff file (`carelog import staff`), so that a
/// typo in a staff ID cannot rename someone: an ID that exists is refused here.
public enum StaffCommands {
    @discardableResult
    public static func add(
        target: DatabaseTarget, staffID: String, firstName: String, lastName: String, role: String,
        credentials: String?, siteCode: String, by actingStaff: String?, console: Console
    ) throws -> ImportSummary {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        guard try connection.query(StoredQuery.named("audit/staff_exists", staffID)).isEmpty else {
            throw CarelogError(.validation, "staff ID \"\(staffID)\" exists already",
                               suggestion: "Give a new staff ID; to change a staff member, import the staff file (carelog import staff FILE). Nothing was written.")
        }
        var records = CommandRecords(.staff, columns: ["staff_id", "first_name", "last_name", "role", "credentials", "site_code", "active"],
                                     options: ["staff_id": "staff ID", "first_name": "--first-name", "last_name": "--last-name",
                                               "role": "--role", "credentials": "--credentials", "site_code": "--site"])
        records.add([staffID, firstName, lastName, role, credentials ?? "", siteCode, ""], label: staffID)
        let summary = try records.write(connection: connection, actingStaff: actingStaff, what: "staff member \(staffID)")
        console.print("\(staffID) \(firstName) \(lastName) added: \(role) at \(siteCode)"
                      + (credentials.map { $0.isEmpty ? "" : " (\($0))" } ?? ""))
        return summary
    }
}

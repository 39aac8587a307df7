import Postgres

/// `carelog patient admit|discharge`: one episode of care opened or closed without a CSV,
/// through the episodes import (CommandRecords): the same checks as a file (one open
/// episode a patient, discharge after admission, a reason with a discharge), all or
/// nothing, audited.
public enum EpisodeCommands {
    /// Opens an episode on `day` (default: today at the patient's site).
    @discardableResult
    public static func admit(
        target: DatabaseTarget, mrn: String, day: String?, levelOfCare: String, by staffID: String?, console: Console
    ) throws -> ImportSummary {
        try checkDay(day, option: "--on")
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let state = try careState(connection, mrn: mrn)
        if let open = state.admittedOn {
            throw CarelogError(.validation, "\(mrn) is in care already: admitted on \(open), not discharged",
                               suggestion: "Discharge the open episode first (carelog patient discharge \(mrn) --on DATE --reason REASON); nothing was written.")
        }
        let admittedOn = day ?? state.today
        var records = CommandRecords(.episodes, columns: ["mrn", "admitted_on", "level_of_care", "discharged_on", "discharge_reason"],
                                     options: ["admitted_on": "--on", "level_of_care": "--level"])
        records.add([mrn, admittedOn, levelOfCare, "", ""], label: mrn)
        let summary = try records.write(connection: connection, actingStaff: staffID, what: "the admission of \(mrn)")
        console.print("\(mrn) admitted on \(admittedOn), level of care \(levelOfCare)")
        return summary
    }

    /// Closes the patient's open episode: `day` is the discharge day, the first day
    /// not in care (default: today at the patient's site).
    @discardableResult
    public static func discharge(
        target: DatabaseTarget, mrn: String, day: String?, reason: String, by staffID: String?, console: Console
    ) throws -> ImportSummary {
        try checkDay(day, option: "--on")
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let state = try careState(connection, mrn: mrn)
        guard let admittedOn = state.admittedOn, let level = state.levelOfCare else {
            throw CarelogError(.validation, "\(mrn) is not in care: no open episode to discharge",
                               suggestion: "`carelog patient show \(mrn)` lists the patient's episodes; nothing was written.")
        }
        let dischargedOn = day ?? state.today
        var records = CommandRecords(.episodes, columns: ["mrn", "admitted_on", "level_of_care", "discharged_on", "discharge_reason"],
                                     options: ["discharged_on": "--on", "discharge_reason": "--reason"])
        records.add([mrn, admittedOn, level, dischargedOn, reason], label: mrn)
        let summary = try records.write(connection: connection, actingStaff: staffID, what: "the discharge of \(mrn)")
        console.print("\(mrn) discharged on \(dischargedOn) (\(reason)), admitted on \(admittedOn)")
        return summary
    }

    private struct CareState {
        var today: String
        var admittedOn: String?
        var levelOfCare: String?
    }

    private static func careState(_ connection: Connection, mrn: String) throws -> CareState {
        guard let row = try connection.query(StoredQuery.named("patient/care_state", mrn)).first else {
            throw PatientLookup.unknown(mrn, connection: connection)
        }
        return CareState(today: try row.decode("local_today"), admittedOn: try row["admitted_on"], levelOfCare: try row["level_of_care"])
    }

    static func checkDay(_ day: String?, option: String) throws {
        if let day, !CalendarDate.isValid(day) {
            throw CarelogError(.usage, "\(option) \"\(day)\" is not a date like 2026-10-05", suggestion: "Give the day as YYYY-MM-DD.")
        }
    }
}

/// The refusal of an MRN that names no patient this login may read, with the stored
/// MRN it may have meant (a spreadsheet drops leading zeros).
enum PatientLookup {
    static func unknown(_ mrn: String, connection: Connection) -> CarelogError {
        let similar = (try? connection.query(StoredQuery.named("patient/similar_mrns", mrn)).map { try $0.decode("mrn", as: String.self) }) ?? []
        return CarelogError(
            .usage, "there is no patient with MRN \"\(mrn)\"",
            suggestion: similar.isEmpty
                ? "Check the MRN (with its leading zeros)."
                : "Did you mean \(similar.joined(separator: " or "))? MRNs keep their leading zeros; a spreadsheet may have dropped them.")
    }
}

import Postgres

/// `carelog group modalities` and `carelog group mutual-help`: which group modalities
/// count as mutual-help (self-help) meetings for the TEDS self-help item
/// (docs/teds.md). A 12-step meeting always does; a program marks others (SMART
/// Recovery run by peers, say) so that `patient show`, the `noms` report and the TEDS
/// discharge extract count them. A director of the whole program changes the list
/// (row-level security); every change is in the audit trail.
public enum MutualHelpModalities {
    public struct Modality: Equatable, Sendable {
        public let code: String
        public let mutualHelp: Bool
        public let groups: Int
    }

    /// Every modality, mutual-help ones first.
    public static func list(target: DatabaseTarget, console: Console) throws -> [Modality] {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        return try modalities(connection)
    }

    /// Prints the list as a small table.
    public static func print(_ modalities: [Modality], console: Console) {
        let width = max(8, modalities.map(\.code.count).max() ?? 0)
        console.print("modality".padding(toLength: width, withPad: " ", startingAt: 0) + "  mutual help  groups")
        for modality in modalities {
            console.print(modality.code.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                          + (modality.mutualHelp ? "yes" : "no ").padding(toLength: 11, withPad: " ", startingAt: 0)
                          + "  " + String(modality.groups))
        }
    }

    /// Marks `code` as mutual help or not; says so when it already was.
    @discardableResult
    public static func mark(
        target: DatabaseTarget, code: String, mutualHelp: Bool, by staffID: String?, console: Console
    ) throws -> Bool {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let known = try modalities(connection)
        guard let current = known.first(where: { $0.code == code.lowercased() }) else {
            throw CarelogError(.usage, "no modality \(code)",
                               suggestion: "The modalities are \(known.map(\.code).joined(separator: ", ")).")
        }
        if current.code == "twelve_step" && !mutualHelp {
            throw CarelogError(.validation, "twelve_step meetings are always mutual help (modality_twelve_step_mutual_help)",
                               suggestion: "A 12-step meeting is the self-help group TEDS asks about; nothing was changed.")
        }
        guard current.mutualHelp != mutualHelp else {
            console.print("\(current.code) is \(mutualHelp ? "" : "not ")mutual help already; nothing was changed")
            return false
        }
        let refused = CarelogError(
            .failure, "not allowed for this login: only a director of the whole program changes the modality list (director_write)",
            suggestion: "Ask a director without a site limit; nothing was changed.")
        let changed: Bool
        do {
            changed = try connection.transaction {
                try ActingStaff.setForRecords(staffID, on: connection)
                return try !connection.query(StoredQuery.named("outcomes/set_mutual_help", current.code, mutualHelp)).isEmpty
            }
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege {
            throw refused  // a therapist's login: no grant on the list at all
        }
        // Row-level security hid the row: a director limited to a site.
        guard changed else { throw refused }
        console.print("\(current.code) is \(mutualHelp ? "now" : "no longer") mutual help: its \(current.groups) group"
                      + (current.groups == 1 ? "'s" : "s'") + " meetings \(mutualHelp ? "count" : "no longer count") for the TEDS self-help item")
        return true
    }

    private static func modalities(_ connection: Connection) throws -> [Modality] {
        try connection.query(StoredQuery.named("outcomes/modalities")).map {
            Modality(code: try $0.decode("code"), mutualHelp: try $0.decode("mutual_help"), groups: try $0.decode("groups"))
        }
    }
}

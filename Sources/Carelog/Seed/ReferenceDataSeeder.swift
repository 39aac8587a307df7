import Foundation
import Postgres

/// What `carelog seed` wrote.
public struct SeedSummary: Sendable, CustomStringConvertible {
    public let scale: Int
    public let seed: Int
    /// The first and last month of the generated period.
    public let firstMonth: ReportPeriod
    public let lastMonth: ReportPeriod
    /// Rows written per table (carelog table names, without schema), in writing order.
    public let rows: [(table: String, count: Int)]
    /// Wall time of the whole seed, in seconds.
    public let seconds: Double

    public func count(_ table: String) -> Int {
        rows.first { $0.table == table }?.count ?? 0
    }

    public var description: String {
        var lines = ["seeded \(scale) site\(scale == 1 ? "" : "s"), \(firstMonth) to \(lastMonth), seed \(seed), in \(String(format: "%.1f", seconds)) s:"]
        let width = rows.map(\.table.count).max() ?? 0
        for (table, count) in rows {
            let number = SeedFormat.grouped(count)
            lines.append("  " + table.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                         + String(repeating: " ", count: max(0, 11 - number.count)) + number)
        }
        return lines.joined(separator: "\n")
    }
}

enum SeedFormat {
    /// 1032118 → "1,032,118".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Runs a `SeedPlan` on an open connection, inside a transaction the caller opened.
struct ReferenceDataSeeder {
    let connection: Connection
    let plan: SeedPlan
    let console: Console

    private(set) var rows: [(table: String, count: Int)] = []

    init(connection: Connection, plan: SeedPlan, console: Console) {
        self.connection = connection
        self.plan = plan
        self.console = console
    }

    /// Refuses a database that already holds sites, staff or patients.
    static func requireEmpty(_ connection: Connection) throws {
        let result = try connection.query("""
            SELECT (SELECT count(*) FROM carelog.site)    AS sites,
                   (SELECT count(*) FROM carelog.staff)   AS staff,
                   (SELECT count(*) FROM carelog.patient) AS patients
            """)
        let row = result[0]
        let sites: Int = try row.decode("sites"), staff: Int = try row.decode("staff"), patients: Int = try row.decode("patients")
        guard sites == 0, staff == 0, patients == 0 else {
            throw CarelogError(
                .usage,
                "the database \(connection.databaseName) already holds records (\(SeedFormat.grouped(sites)) sites, \(SeedFormat.grouped(staff)) staff, \(SeedFormat.grouped(patients)) patients); seed only fills an empty database",
                suggestion: "seed an empty database, e.g. CARELOG_HOME=/tmp/x carelog seed")
        }
    }

    mutating func run() throws {
        for setting in plan.settings { try execute(setting) }
        for parameter in plan.parameters {
            try connection.query("SELECT set_config(\(parameter.name), \(parameter.value), true)")
        }

        try insert("site", plan.sites, "sites")
        try execute(plan.siteMap)
        try insert("staff", plan.staff, "staff")
        try execute(plan.clinicianMap)

        try step("stays") {
            try execute(plan.stays)
            try execute(plan.patientStage)
            try execute("ANALYZE seed_stay")
            try execute("ANALYZE seed_patient")
        }
        try insert("patient", plan.patients, "patients")
        try step("episode draws") {
            try execute(plan.episodeStage)
            try execute("ANALYZE seed_episode")
        }
        try insert("episode", plan.episodes, "episodes")
        try insert("therapist_assignment", plan.assignments, "therapist assignments")
        try insert("treatment_plan", plan.plans, "treatment plans")
        try insert("plan_requirement", plan.requirements, "plan requirements")
        try insert("plan_goal", plan.goals, "plan goals")
        try insert("plan_review", plan.reviews, "plan reviews")
        try insert("care_group", plan.groups, "groups")
        try execute(plan.groupMap)
        try insert("group_enrollment", plan.enrollments, "group enrollments")
        try step("session schedule") {
            try execute(plan.sessionStage)
        }
        try insert("group_session", plan.sessions, "group sessions")
        try step("attendance staging") {
            for statement in plan.heldStage + plan.patientDayStage { try execute(statement) }
        }

        let started = ContinuousClock.now
        var attendance = 0
        let bounds = plan.monthBounds
        for index in 0..<(bounds.count - 1) {
            console.progress("seeding: attendance \(bounds[index].prefix(7)) (\(SeedFormat.grouped(attendance)) records so far)")
            try connection.query("SELECT set_config('carelog.seed_from', \(bounds[index]), true)")
            try connection.query("SELECT set_config('carelog.seed_to', \(bounds[index + 1]), true)")
            attendance += try execute(plan.attendance)
        }
        console.endProgress()
        rows.append(("attendance", attendance))
        console.note("seeding: \(SeedFormat.grouped(attendance)) attendance records (\(String(format: "%.1f", SeedFormat.seconds(since: started))) s)")

        try insert("assessment", plan.assessments, "assessments")
        try insert("drug_screen", plan.screens, "drug screens")
    }

    @discardableResult
    private func execute(_ sql: String) throws -> Int {
        try connection.query(SQLQuery(unsafeSQL: sql)).affectedRows ?? 0
    }

    private mutating func insert(_ table: String, _ sql: String, _ label: String) throws {
        let started = ContinuousClock.now
        let count = try execute(sql)
        rows.append((table, count))
        console.note("seeding: \(SeedFormat.grouped(count)) \(label) (\(String(format: "%.1f", SeedFormat.seconds(since: started))) s)")
    }

    private func step(_ label: String, _ body: () throws -> Void) throws {
        let started = ContinuousClock.now
        try body()
        console.note("seeding: \(label) staged (\(String(format: "%.1f", SeedFormat.seconds(since: started))) s)")
    }
}

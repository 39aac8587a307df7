import Postgres
import Testing

// Every rule that sql/001_schema.sql enforces, proved from both sides: the violating
// row is refused with the exact SQLSTATE and constraint name, and the closest valid
// row is accepted. Each test starts from the minimal valid world (SchemaRuleWorld below,
// its rows in Fixtures/schema_rules.sql), in a fresh database of its own. The rules'
// tests: EpisodeRuleTests, AttendanceRuleTests and ColumnRuleTests beside this file.

/// A fresh migrated database and the statements the tests build rows with.
struct SchemaRuleDatabase {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase()
        connection = try database.connect()
    }

    /// Runs an INSERT … RETURNING id and returns the id.
    @discardableResult
    func insert(_ query: SQLQuery) throws -> Int64 {
        let row = try #require(try connection.query(query).first)
        return try row.decode("id", as: Int64.self)
    }

    func scalar(_ query: SQLQuery) throws -> String? {
        try connection.scalar(query)
    }

    /// The value of a `SELECT count(*) …`.
    func count(_ query: SQLQuery) throws -> Int {
        let text = try connection.scalar(query)
        return try #require(text.flatMap { Int($0) }, "not a count: \(String(describing: text))")
    }

    @discardableResult
    func addSite(code: String, timezone: String) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.site (site_code, name, timezone) VALUES (\(code), \("Site " + code), \(timezone))
            RETURNING id
            """)
    }

    /// A patient at the first site (New York) unless another is given.
    @discardableResult
    func addPatient(mrn: String, gender: String, site: Int64? = nil) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
            VALUES (\(mrn), 'Pat', \("Patient " + mrn), '1990-04-12', \(gender),
                    coalesce(\(site)::bigint, (SELECT min(id) FROM carelog.site)))
            RETURNING id
            """)
    }

    @discardableResult
    func addEpisode(
        _ patient: Int64, admitted: String, discharged: String? = nil, reason: String? = nil, level: String = "2.1"
    ) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
            VALUES (\(patient), \(admitted), \(level), \(discharged), \(reason))
            RETURNING id
            """)
    }

    @discardableResult
    func addAssignment(
        _ patient: Int64, therapist: Int64, role: String, startsOn: String, endsOn: String?
    ) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.therapist_assignment (patient_id, therapist_id, role, starts_on, ends_on)
            VALUES (\(patient), \(therapist), \(role), \(startsOn), \(endsOn))
            RETURNING id
            """)
    }

    @discardableResult
    func addEnrollment(group: Int64, patient: Int64, startsOn: String, endsOn: String?) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on, ends_on)
            VALUES (\(group), \(patient), \(startsOn), \(endsOn))
            RETURNING id
            """)
    }

    @discardableResult
    func addSession(group: Int64, startsAt: String, facilitator: Int64, status: String = "held") throws -> Int64 {
        try insert("""
            INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
            VALUES (\(group), \(startsAt), \(facilitator), \(status))
            RETURNING id
            """)
    }

    @discardableResult
    func addAttendance(session: Int64, patient: Int64, recordedBy: Int64) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.attendance (session_id, patient_id, status, minutes_attended, recorded_by_id, session_month)
            VALUES (\(session), \(patient), 'present', 60, \(recordedBy),
                    coalesce(carelog.session_month(\(session)), date '2026-10-01'))
            RETURNING id
            """)
    }

    @discardableResult
    func addGoal(plan: Int64, code: String, status: String, statusOn: String?) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.plan_goal (plan_id, goal_code, domain, status, status_on)
            VALUES (\(plan), \(code), 'substance_use', \(status), \(statusOn))
            RETURNING id
            """)
    }
}

/// The minimal valid world every schema rule test starts from, and the ids of its rows
/// that the tests use. The rows are `Fixtures/schema_rules.sql` (its header says what they
/// are: two sites, three staff, four patients with open episodes, three groups with
/// March 2026 sessions, one attendance, enrollments, an assignment, plan TP-0001 with its
/// parts); their ids are looked up here by natural key.
struct SchemaRuleWorld {
    let db: SchemaRuleDatabase
    let newYork: Int64
    let losAngeles: Int64
    let therapist: Int64
    let secondTherapist: Int64
    let female: Int64
    let male: Int64
    let nonbinary: Int64
    let femaleEpisode: Int64
    let womensGroup: Int64
    let mensGroup: Int64
    let allGroup: Int64
    let womensSession: Int64
    let mensSession: Int64
    let allSession: Int64
    let cancelledSession: Int64
    let femaleEnrollment: Int64
    let plan: Int64

    static let fixtureName = "schema_rules"

    static func build() throws -> SchemaRuleWorld {
        let db = try SchemaRuleDatabase()
        try db.connection.executeScript(try FixtureSQL.named(Self.fixtureName))

        func id(_ query: SQLQuery) throws -> Int64 {
            let text = try db.scalar(query)
            return try #require(text.flatMap { Int64($0) }, "no row for: \(query)")
        }
        func site(_ code: String) throws -> Int64 { try id("SELECT id FROM carelog.site WHERE site_code = \(code)") }
        func staff(_ staffID: String) throws -> Int64 { try id("SELECT id FROM carelog.staff WHERE staff_id = \(staffID)") }
        func patient(_ mrn: String) throws -> Int64 { try id("SELECT id FROM carelog.patient WHERE mrn = \(mrn)") }
        func group(_ code: String) throws -> Int64 { try id("SELECT id FROM carelog.care_group WHERE group_code = \(code)") }
        func session(_ group: Int64, _ startsAt: String) throws -> Int64 {
            try id("SELECT id FROM carelog.group_session WHERE group_id = \(group) AND starts_at = \(startsAt)::timestamptz")
        }

        let female = try patient("10001")
        let womensGroup = try group("WOM-PROC")
        let mensGroup = try group("MEN-RP")
        let allGroup = try group("ALL-12S")
        return SchemaRuleWorld(
            db: db, newYork: try site("NYC"), losAngeles: try site("LAX"), therapist: try staff("T001"),
            secondTherapist: try staff("T002"), female: female, male: try patient("10002"), nonbinary: try patient("10003"),
            femaleEpisode: try id("SELECT id FROM carelog.episode WHERE patient_id = \(female)"),
            womensGroup: womensGroup, mensGroup: mensGroup, allGroup: allGroup,
            womensSession: try session(womensGroup, "2026-03-03T15:00:00Z"),
            mensSession: try session(mensGroup, "2026-03-04T15:00:00Z"),
            allSession: try session(allGroup, "2026-03-02T15:00:00Z"),
            cancelledSession: try session(allGroup, "2026-03-09T14:00:00Z"),
            femaleEnrollment: try id("""
                SELECT id FROM carelog.group_enrollment WHERE group_id = \(womensGroup) AND patient_id = \(female)
                """),
            plan: try id("SELECT id FROM carelog.treatment_plan WHERE plan_code = 'TP-0001'"))
    }
}

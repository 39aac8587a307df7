import Postgres
import Testing

// Every rule that sql/001_schema.sql enforces, proved from both sides: the violating
// row is refused with the exact SQLSTATE and constraint name, and the closest valid
// row is accepted. Each test starts from the minimal valid world below, in a fresh
// database of its own. The rules' tests: EpisodeRuleTests, AttendanceRuleTests and
// ColumnRuleTests beside this file.

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

    @discardableResult
    func addStaff(_ staffID: String, role: String, site: Int64) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
            VALUES (\(staffID), 'Sam', \("Staff " + staffID), \(role), \(site))
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
    func addGroup(
        code: String, modality: String, genderFocus: String, kind: String, site: Int64, capacity: Int?,
        facilitator: Int64
    ) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, capacity, facilitator_id)
            VALUES (\(code), \("Group " + code), \(modality), \(genderFocus), \(kind), \(site), \(capacity), \(facilitator))
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

/// The minimal valid world every schema rule test starts from, and the ids it needs.
///
/// Two sites (New York first, then Los Angeles); therapists T001 and T002 and a
/// counselor in New York; patients 10001 (female), 10002 (male), 10003 (nonbinary) in
/// New York and 10004 (unknown) in Los Angeles, each with an open episode from
/// 2026-01-05; a closed women's group WOM-PROC, a closed men's group MEN-RP and an open
/// group for all ALL-12S in New York; held sessions of each group in March 2026 plus a
/// cancelled one of ALL-12S; the female patient's attendance at the ALL-12S session of
/// 2026-03-02 10:00 New York time, her enrollment in WOM-PROC, her primary therapist,
/// her plan TP-0001 (with requirement, goal G1, PHQ-9 and GAD-7 scores, a drug screen),
/// and the male patient's enrollment in MEN-RP.
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

    static func build() throws -> SchemaRuleWorld {
        let db = try SchemaRuleDatabase()
        let newYork = try db.addSite(code: "NYC", timezone: "America/New_York")
        let losAngeles = try db.addSite(code: "LAX", timezone: "America/Los_Angeles")

        let therapist = try db.addStaff("T001", role: "therapist", site: newYork)
        let secondTherapist = try db.addStaff("T002", role: "therapist", site: newYork)
        try db.addStaff("C001", role: "counselor", site: losAngeles)

        let female = try db.addPatient(mrn: "10001", gender: "female", site: newYork)
        let male = try db.addPatient(mrn: "10002", gender: "male", site: newYork)
        let nonbinary = try db.addPatient(mrn: "10003", gender: "nonbinary", site: newYork)
        let unknown = try db.addPatient(mrn: "10004", gender: "unknown", site: losAngeles)
        let femaleEpisode = try db.addEpisode(female, admitted: "2026-01-05")
        for patient in [male, nonbinary, unknown] {
            try db.addEpisode(patient, admitted: "2026-01-05", level: "1.0")
        }

        let womensGroup = try db.addGroup(code: "WOM-PROC", modality: "process", genderFocus: "women",
                                          kind: "closed", site: newYork, capacity: 10, facilitator: therapist)
        let mensGroup = try db.addGroup(code: "MEN-RP", modality: "relapse_prevention", genderFocus: "men",
                                        kind: "closed", site: newYork, capacity: 10, facilitator: secondTherapist)
        let allGroup = try db.addGroup(code: "ALL-12S", modality: "twelve_step", genderFocus: "all",
                                       kind: "open", site: newYork, capacity: nil, facilitator: therapist)

        // March 2026, before the switch to daylight saving time: 15:00Z is 10:00 in New York.
        let allSession = try db.addSession(group: allGroup, startsAt: "2026-03-02T15:00:00Z", facilitator: therapist)
        let womensSession = try db.addSession(group: womensGroup, startsAt: "2026-03-03T15:00:00Z",
                                              facilitator: therapist)
        let mensSession = try db.addSession(group: mensGroup, startsAt: "2026-03-04T15:00:00Z",
                                            facilitator: secondTherapist)
        let cancelledSession = try db.addSession(group: allGroup, startsAt: "2026-03-09T14:00:00Z",
                                                 facilitator: therapist, status: "cancelled")
        try db.addAttendance(session: allSession, patient: female, recordedBy: therapist)

        let femaleEnrollment = try db.addEnrollment(group: womensGroup, patient: female,
                                                    startsOn: "2026-01-05", endsOn: nil)
        try db.addEnrollment(group: mensGroup, patient: male, startsOn: "2026-01-05", endsOn: nil)
        try db.addAssignment(female, therapist: therapist, role: "primary", startsOn: "2026-01-05", endsOn: nil)

        let plan = try db.insert("""
            INSERT INTO carelog.treatment_plan (plan_code, patient_id, created_on, author_id, review_interval_days)
            VALUES ('TP-0001', \(female), '2026-01-05', \(therapist), 30)
            RETURNING id
            """)
        try db.insert("""
            INSERT INTO carelog.plan_requirement (plan_id, modality, sessions_per_week)
            VALUES (\(plan), 'process', 2) RETURNING id
            """)
        try db.addGoal(plan: plan, code: "G1", status: "open", statusOn: "2026-01-05")
        try db.insert("""
            INSERT INTO carelog.assessment (patient_id, instrument, administered_on, score)
            VALUES (\(female), 'PHQ-9', '2026-01-06', 5), (\(female), 'GAD-7', '2026-01-06', 4) RETURNING id
            """)
        try db.insert("""
            INSERT INTO carelog.drug_screen (patient_id, collected_on, result)
            VALUES (\(female), '2026-01-06', 'negative') RETURNING id
            """)

        return SchemaRuleWorld(
            db: db, newYork: newYork, losAngeles: losAngeles, therapist: therapist,
            secondTherapist: secondTherapist, female: female, male: male, nonbinary: nonbinary,
            femaleEpisode: femaleEpisode, womensGroup: womensGroup, mensGroup: mensGroup, allGroup: allGroup,
            womensSession: womensSession, mensSession: mensSession, allSession: allSession,
            cancelledSession: cancelledSession, femaleEnrollment: femaleEnrollment, plan: plan)
    }
}

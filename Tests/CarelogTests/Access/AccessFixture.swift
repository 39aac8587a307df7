import Carelog
import Foundation
import Postgres
import Testing

/// The import fixture grown to two therapists at two sites sharing a group, with
/// a login for each role (names unique to the test's database, because roles are
/// cluster-wide and tests run in parallel).
///
/// Who sees what, worked out by hand from the rows below:
///
/// - T001 (therapist, NYC) is assigned 00912 (primary) and 00913 (secondary) and
///   facilitates AA-AM, NYC's open 12-step group, so it can also find 00916 (NYC,
///   T002's patient) when he walks in.
/// - T003 (therapist, LAX) is assigned 00914 and 00915 and, as a second therapist,
///   00913 from 2026-10-01; it facilitates LAX-AA. AA-AM is shared: 00913 attended it.
/// - D001 is an unlimited director, D002 a director limited to LAX, A001 an auditor.
///
/// Rows after loading: patients 5, episodes 5, assignments 7, plans 2, sessions 5,
/// attendance 6, assessments 3, screens 2, enrollments 2.
struct AccessFixture {
    let database: TestDatabase
    let therapist: String
    let otherTherapist: String
    let director: String
    let siteDirector: String
    let auditor: String

    init() throws {
        database = try TestDatabase()
        try ImportFixture.load(into: database)
        for (kind, csv) in AccessFixture.extraFiles {
            try importCSV(kind, csv, into: database)
        }
        let suffix = "_" + database.name
        therapist = "t001" + suffix
        otherTherapist = "t003" + suffix
        director = "d001" + suffix
        siteDirector = "d002" + suffix
        auditor = "a001" + suffix
        let (console, _) = Console.recording()
        for (login, staff, role, site) in [
            (therapist, "T001", "therapist", nil), (otherTherapist, "T003", "therapist", nil),
            (director, "D001", "director", nil), (siteDirector, "D002", "director", "LAX"), (auditor, "A001", "auditor", nil),
        ] as [(String, String, String, String?)] {
            try UserOperation.add(
                target: database.target, login: login, staffID: staff, role: role, site: site, password: nil, console: console)
        }
    }

    static let extraFiles: [(String, String)] = [
        ("staff", """
            staff_id,first_name,last_name,role,credentials,site_code,active
            T003,Cy,Dunn,therapist,LMFT,LAX,true
            D002,Eve,Park,director,PsyD,LAX,true
            A001,Ida,Kerr,auditor,,NYC,true
            """),
        ("patients", """
            mrn,first_name,last_name,date_of_birth,gender,site_code
            00915,Lou,Marr,1979-07-07,female,LAX
            00916,Ned,Ames,1982-03-03,male,NYC
            """),
        ("episodes", """
            mrn,admitted_on,level_of_care,discharged_on,discharge_reason
            00915,2026-09-01,3.5,,
            00916,2026-09-01,3.7,,
            """),
        ("assignments", """
            mrn,staff_id,role,starts_on,ends_on
            00914,T003,primary,2026-10-01,
            00915,T003,primary,2026-09-01,
            00913,T003,secondary,2026-10-01,
            00916,T002,primary,2026-09-01,
            """),
        ("groups", """
            group_code,name,modality,gender_focus,kind,site_code,capacity,facilitator
            LAX-AA,Los Angeles 12-step,twelve_step,all,open,LAX,40,T003
            """),
        ("sessions", """
            group_code,starts_at,duration_minutes,facilitator,status
            LAX-AA,2026-10-05 09:00,60,T003,held
            """),
        ("attendance", """
            group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
            LAX-AA,2026-10-05 09:00,00914,present,60,T003,2026-10-05 10:05
            LAX-AA,2026-10-05 09:00,00915,late,40,T003,2026-10-05 10:05
            """),
    ]

    func target(as login: String) -> DatabaseTarget {
        var parameters = database.parameters
        parameters["user"] = login
        return DatabaseTarget(source: .option, connectionString: "", overrides: parameters)
    }

    func connect(as login: String) throws -> Connection {
        var parameters = database.parameters
        parameters["user"] = login
        return try Connection(connectionString: "", overrides: parameters)
    }

    /// Records a roll through `carelog attendance record` as `login`.
    func record(
        as login: String, group: String, at: String, by: String, correcting reason: String? = nil, _ entries: [(String, [String])]
    ) throws {
        var roll = AttendanceOperation.Roll()
        for (status, mrns) in entries { roll.add(status, mrns) }
        let (console, _) = Console.recording()
        try AttendanceOperation.record(
            target: target(as: login), groupCode: group, startsAt: at, by: by, roll: roll, newSession: true,
            correctionReason: reason, console: console)
    }

    /// Row counts of the patient-data tables as `login` sees them through plain SQL.
    func visibleCounts(as login: String) throws -> [String: Int] {
        let connection = try connect(as: login)
        defer { connection.close() }
        var counts: [String: Int] = [:]
        for table in AccessFixture.patientTables {
            counts[table] = try connection.count("carelog.\(table)")
        }
        return counts
    }

    static let patientTables = [
        "patient", "episode", "therapist_assignment", "treatment_plan", "plan_requirement", "plan_goal", "plan_review",
        "group_enrollment", "group_session", "attendance", "assessment", "drug_screen",
    ]
}

import Carelog
import Foundation
import Testing

/// A small, hand-checkable world as import files: two sites in different zones,
/// staff, three patients (female, male, nonbinary), their episodes, a plan, three
/// groups (open 12-step for all, closed women's process, closed men's relapse
/// prevention), sessions (one cancelled) and attendance.
enum ImportFixture {
    static let files: [(kind: String, csv: String)] = [
        ("sites", """
            site_code,name,timezone
            NYC,New York House,America/New_York
            LAX,Los Angeles House,America/Los_Angeles
            """),
        ("staff", """
            staff_id,first_name,last_name,role,credentials,site_code,active
            T001,Ana,Reyes,therapist,LCSW,NYC,true
            T002,Ben,Okafor,counselor,CADC,NYC,yes
            D001,Dora,Lind,director,PhD,NYC,
            """),
        ("patients", """
            mrn,first_name,last_name,date_of_birth,gender,site_code
            00912,Fay,Moss,1990-04-01,female,NYC
            00913,Gus,Hale,1985-11-30,male,NYC
            00914,Kit,Vale,2001-02-14,nonbinary,LAX
            """),
        ("episodes", """
            mrn,admitted_on,level_of_care,discharged_on,discharge_reason
            00912,2026-09-01,3.5,,
            00913,2026-09-15,3.7,2026-10-20,completed
            00914,2026-10-01,2.1,,
            """),
        ("assignments", """
            mrn,staff_id,role,starts_on,ends_on
            00912,T001,primary,2026-09-01,
            00913,T002,primary,2026-09-15,2026-10-19
            00913,T001,secondary,2026-09-15,
            """),
        ("plans", """
            plan_code,mrn,created_on,author,review_interval_days,closed_on
            P-912,00912,2026-09-02,T001,30,
            P-913,00913,2026-09-16,T002,,2026-10-20
            """),
        ("plan-requirements", """
            plan_code,modality,sessions_per_week
            P-912,twelve_step,7
            P-912,process,2
            P-913,relapse_prevention,1.5
            """),
        ("goals", """
            plan_code,goal_code,domain,description,target_date,status,status_on
            P-912,G1,substance_use,"Abstain; attend daily meetings",2026-12-01,open,
            P-913,G1,relapse,Identify triggers,2026-10-15,met,2026-10-14
            """),
        ("reviews", """
            plan_code,reviewed_on,reviewer,note
            P-912,2026-10-02,T001,On track
            """),
        ("groups", """
            group_code,name,modality,gender_focus,kind,site_code,capacity,facilitator
            AA-AM,Morning 12-step,twelve_step,all,open,NYC,40,T001
            W-PROC,Women's process,process,women,closed,NYC,10,T002
            M-RP,Men's relapse prevention,relapse_prevention,men,closed,NYC,10,
            """),
        ("enrollments", """
            group_code,mrn,starts_on,ends_on
            W-PROC,00912,2026-09-05,
            M-RP,00913,2026-09-16,2026-10-19
            """),
        ("sessions", """
            group_code,starts_at,duration_minutes,facilitator,status
            AA-AM,2026-10-05 07:30,60,T001,held
            W-PROC,2026-10-05 18:00,90,T002,held
            AA-AM,2026-10-06 07:30,60,T001,cancelled
            M-RP,2026-10-07T17:00:00-04:00,60,T002,
            """),
        ("attendance", """
            group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
            AA-AM,2026-10-05 07:30,00912,present,60,T001,2026-10-05 08:35
            AA-AM,2026-10-05 07:30,00913,late,45,T001,2026-10-05 08:35
            W-PROC,2026-10-05 18:00,00912,absent,,T002,
            M-RP,2026-10-07 17:00,00913,left_early,30,T002,2026-10-07T22:00:00Z
            """),
        ("assessments", """
            mrn,instrument,administered_on,score
            00912,PHQ-9,2026-09-02,14
            00912,PHQ-9,2026-10-02,9
            00913,GAD-7,2026-09-16,12
            """),
        ("screens", """
            mrn,collected_on,result,substances
            00912,2026-09-10,negative,
            00913,2026-09-20,positive,"opioids, benzodiazepines"
            """),
    ]

    /// Rows each table holds after the fixture.
    static let expectedCounts: [String: Int] = [
        "site": 2, "staff": 3, "patient": 3, "episode": 3, "therapist_assignment": 3, "treatment_plan": 2,
        "plan_requirement": 3, "plan_goal": 2, "plan_review": 1, "care_group": 3, "group_enrollment": 2,
        "group_session": 4, "attendance": 4, "assessment": 3, "drug_screen": 2,
    ]

    static func csv(_ kind: String) -> String {
        files.first { $0.kind == kind }!.csv
    }

    /// Imports the whole fixture, kind by kind.
    static func load(into database: TestDatabase) throws {
        for file in files {
            try importCSV(file.kind, file.csv, into: database)
        }
    }
}

/// Imports CSV text through the same entry point as `carelog import`.
@discardableResult
func importCSV(
    _ kind: String, _ csv: String, into database: TestDatabase, dryRun: Bool = false, by staff: String? = nil, reason: String? = nil
) throws -> ImportSummary {
    let (console, _) = Console.recording()
    return try ImportOperation.run(
        target: database.target, kind: kind, input: .bytes(Array((csv + "\n").utf8)), dryRun: dryRun,
        actingStaff: staff, changeReason: reason, console: console)
}

/// Imports CSV text that must be refused; returns the listed problems as printed.
func refusedImport(_ kind: String, _ csv: String, into database: TestDatabase, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    do {
        try importCSV(kind, csv, into: database)
        Issue.record("the import was accepted", sourceLocation: sourceLocation)
        return []
    } catch let error as CarelogError {
        #expect(error.exitCode == 3, "\(error)", sourceLocation: sourceLocation)
        let lines = (error.suggestion ?? "").split(separator: "\n").map(String.init)
        return Array(lines.dropLast())
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return []
    }
}

extension TestDatabase {
    /// Row count of every table of the fixture.
    func tableCounts() throws -> [String: Int] {
        let connection = try connect()
        defer { connection.close() }
        var counts: [String: Int] = [:]
        for table in ImportFixture.expectedCounts.keys {
            counts[table] = try connection.count("carelog.\(table)")
        }
        return counts
    }
}

import Carelog
import Foundation
import Postgres
import Testing

// Every expected cell below was worked out by hand from ReportFixture (its doc
// comment lists the data set session by session); nothing was pasted from a run.
// Abbreviations in the comments: S1…S16 are the fixture's sessions, P present,
// L late, E left_early, A absent, X excused.

/// Loads the fixture into a fresh database and runs one report on it.
private func runGroupReport(_ name: String, month: String, site: String? = nil) throws -> ReportTable {
    let database = try TestDatabase()
    let connection = try database.connect()
    defer { connection.close() }
    try ReportFixture.load(into: connection)
    let report = try #require(try ReportCatalog.named(name))
    return try ReportRunner.run(report, connection: connection, period: try ReportPeriod(month: month), site: site)
}

/// Compares row by row, so that a failure names the row that differs.
private func expectGroupReportRows(
    _ table: ReportTable, _ expected: [[String?]], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(table.rows.count == expected.count, "row count", sourceLocation: sourceLocation)
    for (index, (actual, wanted)) in zip(table.rows, expected).enumerated() {
        #expect(actual == wanted, "row \(index + 1)", sourceLocation: sourceLocation)
    }
}

extension DatabaseTests {
    @Suite("report: group-attendance")
    struct GroupReportsGroupAttendanceTests {
        @Test("the header declares the report's columns in order")
        func columns() throws {
            let report = try #require(try ReportCatalog.named("group-attendance"))
            #expect(report.columns.map(\.name) == [
                "site_code", "group_code", "group_name", "modality", "gender_focus", "sessions_held",
                "sessions_cancelled", "unique_attendees", "attended", "late", "left_early", "absent", "excused",
                "attendance_rate_pct", "avg_attended_per_session",
            ])
            #expect(report.column(named: "attendance_rate_pct")?.kind == .percent(numerator: "attended", denominator: ["attended", "absent"]))
            #expect(report.column(named: "avg_attended_per_session")?.kind == .number(sources: ["attended", "sessions_held"]))
            #expect(report.column(named: "unique_attendees")?.kind == .distinct)
        }

        @Test("October 2026, all sites: site-local month, cancelled sessions, excused vs absent")
        func october() throws {
            let table = try runGroupReport("group-attendance", month: "2026-10")
            expectGroupReportRows(table, [
                // SMART-LA (LAX): held in October S14 (10-01 00:30 local), S15 (10-15 19:00 local, which is
                // 10-16 in UTC) and S16 (10-31 23:30 local, 11-01 in UTC) = 3; S13 (09-30 23:30 local, 10-01
                // in UTC) is September's. Records: Kit P, A, P → attended 2, absent 1, unique 1.
                // rate 2/3 = 66.67 → 66.7; avg 2/3 = 0.67 → 0.7.
                ["LAX", "SMART-LA", "SMART Recovery LA", "smart_recovery", "all",
                 "3", "0", "1", "2", "0", "0", "1", "0", "66.7", "0.7"],
                // AA-NYC: held S1, S2, S3, S5 (S5 at 23:30 on 10-31 is 11-01 03:30 UTC) = 4, S4 cancelled = 1.
                // S1 Fay P, Gus P, Jon L; S2 Fay P, Gus A, Jon X; S3 Fay E, Gus A, Ivy A, Jon P;
                // S5 Fay P, Ivy A, Jon A.
                // present 5 + late 1 (Jon S1) + left_early 1 (Fay S3) = attended 7; absent 5 (Gus S2, S3,
                // Ivy S3, S5, Jon S5); excused 1 (Jon S2). unique: Fay, Gus, Jon = 3 (Ivy never attended).
                // rate 7/(7+5) = 58.33 → 58.3; avg 7/4 = 1.75 → 1.8 (half away from zero).
                ["NYC", "AA-NYC", "Daily 12-step", "twelve_step", "all",
                 "4", "1", "3", "7", "1", "1", "5", "1", "58.3", "1.8"],
                // FAM-NYC: its only session (S12) was cancelled: listed, zero counts, rate and average
                // empty (zero denominators).
                ["NYC", "FAM-NYC", "Family group", "family", "all",
                 "0", "1", "0", "0", "0", "0", "0", "0", nil, nil],
                // M-RP: S10 Gus P, Jon A; S11 Gus L, Jon P. attended 3 (incl. late 1), absent 1, unique 2.
                // rate 3/4 = 75.0; avg 3/2 = 1.5.
                ["NYC", "M-RP", "Men's relapse prevention", "relapse_prevention", "men",
                 "2", "0", "2", "3", "1", "0", "1", "0", "75.0", "1.5"],
                // W-PROC: S6 Fay P; S7 Fay L, Ivy P; S8 Fay X, Ivy X; S9 Fay P, Ivy A.
                // attended 4 (incl. late 1), absent 1, excused 2 (in neither side of the rate), unique 2.
                // rate 4/5 = 80.0; avg 4/4 = 1.0.
                ["NYC", "W-PROC", "Women's process", "process", "women",
                 "4", "0", "2", "4", "1", "0", "1", "2", "80.0", "1.0"],
            ])
        }

        @Test("site filter: LAX only")
        func octoberLAX() throws {
            let table = try runGroupReport("group-attendance", month: "2026-10", site: "LAX")
            expectGroupReportRows(table, [
                ["LAX", "SMART-LA", "SMART Recovery LA", "smart_recovery", "all",
                 "3", "0", "1", "2", "0", "0", "1", "0", "66.7", "0.7"],
            ])
        }

        @Test("September 2026: the 23:30 session of 30 September is September's, the 00:30 one of 1 October is not")
        func september() throws {
            let table = try runGroupReport("group-attendance", month: "2026-09")
            expectGroupReportRows(table, [
                // Only S13 (LAX, 09-30 23:30 local = 10-01 06:30 UTC): Kit P, Max P.
                // held 1; attended 2, unique 2; rate 2/2 = 100.0; avg 2/1 = 2.0.
                // No NYC row: AA-NYC's first session, S1, is on 10-01.
                ["LAX", "SMART-LA", "SMART Recovery LA", "smart_recovery", "all",
                 "1", "0", "2", "2", "0", "0", "0", "0", "100.0", "2.0"],
            ])
        }

        @Test("a month with no session gives no row")
        func emptyMonth() throws {
            let table = try runGroupReport("group-attendance", month: "2026-11")
            #expect(table.rows.isEmpty)
        }
    }

    @Suite("report: patient-participation")
    struct GroupReportsPatientParticipationTests {
        @Test("the header declares the report's columns in order, MRN and name as protected kinds")
        func columns() throws {
            let report = try #require(try ReportCatalog.named("patient-participation"))
            #expect(report.columns.map(\.name) == [
                "site_code", "mrn", "patient_name", "level_of_care", "primary_therapist", "days_in_care",
                "required_sessions", "attended", "absent", "excused", "adherence_pct", "longest_absence_streak",
                "last_attended_at",
            ])
            #expect(report.column(named: "mrn")?.kind == .mrn)
            #expect(report.column(named: "patient_name")?.kind == .name)
            #expect(report.column(named: "required_sessions")?.kind == .number(sources: []))
            #expect(report.column(named: "adherence_pct")?.kind == .percent(numerator: nil, denominator: []))
            #expect(report.column(named: "longest_absence_streak")?.kind == .count)
            #expect(report.column(named: "last_attended_at")?.kind == .timestamp)
        }

        @Test("October 2026, all sites: admissions, discharges, plan changes, streaks")
        func october() throws {
            let table = try runGroupReport("patient-participation", month: "2026-10")
            expectGroupReportRows(table, [
                // Kit (LAX): in care all 31 days. P-2001 smart_recovery 1.75/wk → 1.75 × 31 / 7 = 7.75 → 7.8
                // (half away from zero). S14 P, S15 A, S16 P → attended 2, absent 1.
                // adherence 100 × 2 / 7.75 = 25.81 → 25.8. Streak: P, A, P → 1.
                // Last attended S16, shown at LAX wall time 23:30 on 10-31 (UTC says 11-01 06:30).
                ["LAX", "02001", "Vale, Kit", "2.5", "Park, Lee", "31", "7.8", "2", "1", "0", "25.8", "1",
                 "2026-10-31 23:30"],
                // Fay: in care 31 days. P-1001 (7 + 2)/wk × 31 / 7 = 279/7 = 39.857 → 39.9.
                // S1 P, S2 P, S6 P, S7 L, S3 E, S8 X, S9 P, S5 P → attended 7, absent 0, excused 1.
                // adherence 100 × 7 / (279/7) = 4900/279 = 17.56 → 17.6. No absence → streak 0.
                // Primary on 10-31: T003 Diaz (T001's assignment ended 10-16, exclusive).
                ["NYC", "01001", "Moss, Fay", "3.5", "Diaz, Cora", "31", "39.9", "7", "0", "1", "17.6", "0",
                 "2026-10-31 23:30"],
                // Gus: discharged 10-20, so in care 10-01..10-19 = 19 days; last day in care 10-19, when
                // T002 Okafor is still primary (ends 10-20). P-1002 closed 10-10: active 10-01..10-09 = 9 days;
                // (3.5 + 7)/wk × 9 / 7 = 13.5. S1 P, S2 A, S10 P, S3 A, S11 L → attended 3, absent 2.
                // adherence 100 × 3 / 13.5 = 22.22 → 22.2. Streak: P, A, P, A, L → 1.
                ["NYC", "01002", "Hale, Gus", "3.7", "Okafor, Ben", "19", "13.5", "3", "2", "0", "22.2", "1",
                 "2026-10-19 17:00"],
                // Ivy: admitted 10-12 → 10-12..10-31 = 20 days. P-1003 process 3.5/wk × 20 / 7 = 10.0.
                // In start order: S7 (10-13) P, S3 (10-14) A, S8 (10-20) X, S9 (10-27) A, S5 (10-31) A
                // → attended 1, absent 3, excused 1; adherence 1/10 = 10.0.
                // Streak: the excused S8 neither breaks nor extends the run S3, S9, S5 → 3
                // (2 if excused broke runs, 4 if it extended them).
                ["NYC", "01003", "Chen, Ivy", "2.1", "Diaz, Cora", "20", "10.0", "1", "3", "1", "10.0", "3",
                 "2026-10-13 18:00"],
                // Jon: 31 days; P-1004 7/wk × 31 / 7 = 31.0. S1 L, S2 X, S10 A, S3 P, S11 P, S5 A →
                // attended 3, absent 2, excused 1; adherence 3/31 = 9.68 → 9.7. Streak 1.
                ["NYC", "01004", "Webb, Jon", "3.1", "Reyes, Ana", "31", "31.0", "3", "2", "1", "9.7", "1",
                 "2026-10-19 17:00"],
                // Max (discharged 10-01: not in care on any October day) has no row.
            ])
        }

        @Test("site filter: LAX only")
        func octoberLAX() throws {
            let table = try runGroupReport("patient-participation", month: "2026-10", site: "LAX")
            expectGroupReportRows(table, [
                ["LAX", "02001", "Vale, Kit", "2.5", "Park, Lee", "31", "7.8", "2", "1", "0", "25.8", "1",
                 "2026-10-31 23:30"],
            ])
        }

        @Test("September 2026 at LAX: the 23:30 session of 30 September counts for September")
        func septemberLAX() throws {
            let table = try runGroupReport("patient-participation", month: "2026-09", site: "LAX")
            expectGroupReportRows(table, [
                // Kit: admitted 09-20 → 09-20..09-30 = 11 days; 1.75 × 11 / 7 = 2.75 → 2.8.
                // S13 P → attended 1; adherence 100 × 1 / 2.75 = 36.36 → 36.4.
                ["LAX", "02001", "Vale, Kit", "2.5", "Park, Lee", "11", "2.8", "1", "0", "0", "36.4", "0",
                 "2026-09-30 23:30"],
                // Max: 09-01..09-30 = 30 days (discharged 10-01); P-2002 3.5 × 30 / 7 = 15.0.
                // S13 P → adherence 1/15 = 6.67 → 6.7. Primary on 09-30: T101 (ends 10-01).
                ["LAX", "02002", "Roe, Max", "3.3", "Park, Lee", "30", "15.0", "1", "0", "0", "6.7", "0",
                 "2026-09-30 23:30"],
            ])
        }
    }

    @Suite("report: therapist-caseload")
    struct GroupReportsTherapistCaseloadTests {
        @Test("the header declares the report's columns in order")
        func columns() throws {
            let report = try #require(try ReportCatalog.named("therapist-caseload"))
            #expect(report.columns.map(\.name) == [
                "site_code", "staff_id", "staff_name", "role", "primary_patients_end", "primary_patients_any",
                "new_primary_assignments", "sessions_facilitated", "attendance_logged", "plans_overdue",
                "caseload_attendance_rate_pct", "caseload_attended", "caseload_absent",
            ])
            #expect(report.column(named: "caseload_attendance_rate_pct")?.kind
                == .percent(numerator: "caseload_attended", denominator: ["caseload_attended", "caseload_absent"]))
            #expect(report.column(named: "staff_name")?.kind == .name)
            #expect(report.column(named: "staff_id")?.kind == .staff)
        }

        @Test("October 2026, all sites: primary change mid-month, overdue reviews, attendance logged")
        func october() throws {
            let table = try runGroupReport("therapist-caseload", month: "2026-10")
            expectGroupReportRows(table, [
                // T101: primary of Kit (Max's assignment ended 10-01, exclusive: not active in October).
                // Facilitated S14, S15, S16 = 3 (S13 is September's) and logged their 3 records.
                // Kit's P-2001: latest review 10-15 + 14 = 10-29, before 10-31 → 1 overdue.
                // Caseload: Kit P, A, P → 2/(2+1) = 66.7.
                ["LAX", "T101", "Park, Lee", "therapist", "1", "1", "0", "3", "3", "1", "66.7", "2", "1"],
                // T001: primary of Jon (open) and Fay until 10-16 → end 1, any 2, none new.
                // Facilitated S3, S6, S7 = 3 (FAM's S12 was cancelled). Logged S6 (1) + S7 (2) = 3 (S3 was
                // logged by T002). Jon's P-1004: the 11-02 review is after the period, so due = 09-01 + 30
                // = 10-01 → overdue 1. Caseload: Fay before 10-16 (S1 P, S2 P, S6 P, S7 L, S3 E) 5/0, plus
                // Jon (L, X, A, P, P, A) 3/2 → 8/(8+2) = 80.0.
                ["NYC", "T001", "Reyes, Ana", "therapist", "1", "2", "0", "3", "3", "1", "80.0", "8", "2"],
                // T002: primary of Gus until 10-20 → end 0, any 1. Facilitated S1, S2, S5 = 3 (S4 cancelled).
                // Logged S1 3 + S2 3 + S3 4 + S5 3 = 13. Gus: S1 P, S2 A, S10 P, S3 A, S11 L → 3/(3+2) = 60.0.
                ["NYC", "T002", "Okafor, Ben", "counselor", "0", "1", "0", "3", "13", "0", "60.0", "3", "2"],
                // T003: primary of Fay from 10-16 and Ivy from 10-12 → end 2, any 2, new 2.
                // Facilitated and logged S8, S9, S10, S11 → 4 sessions, 2 + 2 + 2 + 2 = 8 records.
                // Overdue 0: Fay's P-1001 due 10-02 + 30 = 11-01 (the earlier 09-10 review does not count);
                // Ivy's P-1003 due 10-12 + 19 = 10-31, the last day itself, not before it.
                // Caseload: Fay from 10-16 (S8 X, S9 P, S5 P) 2/0, Ivy (S7 P, S3 A, S8 X, S9 A, S5 A) 1/3
                // → 3/(3+3) = 50.0.
                ["NYC", "T003", "Diaz, Cora", "therapist", "2", "2", "2", "4", "8", "0", "50.0", "3", "3"],
                // T004: only a secondary assignment (Fay) → listed, all zeros, rate empty.
                ["NYC", "T004", "Stone, Eli", "counselor", "0", "0", "0", "0", "0", "0", nil, "0", "0"],
                // D001 has neither an assignment nor a session: no row.
            ])
        }

        @Test("site filter: LAX only")
        func octoberLAX() throws {
            let table = try runGroupReport("therapist-caseload", month: "2026-10", site: "LAX")
            expectGroupReportRows(table, [
                ["LAX", "T101", "Park, Lee", "therapist", "1", "1", "0", "3", "3", "1", "66.7", "2", "1"],
            ])
        }

        @Test("September 2026 at LAX")
        func septemberLAX() throws {
            let table = try runGroupReport("therapist-caseload", month: "2026-09", site: "LAX")
            expectGroupReportRows(table, [
                // T101 on 09-30: primary of Kit (from 09-20) and Max (until 10-01) → end 2, any 2, new 2.
                // Facilitated S13 (09-30 23:30 local) = 1, logged its 2 records.
                // Overdue as of 09-30: Max's P-2002 due 09-01 + 14 = 09-15 → 1; Kit's P-2001 due
                // 09-25 + 14 = 10-09 → no. Caseload: Kit P, Max P → 2/2 = 100.0.
                ["LAX", "T101", "Park, Lee", "therapist", "2", "2", "2", "1", "2", "1", "100.0", "2", "0"],
            ])
        }
    }
}

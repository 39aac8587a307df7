import Carelog
import Foundation
import Postgres
import Testing

// Every expected cell below was worked out by hand from OutcomeFixture (its doc comment
// tells each patient's story; the data are in its SQL); nothing was pasted from a run.
// Dates without a year are 2026. The period is October 2026: first day 10-01, last
// day 10-31. Episode, plan, assignment and enrollment end dates are exclusive.

/// Loads the outcome fixture into a fresh database and runs one report on it.
private func runOutcomeReport(_ name: String, month: String, site: String? = nil) throws -> ReportTable {
    let database = try TestDatabase()
    let connection = try database.connect()
    defer { connection.close() }
    try OutcomeFixture.load(into: connection)
    let report = try #require(try ReportCatalog.named(name))
    return try ReportRunner.run(report, connection: connection, period: try ReportPeriod(month: month), site: site)
}

/// Compares row by row, so that a failure names the row that differs.
private func expectOutcomeReportRows(
    _ table: ReportTable, _ expected: [[String?]], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(table.rows.count == expected.count, "row count", sourceLocation: sourceLocation)
    for (index, (actual, wanted)) in zip(table.rows, expected).enumerated() {
        #expect(actual == wanted, "row \(index + 1)", sourceLocation: sourceLocation)
    }
}

extension DatabaseTests {
    // MARK: - plan-status

    @Suite("report: plan-status")
    struct OutcomeReportsPlanStatusTests {
        @Test("the header declares the report's columns in order")
        func columns() throws {
            let report = try #require(try ReportCatalog.named("plan-status"))
            #expect(report.columns.map(\.name) == [
                "site_code", "active_plans_end", "reviews_done", "reviews_overdue_end", "goals_met",
                "goals_partially_met", "goals_not_met", "goals_open_end", "goal_attainment_pct",
            ])
            #expect(report.column(named: "site_code")?.kind == .code)
            for count in ["active_plans_end", "reviews_done", "reviews_overdue_end", "goals_met",
                          "goals_partially_met", "goals_not_met", "goals_open_end"] {
                #expect(report.column(named: count)?.kind == .count, "\(count)")
            }
            #expect(report.column(named: "goal_attainment_pct")?.kind
                == .percent(numerator: "goals_met", denominator: ["goals_met", "goals_partially_met", "goals_not_met"]))
        }

        @Test("October 2026, all sites: one row per site, no totals row")
        func october() throws {
            let table = try runOutcomeReport("plan-status", month: "2026-10")
            expectOutcomeReportRows(table, [
                // LAX plans: P-2001 (closed 10-20), P-2002 (closed 10-08), P-2003 (closed 10-29),
                // P-2004A (closed 09-30), P-2004 (created 10-02, open).
                // active on 10-31: P-2004 only = 1.
                // reviews in October: P-2001 10-09, P-2004 10-14 = 2 (P-2004A 09-01 is September's).
                // overdue: P-2004 due 10-14 + 30 = 11-13, not before 10-31 → 0.
                // met: P-2001 G1 (10-19) = 1 (P-2004 G2 met on 11-03 is not in October);
                // partially met: P-2003 G1 (10-28) = 1; not met: P-2002 G1 (10-08) = 1.
                // open goals of active plans: P-2004 G1 = 1. attainment 1 / (1+1+1) = 33.33 → 33.3.
                ["LAX", "1", "2", "0", "1", "1", "1", "1", "33.3"],
                // NYC plans: P-1001 (closed 10-15), P-1003 (closed 10-10), P-1004 (open),
                // P-1005 (created 11-03, after the period).
                // active on 10-31: P-1004 = 1 (P-1005 not created yet).
                // reviews in October: P-1001 10-01, P-1003 10-02 = 2 (P-1004's are 09-30 and 11-02).
                // overdue: P-1004's latest review on or before 10-31 is 09-30 (11-02 is later):
                // due 09-30 + 30 = 10-30 < 10-31 → 1.
                // met: P-1001 G1 (10-14), P-1004 G1 (10-12) = 2 (P-1003 G1 met 09-20 is not counted);
                // partially met: P-1001 G2 (10-14) = 1; not met: P-1003 G2 (10-09), P-1004 G2 (10-20) = 2;
                // P-1004 G4 discontinued counts nowhere.
                // open goals of active plans: P-1004 G3 = 1 (P-1001 G3 is open but its plan closed 10-15).
                // attainment 2 / (2+1+2) = 40.0.
                ["NYC", "1", "2", "1", "2", "1", "2", "1", "40.0"],
            ])
        }

        @Test("October 2026, site LAX: only LAX's row")
        func octoberLAX() throws {
            let table = try runOutcomeReport("plan-status", month: "2026-10", site: "LAX")
            expectOutcomeReportRows(table, [
                ["LAX", "1", "2", "0", "1", "1", "1", "1", "33.3"],
            ])
        }

        @Test("July 2026: every site has its row, with zeros and an empty attainment")
        func july() throws {
            // The first plan (P-1003) is created on 08-01: nothing is active on 07-31, no review,
            // no goal status in July; 0 / 0 → empty.
            let table = try runOutcomeReport("plan-status", month: "2026-07")
            expectOutcomeReportRows(table, [
                ["LAX", "0", "0", "0", "0", "0", "0", "0", nil],
                ["NYC", "0", "0", "0", "0", "0", "0", "0", nil],
            ])
        }
    }

    // MARK: - outcomes

    @Suite("report: outcomes")
    struct OutcomeReportsOutcomesTests {
        @Test("the header declares the report's columns in order")
        func columns() throws {
            let report = try #require(try ReportCatalog.named("outcomes"))
            #expect(report.columns.map(\.name) == [
                "site_code", "discharge_reason", "discharges", "share_pct", "median_length_of_stay_days",
                "completion_rate_pct", "positive_outcome_rate_pct", "readmitted_within_30d", "avg_phq9_change",
                "avg_gad7_change", "positive_screen_rate_pct", "completion_rate_lt50_pct",
                "completion_rate_50_79_pct", "completion_rate_ge80_pct",
            ])
            #expect(report.column(named: "discharges")?.kind == .count)
            #expect(report.column(named: "readmitted_within_30d")?.kind == .count)
            #expect(report.column(named: "median_length_of_stay_days")?.kind == .number(sources: ["discharges"]))
            #expect(report.column(named: "avg_phq9_change")?.kind == .number(sources: ["discharges"]))
            #expect(report.column(named: "share_pct")?.kind == .percent(numerator: nil, denominator: []))
            #expect(report.column(named: "completion_rate_ge80_pct")?.kind == .percent(numerator: nil, denominator: []))
        }

        // The October discharges, per episode (window = [admitted_on, discharged_on] for scores
        // and screens; attended = present, late or left_early on a local date in
        // [admitted_on, discharged_on); required = Σ sessions_per_week × plan-active days of the
        // episode / 7):
        //
        // | ep   | site | reason      | LOS | readm. | PHQ-9      | GAD-7      | screens | attended / required     | band |
        // |------|------|-------------|-----|--------|------------|------------|---------|-------------------------|------|
        // | 1001 | NYC  | completed   | 44  | no     | 8-18 = -10 | 9-14 = -5  | 1 of 4  | 3 / (0.5×42/7 = 3) = 1  | ≥80  |
        // | 1002 | NYC  | left_a._a.  | 1   | 20 d   | one score  | none       | 1 of 1  | 0 / 0 (no plan)         | none |
        // | 1003 | NYC  | transferred | 70  | 31 d   | 19-22 = -3 | 12-10 = +2 | 0 of 2  | 4 / (0.5×70/7 = 5) = .8 | ≥80  |
        // | 2001 | LAX  | completed   | 41  | 16 d   | 10-16 = -6 | 6-15 = -9  | 2 of 3  | 2 / (1×35/7 = 5) = .4   | <50  |
        // | 2002 | LAX  | left_a._a.  | 14  | no     | 13-12 = +1 | one score  | 0 of 1  | 1 / (1×14/7 = 2) = .5   | 50–79|
        // | 2003 | LAX  | completed   | 28  | no     | 9-14 = -5  | 5-12 = -7  | 1 of 3  | 5 / (1.5×28/7 = 6)      | ≥80  |
        //
        // Details: 1001 09-01→10-15: 30 + 14 = 44 days; PHQ-9 09-02 18, 09-20 12, 10-15 8 (the
        //   discharge day is in the window); screens 09-05 neg, 09-25 pos, 10-10 neg, 10-15 dilute;
        //   plan P-1001 09-03→10-15 = 42 days; attended N-AA 09-10 P, 09-17 L, 10-01 E (10-08
        //   absent, N-PROC 10-07 and 10-14 excused).
        // 1002 10-05→10-05: 0 days, counted 1; next admission 10-25 (20 days); PHQ-9 10-26 and the
        //   screen 10-26 belong to the next episode; its only plan-less episode requires nothing.
        // 1003 08-01→10-10: 31 + 30 + 9 = 70; next admission 11-10 = 31 days → not readmitted;
        //   PHQ-9 07-25 (25) and the screen 07-30 (pos) are before the admission; attended N-AA
        //   08-20, 09-10, 09-17, 10-08 (10-01 excused).
        // 2001 09-09→10-20: 22 + 19 = 41; next admission 11-05 (16 days); PHQ-9 09-10 16, 10-20 10
        //   (11-06 is the next episode's); GAD-7 09-10 15, 10-01 11, 10-19 6; screens 09-12 pos,
        //   10-01 pos, 10-10 refused (11-07 is the next episode's); plan P-2001 09-15→10-20 = 35
        //   days; attended L-AA 09-20 P, 10-04 L (09-27 and 10-11 absent; 11-06 next episode).
        // 2002 09-24→10-08: 7 + 7 = 14; screen 09-30 neg; plan P-2002 14 days; attended L-AA
        //   09-27 (10-04 absent).
        // 2003 10-01→10-29: 28; screens 10-02 neg, 10-16 pos, 10-27 neg; plan P-2003 10-01→10-29
        //   requires process 1 + twelve_step 0.5 a week; attended L-AA 10-04, 10-11, L-PROC 10-05,
        //   10-19 (E), 10-26 (L); 10-12 absent. (BAM scores are ignored.)
        @Test("October 2026, all sites: reason rows, site totals, grand total")
        func october() throws {
            let table = try runOutcomeReport("outcomes", month: "2026-10")
            expectOutcomeReportRows(table, [
                // LAX completed = 2001, 2003. share 2/3 = 66.67 → 66.7; median of 41, 28 = 34.5;
                // completed 2/2; positive 2/2; readmitted 2001 = 1; PHQ-9 (-6 + -5)/2 = -5.5;
                // GAD-7 (-9 + -7)/2 = -8.0; screens (2+1)/(3+3) = 50.0;
                // <50: 2001 completed 1/1 = 100.0; 50–79: none; ≥80: 2003 completed 1/1 = 100.0.
                ["LAX", "completed", "2", "66.7", "34.5", "100.0", "100.0", "1", "-5.5", "-8.0", "50.0",
                 "100.0", nil, "100.0"],
                // LAX left_against_advice = 2002. share 1/3 = 33.3; median 14; GAD-7 has one score → empty;
                // screens 0/1; 50–79: 2002 not completed 0/1 = 0.0.
                ["LAX", "left_against_advice", "1", "33.3", "14.0", "0.0", "0.0", "0", "1.0", nil, "0.0",
                 nil, "0.0", nil],
                // LAX total = 2001, 2002, 2003. median of 14, 28, 41 = 28; completed 2/3 = 66.7;
                // positive 2/3 = 66.7; readmitted 1; PHQ-9 (-6 - 5 + 1)/3 = -3.33 → -3.3; GAD-7 -8.0;
                // screens 3/7 = 42.86 → 42.9; <50 1/1; 50–79 0/1; ≥80 1/1.
                ["LAX", "total", "3", "100.0", "28.0", "66.7", "66.7", "1", "-3.3", "-8.0", "42.9",
                 "100.0", "0.0", "100.0"],
                // NYC completed = 1001. share 1/3 = 33.3; median 44; screens 1/4 = 25.0; ≥80 1/1.
                ["NYC", "completed", "1", "33.3", "44.0", "100.0", "100.0", "0", "-10.0", "-5.0", "25.0",
                 nil, nil, "100.0"],
                // NYC left_against_advice = 1002 (same-day stay). LOS 1; readmitted (20 days) = 1;
                // one PHQ-9 score in the window → empty; screens 1/1 = 100.0; in no band.
                ["NYC", "left_against_advice", "1", "33.3", "1.0", "0.0", "0.0", "1", nil, nil, "100.0",
                 nil, nil, nil],
                // NYC transferred = 1003. median 70; not completed, but a positive outcome;
                // readmission after 31 days not counted; screens 0/2 = 0.0; ≥80 (exactly 80 %) 0/1 = 0.0.
                ["NYC", "transferred", "1", "33.3", "70.0", "0.0", "100.0", "0", "-3.0", "2.0", "0.0",
                 nil, nil, "0.0"],
                // NYC total = 1001, 1002, 1003. median of 1, 44, 70 = 44; completed 1/3 = 33.3;
                // positive (1001 + 1003) 2/3 = 66.7; readmitted 1; PHQ-9 (-10 - 3)/2 = -6.5;
                // GAD-7 (-5 + 2)/2 = -1.5; screens (1+1+0)/(4+1+2) = 2/7 = 28.57 → 28.6;
                // ≥80: 1001 completed, 1003 not → 1/2 = 50.0.
                ["NYC", "total", "3", "100.0", "44.0", "33.3", "66.7", "1", "-6.5", "-1.5", "28.6",
                 nil, nil, "50.0"],
                // All sites: 6 discharges. median of 1, 14, 28, 41, 44, 70 = (28 + 41)/2 = 34.5;
                // completed 3/6 = 50.0; positive 4/6 = 66.67 → 66.7; readmitted 1002, 2001 = 2;
                // PHQ-9 (-10 - 3 - 6 + 1 - 5)/5 = -23/5 = -4.6; GAD-7 (-5 + 2 - 9 - 7)/4 = -4.75 → -4.8
                // (half away from zero); screens (1+1+0+2+0+1)/(4+1+2+3+1+3) = 5/14 = 35.71 → 35.7;
                // <50: 2001 1/1 = 100.0; 50–79: 2002 0/1 = 0.0; ≥80: 1001, 1003, 2003 → 2/3 = 66.7.
                ["all", "total", "6", "100.0", "34.5", "50.0", "66.7", "2", "-4.6", "-4.8", "35.7",
                 "100.0", "0.0", "66.7"],
            ])
        }

        @Test("October 2026, site LAX: LAX's rows and its total, no grand total")
        func octoberLAX() throws {
            let table = try runOutcomeReport("outcomes", month: "2026-10", site: "LAX")
            expectOutcomeReportRows(table, [
                ["LAX", "completed", "2", "66.7", "34.5", "100.0", "100.0", "1", "-5.5", "-8.0", "50.0",
                 "100.0", nil, "100.0"],
                ["LAX", "left_against_advice", "1", "33.3", "14.0", "0.0", "0.0", "0", "1.0", nil, "0.0",
                 nil, "0.0", nil],
                ["LAX", "total", "3", "100.0", "28.0", "66.7", "66.7", "1", "-3.3", "-8.0", "42.9",
                 "100.0", "0.0", "100.0"],
            ])
        }

        @Test("September 2026: a readmission the next day, an episode with nothing attended")
        func september() throws {
            // The only September discharge: 2004, 08-01 → 09-30 completed. LOS 30 + 30 = 60;
            // next admission 10-01, 1 day later → readmitted; no scores, no screens → empty;
            // plan P-2004A 08-02 → 09-30 = 59 days × 3 a week / 7 = 25.3 required, nothing
            // attended → 0 % → <50 band, completed 1/1 = 100.0.
            let table = try runOutcomeReport("outcomes", month: "2026-09")
            let row: [String?] = ["LAX", "completed", "1", "100.0", "60.0", "100.0", "100.0", "1", nil, nil, nil,
                                  "100.0", nil, nil]
            var total = row
            total[1] = "total"
            var all = total
            all[0] = "all"
            expectOutcomeReportRows(table, [row, total, all])
        }

        @Test("a month without discharges has no rows, not even totals")
        func emptyMonth() throws {
            let table = try runOutcomeReport("outcomes", month: "2026-12")
            #expect(table.rows.isEmpty)
        }
    }

    // MARK: - documentation-gaps

    @Suite("report: documentation-gaps")
    struct OutcomeReportsDocumentationGapsTests {
        @Test("the header declares the report's columns in order, with a separate mrn column")
        func columns() throws {
            let report = try #require(try ReportCatalog.named("documentation-gaps"))
            #expect(report.columns.map(\.name) == ["kind", "site_code", "mrn", "subject", "since", "details"])
            #expect(report.column(named: "kind")?.kind == .code)
            #expect(report.column(named: "mrn")?.kind == .mrn)
            #expect(report.column(named: "subject")?.kind == .detail)
            #expect(report.column(named: "since")?.kind == .date)
            #expect(report.column(named: "details")?.kind == .detail)
        }

        // What the fixture holds for October and why each other candidate is not a problem:
        // - attendance_recorded_late: N-AA 10-22 07:30 ended 08:30 (EDT); 1004's record at
        //   10-23 09:30 is 25 h later → late; 1005's at 10-23 08:30 exactly 24 h → not late.
        //   L-PROC 10-26 10:00 lasts 90 min: 2004's record at 10-27 11:00 is 25 h after the start
        //   but 23.5 h after the end → not late. 2002's record of L-AA 09-27 came on 10-05, but
        //   that session is September's. All other records: 3 h after the start.
        // - enrolled_patient_not_recorded: N-PROC 10-14 18:00 — 1005 (enrolled since 10-02, in
        //   care) has no record. Not flagged: N-PROC 10-21 for 1001 (enrolled, but discharged
        //   10-15) and 1004 (enrollment ended 10-19); L-PROC 10-30 for 2003 (discharged 10-29).
        //   Excused and absent records count as records.
        // - held_session_without_attendance: N-AA 10-13 07:30 and L-AA 10-31 23:30 (local; UTC is
        //   11-01 06:30). Not flagged: N-AA 10-15 (cancelled), L-AA 09-30 22:00 local (10-01
        //   05:00 UTC, but September's).
        // - in_care_without_primary_therapist: 1004, in care all 31 days, primary T001 until 10-10
        //   (exclusive) and T003 from 10-17: uncovered 10-10 … 10-16 = 7 days (the secondary
        //   assignment from 10-10 does not count). 2003, in care 10-01 … 10-28 = 28 days, primary
        //   from 10-03: uncovered 10-01, 10-02 = 2 days. 1002's same-day stay has no day in care.
        // - no_plan_after_7_days: in care on 10-31 are 1002 (admitted 10-25: only 6 days before,
        //   not flagged though planless), 1004 (P-1004 09-16), 1005 (P-1005 is created 11-03,
        //   after the period → flagged, since 10-02 + 7 = 10-09; 31 - 2 = 29 days), 2004 (P-2004
        //   10-02).
        // - plan_review_overdue: P-1004, latest review on or before 10-31 is 09-30 → due 10-30.
        // - roll_not_closed: N-AA 10-22 07:30, two sign-ins, the only open session with
        //   sign-ins whose roll the fixture leaves open. Not flagged: N-AA 10-13 (no sign-in,
        //   no closing: held_session_without_attendance instead).
        // - note_missing: every held October session someone attended (present, late, left
        //   early): the fixture has no notes, and 72 h have passed since each ended. Not
        //   flagged: L-PROC 10-12 (only absent and excused), the sessions without attendance.
        // Order: kind, site_code, since, subject.
        @Test("October 2026, all sites: one row per problem")
        func october() throws {
            let table = try runOutcomeReport("documentation-gaps", month: "2026-10")
            expectOutcomeReportRows(table, [
                ["attendance_recorded_late", "NYC", "1004", "N-AA 2026-10-22 07:30", "2026-10-22",
                 "recorded 2026-10-23 09:30, 25.0 h after the session ended at 2026-10-22 08:30"],
                ["enrolled_patient_not_recorded", "NYC", "1005", "N-PROC 2026-10-14 18:00", "2026-10-14",
                 "enrolled since 2026-10-02; no attendance record for this session"],
                ["held_session_without_attendance", "LAX", nil, "L-AA 2026-10-31 23:30", "2026-10-31",
                 "held session (60 min, facilitator T002) has no attendance record"],
                ["held_session_without_attendance", "NYC", nil, "N-AA 2026-10-13 07:30", "2026-10-13",
                 "held session (60 min, facilitator T001) has no attendance record"],
                ["in_care_without_primary_therapist", "LAX", "2003", "episode admitted 2026-10-01", "2026-10-01",
                 "no primary therapist on 2 of 28 days in care in the period"],
                ["in_care_without_primary_therapist", "NYC", "1004", "episode admitted 2026-09-15", "2026-10-10",
                 "no primary therapist on 7 of 31 days in care in the period"],
                ["no_plan_after_7_days", "NYC", "1005", "episode admitted 2026-10-02", "2026-10-09",
                 "no treatment plan created in the episode, admitted 29 days before 2026-10-31"],
                ["note_missing", "LAX", nil, "L-AA 2026-10-04 12:00", "2026-10-04",
                 "no signed note 72 h after the session ended at 2026-10-04 13:00 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-PROC 2026-10-05 10:00", "2026-10-05",
                 "no signed note 72 h after the session ended at 2026-10-05 11:30 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-AA 2026-10-11 12:00", "2026-10-11",
                 "no signed note 72 h after the session ended at 2026-10-11 13:00 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-PROC 2026-10-19 10:00", "2026-10-19",
                 "no signed note 72 h after the session ended at 2026-10-19 11:30 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-PROC 2026-10-26 10:00", "2026-10-26",
                 "no signed note 72 h after the session ended at 2026-10-26 11:30 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-PROC 2026-10-30 10:00", "2026-10-30",
                 "no signed note 72 h after the session ended at 2026-10-30 11:30 (facilitator T002; no draft)"],
                ["note_missing", "NYC", nil, "N-AA 2026-10-01 07:30", "2026-10-01",
                 "no signed note 72 h after the session ended at 2026-10-01 08:30 (facilitator T001; no draft)"],
                ["note_missing", "NYC", nil, "N-PROC 2026-10-07 18:00", "2026-10-07",
                 "no signed note 72 h after the session ended at 2026-10-07 19:00 (facilitator T001; no draft)"],
                ["note_missing", "NYC", nil, "N-AA 2026-10-08 07:30", "2026-10-08",
                 "no signed note 72 h after the session ended at 2026-10-08 08:30 (facilitator T001; no draft)"],
                ["note_missing", "NYC", nil, "N-PROC 2026-10-14 18:00", "2026-10-14",
                 "no signed note 72 h after the session ended at 2026-10-14 19:00 (facilitator T001; no draft)"],
                ["note_missing", "NYC", nil, "N-PROC 2026-10-21 18:00", "2026-10-21",
                 "no signed note 72 h after the session ended at 2026-10-21 19:00 (facilitator T001; no draft)"],
                ["note_missing", "NYC", nil, "N-AA 2026-10-22 07:30", "2026-10-22",
                 "no signed note 72 h after the session ended at 2026-10-22 08:30 (facilitator T001; no draft)"],
                ["plan_review_overdue", "NYC", "1004", "P-1004", "2026-10-30",
                 "last reviewed on 2026-09-30; review every 30 days"],
                ["roll_not_closed", "NYC", nil, "N-AA 2026-10-22 07:30", "2026-10-22",
                 "2 signed in; the roll was never closed (facilitator T001)"],
            ])
        }

        @Test("October 2026, site LAX: only LAX's problems")
        func octoberLAX() throws {
            let table = try runOutcomeReport("documentation-gaps", month: "2026-10", site: "LAX")
            expectOutcomeReportRows(table, [
                ["held_session_without_attendance", "LAX", nil, "L-AA 2026-10-31 23:30", "2026-10-31",
                 "held session (60 min, facilitator T002) has no attendance record"],
                ["in_care_without_primary_therapist", "LAX", "2003", "episode admitted 2026-10-01", "2026-10-01",
                 "no primary therapist on 2 of 28 days in care in the period"],
                ["note_missing", "LAX", nil, "L-AA 2026-10-04 12:00", "2026-10-04",
                 "no signed note 72 h after the session ended at 2026-10-04 13:00 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-PROC 2026-10-05 10:00", "2026-10-05",
                 "no signed note 72 h after the session ended at 2026-10-05 11:30 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-AA 2026-10-11 12:00", "2026-10-11",
                 "no signed note 72 h after the session ended at 2026-10-11 13:00 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-PROC 2026-10-19 10:00", "2026-10-19",
                 "no signed note 72 h after the session ended at 2026-10-19 11:30 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-PROC 2026-10-26 10:00", "2026-10-26",
                 "no signed note 72 h after the session ended at 2026-10-26 11:30 (facilitator T002; no draft)"],
                ["note_missing", "LAX", nil, "L-PROC 2026-10-30 10:00", "2026-10-30",
                 "no signed note 72 h after the session ended at 2026-10-30 11:30 (facilitator T002; no draft)"],
            ])
        }
    }
}

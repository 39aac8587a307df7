import Postgres

/// A small, hand-checkable data set for the group reports (group-attendance,
/// patient-participation, therapist-caseload), month under test October 2026.
///
/// Local times below are wall times at the group's site. New York is on EDT
/// (UTC−4) and Los Angeles on PDT (UTC−7) for the whole of September and
/// October 2026 (DST ends on 1 November).
///
/// Sites: NYC (America/New_York), LAX (America/Los_Angeles).
///
/// Staff:
///   T001 Ana Reyes    therapist  NYC
///   T002 Ben Okafor   counselor  NYC
///   T003 Cora Diaz    therapist  NYC
///   T004 Eli Stone    counselor  NYC  (only a secondary assignment)
///   D001 Dora Lind    director   NYC  (no assignment, no session: in no caseload row)
///   T101 Lee Park     therapist  LAX
///
/// Patients, episodes, primary therapists, plans:
///   01001 Fay Moss   F NYC  3.5  admitted 2026-09-01, open
///         primary T001 2026-09-01 to 2026-10-15 (last day), then T003 from 2026-10-16 (mid-month change);
///         secondary T004 from 2026-09-01
///         P-1001 created 2026-09-02, interval 30, reviews 09-10 and 10-02 (due 11-01: not overdue);
///                twelve_step 7/wk + process 2/wk
///   01002 Gus Hale   M NYC  3.7  admitted 2026-09-15, discharged 2026-10-20 (mid-month; 10-20 not in care)
///         primary T002 2026-09-15 to 2026-10-19 (last day)
///         P-1002 created 2026-09-16, CLOSED 2026-10-10 (mid-month); relapse_prevention 3.5/wk + twelve_step 7/wk
///   01003 Ivy Chen   F NYC  2.1  admitted 2026-10-12 (mid-month), open
///         primary T003 from 2026-10-12
///         P-1003 created 2026-10-12, interval 19, no review (due 10-31 = the last day: not overdue); process 3.5/wk
///   01004 Jon Webb   M NYC  3.1  admitted 2026-08-01, open
///         primary T001 from 2026-08-01
///         P-1004 created 2026-08-01, interval 30, reviews 09-01 and 11-02 (the November review is after
///                October: as of 10-31 the plan is due 10-01, overdue); twelve_step 7/wk
///   02001 Kit Vale   nonbinary LAX 2.5 admitted 2026-09-20, open
///         primary T101 from 2026-09-20
///         P-2001 created 2026-09-20, interval 14, reviews 09-25 and 10-15 (due 10-29: overdue in October);
///                smart_recovery 1.75/wk
///   02002 Max Roe    M LAX  3.3  admitted 2026-09-01, discharged 2026-10-01 (not in care in October)
///         primary T101 2026-09-01 to 2026-09-30 (last day)
///         P-2002 created 2026-09-01, CLOSED 2026-10-01, interval 14, no review; smart_recovery 3.5/wk
///
/// Groups and sessions (P present, L late, E left_early, A absent, X excused; "by" = recorded_by):
///   AA-NYC   Daily 12-step        twelve_step        all   open   NYC
///     S1  2026-10-01 07:30 held  fac T002  by T002: Fay P, Gus P, Jon L
///     S2  2026-10-05 07:30 held  fac T002  by T002: Fay P, Gus A, Jon X
///     S3  2026-10-14 07:30 held  fac T001  by T002: Fay E, Gus A, Ivy A, Jon P
///     S4  2026-10-22 07:30 CANCELLED fac T002
///     S5  2026-10-31 23:30 held  fac T002  by T002: Fay P, Ivy A, Jon A   (UTC: 2026-11-01 03:30)
///   W-PROC   Women's process      process            women  closed NYC
///     S6  2026-10-06 18:00 held  fac T001  by T001: Fay P
///     S7  2026-10-13 18:00 held  fac T001  by T001: Fay L, Ivy P
///     S8  2026-10-20 18:00 held  fac T003  by T003: Fay X, Ivy X
///     S9  2026-10-27 18:00 held  fac T003  by T003: Fay P, Ivy A
///   (W-PROC enrolls Fay from 2026-10-06 and Ivy from 2026-10-13; M-RP Gus and Jon from 2026-10-08.)
///   M-RP     Men's relapse prevention relapse_prevention men closed NYC
///     S10 2026-10-08 17:00 held  fac T003  by T003: Gus P, Jon A
///     S11 2026-10-19 17:00 held  fac T003  by T003: Gus L, Jon P
///   FAM-NYC  Family group         family             all   closed NYC
///     S12 2026-10-10 10:00 CANCELLED fac T001 (the group's only session)
///   SMART-LA SMART Recovery LA    smart_recovery     all   open   LAX
///     S13 2026-09-30 23:30 held  fac T101  by T101: Kit P, Max P      (UTC: 2026-10-01 06:30; SEPTEMBER)
///     S14 2026-10-01 00:30 held  fac T101  by T101: Kit P
///     S15 2026-10-15 19:00 held  fac T101  by T101: Kit A
///     S16 2026-10-31 23:30 held  fac T101  by T101: Kit P            (UTC: 2026-11-01 06:30)
///
/// 16 sessions, 29 attendance records.
enum ReportFixture {
    static let fixtureName = "reports"

    /// Inserts the data set into a fresh (migrated, empty) test database.
    static func load(into connection: Connection) throws {
        try connection.executeScript(try FixtureSQL.named(Self.fixtureName))
    }
}

import Postgres

/// A small, hand-built world for the `plan-status`, `outcomes` and `documentation-gaps`
/// reports, month under test October 2026 (all of it daylight-saving time: New York is
/// UTC-4, Los Angeles UTC-7). Every number the tests expect is worked out by hand from
/// this data; see OutcomeReportsTests.swift.
///
/// Sites NYC (America/New_York) and LAX (America/Los_Angeles); staff T001, T003, D001
/// (NYC) and T002 (LAX). Nine patients:
///
/// | MRN  | site | episodes (discharge date exclusive)               | story |
/// |------|------|---------------------------------------------------|-------|
/// | 1001 | NYC  | 09-01 → 10-15 completed (LOS 44)                  | plan P-1001 closed mid-month (10-15); adherence 3 / 3 = 100 % |
/// | 1002 | NYC  | 10-05 → 10-05 left_against_advice (same day, LOS 1); 10-25 → open | readmitted after 20 days; no plan, but admitted only 6 days before 10-31 |
/// | 1003 | NYC  | 08-01 → 10-10 transferred (LOS 70); 11-10 → open  | readmitted after 31 days (not counted); adherence 4 / 5 = exactly 80 % |
/// | 1004 | NYC  | 09-15 → open                                      | plan P-1004 review overdue (due 10-30); no primary therapist 10-10 … 10-16; one record entered 25 h after the session ended |
/// | 1005 | NYC  | 10-02 → open                                      | no plan (P-1005 is only created 11-03); enrolled in N-PROC but not recorded on 10-14 |
/// | 2001 | LAX  | 09-09 → 10-20 completed (LOS 41); 11-05 → open    | readmitted after 16 days; adherence 2 / 5 = 40 % |
/// | 2002 | LAX  | 09-24 → 10-08 left_against_advice (LOS 14)        | adherence 1 / 2 = exactly 50 % |
/// | 2003 | LAX  | 10-01 → 10-29 completed (LOS 28)                  | two requirements, adherence 5 / 6; no primary therapist 10-01, 10-02 |
/// | 2004 | LAX  | 08-01 → 09-30 completed; 10-01 → open             | plan P-2004 reviewed 10-14, not overdue; one record entered 25 h after the start of a 90-minute session (23.5 h after its end) |
///
/// Groups: N-AA (open) and N-PROC (closed) in NYC, L-AA (open) and L-PROC (closed,
/// 90-minute sessions) in LAX. Held October sessions without any attendance: N-AA
/// 10-13 07:30 and L-AA 10-31 23:30 (local; 11-01 06:30 UTC). Not in October: L-AA
/// 09-30 22:00 local (10-01 05:00 UTC), also without attendance. N-AA 10-15 is
/// cancelled. Attendance is recorded 3 hours after the session started unless the
/// row gives a local recorded time. The open groups' rolls with sign-ins are closed
/// (sql/019), but for N-AA 10-22 07:30.
enum OutcomeFixture {
    /// Inserts the whole data set into a freshly migrated database.
    static func load(into connection: Connection) throws {
        try connection.executeScript(try FixtureSQL.named(Self.fixtureName))
    }

    static let fixtureName = "outcomes"
}

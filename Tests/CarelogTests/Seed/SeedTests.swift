@testable import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("seed")
    struct SeedTests {
        /// Small: one site, two months (a few tens of thousands of attendance rows).
        static let endMonth = try! ReportPeriod(month: "2025-06")

        static let tables = [
            "site", "staff", "patient", "episode", "therapist_assignment", "treatment_plan", "plan_requirement",
            "plan_goal", "plan_review", "care_group", "group_enrollment", "group_session", "attendance",
            "roll_closure", "assessment", "outcome_measure", "drug_screen", "session_note", "participant_note", "note_addendum",
        ]

        @discardableResult
        static func seed(_ database: TestDatabase, seed: Int = 1, months: Int = 2) throws -> SeedSummary {
            let (console, _) = Console.recording()
            return try SeedOperation.seed(
                target: database.target, scale: 1, seed: seed, endMonth: endMonth, months: months, console: console)
        }

        /// Row counts per table and digests of the natural keys of what was seeded.
        static func fingerprint(_ database: TestDatabase) throws -> [String: String] {
            let connection = try database.connect()
            defer { connection.close() }
            var result: [String: String] = [:]
            for table in tables {
                result[table] = String(try connection.count("carelog.\(table)"))
            }
            result["attendance md5"] = try connection.scalar("""
                SELECT md5(string_agg(g.group_code || '|' || extract(epoch FROM s.starts_at) || '|' || p.mrn || '|'
                                      || a.status || '|' || coalesce(a.minutes_attended::text, '') || '|'
                                      || extract(epoch FROM a.recorded_at) || '|' || st.staff_id,
                                      ',' ORDER BY g.group_code, s.starts_at, p.mrn))
                  FROM carelog.attendance a
                  JOIN carelog.group_session s ON s.id = a.session_id
                  JOIN carelog.care_group g ON g.id = s.group_id
                  JOIN carelog.patient p ON p.id = a.patient_id
                  JOIN carelog.staff st ON st.id = a.recorded_by_id
                """)
            result["episode md5"] = try connection.scalar("""
                SELECT md5(string_agg(p.mrn || '|' || p.gender || '|' || p.first_name || '|' || p.last_name || '|'
                                      || p.date_of_birth || '|' || e.admitted_on || '|' || e.level_of_care || '|'
                                      || coalesce(e.discharged_on::text, '') || '|' || coalesce(e.discharge_reason, ''),
                                      ',' ORDER BY p.mrn, e.admitted_on))
                  FROM carelog.episode e JOIN carelog.patient p ON p.id = e.patient_id
                """)
            result["assessment md5"] = try connection.scalar("""
                SELECT md5(string_agg(p.mrn || '|' || a.instrument || '|' || a.administered_on || '|' || a.score,
                                      ',' ORDER BY p.mrn, a.instrument, a.administered_on))
                  FROM carelog.assessment a JOIN carelog.patient p ON p.id = a.patient_id
                """)
            result["note md5"] = try connection.scalar("""
                SELECT md5(string_agg(g.group_code || '|' || extract(epoch FROM s.starts_at) || '|' || n.status || '|'
                                      || n.topic || '|' || coalesce(extract(epoch FROM n.signed_at)::text, '') || '|'
                                      || coalesce(extract(epoch FROM n.cosigned_at)::text, '') || '|'
                                      || (SELECT count(*) FROM carelog.participant_note pn WHERE pn.session_note_id = n.id),
                                      ',' ORDER BY g.group_code, s.starts_at))
                  FROM carelog.session_note n
                  JOIN carelog.group_session s ON s.id = n.session_id
                  JOIN carelog.care_group g ON g.id = s.group_id
                """)
            return result
        }

        @Test("notes: only the intern's (T0108) await a co-signature; none is signed after the period; sections only of attendees")
        func notes() throws {
            let database = try TestDatabase()
            try Self.seed(database, months: 1)
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.scalar("""
                SELECT string_agg(DISTINCT f.staff_id || ':' || n.cosign_required, ' ')
                  FROM carelog.session_note n JOIN carelog.staff f ON f.id = n.signed_by_id
                 WHERE f.staff_id IN ('T0101', 'T0108')
                """) == "T0101:false T0108:true")
            // The period is June 2025 in America/New_York: nothing signed or co-signed after it.
            #expect(try connection.scalar("""
                SELECT count(*) FROM carelog.session_note
                 WHERE signed_at > '2025-07-01 04:00Z' OR cosigned_at > '2025-07-01 04:00Z'
                """) == "0")
            #expect(try connection.scalar("""
                SELECT count(*) FROM carelog.participant_note pn
                  JOIN carelog.session_note n ON n.id = pn.session_note_id
                  LEFT JOIN carelog.attendance a ON a.session_id = n.session_id AND a.patient_id = pn.patient_id
                 WHERE a.status IS NULL OR a.status NOT IN ('present', 'late', 'left_early')
                """) == "0")
            // Some of every fate: drafts, signed late (> 72 h), awaiting and co-signed.
            #expect(try connection.scalar("""
                SELECT bool_and(c > 0)::text FROM (VALUES
                    ((SELECT count(*) FROM carelog.session_note WHERE status = 'draft')),
                    ((SELECT count(*) FROM carelog.session_note n JOIN carelog.group_session s ON s.id = n.session_id
                       WHERE n.signed_at > s.starts_at + make_interval(mins => s.duration_minutes) + interval '72 hours')),
                    ((SELECT count(*) FROM carelog.session_note WHERE cosign_required AND cosigned_at IS NULL)),
                    ((SELECT count(*) FROM carelog.session_note WHERE cosigned_at IS NOT NULL)),
                    ((SELECT count(*) FROM carelog.note_addendum))) AS t(c)
                """) == "true")
        }

        @Test("same parameters give identical data; another seed gives different data")
        func determinism() throws {
            let first = try TestDatabase(), second = try TestDatabase(), other = try TestDatabase()
            let summary = try Self.seed(first)
            try Self.seed(second)
            try Self.seed(other, seed: 2)

            let a = try Self.fingerprint(first), b = try Self.fingerprint(second), c = try Self.fingerprint(other)
            #expect(a == b)
            #expect(a["attendance md5"] != c["attendance md5"])
            #expect(a["episode md5"] != c["episode md5"])
            // The summary counts what is in the tables.
            for table in Self.tables {
                #expect(String(summary.count(table)) == a[table], "\(table)")
            }
            // Small enough for a unit test, big enough to mean something.
            let attendance = summary.count("attendance")
            #expect(attendance > 8_000 && attendance < 40_000, "\(attendance)")
        }

        @Test("the seeded data keeps the rules and has the intended shape")
        func invariantsAndMix() throws {
            let database = try TestDatabase()
            try Self.seed(database, months: 3)
            let connection = try database.connect()
            defer { connection.close() }
            func int(_ query: SQLQuery) throws -> Int { Int(try connection.scalar(query) ?? "") ?? -1 }
            func double(_ query: SQLQuery) throws -> Double { Double(try connection.scalar(query) ?? "") ?? -1 }

            // No patient has two open episodes, and episodes never overlap.
            #expect(try int("SELECT count(*) FROM (SELECT patient_id FROM carelog.episode WHERE discharged_on IS NULL GROUP BY patient_id HAVING count(*) > 1) x") == 0)
            #expect(try int("""
                SELECT count(*) FROM carelog.episode a JOIN carelog.episode b
                  ON a.patient_id = b.patient_id AND a.id < b.id
                 AND daterange(a.admitted_on, a.discharged_on) && daterange(b.admitted_on, b.discharged_on)
                """) == 0)
            // Census per day: never over 120, and near it (the seed keeps the beds full).
            let census = try connection.query("""
                SELECT max(n) AS high, min(n) AS low FROM (
                    SELECT d, count(*) AS n
                      FROM generate_series(DATE '2025-04-01', DATE '2025-06-30', '1 day') AS d
                      JOIN carelog.episode e ON e.admitted_on <= d AND (e.discharged_on IS NULL OR d < e.discharged_on)
                     GROUP BY d) x
                """)
            let high: Int = try census[0].decode("high"), low: Int = try census[0].decode("low")
            #expect(high <= 120 && low >= 100, "census \(low)–\(high)")
            // Every attendance row's patient is in care on the session's local day, the
            // session is held, the gender focus admits the patient (the triggers ensure
            // it; this checks the seed did not get around them).
            #expect(try int("""
                SELECT count(*) FROM carelog.attendance a
                  JOIN carelog.group_session s ON s.id = a.session_id
                  JOIN carelog.care_group g ON g.id = s.group_id
                  JOIN carelog.site st ON st.id = g.site_id
                  JOIN carelog.patient p ON p.id = a.patient_id
                 WHERE s.status <> 'held'
                    OR NOT carelog.gender_focus_admits(g.gender_focus, p.gender)
                    OR NOT EXISTS (SELECT 1 FROM carelog.episode e
                                    WHERE e.patient_id = a.patient_id
                                      AND e.admitted_on <= carelog.site_local_date(s.starts_at, st.timezone)
                                      AND (e.discharged_on IS NULL OR carelog.site_local_date(s.starts_at, st.timezone) < e.discharged_on))
                """) == 0)
            // Every day in care of an episode has a primary therapist, except the few late assignments.
            let uncovered = try double("""
                SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM carelog.therapist_assignment t
                                              WHERE t.patient_id = e.patient_id AND t.role = 'primary'
                                                AND t.starts_on <= e.admitted_on + 3
                                                AND (t.ends_on IS NULL OR e.admitted_on + 3 <= t.ends_on))
                                THEN 0 ELSE 1 END)
                  FROM carelog.episode e
                 WHERE coalesce(e.discharged_on, DATE '2025-07-01') > e.admitted_on + 3
                """)
            #expect(uncovered < 0.01, "\(uncovered)")
            // Discharge reasons roughly as specified.
            let reasons = try connection.query("""
                SELECT discharge_reason AS reason, count(*)::float8 / sum(count(*)) OVER () AS share
                  FROM carelog.episode WHERE discharged_on IS NOT NULL GROUP BY discharge_reason
                """)
            var share: [String: Double] = [:]
            for row in reasons { share[try row.decode("reason")] = try row.decode("share") }
            #expect((0.35...0.55).contains(share["completed"] ?? 0), "\(share)")
            #expect((0.17...0.33).contains(share["left_against_advice"] ?? 0), "\(share)")
            #expect((0.06...0.18).contains(share["transferred"] ?? 0), "\(share)")
            #expect((0.03...0.14).contains(share["terminated_by_facility"] ?? 0), "\(share)")
            let other = (share["other"] ?? 0) + (share["incarcerated"] ?? 0) + (share["death"] ?? 0)
            #expect((0.05...0.16).contains(other), "\(share)")
            // Attendance status mix.
            let statuses = try connection.query("""
                SELECT status, count(*)::float8 / sum(count(*)) OVER () AS share FROM carelog.attendance GROUP BY status
                """)
            var status: [String: Double] = [:]
            for row in statuses { status[try row.decode("status")] = try row.decode("share") }
            // (Absences vary by patient, therapist, group and month: see 041 and 130.)
            #expect((0.58...0.75).contains(status["present"] ?? 0), "\(status)")
            #expect((0.15...0.32).contains(status["absent"] ?? 0), "\(status)")
            #expect((0.02...0.06).contains(status["excused"] ?? 0), "\(status)")
            #expect((0.015...0.045).contains(status["late"] ?? 0), "\(status)")
            #expect((0.015...0.045).contains(status["left_early"] ?? 0), "\(status)")
            // Readmissions within 30 days exist; some sessions are cancelled; some records are late.
            #expect(try int("""
                SELECT count(*) FROM carelog.episode a JOIN carelog.episode b
                  ON b.patient_id = a.patient_id AND b.admitted_on - a.discharged_on BETWEEN 0 AND 30
                """) > 0)
            let cancelled = try double("SELECT avg((status = 'cancelled')::int) FROM carelog.group_session")
            #expect(cancelled > 0.01 && cancelled < 0.06, "\(cancelled)")
            #expect(try int("""
                SELECT count(*) FROM carelog.attendance a JOIN carelog.group_session s ON s.id = a.session_id
                 WHERE a.recorded_at > s.starts_at + make_interval(mins => s.duration_minutes) + interval '24 hours'
                """) > 0)
            // PHQ-9 falls for completers; positive screens fall over the stay.
            #expect(try double("""
                SELECT avg(last.score - first.score) FROM carelog.episode e
                  CROSS JOIN LATERAL (SELECT score FROM carelog.assessment a WHERE a.patient_id = e.patient_id
                       AND a.instrument = 'PHQ-9' AND a.administered_on >= e.admitted_on AND a.administered_on < e.discharged_on
                       ORDER BY administered_on LIMIT 1) AS first
                  CROSS JOIN LATERAL (SELECT score FROM carelog.assessment a WHERE a.patient_id = e.patient_id
                       AND a.instrument = 'PHQ-9' AND a.administered_on >= e.admitted_on AND a.administered_on < e.discharged_on
                       ORDER BY administered_on DESC LIMIT 1) AS last
                 WHERE e.discharge_reason = 'completed'
                """) < -2)
            let early = try double("""
                SELECT avg((d.result = 'positive')::int) FROM carelog.drug_screen d
                  JOIN carelog.episode e ON e.patient_id = d.patient_id AND d.collected_on >= e.admitted_on
                   AND (e.discharged_on IS NULL OR d.collected_on < e.discharged_on)
                 WHERE d.collected_on - e.admitted_on < 7
                """)
            let late = try double("""
                SELECT avg((d.result = 'positive')::int) FROM carelog.drug_screen d
                  JOIN carelog.episode e ON e.patient_id = d.patient_id AND d.collected_on >= e.admitted_on
                   AND (e.discharged_on IS NULL OR d.collected_on < e.discharged_on)
                 WHERE d.collected_on - e.admitted_on >= 21
                """)
            #expect(early > late + 0.1, "early \(early), late \(late)")
            // Every table got rows, and the audit trail recorded the seed and still verifies.
            for table in Self.tables {
                #expect(try connection.count("carelog.\(table)") > 0, "\(table)")
            }
            #expect(try int("SELECT count(*) FROM carelog.audit_change WHERE table_name = 'attendance'")
                    == (try connection.count("carelog.attendance")))
        }

        @Test("the seeded program is believable: sessions by level of care, group sizes, adherence and rates that differ")
        func believableShape() throws {
            let database = try TestDatabase()
            try Self.seed(database, months: 3)
            let connection = try database.connect()
            defer { connection.close() }
            func double(_ query: SQLQuery) throws -> Double { Double(try connection.scalar(query) ?? "") ?? -1 }

            // Attendance records per week in care, by level of care: residents most of
            // the daily meetings, outpatients two or three groups a week.
            let perWeek = try connection.query("""
                WITH records AS (
                    SELECT e.level_of_care, count(*) AS n
                      FROM carelog.attendance a
                      JOIN carelog.group_session s ON s.id = a.session_id
                      JOIN carelog.care_group g ON g.id = s.group_id
                      JOIN carelog.site st ON st.id = g.site_id
                      JOIN carelog.episode e ON e.patient_id = a.patient_id
                       AND e.admitted_on <= carelog.site_local_date(s.starts_at, st.timezone)
                       AND (e.discharged_on IS NULL OR carelog.site_local_date(s.starts_at, st.timezone) < e.discharged_on)
                     GROUP BY e.level_of_care),
                days AS (
                    SELECT level_of_care,
                           sum(least(coalesce(discharged_on, DATE '2025-07-01'), DATE '2025-07-01')
                               - greatest(admitted_on, DATE '2025-04-01')) AS n
                      FROM carelog.episode
                     WHERE coalesce(discharged_on, DATE '2025-07-01') > DATE '2025-04-01'
                     GROUP BY level_of_care)
                SELECT r.level_of_care AS level, 7.0 * r.n / d.n AS per_week FROM records r JOIN days d USING (level_of_care)
                """)
            var week: [String: Double] = [:]
            for row in perWeek { week[try row.decode("level")] = try row.decode("per_week", as: Double.self) }
            for level in ["3.7", "3.5", "3.1"] {
                #expect((14.0...26.0).contains(week[level] ?? 0), "\(level): \(week)")
            }
            for level in ["2.5", "2.1", "1.0"] {
                #expect((1.5...3.5).contains(week[level] ?? 0), "\(level): \(week)")
            }

            // Process groups: 8–12 attending a session on average, each group 6–15.
            let sizes = try connection.query("""
                SELECT g.group_code AS code, avg(n)::float8 AS size
                  FROM (SELECT s.group_id, count(*) FILTER (WHERE a.status IN ('present', 'late', 'left_early')) AS n
                          FROM carelog.group_session s JOIN carelog.attendance a ON a.session_id = s.id
                         GROUP BY s.id, s.group_id) x
                  JOIN carelog.care_group g ON g.id = x.group_id
                 WHERE g.modality = 'process' AND g.gender_focus <> 'all'
                 GROUP BY g.group_code
                """)
            var groupSizes: [Double] = []
            for row in sizes { groupSizes.append(try row.decode("size", as: Double.self)) }
            #expect(groupSizes.count == 5)
            #expect(groupSizes.allSatisfy { (6.0...15.0).contains($0) }, "\(groupSizes)")
            let meanSize = groupSizes.reduce(0, +) / Double(max(1, groupSizes.count))
            #expect((8.0...12.0).contains(meanSize), "\(groupSizes)")

            // The last month's reports: adherence spread over the three bands (each at
            // least 10% of the patients with a plan), above 100% rare; attendance rates
            // that differ by group and by therapist.
            let period = Self.endMonth
            let participation = try ReportRunner.run(
                try #require(try ReportCatalog.named("patient-participation")), connection: connection, period: period, site: nil)
            let adherence = participation.values("adherence_pct").compactMap { $0.flatMap(Double.init) }
            #expect(adherence.count > 100)
            let share = { (range: Range<Double>) in Double(adherence.filter { range.contains($0) }.count) / Double(adherence.count) }
            #expect(share(0..<50) >= 0.10, "under 50%: \(share(0..<50))")
            #expect(share(50..<80) >= 0.10, "50–79%: \(share(50..<80))")
            #expect(share(80..<Double.infinity) >= 0.10, "80% or more: \(share(80..<Double.infinity))")
            #expect(share(100.05..<Double.infinity) < 0.10, "above 100%: \(share(100.05..<Double.infinity))")
            let groups = try ReportRunner.run(
                try #require(try ReportCatalog.named("group-attendance")), connection: connection, period: period, site: nil)
            let groupRates = groups.values("attendance_rate_pct").compactMap { $0.flatMap(Double.init) }
            #expect(groupRates.count == 12)
            #expect((groupRates.max() ?? 0) - (groupRates.min() ?? 0) >= 8, "\(groupRates)")
            let caseload = try ReportRunner.run(
                try #require(try ReportCatalog.named("therapist-caseload")), connection: connection, period: period, site: nil)
            let therapistRates = caseload.values("caseload_attendance_rate_pct").compactMap { $0.flatMap(Double.init) }
            #expect((therapistRates.max() ?? 0) - (therapistRates.min() ?? 0) >= 5, "\(therapistRates)")

            // Rates drift from month to month: some group's monthly rate moves by 3 points or more.
            #expect(try double("""
                SELECT max(high - low) FROM (
                    SELECT g.id, max(rate) AS high, min(rate) AS low FROM (
                        SELECT s.group_id, date_trunc('month', s.starts_at) AS month,
                               100.0 * count(*) FILTER (WHERE a.status IN ('present', 'late', 'left_early'))
                                     / nullif(count(*) FILTER (WHERE a.status IN ('present', 'late', 'left_early', 'absent')), 0) AS rate
                          FROM carelog.group_session s JOIN carelog.attendance a ON a.session_id = s.id
                         GROUP BY 1, 2) m
                      JOIN carelog.care_group g ON g.id = m.group_id GROUP BY g.id) x
                """) >= 3)

            // A few patients stop coming and then leave against advice: every record of
            // their last three days in care absent (at least six of them).
            #expect(try double("""
                SELECT count(*) FROM (
                    SELECT e.id
                      FROM carelog.episode e
                      JOIN carelog.attendance a ON a.patient_id = e.patient_id
                      JOIN carelog.group_session s ON s.id = a.session_id
                     WHERE e.discharge_reason = 'left_against_advice'
                       AND s.starts_at >= (e.discharged_on - 3)::timestamp AT TIME ZONE 'UTC'
                       AND s.starts_at < e.discharged_on::timestamp AT TIME ZONE 'UTC'
                     GROUP BY e.id
                    HAVING count(*) >= 6 AND bool_and(a.status = 'absent')) x
                """) >= 3)

            // Late documentation for a minority of sessions (0.5–10% of held sessions).
            let late = try double("""
                SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM carelog.attendance a WHERE a.session_id = s.id
                                               AND a.recorded_at > s.starts_at + make_interval(mins => s.duration_minutes) + interval '24 hours')
                                THEN 1.0 ELSE 0.0 END)
                  FROM carelog.group_session s WHERE s.status = 'held'
                """)
            #expect(late > 0.005 && late < 0.10, "\(late)")
        }

        @Test("a second seed of the same database is refused and changes nothing")
        func secondSeedRefused() throws {
            let database = try TestDatabase()
            try Self.seed(database, months: 1)
            let before = try Self.fingerprint(database)
            let connection = try database.connect()
            defer { connection.close() }
            let auditBefore = try connection.count("carelog.audit_batch")
            do {
                try Self.seed(database, seed: 7, months: 1)
                Issue.record("the second seed was not refused")
            } catch let error as CarelogError {
                #expect(error.category == .usage)
                #expect(error.message.contains("already holds records"), "\(error.message)")
                #expect(error.suggestion?.contains("seed an empty database") == true)
            }
            #expect(try Self.fingerprint(database) == before)
            #expect(try connection.count("carelog.audit_batch") == auditBefore)
        }

        @Test("a database with only a site imported is refused too")
        func partlyFilledRefused() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            try connection.query("INSERT INTO carelog.site (site_code, name, timezone) VALUES ('X1', 'Elsewhere', 'UTC')")
            #expect(throws: CarelogError.self) { try Self.seed(database, months: 1) }
            #expect(try connection.count("carelog.patient") == 0)
            #expect(try connection.count("carelog.site") == 1)
        }

        @Test("every file of queries/seed is a step of the seed, in file order, and every table is counted")
        func everyFileIsAStep() throws {
            let files = StoredQuery.paths(under: "seed")
            #expect(files.count == 33)
            #expect(SeedStep.all.map(\.path) == files)
            let counted = SeedStep.all.compactMap { step -> String? in
                switch step.kind {
                case .insert(let table, _), .monthly(let table, _): return table
                case .requireEmpty, .script, .parameters: return nil
                }
            }
            #expect(counted == Self.tables)
        }

        @Test("the month arithmetic of the period")
        func period() throws {
            #expect(SeedOperation.monthBounds(lastMonth: try ReportPeriod(month: "2026-02"), months: 3)
                    == ["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"])
            let plan = try SeedOperation.makePlan(scale: 1, seed: 1, lastMonth: try ReportPeriod(month: "2024-03"), months: 12)
            #expect(plan.start == "2023-04-01" && plan.end == "2024-04-01" && plan.days == 366)
        }
    }
}

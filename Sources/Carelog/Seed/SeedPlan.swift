import Foundation

/// The SQL of `carelog seed`: set-based statements, run in order in one transaction.
///
/// How the reference data is built (everything inside PostgreSQL):
///
/// * **Randomness** never comes from `random()`. Every draw is a hash of the seed, a
///   "salt" naming the draw and the natural key of what is drawn for (a stay, a
///   session, a day), via `hashint8extended`, so the same seed gives the same data
///   whatever plan the server picks, and no draw depends on a surrogate id (which a
///   sequence consumed by an earlier, rolled-back transaction could shift).
/// * **Census**: each site has 120 beds (places); each bed holds a chain of stays
///   back to back, with a gap of 0–2 days between them (1–29 days before a
///   readmission). One stay per bed at a time keeps the census at or under 120 by
///   construction, and near it because the gaps are short. The chains start up to
///   60 days before the first month, so the program is full on the first day.
/// * **Readmissions**: about 10% of stays readmit the patient of the bed's previous
///   stay (never after a death), 1–29 days after that discharge; a patient's
///   episodes therefore follow one another on one bed and never overlap.
/// * Stays still running at the end of the last month are open episodes (the
///   current census): no discharge date, no reason, nothing dated after the period.
/// * Staging tables are `pg_temp` tables dropped at commit; every row of carelog's
///   own tables is written by an ordinary INSERT … SELECT, through all constraints
///   and triggers (attendance rules, audit trail).
struct SeedPlan {
    /// Number of sites (1...99).
    let scale: Int
    let seed: Int
    /// First day of the first month, ISO.
    let start: String
    /// First day after the last month, ISO (exclusive end).
    let end: String
    /// Days from start to end.
    let days: Int
    /// First days of each month, plus the end: the attendance is written a month per statement.
    let monthBounds: [String]

    static let beds = 120
    /// How far before the first month the bed chains begin.
    static let lookBackDays = 60

    /// Stays generated per bed: far more than ever needed (the mean stay with its gap
    /// is about 40 days; the shortest 1), the surplus is filtered out.
    var staysPerBed: Int { (days + Self.lookBackDays) / 6 + 10 }

    // MARK: - Deterministic draws

    /// A uniform draw in [0, 1) for `key` (and `key2`), independent for each salt.
    func u(_ salt: Int, _ key: String, _ key2: String? = nil) -> String {
        let stream = "current_setting('carelog.seed_stream')::int8 + \(salt &* 7_919)"
        if let key2 {
            return "((hashint8extended((\(key))::int8, hashint8extended((\(key2))::int8, (\(stream))::int8)) & 2147483647)::float8 / 2147483648.0)"
        }
        return "((hashint8extended((\(key))::int8, (\(stream))::int8) & 2147483647)::float8 / 2147483648.0)"
    }

    /// An element of a text array literal picked by a draw.
    func pick(_ values: [String], _ draw: String) -> String {
        let literal = values.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",")
        return "(ARRAY[\(literal)])[1 + floor(\(draw) * \(values.count))::int]"
    }

    // The run's own values (seed, scale, period) reach the SQL as transaction-local
    // settings bound as parameters (`parameters`), never as text in the statements.
    var p0: String { "current_setting('carelog.seed_start')::date" }
    var p1: String { "current_setting('carelog.seed_end')::date" }
    var scaleSQL: String { "current_setting('carelog.seed_scale')::int" }

    /// The settings the statements read, for `set_config(name, value, true)`.
    var parameters: [(name: String, value: String)] {
        [("carelog.seed_stream", String(seed &* 1_000_003)), ("carelog.seed_scale", String(scale)),
         ("carelog.seed_start", start), ("carelog.seed_end", end), ("carelog.seed_stays_per_bed", String(staysPerBed))]
    }

    // MARK: - Names

    static let siteNames = ["Riverside", "Lakeview", "Cedar Hill", "Harbor Point", "Mesa Verde",
                            "Pine Ridge", "Bayside", "Willow Creek", "Summit", "Prairie View"]
    static let timezones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]
    static let femaleNames = ["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica",
                              "Sarah", "Karen", "Lisa", "Nancy", "Ashley", "Emily", "Michelle", "Amanda",
                              "Melissa", "Stephanie", "Rebecca", "Laura", "Maria", "Rosa", "Aisha", "Mei"]
    static let maleNames = ["James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph",
                            "Thomas", "Christopher", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Steven",
                            "Andrew", "Joshua", "Kevin", "Brian", "Jose", "Luis", "Malik", "Wei"]
    static let neutralNames = ["Alex", "Jordan", "Taylor", "Casey", "Riley", "Jamie", "Morgan", "Avery",
                               "Quinn", "Sam", "Charlie", "Rowan"]
    static let lastNames = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
                            "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
                            "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
                            "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
                            "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "O'Brien",
                            "Kim", "Patel", "Begay", "Yazzie", "Chen", "Okafor", "Novak"]

    // MARK: - Statements

    /// Session settings for the transaction. Work memory for the hash joins of the
    /// bigger statements; no parallel plans (not needed for determinism here, since
    /// no draw depends on row order, but the statements are write-bound anyway).
    var settings: [String] {
        [
            "SET LOCAL work_mem = '64MB'",
            "SET LOCAL max_parallel_workers_per_gather = 0",
        ]
    }

    var sites: String {
        """
        INSERT INTO carelog.site (site_code, name, timezone)
        SELECT 'S' || to_char(n, 'FM00'),
               (ARRAY[\(Self.siteNames.map { "'\($0)'" }.joined(separator: ","))])[1 + (n - 1) % \(Self.siteNames.count)]
                   || ' Recovery Center' || CASE WHEN n > \(Self.siteNames.count) THEN ' ' || ((n - 1) / \(Self.siteNames.count) + 1) ELSE '' END,
               (ARRAY[\(Self.timezones.map { "'\($0)'" }.joined(separator: ","))])[1 + (n - 1) % \(Self.timezones.count)]
          FROM generate_series(1, \(scaleSQL)) AS n
         ORDER BY n
        """
    }

    var siteMap: String {
        """
        CREATE TEMP TABLE seed_site ON COMMIT DROP AS
        SELECT n AS site_no, s.id AS site_id, s.timezone
          FROM generate_series(1, \(scaleSQL)) AS n
          JOIN carelog.site s ON s.site_code = 'S' || to_char(n, 'FM00')
        """
    }

    /// Per site: eight clinicians (idx 1–8; odd therapists, even counselors), a
    /// director (D01) and an auditor (A01).
    var staff: String {
        let key = "ss.site_no * 100 + i"
        return """
        INSERT INTO carelog.staff (staff_id, first_name, last_name, role, credentials, site_id, active)
        SELECT CASE WHEN i <= 8 THEN 'T' || to_char(ss.site_no, 'FM00') || to_char(i, 'FM00')
                    WHEN i = 9  THEN 'D' || to_char(ss.site_no, 'FM00')
                    ELSE 'A' || to_char(ss.site_no, 'FM00') END,
               CASE WHEN \(u(1, key)) < 0.5 THEN \(pick(Self.femaleNames, u(2, key))) ELSE \(pick(Self.maleNames, u(2, key))) END,
               \(pick(Self.lastNames, u(3, key))),
               CASE WHEN i <= 8 AND i % 2 = 1 THEN 'therapist'
                    WHEN i <= 8 THEN 'counselor'
                    WHEN i = 9  THEN 'director'
                    ELSE 'auditor' END,
               CASE WHEN i <= 8 AND i % 2 = 1 THEN \(pick(["LCSW", "LPC", "LMFT", "PsyD", "LCSW, LADC"], u(4, key)))
                    WHEN i <= 8 THEN \(pick(["LADC", "CADC", "CADC-II", "NCAC I"], u(4, key)))
                    WHEN i = 9  THEN 'LCSW, MBA'
                    END,
               ss.site_id,
               true
          FROM seed_site ss
         CROSS JOIN generate_series(1, 10) AS i
         ORDER BY ss.site_no, i
        """
    }

    var clinicianMap: String {
        """
        CREATE TEMP TABLE seed_clinician ON COMMIT DROP AS
        SELECT ss.site_no, i AS idx, st.id AS staff_pk
          FROM seed_site ss
         CROSS JOIN generate_series(1, 8) AS i
          JOIN carelog.staff st ON st.staff_id = 'T' || to_char(ss.site_no, 'FM00') || to_char(i, 'FM00')
        """
    }

    /// Stays: bed chains with levels of care, lengths of stay and discharge reasons.
    var stays: String {
        let k = "stay_key"
        return """
        CREATE TEMP TABLE seed_stay ON COMMIT DROP AS
        WITH draw AS (
            SELECT s.site_no, b.bed, k.k,
                   s.site_no::int8 * 10000000 + b.bed * 10000 + k.k AS stay_key,
                   s.site_no::int8 * 1000 + b.bed AS bed_key
              FROM generate_series(1, \(scaleSQL)) AS s(site_no)
             CROSS JOIN generate_series(1, \(Self.beds)) AS b(bed)
             CROSS JOIN generate_series(1, current_setting('carelog.seed_stays_per_bed')::int) AS k(k)
        ), shaped AS (
            SELECT d.*,
                   CASE WHEN \(u(10, k)) < 0.15 THEN '3.7'
                        WHEN \(u(10, k)) < 0.45 THEN '3.5'
                        WHEN \(u(10, k)) < 0.65 THEN '2.5'
                        WHEN \(u(10, k)) < 0.80 THEN '2.1'
                        ELSE '1.0' END AS level_of_care,
                   CASE WHEN \(u(11, k)) < 0.450 THEN 'completed'
                        WHEN \(u(11, k)) < 0.700 THEN 'left_against_advice'
                        WHEN \(u(11, k)) < 0.820 THEN 'transferred'
                        WHEN \(u(11, k)) < 0.900 THEN 'terminated_by_facility'
                        WHEN \(u(11, k)) < 0.985 THEN 'other'
                        WHEN \(u(11, k)) < 0.997 THEN 'incarcerated'
                        ELSE 'death' END AS reason,
                   \(u(12, k)) AS u_len,
                   \(u(13, k)) AS u_factor,
                   \(u(14, k)) AS u_gap,
                   \(u(15, k)) AS u_readmit
              FROM draw d
        ), sized AS (
            SELECT sh.*,
                   greatest(1, round(
                       CASE WHEN sh.level_of_care IN ('3.7', '3.5') THEN 20 + floor(sh.u_len * 16)
                            WHEN sh.level_of_care IN ('2.5', '2.1') THEN 30 + floor(sh.u_len * 31)
                            ELSE 60 + floor(sh.u_len * 61) END
                     * CASE sh.reason
                            WHEN 'completed'              THEN 0.9 + 0.2 * sh.u_factor
                            WHEN 'left_against_advice'    THEN 0.1 + 0.6 * sh.u_factor
                            WHEN 'transferred'            THEN 0.3 + 0.6 * sh.u_factor
                            WHEN 'terminated_by_facility' THEN 0.2 + 0.6 * sh.u_factor
                            ELSE 0.1 + 0.8 * sh.u_factor END))::int AS los
              FROM shaped sh
        ), linked AS (
            SELECT z.*,
                   (z.k > 1 AND lag(z.reason) OVER w <> 'death' AND z.u_readmit < 0.10) AS readmit
              FROM sized z
            WINDOW w AS (PARTITION BY z.site_no, z.bed ORDER BY z.k)
        ), gapped AS (
            SELECT l.*,
                   CASE WHEN l.readmit THEN 1 + floor(l.u_gap * l.u_gap * 29)
                        ELSE floor(l.u_gap * l.u_gap * l.u_gap * 3) END::int AS gap
              FROM linked l
        ), timed AS (
            SELECT g.*,
                   \(p0) - \(Self.lookBackDays) + floor(\(u(16, "g.bed_key")) * 30)::int
                       + (sum(g.los + g.gap) OVER w - g.los)::int AS admitted_on,
                   sum(CASE WHEN g.readmit THEN 0 ELSE 1 END) OVER w AS chain
              FROM gapped g
            WINDOW w AS (PARTITION BY g.site_no, g.bed ORDER BY g.k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        )
        SELECT t.site_no, t.bed, t.k, t.stay_key,
               t.site_no::int8 * 10000000 + t.bed * 10000 + t.chain AS patient_key,
               t.level_of_care, t.reason AS planned_reason, t.los, t.readmit,
               t.admitted_on,
               CASE WHEN t.admitted_on + t.los < \(p1) THEN t.admitted_on + t.los END AS discharged_on,
               CASE WHEN t.admitted_on + t.los < \(p1) THEN t.reason END AS discharge_reason,
               least(t.admitted_on + t.los, \(p1)) AS eff_end
          FROM timed t
         WHERE t.admitted_on + t.los > \(p0)
           AND t.admitted_on < \(p1)
        """
    }

    /// One patient per bed chain: gender, name, date of birth, MRN.
    var patientStage: String {
        let k = "f.patient_key"
        return """
        CREATE TEMP TABLE seed_patient ON COMMIT DROP AS
        SELECT f.*,
               to_char(f.site_no, 'FM00')
                 || to_char(row_number() OVER (PARTITION BY f.site_no ORDER BY f.first_admitted, f.patient_key), 'FM000000') AS mrn,
               CASE WHEN f.gender = 'female' THEN \(pick(Self.femaleNames, u(21, k)))
                    WHEN f.gender = 'male'   THEN \(pick(Self.maleNames, u(21, k)))
                    ELSE \(pick(Self.neutralNames, u(21, k))) END AS first_name,
               \(pick(Self.lastNames, u(22, k))) AS last_name,
               f.first_admitted - (18 * 365 + floor(\(u(23, k)) * 50 * 365))::int AS date_of_birth
          FROM (SELECT st.site_no, st.patient_key, min(st.admitted_on) AS first_admitted,
                       CASE WHEN \(u(20, "st.patient_key")) < 0.55 THEN 'male'
                            WHEN \(u(20, "st.patient_key")) < 0.95 THEN 'female'
                            WHEN \(u(20, "st.patient_key")) < 0.99 THEN 'nonbinary'
                            ELSE 'unknown' END AS gender
                  FROM seed_stay st
                 GROUP BY st.site_no, st.patient_key) AS f
        """
    }

    var patients: String {
        """
        INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
        SELECT sp.mrn, sp.first_name, sp.last_name, sp.date_of_birth, sp.gender, ss.site_id
          FROM seed_patient sp
          JOIN seed_site ss ON ss.site_no = sp.site_no
         ORDER BY sp.mrn
        """
    }

    /// Episodes with everything else drawn per stay: therapists, plan, rosters,
    /// attendance habits.
    var episodeStage: String {
        let k = "st.stay_key"
        return """
        CREATE TEMP TABLE seed_episode ON COMMIT DROP AS
        SELECT c.*,
               CASE WHEN c.u_reassign < 0.12 AND c.eff_end - c.assign_start > 6
                    THEN c.assign_start + 3 + floor(c.u_reassign_day * (c.eff_end - c.assign_start - 5))::int END AS reassign_on,
               1 + (c.t1 + floor(c.u_t2 * 7)::int) % 8 AS t2,
               CASE WHEN c.plan_on < c.eff_end AND c.u_plan >= 0.04
                    THEN 'TP-' || c.mrn || '-' || to_char(c.admitted_on, 'YYMMDD') END AS plan_code,
               CASE WHEN c.rp_start IS NOT NULL AND c.u_rp_end < 0.08 AND c.eff_end - c.rp_start > 10
                    THEN c.rp_start + 7 + floor(c.u_rp_end_day * (c.eff_end - c.rp_start - 9))::int END AS rp_end
          FROM (
            SELECT b.*,
                   CASE WHEN b.gender IN ('female', 'male') AND b.proc_on < b.eff_end THEN b.proc_on END AS proc_start,
                   CASE WHEN b.rp_on < b.eff_end THEN b.rp_on END AS rp_start
              FROM (
                SELECT st.*, sp.gender, sp.mrn, p.id AS patient_id,
                       1 + floor(\(u(30, k)) * 8)::int AS t1,
                       st.admitted_on + CASE WHEN \(u(31, k)) < 0.03 AND st.eff_end - st.admitted_on > 3
                                             THEN 1 + floor(\(u(32, k)) * 2)::int ELSE 0 END AS assign_start,
                       \(u(33, k)) AS u_reassign,
                       \(u(34, k)) AS u_reassign_day,
                       \(u(35, k)) AS u_t2,
                       st.admitted_on + CASE WHEN \(u(36, k)) < 0.08 THEN 6 + floor(\(u(37, k)) * 9)::int
                                             ELSE 1 + floor(\(u(37, k)) * 5)::int END AS plan_on,
                       \(u(38, k)) AS u_plan,
                       st.admitted_on + 1 + floor(\(u(39, k)) * 2)::int AS proc_on,
                       st.admitted_on + 1 + floor(\(u(40, k)) * 3)::int AS rp_on,
                       \(u(41, k)) AS u_rp_end,
                       \(u(42, k)) AS u_rp_end_day,
                       0.96 + 0.04 * \(u(43, k)) AS share12,
                       0.10 * (0.4 + 1.2 * \(u(44, k))) AS absent_base
                  FROM seed_stay st
                  JOIN seed_patient sp ON sp.patient_key = st.patient_key
                  JOIN carelog.patient p ON p.mrn = sp.mrn
              ) AS b
          ) AS c
        """
    }

    var episodes: String {
        """
        INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
        SELECT e.patient_id, e.admitted_on, e.level_of_care, e.discharged_on, e.discharge_reason
          FROM seed_episode e
         ORDER BY e.patient_id, e.admitted_on
        """
    }

    /// A primary therapist from (almost) the admission day to the last day in care
    /// (the day before discharge: ends_on is inclusive); about 12% are reassigned
    /// mid-stay (the old assignment's last day is the day before the new one starts);
    /// about 3% get their therapist a day or two late.
    var assignments: String {
        """
        INSERT INTO carelog.therapist_assignment (patient_id, therapist_id, role, starts_on, ends_on)
        SELECT e.patient_id, c.staff_pk, 'primary', a.starts_on, a.ends_on - 1
          FROM seed_episode e
         CROSS JOIN LATERAL (VALUES (e.t1, e.assign_start, coalesce(e.reassign_on, e.discharged_on)),
                                    (e.t2, e.reassign_on,  e.discharged_on)) AS a(idx, starts_on, ends_on)
          JOIN seed_clinician c ON c.site_no = e.site_no AND c.idx = a.idx
         WHERE a.starts_on IS NOT NULL
         ORDER BY e.patient_id, a.starts_on
        """
    }

    var plans: String {
        """
        INSERT INTO carelog.treatment_plan (plan_code, patient_id, created_on, author_id, review_interval_days, closed_on)
        SELECT e.plan_code, e.patient_id, e.plan_on, c.staff_pk, 30, e.discharged_on
          FROM seed_episode e
          JOIN seed_clinician c ON c.site_no = e.site_no AND c.idx = e.t1
         WHERE e.plan_code IS NOT NULL
         ORDER BY e.plan_code
        """
    }

    var requirements: String {
        """
        INSERT INTO carelog.plan_requirement (plan_id, modality, sessions_per_week)
        SELECT tp.id, m.modality, m.base + floor(\(u(50, "e.stay_key", "m.n")) * m.spread)
          FROM seed_episode e
          JOIN carelog.treatment_plan tp ON tp.plan_code = e.plan_code
         CROSS JOIN (VALUES (1, 'twelve_step', 5, 3), (2, 'process', 2, 2), (3, 'relapse_prevention', 1, 2))
                 AS m(n, modality, base, spread)
         WHERE m.modality <> 'process' OR e.gender IN ('female', 'male')
         ORDER BY tp.plan_code, m.n
        """
    }

    var goals: String {
        let u1 = u(51, "e.stay_key", "g.n"), u2 = u(52, "e.stay_key", "g.n")
        return """
        INSERT INTO carelog.plan_goal (plan_id, goal_code, domain, description, target_date, status, status_on)
        SELECT tp.id, 'G' || g.n, g.domain, g.description, e.plan_on + 30 * g.n,
               s.status, CASE WHEN s.status <> 'open' THEN s.status_on END
          FROM seed_episode e
          JOIN carelog.treatment_plan tp ON tp.plan_code = e.plan_code
         CROSS JOIN (VALUES (1, 'substance_use',    'Abstain from all non-prescribed substances; identify and manage triggers'),
                            (2, 'mental_health',    'Reduce depressive and anxiety symptoms; practise two coping skills daily'),
                            (3, 'recovery_support', 'Build a sober support network: sponsor, home group, family session'))
                 AS g(n, domain, description)
         CROSS JOIN LATERAL (
            SELECT CASE
                     WHEN e.discharged_on IS NULL THEN
                       CASE WHEN \(p1) - e.plan_on >= 21 AND \(u1) < 0.30 THEN 'met'
                            WHEN \(p1) - e.plan_on >= 21 AND \(u1) < 0.40 THEN 'partially_met'
                            ELSE 'open' END
                     WHEN e.discharge_reason = 'completed' THEN
                       CASE WHEN \(u1) < 0.60 THEN 'met' WHEN \(u1) < 0.85 THEN 'partially_met'
                            WHEN \(u1) < 0.95 THEN 'not_met' ELSE 'discontinued' END
                     ELSE
                       CASE WHEN \(u1) < 0.15 THEN 'met' WHEN \(u1) < 0.35 THEN 'partially_met'
                            WHEN \(u1) < 0.65 THEN 'not_met' ELSE 'discontinued' END
                   END AS status,
                   e.plan_on + floor((e.eff_end - 1 - e.plan_on) * (0.4 + 0.6 * \(u2)))::int AS status_on
         ) AS s
         ORDER BY tp.plan_code, g.n
        """
    }

    /// Reviews every ~30 days (26–32 days apart); about 7% are skipped and about 4%
    /// of plans are never reviewed, so some reviews are overdue.
    var reviews: String {
        let day = u(53, "e.stay_key", "j")
        return """
        INSERT INTO carelog.plan_review (plan_id, reviewed_on, reviewer_id, note)
        SELECT tp.id, r.reviewed_on, c.staff_pk,
               \(pick(["Progress reviewed with patient; plan continued.",
                       "Goals updated; attendance discussed.",
                       "Reviewed after relapse-prevention work; requirements unchanged.",
                       "Discussed discharge planning and aftercare.",
                       "Patient engaged; family session scheduled."], u(54, "e.stay_key", "j")))
          FROM seed_episode e
          JOIN carelog.treatment_plan tp ON tp.plan_code = e.plan_code
         CROSS JOIN LATERAL generate_series(1, (e.eff_end - e.plan_on) / 30 + 1) AS j
         CROSS JOIN LATERAL (SELECT e.plan_on + 30 * j - 4 + floor(\(day) * 7)::int AS reviewed_on) AS r
          JOIN seed_clinician c
            ON c.site_no = e.site_no
           AND c.idx = CASE WHEN e.reassign_on <= r.reviewed_on THEN e.t2 ELSE e.t1 END
         WHERE r.reviewed_on < e.eff_end
           AND \(u(55, "e.stay_key", "j")) >= 0.07
           AND \(u(56, "e.stay_key")) >= 0.04
         ORDER BY tp.plan_code, r.reviewed_on
        """
    }

    /// Four groups per site: group_no 1 the open 12-step meeting, 2 and 3 the
    /// women's and men's process groups, 4 relapse prevention.
    var groups: String {
        """
        INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, capacity, facilitator_id)
        SELECT 'S' || to_char(ss.site_no, 'FM00') || '-' || g.suffix, g.name, g.modality, g.gender_focus, g.kind,
               ss.site_id, g.capacity, c.staff_pk
          FROM seed_site ss
         CROSS JOIN (VALUES (1, '12S', 'Daily 12-Step Meeting',   'twelve_step',        'all',   'open',   NULL::int, 5),
                            (2, 'WPG', 'Women''s Process Group',  'process',            'women', 'closed', 120, 1),
                            (3, 'MPG', 'Men''s Process Group',    'process',            'men',   'closed', 120, 2),
                            (4, 'RPG', 'Relapse Prevention',      'relapse_prevention', 'all',   'closed', 120, 3))
                 AS g(group_no, suffix, name, modality, gender_focus, kind, capacity, facilitator_idx)
          JOIN seed_clinician c ON c.site_no = ss.site_no AND c.idx = g.facilitator_idx
         ORDER BY ss.site_no, g.group_no
        """
    }

    var groupMap: String {
        """
        CREATE TEMP TABLE seed_group ON COMMIT DROP AS
        SELECT ss.site_no, g.group_no, cg.id AS group_pk, g.facilitator_idx
          FROM seed_site ss
         CROSS JOIN (VALUES (1, '12S', 5), (2, 'WPG', 1), (3, 'MPG', 2), (4, 'RPG', 3)) AS g(group_no, suffix, facilitator_idx)
          JOIN carelog.care_group cg ON cg.group_code = 'S' || to_char(ss.site_no, 'FM00') || '-' || g.suffix
        """
    }

    /// Process-group enrollment from day 1–2 of the stay to the last day in care
    /// (ends_on is inclusive: the day before discharge); relapse
    /// prevention from day 1–3, about 8% leaving the roster early.
    var enrollments: String {
        """
        INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on, ends_on)
        SELECT g.group_pk, e.patient_id, x.starts_on, x.ends_on - 1
          FROM seed_episode e
         CROSS JOIN LATERAL (VALUES (CASE e.gender WHEN 'female' THEN 2 WHEN 'male' THEN 3 END, e.proc_start, e.discharged_on),
                                    (4, e.rp_start, coalesce(e.rp_end, e.discharged_on))) AS x(group_no, starts_on, ends_on)
          JOIN seed_group g ON g.site_no = e.site_no AND g.group_no = x.group_no
         WHERE x.starts_on IS NOT NULL
         ORDER BY g.group_pk, e.patient_id, x.starts_on
        """
    }

    /// Every session of every group on every day of the period; about 3% cancelled.
    /// Site-local schedule: the 12-step meeting at 07:00, 12:00 and 19:00 daily; each
    /// process group at 09:30, 13:00 and 15:30 on weekdays and 10:00 at weekends;
    /// relapse prevention at 08:30 and 17:00 daily. (This density, about seven
    /// sessions per patient per day, is what makes one 120-bed site over three years
    /// come to the ~1,000,000 attendance records of SPEC §7.)
    var sessionStage: String {
        let sk = "x.session_key"
        return """
        CREATE TEMP TABLE seed_session ON COMMIT DROP AS
        SELECT x.*,
               CASE WHEN \(u(60, sk)) < 0.03 THEN 'cancelled' ELSE 'held' END AS status,
               cl.staff_pk AS facilitator_pk,
               x.starts_at + make_interval(mins => x.duration
                   + CASE WHEN \(u(61, sk)) < 0.02 THEN 25 * 60 + floor(\(u(62, sk)) * 47 * 60)::int
                          ELSE 60 + floor(\(u(62, sk)) * 120)::int END) AS recorded_base
          FROM (
            SELECT ss.site_no, g.group_no, g.group_pk, d.day_no, \(p0) + d.day_no AS local_day, t.slot, t.duration,
                   ((ss.site_no::int8 * 10 + g.group_no) * 100000 + d.day_no) * 10 + t.slot AS session_key,
                   ((\(p0) + d.day_no) + t.at) AT TIME ZONE ss.timezone AS starts_at,
                   CASE WHEN g.group_no = 1
                        THEN 1 + floor(\(u(63, "(ss.site_no::int8 * 100000 + d.day_no) * 10 + t.slot")) * 8)::int
                        WHEN \(u(64, "((ss.site_no::int8 * 10 + g.group_no) * 100000 + d.day_no) * 10 + t.slot")) < 0.08
                        THEN 1 + (g.facilitator_idx + floor(\(u(65, "((ss.site_no::int8 * 10 + g.group_no) * 100000 + d.day_no) * 10 + t.slot")) * 7)::int) % 8
                        ELSE g.facilitator_idx END AS facilitator_idx
              FROM seed_site ss
              JOIN seed_group g ON g.site_no = ss.site_no
             CROSS JOIN generate_series(0, current_setting('carelog.seed_end')::date - current_setting('carelog.seed_start')::date - 1) AS d(day_no)
              JOIN (VALUES (1, 1, TIME '07:00', 'daily',    60), (1, 2, TIME '12:00', 'daily',    60),
                           (1, 3, TIME '19:00', 'daily',    60),
                           (2, 1, TIME '09:30', 'weekdays', 90), (2, 2, TIME '13:00', 'weekdays', 90),
                           (2, 3, TIME '15:30', 'weekdays', 60), (2, 4, TIME '10:00', 'weekends', 90),
                           (3, 1, TIME '09:30', 'weekdays', 90), (3, 2, TIME '13:00', 'weekdays', 90),
                           (3, 3, TIME '15:30', 'weekdays', 60), (3, 4, TIME '10:00', 'weekends', 90),
                           (4, 1, TIME '08:30', 'daily',    60), (4, 2, TIME '17:00', 'daily',    60))
                   AS t(group_no, slot, at, days, duration)
                ON t.group_no = g.group_no
             WHERE t.days = 'daily'
                OR (t.days = 'weekdays') = (extract(isodow FROM \(p0) + d.day_no) < 6)
          ) AS x
          JOIN seed_clinician cl ON cl.site_no = x.site_no AND cl.idx = x.facilitator_idx
        """
    }

    var sessions: String {
        """
        INSERT INTO carelog.group_session (group_id, starts_at, duration_minutes, facilitator_id, status)
        SELECT s.group_pk, s.starts_at, s.duration, s.facilitator_pk, s.status
          FROM seed_session s
         ORDER BY s.group_pk, s.starts_at
        """
    }

    var heldStage: [String] {
        [
            """
            CREATE TEMP TABLE seed_held ON COMMIT DROP AS
            SELECT gs.id AS session_id, s.site_no, s.group_no, s.local_day, s.session_key, s.duration,
                   s.facilitator_pk, s.recorded_base
              FROM seed_session s
              JOIN carelog.group_session gs ON gs.group_id = s.group_pk AND gs.starts_at = s.starts_at
             WHERE s.status = 'held'
            """,
            "CREATE INDEX ON seed_held (local_day)",
            "ANALYZE seed_held",
        ]
    }

    /// One row per patient per day in care within the period.
    var patientDayStage: [String] {
        [
            """
            CREATE TEMP TABLE seed_pday ON COMMIT DROP AS
            SELECT e.site_no, e.patient_id, e.stay_key, e.gender, d.local_day, e.share12,
                   least(0.6, e.absent_base
                              * CASE WHEN e.discharge_reason = 'left_against_advice'
                                          AND d.local_day >= e.discharged_on - 14 THEN 3.0 ELSE 1.0 END) AS absent_p,
                   (e.proc_start IS NOT NULL AND d.local_day >= e.proc_start) AS in_process,
                   (e.rp_start IS NOT NULL AND d.local_day >= e.rp_start
                        AND (e.rp_end IS NULL OR d.local_day < e.rp_end)) AS in_rp
              FROM seed_episode e
             CROSS JOIN LATERAL (SELECT greatest(e.admitted_on, \(p0)) + i AS local_day
                                   FROM generate_series(0, e.eff_end - greatest(e.admitted_on, \(p0)) - 1) AS i) AS d
            """,
            "CREATE INDEX ON seed_pday (local_day)",
            "ANALYZE seed_pday",
        ]
    }

    /// The attendance of the sessions whose local day is in [carelog.seed_from,
    /// carelog.seed_to), settings the seeder binds before each month.
    var attendance: String {
        let u1 = u(70, "d.stay_key", "h.session_key")
        let u2 = u(71, "d.stay_key", "h.session_key")
        let u3 = u(72, "d.stay_key", "h.session_key")
        return """
        INSERT INTO carelog.attendance (session_id, patient_id, status, minutes_attended, recorded_by_id, recorded_at)
        SELECT x.session_id, x.patient_id, x.status,
               CASE x.status WHEN 'present'    THEN x.duration
                             WHEN 'late'       THEN x.duration - 5 - floor(x.u2 * 16)::int
                             WHEN 'left_early' THEN 20 + floor(x.u2 * (x.duration - 35))::int
                             ELSE 0 END,
               x.facilitator_pk,
               x.recorded_base + make_interval(secs => floor(x.u2 * 600))
          FROM (
            SELECT h.session_id, d.patient_id, h.duration, h.facilitator_pk, h.recorded_base, r.u2,
                   CASE WHEN r.u1 < d.absent_p        THEN 'absent'
                        WHEN r.u1 < d.absent_p + 0.05 THEN 'excused'
                        WHEN r.u1 < d.absent_p + 0.11 THEN 'late'
                        WHEN r.u1 < d.absent_p + 0.15 THEN 'left_early'
                        ELSE 'present' END AS status
              FROM seed_held h
              JOIN seed_pday d ON d.site_no = h.site_no AND d.local_day = h.local_day
             CROSS JOIN LATERAL (SELECT \(u1) AS u1, \(u2) AS u2) AS r
             WHERE h.local_day >= current_setting('carelog.seed_from')::date
               AND h.local_day < current_setting('carelog.seed_to')::date
               AND d.local_day >= current_setting('carelog.seed_from')::date
               AND d.local_day < current_setting('carelog.seed_to')::date
               AND CASE h.group_no
                     WHEN 1 THEN \(u3) < d.share12
                     WHEN 2 THEN d.gender = 'female' AND d.in_process
                     WHEN 3 THEN d.gender = 'male' AND d.in_process
                     ELSE d.in_rp END
          ) AS x
         ORDER BY x.session_id, x.patient_id
        """
    }

    /// PHQ-9 and GAD-7 at admission and every two weeks; scores fall over the stay,
    /// most for those who go on to complete treatment.
    var assessments: String {
        let key2 = "j * 10 + i.n"
        return """
        INSERT INTO carelog.assessment (patient_id, instrument, administered_on, score)
        SELECT e.patient_id, i.instrument, a.administered_on,
               greatest(0, least(i.max_score, round(
                   b.baseline * (1 - b.improvement * least(1.0, (a.administered_on - e.admitted_on) / 60.0))
                   + (\(u(80, "e.stay_key", key2)) - 0.5) * 4)))
          FROM seed_episode e
         CROSS JOIN (VALUES (1, 'PHQ-9', 27, 8, 13), (2, 'GAD-7', 21, 6, 11)) AS i(n, instrument, max_score, low, spread)
         CROSS JOIN LATERAL (
            SELECT i.low + \(u(81, "e.stay_key", "i.n")) * i.spread AS baseline,
                   CASE e.planned_reason WHEN 'completed' THEN 0.45 + 0.2 * \(u(82, "e.stay_key", "i.n"))
                                         WHEN 'transferred' THEN 0.25 + 0.2 * \(u(82, "e.stay_key", "i.n"))
                                         ELSE 0.05 + 0.15 * \(u(82, "e.stay_key", "i.n")) END AS improvement
         ) AS b
         CROSS JOIN LATERAL generate_series(0, (e.eff_end - 1 - e.admitted_on) / 14) AS j
         CROSS JOIN LATERAL (
            SELECT e.admitted_on + 14 * j + CASE WHEN j > 0 THEN floor(\(u(83, "e.stay_key", key2)) * 2)::int ELSE 0 END
                   AS administered_on
         ) AS a
         WHERE a.administered_on < e.eff_end
         ORDER BY e.patient_id, i.n, a.administered_on
        """
    }

    /// Weekly drug screens (first within three days of admission); the positive rate
    /// falls over the stay and is higher for those who leave against advice.
    var screens: String {
        let r = u(91, "e.stay_key", "j")
        return """
        INSERT INTO carelog.drug_screen (patient_id, collected_on, result, substances)
        SELECT e.patient_id, s.collected_on, s.result,
               CASE WHEN s.result = 'positive'
                    THEN \(pick(["opioids", "fentanyl", "cocaine", "cannabis", "amphetamines",
                                 "benzodiazepines", "alcohol (EtG)", "opioids, benzodiazepines",
                                 "cannabis, cocaine"], u(92, "e.stay_key", "j"))) END
          FROM seed_episode e
         CROSS JOIN LATERAL generate_series(0, (e.eff_end - 1 - e.admitted_on) / 7) AS j
         CROSS JOIN LATERAL (
            SELECT e.admitted_on + 7 * j + floor(\(u(90, "e.stay_key", "j")) * 3)::int AS collected_on,
                   CASE WHEN \(r) < 0.02 THEN 'refused'
                        WHEN \(r) < 0.05 THEN 'dilute'
                        WHEN \(r) < 0.05 + (CASE WHEN e.planned_reason = 'left_against_advice' THEN 0.40 ELSE 0.28 END)
                                           * exp(-j / 3.0) + 0.04 THEN 'positive'
                        ELSE 'negative' END AS result
         ) AS s
         WHERE s.collected_on < e.eff_end
         ORDER BY e.patient_id, s.collected_on
        """
    }
}

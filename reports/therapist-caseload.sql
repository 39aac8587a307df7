-- name: therapist-caseload
-- title: Therapist caseload
-- description: One row per staff member with a therapist assignment active in the month or a session facilitated in it: primary caseload, new primary patients, sessions facilitated, attendance logged, overdue plan reviews, caseload attendance rate.
-- parameters: period_start date, period_end date, site_code text
-- columns: site_code:code, staff_id:staff, staff_name:name, role:code, primary_patients_end:count, primary_patients_any:distinct, new_primary_assignments:count, sessions_facilitated:count, attendance_logged:count, plans_overdue:count, caseload_attendance_rate_pct:percent(caseload_attended/caseload_attended+caseload_absent), caseload_attended:count, caseload_absent:count
-- column site_code: The staff member's own site; --site selects on it. Counts include patients and sessions of any site. Sessions are in the period by their date in their group's site's time zone.
-- column staff_id: Staff ID; a keyed code ST-… under --pseudonymize, random per run under --deidentify. Listed: an assignment (primary or secondary) active in the period, or a session (held or cancelled) facilitated in it.
-- column staff_name: The staff member's name, 'Last, First'; dropped under --pseudonymize and --deidentify.
-- column role: The staff member's role: therapist, counselor, director, auditor or other.
-- column primary_patients_end: Patients whose primary assignment to this staff member is active on the period's last day (an assignment is active through its end date). --min-cell applies.
-- column primary_patients_any: Distinct patients with a primary assignment to this staff member active on at least one day of the period. --min-cell applies.
-- column new_primary_assignments: Primary assignments to this staff member starting in the period, each assignment counted. --min-cell applies.
-- column sessions_facilitated: Held sessions of the period with this staff member as the session's facilitator (cancelled ones not counted). --min-cell applies.
-- column attendance_logged: Attendance records (any status) of the period's held sessions recorded by this staff member. --min-cell applies.
-- column plans_overdue: Plans active on the last day of patients with this primary therapist that day, whose review was due before it: (latest review by the last day, else created_on) + review_interval_days. --min-cell applies.
-- column caseload_attendance_rate_pct: caseload_attended / (caseload_attended + caseload_absent) × 100, one decimal, half away from zero; excused in neither; empty when 0 / 0; --min-cell empties it when either is hidden.
-- column caseload_attended: Records present, late or left early in the period's held sessions of patients whose primary therapist was this staff member on the session's site-local date. --min-cell applies.
-- column caseload_absent: Records absent in the period's held sessions of patients whose primary therapist was this staff member on the session's site-local date. --min-cell applies.

-- Definitions (docs/reports.md; "last day" = $2 - 1):
--   * Listed: staff with an assignment (primary or secondary) active on any
--     day of the period, or facilitating a session (held or cancelled) of the
--     period. site_code is the staff member's own site (staff.site_id); the
--     site filter $3 applies to it.
--   * staff_name = "Last, First" (left out under --pseudonymize and --deidentify,
--     which show staff_id as a code: ST- and an HMAC of the staff id).
--   * primary_patients_end = primary assignments active on the last day.
--   * primary_patients_any = distinct patients with a primary assignment
--     active on any day of the period.
--   * new_primary_assignments = primary assignments with starts_on in the period.
--   * sessions_facilitated = HELD sessions of the period with this facilitator.
--   * attendance_logged = attendance records of the period's sessions with
--     recorded_by = this staff member.
--   * plans_overdue = plans active on the last day (created_on <= d and
--     (closed_on null or d < closed_on)) of the patients whose primary
--     assignment active on the last day is this staff member's, whose review
--     is due before the last day: due = (latest review ON OR BEFORE the last
--     day, or created_on when none) + review_interval_days; reviews dated
--     after the period do not count for it.
--   * caseload_attendance_rate_pct = attended / (attended + absent) over the
--     attendance records of the period's held sessions of the patients for
--     whom this staff member was the primary therapist on the session's
--     site-local date (a patient who changes primary therapist mid-month
--     counts for each on their own days). Its two counts are the last two
--     columns, so that small-cell suppression can apply to the rate.
--   * A session is in the period by the local date of its group's site.
WITH period_session AS (
    SELECT gs.id, gs.status, gs.facilitator_id,
           carelog.site_local_date(gs.starts_at, st.timezone) AS local_date
      FROM carelog.group_session gs
      JOIN carelog.care_group g ON g.id = gs.group_id
      JOIN carelog.site st      ON st.id = g.site_id
     -- Generous UTC window first (index on starts_at), then the exact local date.
     WHERE gs.starts_at >= ($1::date - 1)::timestamp AT TIME ZONE 'UTC'
       AND gs.starts_at <  ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
       AND carelog.site_local_date(gs.starts_at, st.timezone) >= $1::date
       AND carelog.site_local_date(gs.starts_at, st.timezone) <  $2::date
),
period_assignment AS (
    -- Assignments active on at least one day of the period.
    SELECT ta.patient_id, ta.therapist_id, ta.role, ta.starts_on, ta.ends_on
      FROM carelog.therapist_assignment ta
     WHERE ta.starts_on < $2::date
       AND (ta.ends_on IS NULL OR ta.ends_on >= $1::date)
),
member AS (
    SELECT pa.therapist_id AS staff_key FROM period_assignment pa
    UNION
    SELECT ps.facilitator_id FROM period_session ps
),
primary_counts AS (
    SELECT pa.therapist_id,
           count(DISTINCT pa.patient_id)
               FILTER (WHERE pa.starts_on <= $2::date - 1
                         AND (pa.ends_on IS NULL OR $2::date - 1 <= pa.ends_on)) AS primary_patients_end,
           count(DISTINCT pa.patient_id)                                        AS primary_patients_any,
           count(*) FILTER (WHERE pa.starts_on >= $1::date)                     AS new_primary_assignments
      FROM period_assignment pa
     WHERE pa.role = 'primary'
     GROUP BY pa.therapist_id
),
facilitated AS (
    SELECT ps.facilitator_id, count(*) AS sessions_facilitated
      FROM period_session ps
     WHERE ps.status = 'held'
     GROUP BY ps.facilitator_id
),
attendance_counts AS (
    -- One pass over the period's attendance for two groupings: by the staff
    -- member who recorded it, and by the patient's primary therapist on the
    -- session's local date (at most one: primary assignments never overlap).
    SELECT GROUPING(a.recorded_by_id) AS by_primary,
           CASE WHEN GROUPING(a.recorded_by_id) = 0 THEN a.recorded_by_id ELSE ta.therapist_id END AS staff_key,
           count(*) AS records,
           count(*) FILTER (WHERE carelog.counts_as_attended(a.status)) AS attended,
           count(*) FILTER (WHERE a.status = 'absent')                          AS absent
      FROM period_session ps
      JOIN carelog.attendance a ON a.session_id = ps.id
       -- the period's monthly partitions only (session_month, sql/015)
       AND a.session_month >= date_trunc('month', $1::date::timestamp)::date AND a.session_month < $2::date
      -- The table itself, not period_assignment: the same rows (an assignment active on
      -- a day of the period is one of the period's), but reached through the patient's
      -- index. Joined to the CTE, whose size the planner cannot know, a generic plan
      -- compared every attendance record with every assignment: 31 s at N = 10 with 36
      -- months of history against 2.6 s with 12.
      LEFT JOIN carelog.therapist_assignment ta
        ON ta.patient_id = a.patient_id
       AND ta.role = 'primary'
       AND ta.starts_on <= ps.local_date
       AND (ta.ends_on IS NULL OR ps.local_date <= ta.ends_on)
     WHERE ps.status = 'held'
     GROUP BY GROUPING SETS ((a.recorded_by_id), (ta.therapist_id))
),
logged AS (
    SELECT x.staff_key, x.records AS attendance_logged
      FROM attendance_counts x
     WHERE x.by_primary = 0
),
caseload AS (
    SELECT x.staff_key, x.attended, x.absent
      FROM attendance_counts x
     WHERE x.by_primary = 1 AND x.staff_key IS NOT NULL
),
overdue AS (
    SELECT ta.therapist_id, count(*) AS plans_overdue
      FROM period_assignment ta
      JOIN carelog.treatment_plan tp
        ON tp.patient_id = ta.patient_id
       AND tp.created_on <= $2::date - 1
       AND (tp.closed_on IS NULL OR $2::date - 1 < tp.closed_on)
     CROSS JOIN LATERAL (SELECT max(r.reviewed_on) AS reviewed_on
                           FROM carelog.plan_review r
                          WHERE r.plan_id = tp.id
                            AND r.reviewed_on <= $2::date - 1) AS latest
     WHERE ta.role = 'primary'
       AND ta.starts_on <= $2::date - 1
       AND (ta.ends_on IS NULL OR $2::date - 1 <= ta.ends_on)
       AND coalesce(latest.reviewed_on, tp.created_on) + tp.review_interval_days < $2::date - 1
     GROUP BY ta.therapist_id
)
SELECT st.site_code,
       s.staff_id,
       s.last_name || ', ' || s.first_name          AS staff_name,
       s.role,
       coalesce(pc.primary_patients_end, 0)         AS primary_patients_end,
       coalesce(pc.primary_patients_any, 0)         AS primary_patients_any,
       coalesce(pc.new_primary_assignments, 0)      AS new_primary_assignments,
       coalesce(f.sessions_facilitated, 0)          AS sessions_facilitated,
       coalesce(l.attendance_logged, 0)             AS attendance_logged,
       coalesce(o.plans_overdue, 0)                 AS plans_overdue,
       round(100.0 * coalesce(c.attended, 0)
             / nullif(coalesce(c.attended, 0) + coalesce(c.absent, 0), 0), 1) AS caseload_attendance_rate_pct,
       coalesce(c.attended, 0)                      AS caseload_attended,
       coalesce(c.absent, 0)                        AS caseload_absent
  FROM member m
  JOIN carelog.staff s ON s.id = m.staff_key
  JOIN carelog.site st ON st.id = s.site_id
  LEFT JOIN primary_counts pc ON pc.therapist_id = s.id
  LEFT JOIN facilitated f     ON f.facilitator_id = s.id
  LEFT JOIN logged l          ON l.staff_key = s.id
  LEFT JOIN overdue o         ON o.therapist_id = s.id
  LEFT JOIN caseload c        ON c.staff_key = s.id
 WHERE ($3::text IS NULL OR st.site_code = $3::text)
 ORDER BY st.site_code, s.staff_id

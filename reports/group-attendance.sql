-- name: group-attendance
-- title: Group attendance
-- description: One row per group with a session in the month: sessions held and cancelled, unique attendees, attendance by status, attendance rate and average attendance per held session.
-- parameters: period_start date, period_end date, site_code text
-- columns: site_code:code, group_code:group, group_name:name, modality:code, gender_focus:code, sessions_held:count, sessions_cancelled:count, unique_attendees:distinct, attended:count, late:count, left_early:count, absent:count, excused:count, attendance_rate_pct:percent(attended/attended+absent), avg_attended_per_session:number(attended/sessions_held)
-- column site_code: Code of the group's site; --site selects on it. The period is that site's calendar month; a session is in it by its date in the site's time zone.
-- column group_code: The group's code; a keyed code GR-… under --pseudonymize, random per run under --deidentify. Listed: a group with a session (held or cancelled) in the period.
-- column group_name: The group's name; dropped under --pseudonymize and --deidentify.
-- column modality: The group's modality: twelve_step, process, relapse_prevention, education, family, smart_recovery, activity or individual.
-- column gender_focus: Who the group is for: all, women or men.
-- column sessions_held: The group's sessions of the period with status held; denominator of avg_attended_per_session. --min-cell applies.
-- column sessions_cancelled: The group's sessions of the period with status cancelled. --min-cell applies.
-- column unique_attendees: Distinct patients with at least one record present, late or left early in the group's held sessions of the period (a patient counts once per group; never totalled). --min-cell applies.
-- column attended: Attendance records of the group's held sessions of the period with status present, late or left early (carelog.counts_as_attended); numerator of attendance_rate_pct. --min-cell applies.
-- column late: Attendance records with status late in the group's held sessions of the period (also counted in attended). --min-cell applies.
-- column left_early: Attendance records with status left early in the group's held sessions of the period (also counted in attended). --min-cell applies.
-- column absent: Attendance records with status absent in the group's held sessions of the period; with attended, the denominator of attendance_rate_pct. --min-cell applies.
-- column excused: Attendance records with status excused in the group's held sessions of the period; counted in neither side of attendance_rate_pct. --min-cell applies.
-- column attendance_rate_pct: attended / (attended + absent) × 100, one decimal, half away from zero; excused records count in neither; empty when the denominator is 0; emptied under --min-cell if attended or absent is hidden.
-- column avg_attended_per_session: attended / sessions_held, one decimal, half away from zero; empty when no session was held; emptied under --min-cell when attended or sessions_held is hidden.

-- Definitions (docs/reports.md):
--   * A session is in the period when its SITE-LOCAL date (time zone of the
--     group's site) is in [$1, $2). A group is listed when it has a session in
--     the period, held or cancelled (a group whose only session was cancelled
--     is listed with sessions_held 0 and empty rates).
--   * Attendance counts come from the HELD sessions of the period (attendance
--     can only be recorded for held sessions anyway).
--   * attended = present + late + left_early; attendance_rate_pct =
--     attended / (attended + absent); excused records are in neither.
--   * unique_attendees = distinct patients with at least one attended record
--     (present, late or left_early) in the group in the period.
--   * avg_attended_per_session = attended / sessions_held, one decimal; empty
--     when no session was held.
--   * Rates and averages are numeric, rounded half away from zero; a zero
--     denominator gives an empty cell.
-- The site filter $3 applies to the group's site.
WITH period_session AS (
    SELECT gs.id, gs.group_id, gs.status
      FROM carelog.group_session gs
      JOIN carelog.care_group g ON g.id = gs.group_id
      JOIN carelog.site st      ON st.id = g.site_id
     -- Generous UTC window first (index on starts_at), then the exact local date.
     WHERE gs.starts_at >= ($1::date - 1)::timestamp AT TIME ZONE 'UTC'
       AND gs.starts_at <  ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
       AND carelog.site_local_date(gs.starts_at, st.timezone) >= $1::date
       AND carelog.site_local_date(gs.starts_at, st.timezone) <  $2::date
       AND ($3::text IS NULL OR st.site_code = $3::text)
),
session_counts AS (
    SELECT ps.group_id,
           count(*) FILTER (WHERE ps.status = 'held')      AS sessions_held,
           count(*) FILTER (WHERE ps.status = 'cancelled') AS sessions_cancelled
      FROM period_session ps
     GROUP BY ps.group_id
),
patient_counts AS (
    -- One pass over the period's attendance: per group and patient first, so
    -- that unique attendees need no DISTINCT (no sort).
    SELECT ps.group_id, a.patient_id,
           count(*) FILTER (WHERE carelog.counts_as_attended(a.status)) AS attended,
           count(*) FILTER (WHERE a.status = 'late')       AS late,
           count(*) FILTER (WHERE a.status = 'left_early') AS left_early,
           count(*) FILTER (WHERE a.status = 'absent')     AS absent,
           count(*) FILTER (WHERE a.status = 'excused')    AS excused
      FROM period_session ps
      JOIN carelog.attendance a ON a.session_id = ps.id
       -- the period's monthly partitions only (session_month, sql/015)
       AND a.session_month >= date_trunc('month', $1::date::timestamp)::date AND a.session_month < $2::date
     WHERE ps.status = 'held'
     GROUP BY ps.group_id, a.patient_id
),
attendance_counts AS (
    SELECT pc.group_id,
           count(*) FILTER (WHERE pc.attended > 0) AS unique_attendees,
           sum(pc.attended)::bigint   AS attended,
           sum(pc.late)::bigint       AS late,
           sum(pc.left_early)::bigint AS left_early,
           sum(pc.absent)::bigint     AS absent,
           sum(pc.excused)::bigint    AS excused
      FROM patient_counts pc
     GROUP BY pc.group_id
)
SELECT st.site_code,
       g.group_code,
       g.name                              AS group_name,
       g.modality,
       g.gender_focus,
       sc.sessions_held,
       sc.sessions_cancelled,
       coalesce(ac.unique_attendees, 0)    AS unique_attendees,
       coalesce(ac.attended, 0)            AS attended,
       coalesce(ac.late, 0)                AS late,
       coalesce(ac.left_early, 0)          AS left_early,
       coalesce(ac.absent, 0)              AS absent,
       coalesce(ac.excused, 0)             AS excused,
       round(100.0 * coalesce(ac.attended, 0)
             / nullif(coalesce(ac.attended, 0) + coalesce(ac.absent, 0), 0), 1) AS attendance_rate_pct,
       round(coalesce(ac.attended, 0)::numeric / nullif(sc.sessions_held, 0), 1) AS avg_attended_per_session
  FROM session_counts sc
  JOIN carelog.care_group g ON g.id = sc.group_id
  JOIN carelog.site st      ON st.id = g.site_id
  LEFT JOIN attendance_counts ac ON ac.group_id = sc.group_id
 ORDER BY st.site_code, g.group_code

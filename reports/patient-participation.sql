-- name: patient-participation
-- title: Patient participation
-- description: One row per patient in care on any day of the month: days in care, sessions required by the treatment plans, attended / absent / excused, adherence, longest absence streak, last attended session.
-- parameters: period_start date, period_end date, site_code text
-- columns: site_code:code, mrn:mrn, patient_name:name, level_of_care:code, primary_therapist:name, days_in_care:count, required_sessions:number, attended:count, absent:count, excused:count, adherence_pct:percent(), longest_absence_streak:count, last_attended_at:timestamp
-- column site_code: The patient's site; --site selects on it. The period is a calendar month; sessions are in it by their date in their group's site's time zone.
-- column mrn: The patient's MRN; a keyed pseudonym under --pseudonymize, random per run under --deidentify. Listed: a patient in care on at least one day of the period.
-- column patient_name: The patient's name, 'Last, First'; dropped under --pseudonymize and --deidentify.
-- column level_of_care: ASAM level of care of the episode covering the patient's last day in care in the period: 1.0, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7 or 4.0.
-- column primary_therapist: Name ('Last, First') of the staff member whose primary assignment is active on the last day in care (active through its end date); empty when none; dropped under --pseudonymize and --deidentify.
-- column days_in_care: Days of the period on which the patient is in care (admitted on or before the day, not yet discharged: the discharge day is outside), over all episodes; at least 1. --min-cell applies.
-- column required_sessions: Σ over the requirements of the patient's plans of sessions per week × days of the period in care with the plan active (closing day outside) / 7; one decimal, half away from zero; 0.0 when no plan applies.
-- column attended: The patient's attendance records with status present, late or left early in held sessions of the period, in any group of any site. --min-cell applies.
-- column absent: The patient's attendance records with status absent in held sessions of the period, in any group of any site. --min-cell applies.
-- column excused: The patient's attendance records with status excused in held sessions of the period, in any group of any site; not in adherence_pct. --min-cell applies.
-- column adherence_pct: 100 × attended / required_sessions (unrounded), one decimal, half away from zero (carelog.adherence_pct); empty when nothing is required; --min-cell empties it when any count of the row is hidden.
-- column longest_absence_streak: Longest run of consecutive absent records of the patient in the period's held sessions, by start; excused ones neither break nor extend it, an attended one ends it; 0 if none. --min-cell applies.
-- column last_attended_at: Start of the latest session of the period the patient attended, in the local time of that session's site, 'YYYY-MM-DD HH:MM'; empty when none; cut to the year under --deidentify.

-- Definitions (docs/reports.md):
--   * In care on day d: an episode with admitted_on <= d and (discharged_on
--     null or d < discharged_on) (the discharge day is NOT in care).
--     days_in_care = such days in [$1, $2). A patient is listed when it is at
--     least 1. The site filter $3 applies to the patient's site.
--   * "Last day in care" = the last day of the period the patient is in care.
--     level_of_care is that of the episode covering it; primary_therapist
--     ("Last, First") is the staff member of the primary assignment active on
--     it (starts_on <= d and (ends_on null or d <= ends_on, the last day)); empty when none. A staff
--     member's name: left out under --pseudonymize and --deidentify.
--   * required_sessions = carelog.required_sessions of Σ over the requirements of
--     the patient's plans of sessions_per_week × (days of the period in care AND
--     with that plan active), i.e. / 7 (sql/schema.sql, docs/reports.md), computed
--     as date-range intersections, shown with one decimal. 0.0 for a patient
--     without an active plan.
--   * attended (carelog.counts_as_attended: present, late, left_early) / absent / excused count the
--     patient's attendance records of HELD sessions of the period, in every
--     group; a session is in the period by the local date of its group's site.
--   * adherence_pct = carelog.adherence_pct: 100 × attended / required_sessions,
--     from the UNROUNDED required_sessions; empty when nothing is required.
--   * longest_absence_streak: the patient's attendance records of the period
--     ordered by session start (then session id); the longest run of
--     consecutive 'absent' records. Our choice: excused records are skipped —
--     they neither break a run nor extend it (absent, excused, absent is a run
--     of 2); an attended record (present, late, left_early) ends a run. 0 when
--     the patient has no absent record.
--   * last_attended_at: start of the latest attended session, as wall time of
--     the session's site ('YYYY-MM-DD HH24:MI'); empty when none.
--   * Percentages and required_sessions are numeric, rounded half away from zero.
WITH stay AS (
    -- Each episode's days in care within the period, as a date range.
    SELECT e.patient_id, e.level_of_care,
           daterange(e.admitted_on, e.discharged_on) * daterange($1::date, $2::date) AS days
      FROM carelog.episode e
      JOIN carelog.patient p ON p.id = e.patient_id
      JOIN carelog.site st   ON st.id = p.site_id
     WHERE e.admitted_on < $2::date
       AND (e.discharged_on IS NULL OR e.discharged_on > $1::date)
       AND ($3::text IS NULL OR st.site_code = $3::text)
),
in_care AS (
    -- Episodes of one patient never overlap: days add up; the latest one
    -- gives the last day in care and the level of care.
    SELECT DISTINCT ON (s.patient_id)
           s.patient_id,
           s.level_of_care,
           upper(s.days) - 1                                            AS last_day,
           sum(upper(s.days) - lower(s.days)) OVER (PARTITION BY s.patient_id) AS days_in_care
      FROM stay s
     WHERE NOT isempty(s.days)
     ORDER BY s.patient_id, upper(s.days) DESC
),
required AS (
    SELECT s.patient_id,
           carelog.required_sessions(sum(rq.sessions_per_week * (upper(r.days) - lower(r.days)))) AS required_sessions
      FROM stay s
      JOIN carelog.treatment_plan tp   ON tp.patient_id = s.patient_id
      JOIN carelog.plan_requirement rq ON rq.plan_id = tp.id
     CROSS JOIN LATERAL (SELECT s.days * daterange(tp.created_on, tp.closed_on) AS days) r
     WHERE NOT isempty(r.days)
     GROUP BY s.patient_id
),
period_attendance AS (
    -- Held sessions of the period by their site-local date; driven by the
    -- sessions (index on starts_at, then attendance by session_id).
    SELECT a.patient_id, gs.id AS session_id, gs.starts_at, g.site_id,
           carelog.counts_as_attended(a.status) AS attended,
           a.status = 'absent'                           AS absent,
           a.status = 'excused'                          AS excused
      FROM carelog.group_session gs
      JOIN carelog.care_group g ON g.id = gs.group_id
      JOIN carelog.site st      ON st.id = g.site_id
      JOIN carelog.attendance a ON a.session_id = gs.id
       -- the period's monthly partitions only (session_month, sql/015)
       AND a.session_month >= date_trunc('month', $1::date::timestamp)::date AND a.session_month < $2::date
     -- Generous UTC window first (index on starts_at), then the exact local date.
     WHERE gs.starts_at >= ($1::date - 1)::timestamp AT TIME ZONE 'UTC'
       AND gs.starts_at <  ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
       AND carelog.site_local_date(gs.starts_at, st.timezone) >= $1::date
       AND carelog.site_local_date(gs.starts_at, st.timezone) <  $2::date
       AND gs.status = 'held'
       -- Attendance implies care on the session's day, so without a site
       -- filter every row belongs to a listed patient; with one, keep the
       -- site's patients.
       AND ($3::text IS NULL OR a.patient_id IN (SELECT ic.patient_id FROM in_care ic))
),
absence_marks AS (
    -- One sort of the period's attendance, by patient and session start.
    SELECT pa.patient_id, pa.session_id, pa.starts_at, pa.site_id, pa.attended, pa.absent, pa.excused,
           count(*) FILTER (WHERE pa.absent)
               OVER (PARTITION BY pa.patient_id ORDER BY pa.starts_at, pa.session_id
                     ROWS UNBOUNDED PRECEDING) AS absent_so_far
      FROM period_attendance pa
),
streak_marks AS (
    -- Same order, no new sort. streak = absent records since the patient's
    -- latest attended record (the absent count there is the running maximum
    -- of absent_so_far over attended records, as it never decreases).
    -- Excused records move neither count: they neither break nor extend a run.
    SELECT am.patient_id, am.session_id, am.starts_at, am.site_id, am.attended, am.absent, am.excused,
           am.absent_so_far
             - coalesce(max(am.absent_so_far) FILTER (WHERE am.attended)
                            OVER (PARTITION BY am.patient_id ORDER BY am.starts_at, am.session_id
                                  ROWS UNBOUNDED PRECEDING), 0) AS streak
      FROM absence_marks am
),
attendance_counts AS (
    SELECT sm.patient_id,
           count(*) FILTER (WHERE sm.attended) AS attended,
           count(*) FILTER (WHERE sm.absent)   AS absent,
           count(*) FILTER (WHERE sm.excused)  AS excused,
           max(sm.streak)                      AS longest_absence_streak,
           max(sm.starts_at) FILTER (WHERE sm.attended) AS last_attended_at,
           (array_agg(sm.site_id ORDER BY sm.starts_at DESC, sm.session_id DESC)
                FILTER (WHERE sm.attended))[1] AS last_attended_site_id
      FROM streak_marks sm
     GROUP BY sm.patient_id
)
SELECT st.site_code,
       p.mrn,
       p.last_name || ', ' || p.first_name               AS patient_name,
       ic.level_of_care,
       th.last_name || ', ' || th.first_name             AS primary_therapist,
       ic.days_in_care,
       round(coalesce(rq.required_sessions, 0), 1)       AS required_sessions,
       coalesce(ac.attended, 0)                          AS attended,
       coalesce(ac.absent, 0)                            AS absent,
       coalesce(ac.excused, 0)                           AS excused,
       carelog.adherence_pct(ac.attended, rq.required_sessions) AS adherence_pct,
       coalesce(ac.longest_absence_streak, 0)            AS longest_absence_streak,
       to_char(ac.last_attended_at AT TIME ZONE lst.timezone, 'YYYY-MM-DD HH24:MI') AS last_attended_at
  FROM in_care ic
  JOIN carelog.patient p ON p.id = ic.patient_id
  JOIN carelog.site st   ON st.id = p.site_id
  LEFT JOIN carelog.therapist_assignment ta
         ON ta.patient_id = ic.patient_id
        AND ta.role = 'primary'
        AND ta.starts_on <= ic.last_day
        AND (ta.ends_on IS NULL OR ic.last_day <= ta.ends_on)
  LEFT JOIN carelog.staff th        ON th.id = ta.therapist_id
  LEFT JOIN required rq             ON rq.patient_id = ic.patient_id
  LEFT JOIN attendance_counts ac    ON ac.patient_id = ic.patient_id
  LEFT JOIN carelog.site lst        ON lst.id = ac.last_attended_site_id
 ORDER BY st.site_code, p.mrn

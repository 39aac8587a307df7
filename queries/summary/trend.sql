-- The director's summary trend: one row per site-local calendar month from $1
-- (inclusive) to $2 (exclusive), every month listed even without records, with
-- the main figures computed as the monthly reports define them (docs/reports.md), so the
-- last month's row equals the bundle's own figures:
--   patients_in_care     patients in care on any day of the month (patient-participation rows)
--   average_census       days in care of all patients / days of the month, one decimal
--   attended, absent     attendance records of the month's held sessions (group-attendance)
--   attendance_rate_pct  attended / (attended + absent)
--   adherence_median_pct median of the patients' adherence_pct as patient-participation
--                        rounds it (one decimal), over patients with sessions required
--   below_half_plan      patients whose adherence_pct is under 50
--   discharges, completed, completion_rate_pct   episodes discharged in the month (outcomes)
--   reviews_overdue_end  active plans overdue for review on the month's last day (plan-status)
-- Percentages: one decimal, half away from zero; empty with a zero denominator.
--
-- $1  the first day of the first month, ISO
-- $2  the first day after the last month, ISO
-- $3  the site code, or NULL for all sites
WITH first_session AS (
    -- Records start with the first group session: months before its month have
    -- no figures (carelog was not in use yet), rather than a census without attendance.
    SELECT date_trunc('month', min(gs.starts_at) AT TIME ZONE 'UTC')::date AS first_day
      FROM carelog.group_session gs
),
all_month AS (
    SELECT m::date AS first_day, (m + interval '1 month')::date AS next_day
      FROM generate_series($1::date, $2::date - 1, interval '1 month') AS m
),
month AS (
    SELECT am.*
      FROM all_month am, first_session fs
     WHERE am.first_day >= fs.first_day
),
stay AS (
    SELECT e.patient_id, e.admitted_on, e.discharged_on, e.discharge_reason
      FROM carelog.episode e
      JOIN carelog.patient p ON p.id = e.patient_id
      JOIN carelog.site st   ON st.id = p.site_id
     WHERE e.admitted_on < $2::date
       AND (e.discharged_on IS NULL OR e.discharged_on > $1::date)
       AND ($3::text IS NULL OR st.site_code = $3::text)
),
care AS (
    SELECT m.first_day, s.patient_id,
           sum(upper(r.days) - lower(r.days)) AS days_in_care
      FROM month m
      JOIN stay s ON s.admitted_on < m.next_day AND (s.discharged_on IS NULL OR s.discharged_on > m.first_day)
     CROSS JOIN LATERAL (SELECT daterange(s.admitted_on, s.discharged_on) * daterange(m.first_day, m.next_day) AS days) r
     WHERE NOT isempty(r.days)
     GROUP BY m.first_day, s.patient_id
),
required AS (
    SELECT m.first_day, s.patient_id,
           carelog.required_sessions(sum(rq.sessions_per_week * (upper(r.days) - lower(r.days)))) AS required_sessions
      FROM month m
      JOIN stay s ON s.admitted_on < m.next_day AND (s.discharged_on IS NULL OR s.discharged_on > m.first_day)
      JOIN carelog.treatment_plan tp   ON tp.patient_id = s.patient_id
      JOIN carelog.plan_requirement rq ON rq.plan_id = tp.id
     CROSS JOIN LATERAL (SELECT daterange(s.admitted_on, s.discharged_on) * daterange(m.first_day, m.next_day)
                                * daterange(tp.created_on, tp.closed_on) AS days) r
     WHERE NOT isempty(r.days)
     GROUP BY m.first_day, s.patient_id
),
session_attendance AS (
    -- The held sessions of the months by their site-local date, and their records.
    SELECT date_trunc('month', carelog.site_local_date(gs.starts_at, st.timezone))::date AS first_day,
           a.patient_id,
           carelog.counts_as_attended(a.status) AS attended,
           a.status = 'absent' AS absent
      FROM carelog.group_session gs
      JOIN carelog.care_group g ON g.id = gs.group_id
      JOIN carelog.site st      ON st.id = g.site_id
      JOIN carelog.attendance a ON a.session_id = gs.id
       -- the months' partitions only (session_month, sql/015)
       AND a.session_month >= $1::date AND a.session_month < $2::date
     WHERE gs.starts_at >= ($1::date - 1)::timestamp AT TIME ZONE 'UTC'
       AND gs.starts_at <  ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
       AND carelog.site_local_date(gs.starts_at, st.timezone) >= $1::date
       AND carelog.site_local_date(gs.starts_at, st.timezone) <  $2::date
       AND gs.status = 'held'
       AND ($3::text IS NULL OR st.site_code = $3::text)
),
patient_attended AS (
    SELECT sa.first_day, sa.patient_id,
           count(*) FILTER (WHERE sa.attended) AS attended,
           count(*) FILTER (WHERE sa.absent)   AS absent
      FROM session_attendance sa
     GROUP BY sa.first_day, sa.patient_id
),
patient_month AS (
    SELECT c.first_day, c.days_in_care,
           carelog.adherence_pct(pa.attended, rq.required_sessions) AS adherence_pct
      FROM care c
      LEFT JOIN required rq        ON rq.first_day = c.first_day AND rq.patient_id = c.patient_id
      LEFT JOIN patient_attended pa ON pa.first_day = c.first_day AND pa.patient_id = c.patient_id
),
ranked AS (
    SELECT pm.*,
           row_number() OVER (PARTITION BY pm.first_day ORDER BY pm.adherence_pct) AS rank,
           count(pm.adherence_pct) OVER (PARTITION BY pm.first_day) AS ranked
      FROM patient_month pm
),
care_figures AS (
    -- The median in exact numeric arithmetic (the middle value, or the mean of the
    -- two middle values), so that it rounds as the summary's own median does.
    SELECT rk.first_day,
           count(*) AS patients_in_care,
           sum(rk.days_in_care) AS days_in_care,
           count(*) FILTER (WHERE rk.adherence_pct < 50) AS below_half_plan,
           avg(rk.adherence_pct) FILTER (WHERE rk.adherence_pct IS NOT NULL
                                           AND rk.rank IN ((rk.ranked + 1) / 2, (rk.ranked + 2) / 2)) AS adherence_median
      FROM ranked rk
     GROUP BY rk.first_day
),
attendance_figures AS (
    -- By the group's site (as group-attendance), whoever the patient is.
    SELECT pa.first_day, sum(pa.attended) AS attended, sum(pa.absent) AS absent
      FROM patient_attended pa
     GROUP BY pa.first_day
),
discharge_figures AS (
    SELECT m.first_day, count(*) AS discharges,
           count(*) FILTER (WHERE s.discharge_reason = 'completed') AS completed
      FROM month m
      JOIN stay s ON s.discharged_on >= m.first_day AND s.discharged_on < m.next_day
     GROUP BY m.first_day
),
overdue_figures AS (
    SELECT m.first_day, count(*) AS reviews_overdue_end
      FROM month m
      JOIN carelog.treatment_plan tp
        ON tp.created_on <= m.next_day - 1
       AND (tp.closed_on IS NULL OR m.next_day - 1 < tp.closed_on)
      JOIN carelog.patient p ON p.id = tp.patient_id
      JOIN carelog.site st   ON st.id = p.site_id
     CROSS JOIN LATERAL (SELECT max(r.reviewed_on) AS last_review
                           FROM carelog.plan_review r
                          WHERE r.plan_id = tp.id AND r.reviewed_on <= m.next_day - 1) lr
     WHERE coalesce(lr.last_review, tp.created_on) + tp.review_interval_days < m.next_day - 1
       AND ($3::text IS NULL OR st.site_code = $3::text)
     GROUP BY m.first_day
)
SELECT to_char(am.first_day, 'YYYY-MM')                                  AS month,
       m.first_day IS NOT NULL                                           AS recorded,
       coalesce(cf.patients_in_care, 0)                                  AS patients_in_care,
       round(coalesce(cf.days_in_care, 0)::numeric / (m.next_day - m.first_day), 1) AS average_census,
       coalesce(af.attended, 0)                                          AS attended,
       coalesce(af.absent, 0)                                            AS absent,
       round(100.0 * af.attended / nullif(af.attended + af.absent, 0), 1) AS attendance_rate_pct,
       round(cf.adherence_median, 1)                            AS adherence_median_pct,
       coalesce(cf.below_half_plan, 0)                                   AS below_half_plan,
       coalesce(df.discharges, 0)                                        AS discharges,
       coalesce(df.completed, 0)                                         AS completed,
       round(100.0 * df.completed / nullif(df.discharges, 0), 1)         AS completion_rate_pct,
       coalesce(od.reviews_overdue_end, 0)                               AS reviews_overdue_end
  FROM all_month am
  LEFT JOIN month m               ON m.first_day = am.first_day
  LEFT JOIN care_figures cf       ON cf.first_day = m.first_day
  LEFT JOIN attendance_figures af ON af.first_day = m.first_day
  LEFT JOIN discharge_figures df  ON df.first_day = m.first_day
  LEFT JOIN overdue_figures od    ON od.first_day = m.first_day
 ORDER BY am.first_day

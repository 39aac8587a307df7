-- `patient show`: one patient's adherence over a span of days, with the definitions
-- of the patient-participation report (docs/reports.md): days in care (the discharge day is
-- not in care), required sessions (carelog.required_sessions of Σ sessions_per_week ×
-- days in care with the plan active), attended (carelog.counts_as_attended) / absent /
-- excused records of held sessions by their site-local date, carelog.adherence_pct.
-- $1: the MRN; $2: the first day; $3: the day after the last, 'YYYY-MM-DD'.
WITH patient AS (
    SELECT p.id FROM carelog.patient AS p WHERE p.mrn = $1
),
stay AS (
    SELECT daterange(e.admitted_on, e.discharged_on) * daterange($2::date, $3::date) AS days
      FROM carelog.episode AS e JOIN patient ON patient.id = e.patient_id
),
required AS (
    SELECT carelog.required_sessions(sum(rq.sessions_per_week * (upper(d.days) - lower(d.days)))) AS sessions
      FROM stay AS s
      JOIN carelog.treatment_plan AS tp ON tp.patient_id = (SELECT id FROM patient)
      JOIN carelog.plan_requirement AS rq ON rq.plan_id = tp.id
     CROSS JOIN LATERAL (SELECT s.days * daterange(tp.created_on, tp.closed_on) AS days) AS d
     WHERE NOT isempty(d.days)
),
records AS (
    SELECT a.status
      FROM carelog.attendance AS a
      JOIN patient ON patient.id = a.patient_id
      JOIN carelog.group_session AS gs ON gs.id = a.session_id AND gs.status = 'held'
      JOIN carelog.care_group AS g ON g.id = gs.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE carelog.site_local_date(gs.starts_at, st.timezone) >= $2::date
       AND carelog.site_local_date(gs.starts_at, st.timezone) < $3::date
)
SELECT (SELECT coalesce(sum(upper(days) - lower(days)), 0) FROM stay WHERE NOT isempty(days)) AS days_in_care,
       round(coalesce((SELECT sessions FROM required), 0), 1)::text AS required_sessions,
       (SELECT count(*) FROM records WHERE carelog.counts_as_attended(status)) AS attended,
       (SELECT count(*) FROM records WHERE status = 'absent') AS absent,
       (SELECT count(*) FROM records WHERE status = 'excused') AS excused,
       carelog.adherence_pct((SELECT count(*) FROM records WHERE carelog.counts_as_attended(status)),
                             (SELECT sessions FROM required))::text AS adherence_pct

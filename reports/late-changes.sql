-- name: late-changes
-- title: Changes after the month was reported
-- description: One row per change to the period's attendance or plan reviews made after the month was reported (closed with `carelog period close`, or else after its first monthly bundle): who changed what, when, from what to what, and why.
-- parameters: period_start date, period_end date, site_code text
-- columns: changed_at:timestamp, site_code:code, group_code:group, session_start:timestamp, mrn:mrn, change:code, changed_by:staff, reason:note
-- column changed_at: When the change was written (audit trail), site-local 'YYYY-MM-DD HH:MM'; only changes after the site's month was closed or, if not closed, after its first monthly bundle; year only under --deidentify.
-- column site_code: For attendance, the site of the session's group; for a plan review, the patient's site; --site selects on it.
-- column group_code: The session's group for attendance changes; empty for plan reviews; a keyed code GR-… under --pseudonymize, random per run under --deidentify.
-- column session_start: Start of the session whose attendance changed, site-local 'YYYY-MM-DD HH:MM' (a session of the period by its site-local date); empty for plan reviews; cut to the year under --deidentify.
-- column mrn: The patient whose attendance record or plan review (dated in the period) changed; a keyed pseudonym under --pseudonymize, random per run under --deidentify.
-- column change: 'added STATUS' (record first written late), 'OLD → NEW' (status corrected), 'STATUS (minutes OLD → NEW)' (only minutes; - for none), 'STATUS → voided', 'review of YYYY-MM-DD added', '… changed' or '… removed'.
-- column changed_by: The acting staff member's staff ID recorded with the change, else the database login; a keyed code ST-… under --pseudonymize, random per run under --deidentify.
-- column reason: Free text typed by staff: the correction's reason, or the void's reason for a voided record; empty for added records and plan reviews; dropped under --pseudonymize and --deidentify.
--
-- "Reported" is per site: the moment the site's month was closed (closed_period), or,
-- when it is not closed, the first `report monthly` run of that month for that site or
-- for every site (run_log). A site whose month was never reported has no late change.
-- The audit trail says what changed and when (docs/record-integrity.md): events
-- written after that moment to
--   attendance of the period's sessions (session_month = the period, the group's site):
--       a record first written late (change 'added present'), corrected ('absent →
--       present', or 'late (minutes 30 → 45)' when only the minutes changed), voided
--       ('present → voided', the reason from attendance_void);
--   plan reviews dated in the period (the patient's site): 'review of 2026-10-20
--       added' (changed, removed); group_code and session_start empty.
-- An event of many rows (sql/012: record_id empty, the rows in old_rows/new_rows) is
-- read row by row. changed_at and session_start are site-local 'YYYY-MM-DD HH24:MI';
-- changed_by is the acting staff member, else the login. reason is free text typed by
-- staff: dropped under --pseudonymize and --deidentify. Order: site, changed_at, mrn,
-- change.
WITH reported AS MATERIALIZED (
    SELECT st.id AS site_id, st.site_code, st.timezone,
           coalesce((SELECT c.closed_at FROM carelog.closed_period AS c WHERE c.site_id = st.id AND c.month = $1::date),
                    (SELECT min(r.ran_at) FROM carelog.run_log AS r
                      WHERE r.command = 'report monthly'
                        AND r.parameters ->> 'month' = to_char($1::date, 'YYYY-MM')
                        AND coalesce(r.parameters ->> 'site', st.site_code) = st.site_code)) AS reported_at
      FROM carelog.site AS st
     WHERE $3::text IS NULL OR st.site_code = $3::text
),
since AS (
    SELECT min(reported_at) AS reported_at FROM reported
),
changed AS MATERIALIZED (
    -- every row an event of the two tables wrote after the earliest report; the rows
    -- of many-row events unnested here rather than through the view
    -- carelog.audit_change, whose UNION hides audit_event.created_at from the planner:
    -- filtering on it here reads only the monthly partitions written since the report
    -- (sql/015), whatever the length of the history
    SELECT b.created_at, e.table_name, e.operation, coalesce(b.acting_staff, b.db_user) AS changed_by,
           r.old_row, r.new_row
      FROM since
      JOIN carelog.audit_batch AS b ON b.created_at > since.reported_at
      JOIN carelog.audit_event AS e ON e.batch_id = b.id AND e.created_at > since.reported_at
      CROSS JOIN LATERAL (
          SELECT e.old_values AS old_row, e.new_values AS new_row WHERE e.record_id IS NOT NULL
          UNION ALL
          SELECT o::jsonb, n::jsonb
            FROM ROWS FROM (json_array_elements(e.old_rows), json_array_elements(e.new_rows)) AS x(o, n)
           WHERE e.record_id IS NULL
      ) AS r
     WHERE e.table_name IN ('attendance', 'plan_review')
),
attendance_change AS (
    SELECT c.created_at, rp.site_code, rp.timezone,
           g.group_code, gs.starts_at, p.mrn,
           CASE c.operation
               WHEN 'INSERT' THEN 'added ' || (c.new_row ->> 'status')
               WHEN 'DELETE' THEN (c.old_row ->> 'status') || ' → voided'
               WHEN 'UPDATE' THEN
                   CASE WHEN c.old_row ->> 'status' IS DISTINCT FROM c.new_row ->> 'status'
                        THEN (c.old_row ->> 'status') || ' → ' || (c.new_row ->> 'status')
                        ELSE (c.new_row ->> 'status') || ' (minutes ' || coalesce(c.old_row ->> 'minutes_attended', '-')
                             || ' → ' || coalesce(c.new_row ->> 'minutes_attended', '-') || ')' END
           END AS change,
           c.changed_by,
           CASE c.operation
               WHEN 'UPDATE' THEN c.new_row ->> 'correction_reason'
               WHEN 'DELETE' THEN (SELECT v.reason FROM carelog.attendance_void AS v
                                    WHERE v.attendance_id = (c.old_row ->> 'id')::bigint
                                    ORDER BY v.id DESC LIMIT 1)
           END AS reason
      FROM changed AS c
      JOIN carelog.group_session AS gs ON gs.id = (coalesce(c.new_row, c.old_row) ->> 'session_id')::bigint
      JOIN carelog.care_group AS g ON g.id = gs.group_id
      JOIN reported AS rp ON rp.site_id = g.site_id
      JOIN carelog.patient AS p ON p.id = (coalesce(c.new_row, c.old_row) ->> 'patient_id')::bigint
     WHERE c.table_name = 'attendance'
       AND (coalesce(c.new_row, c.old_row) ->> 'session_month')::date = $1::date
       AND c.created_at > rp.reported_at
       -- an UPDATE that changed neither status nor minutes (a month's refiling) is no change
       AND (c.operation <> 'UPDATE'
            OR (c.old_row ->> 'status', c.old_row ->> 'minutes_attended')
               IS DISTINCT FROM (c.new_row ->> 'status', c.new_row ->> 'minutes_attended'))
),
review_change AS (
    SELECT c.created_at, rp.site_code, rp.timezone,
           NULL::text AS group_code, NULL::timestamptz AS starts_at, p.mrn,
           'review of ' || (coalesce(c.new_row, c.old_row) ->> 'reviewed_on')
               || CASE c.operation WHEN 'INSERT' THEN ' added' WHEN 'DELETE' THEN ' removed' ELSE ' changed' END AS change,
           c.changed_by, NULL::text AS reason
      FROM changed AS c
      JOIN carelog.treatment_plan AS tp ON tp.id = (coalesce(c.new_row, c.old_row) ->> 'plan_id')::bigint
      JOIN carelog.patient AS p ON p.id = tp.patient_id
      JOIN reported AS rp ON rp.site_id = p.site_id
     WHERE c.table_name = 'plan_review'
       AND (coalesce(c.new_row, c.old_row) ->> 'reviewed_on')::date >= $1::date
       AND (coalesce(c.new_row, c.old_row) ->> 'reviewed_on')::date < $2::date
       AND c.created_at > rp.reported_at
)
SELECT to_char(x.created_at AT TIME ZONE x.timezone, 'YYYY-MM-DD HH24:MI') AS changed_at,
       x.site_code, x.group_code,
       to_char(x.starts_at AT TIME ZONE x.timezone, 'YYYY-MM-DD HH24:MI') AS session_start,
       x.mrn, x.change, x.changed_by, x.reason
  FROM (SELECT * FROM attendance_change UNION ALL SELECT * FROM review_change) AS x
 ORDER BY x.site_code, x.created_at, x.mrn COLLATE "C", x.change

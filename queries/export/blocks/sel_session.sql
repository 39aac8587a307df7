-- Shared block of the export: the sessions whose site-local date is in the period
-- (of the chosen site's groups with --site). Under --basis consent only the sessions a
-- patient with an active consent attended (or was recorded absent from): a session, its
-- group's code and name are about the patients in it, and a group of one patient who
-- did not consent (individual therapy, named after her) must not be disclosed.
-- site_timezone is the group's site's zone: the files write the site-local date and
-- time of each session beside the UTC instant. The sessions are found through the
-- index on starts_at between the first instant that can fall on the period's first day
-- in some time zone (UTC-12 to UTC+14) and the last that can fall on its last day.
-- The period's bounds are written out from the settings here rather than read from x:
-- the planner estimates a stable expression by its value, but knows nothing of a
-- materialized x's columns; with them it expected some 60 sessions where a 3-year export
-- has thousands, and joined their 250,000 attendance records by nested loops (the
-- FHIR Encounters 3.0 → 2.5 s at scale 1; docs/benchmarks.md).
-- uses: x disclosable
sel_session AS (
    SELECT gs.*, st.timezone AS site_timezone
      FROM x
      JOIN carelog.group_session AS gs
        ON gs.starts_at >= (current_setting('carelog.export_from')::date - 1)::timestamp AT TIME ZONE 'UTC'
       AND gs.starts_at < (current_setting('carelog.export_to')::date + 2)::timestamp AT TIME ZONE 'UTC'
      JOIN carelog.care_group AS g ON g.id = gs.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE carelog.site_local_date(gs.starts_at, st.timezone)
           BETWEEN current_setting('carelog.export_from')::date AND current_setting('carelog.export_to')::date
       AND (x.all_sites OR g.site_id = x.site_id)
       AND (x.consent_recipient IS NULL
            OR EXISTS (SELECT 1 FROM carelog.attendance AS a
                        WHERE a.session_id = gs.id AND a.patient_id IN (SELECT patient_id FROM disclosable)))
)

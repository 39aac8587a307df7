-- `carelog board`: every session of one site-local day across groups, by
-- facilitator, with the state of its roll and of its note. Read under the caller's
-- row-level security: a therapist sees the sessions (and counts the records, and
-- reads the notes) it may read, a director those of its site, an auditor all.
--
-- attendance (the roll):
--   cancelled    the session is cancelled;
--   not started  it starts after now;
--   not logged   it has started and has no attendance record;
--   roll open    an open group's sign-in list with records whose roll is not closed
--                (`attendance record --done`, docs/open-groups.md);
--   logged       it has attendance records (a closed group), or its roll is closed
--                (an open group's, with or without anyone signed in).
-- note: carelog.note_state (docs/notes.md): for a held session someone attended,
-- missing (no note, or none this login may read), draft, awaiting co-signature,
-- signed; empty when nobody attended (no note is due).
-- $1: the day, 'YYYY-MM-DD', or NULL for today in each site's time zone;
-- $2: the site code, or NULL for every site.
WITH day_session AS (
    SELECT s.id, s.starts_at, s.duration_minutes, s.status, s.facilitator_id,
           g.group_code, g.name AS group_name, g.kind, st.site_code, st.timezone
      FROM carelog.group_session AS s
      JOIN carelog.care_group AS g ON g.id = s.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     -- Generous UTC window first (index on starts_at), then the exact local date.
     WHERE s.starts_at >= (coalesce($1::text::date, now()::date) - 2)::timestamp AT TIME ZONE 'UTC'
       AND s.starts_at <  (coalesce($1::text::date, now()::date) + 3)::timestamp AT TIME ZONE 'UTC'
       AND carelog.site_local_date(s.starts_at, st.timezone)
           = coalesce($1::text::date, (now() AT TIME ZONE st.timezone)::date)
       AND ($2::text IS NULL OR st.site_code = $2::text)
),
counted AS (
    SELECT ds.*,
           count(a.patient_id) AS recorded,
           count(a.patient_id) FILTER (WHERE carelog.counts_as_attended(a.status)) AS attended,
           bool_or(r.session_id IS NOT NULL) AS roll_closed
      FROM day_session AS ds
      LEFT JOIN carelog.attendance AS a ON a.session_id = ds.id
      LEFT JOIN carelog.roll_closure AS r ON r.session_id = ds.id
     GROUP BY ds.id, ds.starts_at, ds.duration_minutes, ds.status, ds.facilitator_id,
              ds.group_code, ds.group_name, ds.kind, ds.site_code, ds.timezone
)
SELECT coalesce(f.staff_id, '') AS facilitator_id,
       coalesce(f.last_name || ', ' || f.first_name, '') AS facilitator_name,
       c.site_code,
       to_char(c.starts_at AT TIME ZONE c.timezone, 'YYYY-MM-DD') AS local_day,
       to_char(c.starts_at AT TIME ZONE c.timezone, 'HH24:MI') AS local_time,
       c.group_code, c.group_name, c.kind, c.status, c.recorded, c.attended,
       CASE WHEN c.status = 'cancelled' THEN 'cancelled'
            WHEN c.starts_at > now() THEN 'not started'
            WHEN c.kind = 'open' AND c.roll_closed THEN 'logged'
            WHEN c.recorded = 0 THEN 'not logged'
            WHEN c.kind = 'open' THEN 'roll open'
            ELSE 'logged' END AS attendance,
       carelog.note_state(c.id) AS note
  FROM counted AS c
  LEFT JOIN carelog.staff AS f ON f.id = c.facilitator_id
 ORDER BY f.last_name NULLS LAST, f.first_name, f.staff_id, c.starts_at, c.group_code

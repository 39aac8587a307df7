-- For a therapist's login: the MRNs of a roll that it may not record, because it
-- does not facilitate the group (as the group's facilitator or the session's)
-- and the patients are not in its caseload. No row when it may record them all,
-- when the login is not a therapist's, or when the group does not exist (the
-- attendance checks report that). Row-level security refuses the same rows; this
-- query only lets carelog name the rule before writing anything.
-- $1 group code (text), $2 session start as given with --at (text),
-- $3 the MRNs of the roll (text[]).
WITH me AS (
    SELECT s.id, s.staff_id
      FROM carelog.staff AS s
     WHERE s.id = carelog.login_staff_id()
       AND carelog.login_role() = 'therapist'
), grp AS (
    SELECT g.id, g.group_code, g.facilitator_id, st.timezone
      FROM carelog.care_group AS g
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE g.group_code = carelog.known_group_code($1)
), facilitated AS (
    SELECT 1
      FROM grp, me
     WHERE grp.facilitator_id = me.id
        OR EXISTS (SELECT 1
                     FROM carelog.group_session AS s
                    WHERE s.group_id = grp.id
                      AND s.facilitator_id = me.id
                      AND carelog.is_import_timestamp($2)
                      AND s.starts_at = carelog.to_site_instant($2, grp.timezone))
), outside AS (
    SELECT m.mrn, m.n
      FROM unnest($3::text[]) WITH ORDINALITY AS m(mrn, n)
     WHERE m.mrn NOT IN (SELECT p.mrn
                           FROM carelog.patient AS p
                          WHERE p.id IN (SELECT carelog.caseload_patient_ids()))
)
SELECT me.staff_id, grp.group_code,
       (SELECT string_agg(o.mrn, ', ' ORDER BY o.n) FROM outside AS o) AS outside,
       (SELECT count(*) FROM outside) AS outside_count
  FROM me, grp
 WHERE NOT EXISTS (SELECT 1 FROM facilitated)
   AND EXISTS (SELECT 1 FROM outside)

-- `group unenroll`: the patient's enrollment in a group that covers a day (its last
-- day, inclusive: docs/data-model.md), and the date today at the group's site, the
-- default of --last-day.
-- $1: the group code; $2: the MRN; $3: the day, 'YYYY-MM-DD', or NULL for today.
WITH day AS (
    SELECT coalesce($3::date, (now() AT TIME ZONE st.timezone)::date) AS day
      FROM carelog.care_group AS g
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE g.group_code = carelog.known_group_code($1)
)
SELECT day.day::text AS day, en.starts_on::text AS starts_on, en.ends_on::text AS ends_on
  FROM day
  LEFT JOIN (carelog.group_enrollment AS en
             JOIN carelog.care_group AS g ON g.id = en.group_id AND g.group_code = carelog.known_group_code($1)
             JOIN carelog.patient AS p ON p.id = en.patient_id AND p.mrn = $2)
    ON en.starts_on <= day.day AND (en.ends_on IS NULL OR en.ends_on >= day.day)

-- `patient show`: the patient's last ten attendance records of held sessions that
-- started on or before the end of a day, newest first, as the site's wall time.
-- $1: the MRN; $2: the as-of day, 'YYYY-MM-DD' (sessions of later days are left out).
SELECT to_char(gs.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS starts_at,
       g.group_code, g.name AS group_name, a.status
  FROM carelog.attendance AS a
  JOIN carelog.patient AS p ON p.id = a.patient_id
  JOIN carelog.group_session AS gs ON gs.id = a.session_id AND gs.status = 'held'
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.site AS st ON st.id = g.site_id
 WHERE p.mrn = $1
   AND carelog.site_local_date(gs.starts_at, st.timezone) <= $2::date
 ORDER BY gs.starts_at DESC
 LIMIT 10

-- `attendance void`: removes the given patients' records of one session. The
-- database keeps each, with who voided it, when and why, in carelog.attendance_void
-- and the audit trail (sql/016); the reason is set first (set_change_reason).
-- Returns each voided record's MRN and status.
-- $1: the group code; $2: the site-local wall time, 'YYYY-MM-DD HH:MM'; $3: the MRNs (text[]).
DELETE FROM carelog.attendance AS a
 USING carelog.care_group AS g, carelog.site AS st, carelog.group_session AS s, carelog.patient AS p
 WHERE g.group_code = carelog.known_group_code($1)
   AND st.id = g.site_id
   AND s.group_id = g.id
   AND s.starts_at = carelog.to_site_instant($2, st.timezone)
   AND a.session_id = s.id
   AND p.id = a.patient_id
   AND p.mrn = ANY ($3::text[])
RETURNING p.mrn, a.status

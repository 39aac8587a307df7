-- `patient show`: the patient, their site, and the day the history is read as of.
-- $1: the MRN; $2: the as-of date 'YYYY-MM-DD', or NULL for today at the patient's site.
SELECT p.mrn, p.first_name, p.last_name, p.date_of_birth::text AS date_of_birth, p.gender,
       st.site_code,
       coalesce($2::date, (now() AT TIME ZONE st.timezone)::date)::text AS as_of
  FROM carelog.patient AS p
  JOIN carelog.site AS st ON st.id = p.site_id
 WHERE p.mrn = $1

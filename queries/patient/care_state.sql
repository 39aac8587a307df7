-- `patient admit|discharge`: a patient's open episode (none when not in care) and the
-- date today at the patient's site, the default of --on.
-- $1: the MRN.
SELECT to_char(now() AT TIME ZONE st.timezone, 'YYYY-MM-DD') AS local_today,
       e.admitted_on::text AS admitted_on, e.level_of_care
  FROM carelog.patient AS p
  JOIN carelog.site AS st ON st.id = p.site_id
  LEFT JOIN carelog.episode AS e ON e.patient_id = p.id AND e.discharged_on IS NULL
 WHERE p.mrn = $1

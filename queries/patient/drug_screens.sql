-- `patient show`: the patient's last five drug screens collected on or before a day,
-- newest first. substances: as recorded (empty for a negative screen).
-- $1: the MRN; $2: the as-of day, 'YYYY-MM-DD'.
SELECT to_char(ds.collected_on, 'YYYY-MM-DD') AS collected_on, ds.result,
       coalesce(ds.substances, '') AS substances
  FROM carelog.drug_screen AS ds
  JOIN carelog.patient AS p ON p.id = ds.patient_id
 WHERE p.mrn = $1
   AND ds.collected_on <= $2::date
 ORDER BY ds.collected_on DESC, ds.id DESC
 LIMIT 5

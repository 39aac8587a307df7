-- `patient show`: every assessment score of the patient up to a day, by instrument
-- and date, for the trend.
-- $1: the MRN; $2: the as-of day, 'YYYY-MM-DD'.
SELECT a.instrument, a.administered_on::text AS administered_on, a.score::text AS score
  FROM carelog.assessment AS a
  JOIN carelog.patient AS p ON p.id = a.patient_id
 WHERE p.mrn = $1 AND a.administered_on <= $2::date
 ORDER BY a.instrument, a.administered_on

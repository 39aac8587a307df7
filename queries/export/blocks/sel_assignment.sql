-- Shared block of the export: the therapist assignments overlapping the period
-- (ends_on inclusive: the last day).
-- uses: x site_patient
sel_assignment AS (
    SELECT a.*
      FROM x JOIN carelog.therapist_assignment AS a
        ON daterange(a.starts_on, a.ends_on, '[]') && x.days
     WHERE a.patient_id IN (SELECT id FROM site_patient)
)

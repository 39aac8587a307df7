-- Import rule of assignments: a patient has at most one primary therapist on any day, in the file or with stored assignments.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'starts_on' AS column_name,
       format('overlaps another primary therapist assignment of this patient (staff %s from %s%s)',
              st.staff_id, o.starts_on,
              CASE WHEN o.record_number IS NOT NULL THEN ', earlier in this file' ELSE '' END) AS message
  FROM import_resolved AS r
  JOIN (SELECT x.record_number, x.patient_id, x.therapist_id, x.starts_on, x.ends_on FROM import_resolved AS x
         WHERE x.role = 'primary'
        UNION ALL
        SELECT NULL, a.patient_id, a.therapist_id, a.starts_on, a.ends_on FROM carelog.therapist_assignment AS a
         WHERE a.role = 'primary' AND a.patient_id IN (SELECT patient_id FROM import_resolved)
           AND NOT EXISTS (SELECT 1 FROM import_resolved AS x WHERE x.existing_id = a.id)) AS o
    ON o.patient_id = r.patient_id
   AND (o.record_number IS NULL OR o.record_number < r.record_number)
   AND daterange(r.starts_on, r.ends_on, '[]') && daterange(o.starts_on, o.ends_on, '[]')
  JOIN carelog.staff AS st ON st.id = o.therapist_id
 WHERE r.role = 'primary' AND (r.ends_on IS NULL OR r.ends_on >= r.starts_on)

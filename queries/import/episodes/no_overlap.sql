-- Import rule of episodes: a patient's episodes do not overlap, in the file or with stored ones (a same-day episode counts for its first day).
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'admitted_on' AS column_name,
       format('overlaps another episode of this patient (admitted %s%s)', o.admitted_on,
              CASE WHEN o.record_number IS NOT NULL THEN ', earlier in this file' ELSE '' END) AS message
  FROM import_resolved AS r
  JOIN (SELECT x.record_number, x.patient_id, x.admitted_on, x.discharged_on FROM import_resolved AS x
        UNION ALL
        SELECT NULL, e.patient_id, e.admitted_on, e.discharged_on FROM carelog.episode AS e
         WHERE e.patient_id IN (SELECT patient_id FROM import_resolved)
           AND NOT EXISTS (SELECT 1 FROM import_resolved AS x WHERE x.existing_id = e.id)) AS o
    ON o.patient_id = r.patient_id
   AND (o.record_number IS NULL OR o.record_number < r.record_number)
   AND carelog.episode_days(r.admitted_on, r.discharged_on) && carelog.episode_days(o.admitted_on, o.discharged_on)
 WHERE r.discharged_on IS NULL OR r.discharged_on >= r.admitted_on

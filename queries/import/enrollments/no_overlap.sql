-- Import rule of enrollments: a patient's enrollments in one group do not overlap, in the file or with stored ones.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'starts_on' AS column_name,
       format('overlaps another enrollment of this patient in this group (from %s%s)', o.starts_on,
              CASE WHEN o.record_number IS NOT NULL THEN ', earlier in this file' ELSE '' END) AS message
  FROM import_resolved AS r
  JOIN (SELECT x.record_number, x.group_id, x.patient_id, x.starts_on, x.ends_on FROM import_resolved AS x
        UNION ALL
        SELECT NULL, e.group_id, e.patient_id, e.starts_on, e.ends_on FROM carelog.group_enrollment AS e
         WHERE e.patient_id IN (SELECT patient_id FROM import_resolved)
           AND NOT EXISTS (SELECT 1 FROM import_resolved AS x WHERE x.existing_id = e.id)) AS o
    ON o.group_id = r.group_id AND o.patient_id = r.patient_id
   AND (o.record_number IS NULL OR o.record_number < r.record_number)
   AND daterange(r.starts_on, r.ends_on, '[]') && daterange(o.starts_on, o.ends_on, '[]')
 WHERE r.ends_on IS NULL OR r.ends_on >= r.starts_on

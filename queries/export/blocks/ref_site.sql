-- Shared block of the export: the sites the referred patients, staff and groups belong to.
-- uses: ref_patient ref_staff ref_group
ref_site AS (
    SELECT p.site_id FROM carelog.patient AS p WHERE p.id IN (SELECT patient_id FROM ref_patient)
    UNION SELECT sf.site_id FROM carelog.staff AS sf WHERE sf.id IN (SELECT staff_id FROM ref_staff)
    UNION SELECT g.site_id FROM carelog.care_group AS g WHERE g.id IN (SELECT group_id FROM ref_group)
)

-- Shared block of the export: the group enrollments overlapping the period
-- (ends_on inclusive: the last day), of the chosen site's groups with --site; under
-- --basis consent only those of patients with an active consent (see sel_session.sql).
-- uses: x disclosable
sel_enrollment AS (
    SELECT en.*
      FROM x JOIN carelog.group_enrollment AS en
        ON daterange(en.starts_on, en.ends_on, '[]') && x.days
      JOIN carelog.care_group AS g ON g.id = en.group_id
     WHERE (x.all_sites OR g.site_id = x.site_id)
       AND (x.consent_recipient IS NULL OR en.patient_id IN (SELECT patient_id FROM disclosable))
)

-- Shared block of the export: the patients whose patient-side rows are exported
-- (all patients, or those of the site with --site; under --basis consent only those
-- with an active consent for the recipient).
-- uses: x disclosable
site_patient AS (
    SELECT p.id FROM x JOIN carelog.patient AS p ON x.all_sites OR p.site_id = x.site_id
     WHERE x.consent_recipient IS NULL OR p.id IN (SELECT patient_id FROM disclosable)
)

-- Shared block of the export: the patients whose patient-side rows are exported
-- (all patients, or those of the site with --site).
-- uses: x
site_patient AS (
    SELECT p.id FROM x JOIN carelog.patient AS p ON x.all_sites OR p.site_id = x.site_id
)

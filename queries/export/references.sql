-- Run once before the files of an export: works out which patients, staff members,
-- groups and sites the rows of the period refer to and keeps their ids in
-- transaction-local settings (carelog.export_patients, _staff, _groups, _sites;
-- bigint arrays as text), which sites, staff, patients and groups then read (and the
-- pseudonymised patient block). One pass over the period's attendance instead of one
-- per file.
-- uses: ref_patient ref_staff ref_group ref_site
SELECT set_config('carelog.export_patients', (SELECT coalesce(array_agg(patient_id ORDER BY patient_id), '{}') FROM ref_patient)::text, true),
       set_config('carelog.export_staff', (SELECT coalesce(array_agg(staff_id ORDER BY staff_id), '{}') FROM ref_staff)::text, true),
       set_config('carelog.export_groups', (SELECT coalesce(array_agg(group_id ORDER BY group_id), '{}') FROM ref_group)::text, true),
       set_config('carelog.export_sites', (SELECT coalesce(array_agg(site_id ORDER BY site_id), '{}') FROM ref_site)::text, true)

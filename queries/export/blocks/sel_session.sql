-- Shared block of the export: the sessions whose site-local date is in the period
-- (of the chosen site's groups with --site). Under --basis consent only the sessions a
-- patient with an active consent attended (or was recorded absent from): a session, its
-- group's code and name are about the patients in it, and a group of one patient who
-- did not consent (individual therapy, named after her) must not be disclosed.
-- site_timezone is the group's site's zone: the files write the site-local date and
-- time of each session beside the UTC instant.
-- uses: x disclosable
sel_session AS (
    SELECT gs.*, st.timezone AS site_timezone
      FROM x
      JOIN carelog.group_session AS gs
        ON gs.starts_at >= x.earliest AND gs.starts_at < x.latest
      JOIN carelog.care_group AS g ON g.id = gs.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE carelog.site_local_date(gs.starts_at, st.timezone) BETWEEN x.from_on AND x.to_on
       AND (x.all_sites OR g.site_id = x.site_id)
       AND (x.consent_recipient IS NULL
            OR EXISTS (SELECT 1 FROM carelog.attendance AS a
                        WHERE a.session_id = gs.id AND a.patient_id IN (SELECT patient_id FROM disclosable)))
)

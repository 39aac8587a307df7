-- Shared block of the export: the group enrollments overlapping the period
-- (ends_on inclusive: the last day), of the chosen site's groups with --site.
-- uses: x
sel_enrollment AS (
    SELECT en.*
      FROM x JOIN carelog.group_enrollment AS en
        ON daterange(en.starts_on, en.ends_on, '[]') && x.days
      JOIN carelog.care_group AS g ON g.id = en.group_id
     WHERE x.all_sites OR g.site_id = x.site_id
)

-- Staging: the groups of each site by number (see 110_care_group.sql), with their
-- ids and usual facilitators.
CREATE TEMP TABLE seed_group ON COMMIT DROP AS
SELECT ss.site_no, g.group_no, cg.id AS group_pk, g.facilitator_idx
  FROM seed_site ss
 CROSS JOIN (VALUES (1, '12S', 5), (2, 'WPG', 1), (3, 'MPG', 2), (4, 'RPG', 3)) AS g(group_no, suffix, facilitator_idx)
  JOIN carelog.care_group cg ON cg.group_code = 'S' || to_char(ss.site_no, 'FM00') || '-' || g.suffix;

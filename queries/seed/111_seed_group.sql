-- Staging: the groups of each site by number (see 110_care_group.sql), with their
-- ids and usual facilitators.
CREATE TEMP TABLE seed_group ON COMMIT DROP AS
SELECT ss.site_no, g.group_no, cg.id AS group_pk, g.facilitator_idx
  FROM seed_site ss
 CROSS JOIN (VALUES (1, '12S', 5), (2, 'WPG-A', 1), (3, 'WPG-B', 3), (4, 'MPG-A', 7), (5, 'MPG-B', 2),
                    (6, 'MPG-C', 4), (7, 'RPG-A', 2), (8, 'RPG-B', 4), (9, 'RPG-C', 6), (10, 'RPG-D', 8),
                    (11, 'IOP', 1), (12, 'OPG', 3))
         AS g(group_no, suffix, facilitator_idx)
  JOIN carelog.care_group cg ON cg.group_code = 'S' || to_char(ss.site_no, 'FM00') || '-' || g.suffix;

-- Four groups per site: group_no 1 the open 12-step meeting, 2 and 3 the women's
-- and men's process groups, 4 relapse prevention; each led by one clinician.
-- (111_seed_group.sql repeats the numbers, suffixes and facilitators.)
INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, capacity, facilitator_id)
SELECT 'S' || to_char(ss.site_no, 'FM00') || '-' || g.suffix, g.name, g.modality, g.gender_focus, g.kind,
       ss.site_id, g.capacity, c.staff_pk
  FROM seed_site ss
 CROSS JOIN (VALUES (1, '12S', 'Daily 12-Step Meeting',   'twelve_step',        'all',   'open',   NULL::int, 5),
                    (2, 'WPG', 'Women''s Process Group',  'process',            'women', 'closed', 120, 1),
                    (3, 'MPG', 'Men''s Process Group',    'process',            'men',   'closed', 120, 2),
                    (4, 'RPG', 'Relapse Prevention',      'relapse_prevention', 'all',   'closed', 120, 3))
         AS g(group_no, suffix, name, modality, gender_focus, kind, capacity, facilitator_idx)
  JOIN seed_clinician c ON c.site_no = ss.site_no AND c.idx = g.facilitator_idx
 ORDER BY ss.site_no, g.group_no;

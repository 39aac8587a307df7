-- Twelve groups per site (group_no): 1 the open 12-step meeting; 2–3 the women's
-- and 4–6 the men's process groups of the residential units (8–12 attending);
-- 7–10 relapse prevention for residents; 11 the day program's intensive
-- outpatient group; 12 the outpatients' relapse-prevention group. Each led by one
-- clinician. (111_seed_group.sql repeats the numbers, suffixes and facilitators;
-- 130_seed_session.sql holds their schedules.)
INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, capacity, facilitator_id)
SELECT 'S' || to_char(ss.site_no, 'FM00') || '-' || g.suffix, g.name, g.modality, g.gender_focus, g.kind,
       ss.site_id, g.capacity, c.staff_pk
  FROM seed_site ss
 CROSS JOIN (VALUES (1,  '12S',   'Daily 12-Step Meeting',          'twelve_step',        'all',   'open',   NULL::int, 5),
                    (2,  'WPG-A', 'Women''s Process Group A',       'process',            'women', 'closed', 16, 1),
                    (3,  'WPG-B', 'Women''s Process Group B',       'process',            'women', 'closed', 16, 3),
                    (4,  'MPG-A', 'Men''s Process Group A',         'process',            'men',   'closed', 16, 7),
                    (5,  'MPG-B', 'Men''s Process Group B',         'process',            'men',   'closed', 16, 2),
                    (6,  'MPG-C', 'Men''s Process Group C',         'process',            'men',   'closed', 16, 4),
                    (7,  'RPG-A', 'Relapse Prevention A',           'relapse_prevention', 'all',   'closed', 24, 2),
                    (8,  'RPG-B', 'Relapse Prevention B',           'relapse_prevention', 'all',   'closed', 24, 4),
                    (9,  'RPG-C', 'Relapse Prevention C',           'relapse_prevention', 'all',   'closed', 24, 6),
                    (10, 'RPG-D', 'Relapse Prevention D',           'relapse_prevention', 'all',   'closed', 24, 8),
                    (11, 'IOP',   'Intensive Outpatient Group',     'process',            'all',   'closed', 16, 1),
                    (12, 'OPG',   'Outpatient Relapse Prevention',  'relapse_prevention', 'all',   'closed', 14, 3))
         AS g(group_no, suffix, name, modality, gender_focus, kind, capacity, facilitator_idx)
  JOIN seed_clinician c ON c.site_no = ss.site_no AND c.idx = g.facilitator_idx
 ORDER BY ss.site_no, g.group_no;

-- Per site: eight clinicians (idx 1–8: T0101…T0108; odd therapists, even
-- counselors), a director (D01) and an auditor (A01). Credentials (a list,
-- read against carelog.credential, sql/018): the therapists' and counselors' all
-- sign a note alone, except the eighth clinician's, a counseling intern (INTERN,
-- CADC-I) whose notes await a co-signature (docs/notes.md).
-- Draws per staff member (key site_no * 100 + idx): 1 gender of the first name,
-- 2 first name, 3 last name, 4 credentials.
INSERT INTO carelog.staff (staff_id, first_name, last_name, role, credentials, site_id, active)
SELECT CASE WHEN i <= 8 THEN 'T' || to_char(ss.site_no, 'FM00') || to_char(i, 'FM00')
            WHEN i = 9  THEN 'D' || to_char(ss.site_no, 'FM00')
            ELSE 'A' || to_char(ss.site_no, 'FM00') END,
       CASE WHEN pg_temp.seed_draw(1, ss.site_no * 100 + i) < 0.5
            THEN pg_temp.seed_female_name(pg_temp.seed_draw(2, ss.site_no * 100 + i))
            ELSE pg_temp.seed_male_name(pg_temp.seed_draw(2, ss.site_no * 100 + i)) END,
       pg_temp.seed_last_name(pg_temp.seed_draw(3, ss.site_no * 100 + i)),
       CASE WHEN i <= 8 AND i % 2 = 1 THEN 'therapist'
            WHEN i <= 8 THEN 'counselor'
            WHEN i = 9  THEN 'director'
            ELSE 'auditor' END,
       CASE WHEN i <= 8 AND i % 2 = 1
            THEN pg_temp.seed_pick(ARRAY['LCSW', 'LPC', 'LMFT', 'PsyD', 'LCSW, LADC'], pg_temp.seed_draw(4, ss.site_no * 100 + i))
            WHEN i = 8 THEN 'INTERN, CADC-I'
            WHEN i <= 8
            THEN pg_temp.seed_pick(ARRAY['LADC', 'LCADC', 'CADC-II', 'LPC'], pg_temp.seed_draw(4, ss.site_no * 100 + i))
            WHEN i = 9  THEN 'LCSW, MBA'
            END,
       ss.site_id,
       true
  FROM seed_site ss
 CROSS JOIN generate_series(1, 10) AS i
 ORDER BY ss.site_no, i;

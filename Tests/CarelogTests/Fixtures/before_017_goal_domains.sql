-- A database at migration 016 holding one treatment plan whose goals' domains are stored
-- as free text from before migration 017 checks them, for ColumnClassMigrationTests
-- (Migrations/ColumnClassMigrationTests.swift): site NYC, therapist T1, patient 00912 and
-- her plan P-912 with goals G1 (domain 'Yolanda Vexworth 00912', not listed, with a
-- description), G2 ('housing', listed) and G3 ('Family therapy', not listed, no
-- description).

INSERT INTO carelog.site (site_code, name, timezone) VALUES ('NYC', 'New York', 'America/New_York');
INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
SELECT 'T1', 'A', 'B', 'therapist', id FROM carelog.site;
INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT '00912', 'P', 'Q', '1990-01-01', 'female', id FROM carelog.site;
INSERT INTO carelog.treatment_plan (plan_code, patient_id, created_on, author_id)
SELECT 'P-912', p.id, '2026-09-02', s.id FROM carelog.patient p, carelog.staff s;
INSERT INTO carelog.plan_goal (plan_id, goal_code, domain, description)
SELECT id, v.code, v.domain, v.description FROM carelog.treatment_plan,
       (VALUES ('G1', 'Yolanda Vexworth 00912', 'Abstain'), ('G2', 'housing', NULL), ('G3', 'Family therapy', NULL))
       AS v(code, domain, description);

-- A database at migration 006 (before inclusive end dates), for
-- InclusiveEndDatesMigrationTests (Migrations/InclusiveEndDatesMigrationTests.swift,
-- databaseAt006): site NYC, therapists T1 and T2, patient 007 with an open episode from
-- 2026-09-01, handed over from primary therapist T1 to T2 on 2026-09-15 (stored with the
-- old exclusive end), and the closed group W-PROC with a held session on 2026-09-09
-- 18:00 New York time facilitated by T1. The test then adds (or not) the patient's
-- enrollment and her attendance.

INSERT INTO carelog.site (site_code, name, timezone) VALUES ('NYC', 'New York', 'America/New_York');
INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
SELECT v.id, 'A', 'B', 'therapist', s.id FROM carelog.site s, (VALUES ('T1'), ('T2')) AS v(id);
INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT '007', 'P', 'Q', '1990-01-01', 'female', id FROM carelog.site;
INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care)
SELECT id, '2026-09-01', '3.5' FROM carelog.patient;
-- Exclusive ends: T1 covers 09-01..09-14, T2 from 09-15.
INSERT INTO carelog.therapist_assignment (patient_id, therapist_id, role, starts_on, ends_on)
SELECT p.id, s.id, 'primary', v.starts_on::date, v.ends_on::date
  FROM carelog.patient p, carelog.staff s,
       (VALUES ('T1', '2026-09-01', '2026-09-15'), ('T2', '2026-09-15', NULL)) AS v(staff_id, starts_on, ends_on)
 WHERE s.staff_id = v.staff_id;
INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id)
SELECT 'W-PROC', 'Women''s process', 'process', 'women', 'closed', id FROM carelog.site;
INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
SELECT g.id, '2026-09-09 18:00 America/New_York', s.id, 'held'
  FROM carelog.care_group g, carelog.staff s WHERE s.staff_id = 'T1';

-- A database at migration 014 (before monthly partitions) with rows in the tables 015
-- partitions, for PartitionTests.migrationWithData (Partitions/PartitionTests.swift):
-- site NYC, therapist T1, patients 001 and 002 with episodes from 2026-08-01, the open
-- group AA with sessions on 2026-08-31 23:30, 2026-09-15 10:00 and 2026-10-31 23:30 New
-- York time (the first and last in the next month in UTC), both patients present at
-- each, then 002's three rows changed to late.

INSERT INTO carelog.site (site_code, name, timezone) VALUES ('NYC', 'New York', 'America/New_York');
INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
SELECT 'T1', 'A', 'B', 'therapist', id FROM carelog.site;
INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT v.mrn, 'P', 'Q', '1990-01-01', 'female', s.id FROM carelog.site s, (VALUES ('001'), ('002')) AS v(mrn);
INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care) SELECT id, '2026-08-01', '3.5' FROM carelog.patient;
INSERT INTO carelog.care_group (group_code, name, modality, kind, site_id)
SELECT 'AA', 'AA', 'twelve_step', 'open', id FROM carelog.site;
INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id)
SELECT g.id, v.at::timestamptz, s.id FROM carelog.care_group g, carelog.staff s,
       (VALUES ('2026-08-31 23:30 America/New_York'), ('2026-09-15 10:00 America/New_York'),
               ('2026-10-31 23:30 America/New_York')) AS v(at);
INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id)
SELECT gs.id, p.id, 'present', s.id FROM carelog.group_session gs, carelog.patient p, carelog.staff s;
UPDATE carelog.attendance SET status = 'late' WHERE patient_id = (SELECT id FROM carelog.patient WHERE mrn = '002');

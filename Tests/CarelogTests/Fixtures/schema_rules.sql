-- The minimal valid world every schema rule test starts from (SchemaRuleWorld.build in
-- Schema/SchemaRuleFixture.swift; the tests: EpisodeRuleTests, AttendanceRuleTests and
-- ColumnRuleTests), loaded into a fresh migrated database. SchemaRuleWorld looks its
-- rows' ids up by their natural keys after loading.
--
-- Two sites (New York first, then Los Angeles); therapists T001 and T002 in New York and
-- counselor C001 in Los Angeles; patients 10001 (female), 10002 (male), 10003 (nonbinary)
-- in New York and 10004 (unknown) in Los Angeles, each with an open episode from
-- 2026-01-05; a closed women's group WOM-PROC, a closed men's group MEN-RP and an open
-- group for all ALL-12S in New York; held sessions of each group in March 2026 plus a
-- cancelled one of ALL-12S; the female patient's attendance at the ALL-12S session of
-- 2026-03-02 10:00 New York time, her enrollment in WOM-PROC, her primary therapist, her
-- plan TP-0001 (with requirement, goal G1, PHQ-9 and GAD-7 scores, a drug screen), and
-- the male patient's enrollment in MEN-RP.
--
-- One row per statement, in the order the rows were built one by one in Swift before.

INSERT INTO carelog.site (site_code, name, timezone) VALUES ('NYC', 'Site NYC', 'America/New_York');
INSERT INTO carelog.site (site_code, name, timezone) VALUES ('LAX', 'Site LAX', 'America/Los_Angeles');

INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
SELECT 'T001', 'Sam', 'Staff T001', 'therapist', id FROM carelog.site WHERE site_code = 'NYC';
INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
SELECT 'T002', 'Sam', 'Staff T002', 'therapist', id FROM carelog.site WHERE site_code = 'NYC';
INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
SELECT 'C001', 'Sam', 'Staff C001', 'counselor', id FROM carelog.site WHERE site_code = 'LAX';

INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT '10001', 'Pat', 'Patient 10001', '1990-04-12', 'female', id FROM carelog.site WHERE site_code = 'NYC';
INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT '10002', 'Pat', 'Patient 10002', '1990-04-12', 'male', id FROM carelog.site WHERE site_code = 'NYC';
INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT '10003', 'Pat', 'Patient 10003', '1990-04-12', 'nonbinary', id FROM carelog.site WHERE site_code = 'NYC';
INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT '10004', 'Pat', 'Patient 10004', '1990-04-12', 'unknown', id FROM carelog.site WHERE site_code = 'LAX';

-- The female patient's episode (level 2.1), then the others' (level 1.0).
INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
SELECT id, '2026-01-05', '2.1', NULL, NULL FROM carelog.patient WHERE mrn = '10001';
INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
SELECT id, '2026-01-05', '1.0', NULL, NULL FROM carelog.patient WHERE mrn = '10002';
INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
SELECT id, '2026-01-05', '1.0', NULL, NULL FROM carelog.patient WHERE mrn = '10003';
INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
SELECT id, '2026-01-05', '1.0', NULL, NULL FROM carelog.patient WHERE mrn = '10004';

INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, capacity, facilitator_id)
SELECT 'WOM-PROC', 'Group WOM-PROC', 'process', 'women', 'closed', st.id, 10, f.id
  FROM carelog.site st, carelog.staff f WHERE st.site_code = 'NYC' AND f.staff_id = 'T001';
INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, capacity, facilitator_id)
SELECT 'MEN-RP', 'Group MEN-RP', 'relapse_prevention', 'men', 'closed', st.id, 10, f.id
  FROM carelog.site st, carelog.staff f WHERE st.site_code = 'NYC' AND f.staff_id = 'T002';
INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, capacity, facilitator_id)
SELECT 'ALL-12S', 'Group ALL-12S', 'twelve_step', 'all', 'open', st.id, NULL, f.id
  FROM carelog.site st, carelog.staff f WHERE st.site_code = 'NYC' AND f.staff_id = 'T001';

-- March 2026, before the switch to daylight saving time: 15:00Z is 10:00 in New York.
INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
SELECT g.id, '2026-03-02T15:00:00Z', f.id, 'held'
  FROM carelog.care_group g, carelog.staff f WHERE g.group_code = 'ALL-12S' AND f.staff_id = 'T001';
INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
SELECT g.id, '2026-03-03T15:00:00Z', f.id, 'held'
  FROM carelog.care_group g, carelog.staff f WHERE g.group_code = 'WOM-PROC' AND f.staff_id = 'T001';
INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
SELECT g.id, '2026-03-04T15:00:00Z', f.id, 'held'
  FROM carelog.care_group g, carelog.staff f WHERE g.group_code = 'MEN-RP' AND f.staff_id = 'T002';
INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
SELECT g.id, '2026-03-09T14:00:00Z', f.id, 'cancelled'
  FROM carelog.care_group g, carelog.staff f WHERE g.group_code = 'ALL-12S' AND f.staff_id = 'T001';

INSERT INTO carelog.attendance (session_id, patient_id, status, minutes_attended, recorded_by_id, session_month)
SELECT s.id, p.id, 'present', 60, r.id, coalesce(carelog.session_month(s.id), date '2026-10-01')
  FROM carelog.group_session s
  JOIN carelog.care_group g ON g.id = s.group_id,
       carelog.patient p, carelog.staff r
 WHERE g.group_code = 'ALL-12S' AND s.starts_at = '2026-03-02T15:00:00Z' AND p.mrn = '10001' AND r.staff_id = 'T001';

INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on, ends_on)
SELECT g.id, p.id, '2026-01-05', NULL
  FROM carelog.care_group g, carelog.patient p WHERE g.group_code = 'WOM-PROC' AND p.mrn = '10001';
INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on, ends_on)
SELECT g.id, p.id, '2026-01-05', NULL
  FROM carelog.care_group g, carelog.patient p WHERE g.group_code = 'MEN-RP' AND p.mrn = '10002';

INSERT INTO carelog.therapist_assignment (patient_id, therapist_id, role, starts_on, ends_on)
SELECT p.id, t.id, 'primary', '2026-01-05', NULL
  FROM carelog.patient p, carelog.staff t WHERE p.mrn = '10001' AND t.staff_id = 'T001';

INSERT INTO carelog.treatment_plan (plan_code, patient_id, created_on, author_id, review_interval_days)
SELECT 'TP-0001', p.id, '2026-01-05', a.id, 30
  FROM carelog.patient p, carelog.staff a WHERE p.mrn = '10001' AND a.staff_id = 'T001';
INSERT INTO carelog.plan_requirement (plan_id, modality, sessions_per_week)
SELECT id, 'process', 2 FROM carelog.treatment_plan WHERE plan_code = 'TP-0001';
INSERT INTO carelog.plan_goal (plan_id, goal_code, domain, status, status_on)
SELECT id, 'G1', 'substance_use', 'open', '2026-01-05' FROM carelog.treatment_plan WHERE plan_code = 'TP-0001';

-- Both scores in one statement, PHQ-9 first.
INSERT INTO carelog.assessment (patient_id, instrument, administered_on, score)
VALUES ((SELECT id FROM carelog.patient WHERE mrn = '10001'), 'PHQ-9', '2026-01-06', 5),
       ((SELECT id FROM carelog.patient WHERE mrn = '10001'), 'GAD-7', '2026-01-06', 4);
INSERT INTO carelog.drug_screen (patient_id, collected_on, result)
SELECT id, '2026-01-06', 'negative' FROM carelog.patient WHERE mrn = '10001';

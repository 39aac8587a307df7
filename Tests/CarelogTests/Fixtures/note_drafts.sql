-- Draft group notes on the access fixture (AccessFixture), for NoteSchemaTests
-- (Notes/NoteSchemaTests.swift: writeDrafts, run as a superuser): 00914 (LAX, T003's
-- primary patient) also present at AA-AM 2026-10-05 07:30, then a draft note with
-- sections for
--
--   AA-AM  (T001): 00912, 00913, 00914
--   LAX-AA (T003): 00914, 00915
--   M-RP   (T002): 00913
--
-- each note, topic 'Coping with cravings', 'CBT skills practice', 60 minutes, H0005,
-- written in a transaction of its own as its facilitator (carelog.acting_staff). Each
-- group has one held session in the fixture.

-- Committed on its own, before the notes.
BEGIN;
INSERT INTO carelog.attendance (session_id, patient_id, status, minutes_attended, recorded_by_id, session_month)
SELECT s.id, p.id, 'present', 60, r.id, carelog.session_month(s.id)
  FROM carelog.group_session s
  JOIN carelog.care_group g ON g.id = s.group_id,
       carelog.patient p, carelog.staff r
 WHERE g.group_code = 'AA-AM' AND s.status = 'held' AND p.mrn = '00914' AND r.staff_id = 'T001';
COMMIT;

-- AA-AM, as T001.
BEGIN;
SELECT set_config('carelog.acting_staff', 'T001', true);
INSERT INTO carelog.session_note (session_id, topic, interventions, minutes, service_code_id)
SELECT s.id, 'Coping with cravings', 'CBT skills practice', 60, c.id
  FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id, carelog.service_code c
 WHERE g.group_code = 'AA-AM' AND s.status = 'held' AND c.code = 'H0005';
INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress)
SELECT n.id, p.id, 'Engaged', 'Receptive', 'Progressing'
  FROM carelog.session_note n JOIN carelog.group_session s ON s.id = n.session_id
  JOIN carelog.care_group g ON g.id = s.group_id, carelog.patient p
 WHERE g.group_code = 'AA-AM' AND s.status = 'held' AND p.mrn = '00912';
INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress)
SELECT n.id, p.id, 'Engaged', 'Receptive', 'Progressing'
  FROM carelog.session_note n JOIN carelog.group_session s ON s.id = n.session_id
  JOIN carelog.care_group g ON g.id = s.group_id, carelog.patient p
 WHERE g.group_code = 'AA-AM' AND s.status = 'held' AND p.mrn = '00913';
INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress)
SELECT n.id, p.id, 'Engaged', 'Receptive', 'Progressing'
  FROM carelog.session_note n JOIN carelog.group_session s ON s.id = n.session_id
  JOIN carelog.care_group g ON g.id = s.group_id, carelog.patient p
 WHERE g.group_code = 'AA-AM' AND s.status = 'held' AND p.mrn = '00914';
COMMIT;

-- LAX-AA, as T003.
BEGIN;
SELECT set_config('carelog.acting_staff', 'T003', true);
INSERT INTO carelog.session_note (session_id, topic, interventions, minutes, service_code_id)
SELECT s.id, 'Coping with cravings', 'CBT skills practice', 60, c.id
  FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id, carelog.service_code c
 WHERE g.group_code = 'LAX-AA' AND s.status = 'held' AND c.code = 'H0005';
INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress)
SELECT n.id, p.id, 'Engaged', 'Receptive', 'Progressing'
  FROM carelog.session_note n JOIN carelog.group_session s ON s.id = n.session_id
  JOIN carelog.care_group g ON g.id = s.group_id, carelog.patient p
 WHERE g.group_code = 'LAX-AA' AND s.status = 'held' AND p.mrn = '00914';
INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress)
SELECT n.id, p.id, 'Engaged', 'Receptive', 'Progressing'
  FROM carelog.session_note n JOIN carelog.group_session s ON s.id = n.session_id
  JOIN carelog.care_group g ON g.id = s.group_id, carelog.patient p
 WHERE g.group_code = 'LAX-AA' AND s.status = 'held' AND p.mrn = '00915';
COMMIT;

-- M-RP, as T002.
BEGIN;
SELECT set_config('carelog.acting_staff', 'T002', true);
INSERT INTO carelog.session_note (session_id, topic, interventions, minutes, service_code_id)
SELECT s.id, 'Coping with cravings', 'CBT skills practice', 60, c.id
  FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id, carelog.service_code c
 WHERE g.group_code = 'M-RP' AND s.status = 'held' AND c.code = 'H0005';
INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress)
SELECT n.id, p.id, 'Engaged', 'Receptive', 'Progressing'
  FROM carelog.session_note n JOIN carelog.group_session s ON s.id = n.session_id
  JOIN carelog.care_group g ON g.id = s.group_id, carelog.patient p
 WHERE g.group_code = 'M-RP' AND s.status = 'held' AND p.mrn = '00913';
COMMIT;

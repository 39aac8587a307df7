-- The outcome reports' hand-built October 2026 (OutcomeFixture, Reports/OutcomeFixture.swift,
-- whose doc comment tells each patient's story), for the plan-status, outcomes and
-- documentation-gaps tests of OutcomeReportsTests.swift and for NoteGapTests.swift
-- (documentation gaps of notes, group-services): sites NYC and LAX, four staff, nine
-- patients with their episodes, assignments and plans (requirements, reviews, goals),
-- groups N-AA, N-PROC, L-AA and L-PROC with their enrollments, sessions, attendance and
-- roll closures, assessments and drug screens. One executeScript call into a fresh
-- migrated database.

INSERT INTO carelog.site (site_code, name, timezone) VALUES
    ('NYC', 'New York', 'America/New_York'),
    ('LAX', 'Los Angeles', 'America/Los_Angeles');

INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
SELECT v.staff_id, v.first_name, v.last_name, v.role, st.id
  FROM (VALUES ('T001', 'Tom', 'Oak', 'therapist', 'NYC'),
               ('T003', 'Tess', 'Pine', 'therapist', 'NYC'),
               ('D001', 'Dora', 'Ash', 'director', 'NYC'),
               ('T002', 'Theo', 'Yew', 'therapist', 'LAX')
       ) AS v(staff_id, first_name, last_name, role, site_code)
  JOIN carelog.site st ON st.site_code = v.site_code;

INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT v.mrn, v.first_name, v.last_name, v.date_of_birth::date, v.gender, st.id
  FROM (VALUES ('1001', 'Ann', 'Alder',   '1980-01-01', 'female', 'NYC'),
               ('1002', 'Ben', 'Birch',   '1981-02-02', 'male',   'NYC'),
               ('1003', 'Cy',  'Cedar',   '1982-03-03', 'male',   'NYC'),
               ('1004', 'Dee', 'Dogwood', '1983-04-04', 'female', 'NYC'),
               ('1005', 'Eve', 'Elm',     '1984-05-05', 'female', 'NYC'),
               ('2001', 'Fay', 'Fir',     '1985-06-06', 'female', 'LAX'),
               ('2002', 'Gus', 'Gum',     '1986-07-07', 'male',   'LAX'),
               ('2003', 'Hal', 'Hazel',   '1987-08-08', 'male',   'LAX'),
               ('2004', 'Ivy', 'Ilex',    '1988-09-09', 'female', 'LAX')
       ) AS v(mrn, first_name, last_name, date_of_birth, gender, site_code)
  JOIN carelog.site st ON st.site_code = v.site_code;

INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
SELECT p.id, v.admitted_on::date, '3.5', v.discharged_on::date, v.reason
  FROM (VALUES ('1001', '2026-09-01', '2026-10-15', 'completed'),
               ('1002', '2026-10-05', '2026-10-05', 'left_against_advice'),
               ('1002', '2026-10-25', NULL,         NULL),
               ('1003', '2026-08-01', '2026-10-10', 'transferred'),
               ('1003', '2026-11-10', NULL,         NULL),
               ('1004', '2026-09-15', NULL,         NULL),
               ('1005', '2026-10-02', NULL,         NULL),
               ('2001', '2026-09-09', '2026-10-20', 'completed'),
               ('2001', '2026-11-05', NULL,         NULL),
               ('2002', '2026-09-24', '2026-10-08', 'left_against_advice'),
               ('2003', '2026-10-01', '2026-10-29', 'completed'),
               ('2004', '2026-08-01', '2026-09-30', 'completed'),
               ('2004', '2026-10-01', NULL,         NULL)
       ) AS v(mrn, admitted_on, discharged_on, reason)
  JOIN carelog.patient p ON p.mrn = v.mrn;

INSERT INTO carelog.therapist_assignment (patient_id, therapist_id, role, starts_on, ends_on)
SELECT p.id, s.id, v.role, v.starts_on::date, v.ends_on::date
  FROM (VALUES ('1001', 'T001', 'primary',   '2026-09-01', '2026-10-14'),
               ('1002', 'T001', 'primary',   '2026-10-25', NULL),
               ('1003', 'T001', 'primary',   '2026-08-01', '2026-10-09'),
               ('1004', 'T001', 'primary',   '2026-09-15', '2026-10-09'),
               ('1004', 'T001', 'secondary', '2026-10-10', NULL),
               ('1004', 'T003', 'primary',   '2026-10-17', NULL),
               ('1005', 'T003', 'primary',   '2026-10-02', NULL),
               ('2001', 'T002', 'primary',   '2026-09-09', NULL),
               ('2002', 'T002', 'primary',   '2026-09-24', '2026-10-07'),
               ('2003', 'T002', 'primary',   '2026-10-03', NULL),
               ('2004', 'T002', 'primary',   '2026-08-01', NULL)
       ) AS v(mrn, staff_id, role, starts_on, ends_on)
  JOIN carelog.patient p ON p.mrn = v.mrn
  JOIN carelog.staff s ON s.staff_id = v.staff_id;

INSERT INTO carelog.treatment_plan (plan_code, patient_id, created_on, author_id, review_interval_days, closed_on)
SELECT v.plan_code, p.id, v.created_on::date, s.id, 30, v.closed_on::date
  FROM (VALUES ('P-1001',  '1001', '2026-09-03', '2026-10-15', 'T001'),
               ('P-1003',  '1003', '2026-08-01', '2026-10-10', 'T001'),
               ('P-1004',  '1004', '2026-09-16', NULL,         'T001'),
               ('P-1005',  '1005', '2026-11-03', NULL,         'T003'),
               ('P-2001',  '2001', '2026-09-15', '2026-10-20', 'T002'),
               ('P-2002',  '2002', '2026-09-24', '2026-10-08', 'T002'),
               ('P-2003',  '2003', '2026-10-01', '2026-10-29', 'T002'),
               ('P-2004A', '2004', '2026-08-02', '2026-09-30', 'T002'),
               ('P-2004',  '2004', '2026-10-02', NULL,         'T002')
       ) AS v(plan_code, mrn, created_on, closed_on, author)
  JOIN carelog.patient p ON p.mrn = v.mrn
  JOIN carelog.staff s ON s.staff_id = v.author;

INSERT INTO carelog.plan_requirement (plan_id, modality, sessions_per_week)
SELECT tp.id, v.modality, v.per_week::numeric
  FROM (VALUES ('P-1001',  'process',            '0.5'),
               ('P-1003',  'relapse_prevention', '0.5'),
               ('P-1004',  'process',            '2'),
               ('P-2001',  'twelve_step',        '1'),
               ('P-2002',  'process',            '1'),
               ('P-2003',  'process',            '1'),
               ('P-2003',  'twelve_step',        '0.5'),
               ('P-2004A', 'twelve_step',        '3'),
               ('P-2004',  'process',            '1')
       ) AS v(plan_code, modality, per_week)
  JOIN carelog.treatment_plan tp ON tp.plan_code = v.plan_code;

INSERT INTO carelog.plan_review (plan_id, reviewed_on, reviewer_id)
SELECT tp.id, v.reviewed_on::date, tp.author_id
  FROM (VALUES ('P-1001',  '2026-10-01'),
               ('P-1003',  '2026-09-02'),
               ('P-1003',  '2026-10-02'),
               ('P-1004',  '2026-09-30'),
               ('P-1004',  '2026-11-02'),
               ('P-2001',  '2026-10-09'),
               ('P-2004A', '2026-09-01'),
               ('P-2004',  '2026-10-14')
       ) AS v(plan_code, reviewed_on)
  JOIN carelog.treatment_plan tp ON tp.plan_code = v.plan_code;

INSERT INTO carelog.plan_goal (plan_id, goal_code, domain, status, status_on)
SELECT tp.id, v.goal_code, 'recovery', v.status, v.status_on::date
  FROM (VALUES ('P-1001', 'G1', 'met',           '2026-10-14'),
               ('P-1001', 'G2', 'partially_met', '2026-10-14'),
               ('P-1001', 'G3', 'open',          NULL),
               ('P-1003', 'G1', 'met',           '2026-09-20'),
               ('P-1003', 'G2', 'not_met',       '2026-10-09'),
               ('P-1004', 'G1', 'met',           '2026-10-12'),
               ('P-1004', 'G2', 'not_met',       '2026-10-20'),
               ('P-1004', 'G3', 'open',          NULL),
               ('P-1004', 'G4', 'discontinued',  '2026-10-05'),
               ('P-2001', 'G1', 'met',           '2026-10-19'),
               ('P-2002', 'G1', 'not_met',       '2026-10-08'),
               ('P-2003', 'G1', 'partially_met', '2026-10-28'),
               ('P-2004', 'G1', 'open',          NULL),
               ('P-2004', 'G2', 'met',           '2026-11-03')
       ) AS v(plan_code, goal_code, status, status_on)
  JOIN carelog.treatment_plan tp ON tp.plan_code = v.plan_code;

INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, facilitator_id)
SELECT v.group_code, v.name, v.modality, 'all', v.kind, st.id, s.id
  FROM (VALUES ('N-AA',   'Morning AA',    'twelve_step', 'open',   'NYC', 'T001'),
               ('N-PROC', 'Process group', 'process',     'closed', 'NYC', 'T001'),
               ('L-AA',   'Noon AA',       'twelve_step', 'open',   'LAX', 'T002'),
               ('L-PROC', 'Process group', 'process',     'closed', 'LAX', 'T002')
       ) AS v(group_code, name, modality, kind, site_code, facilitator)
  JOIN carelog.site st ON st.site_code = v.site_code
  JOIN carelog.staff s ON s.staff_id = v.facilitator;

INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on, ends_on)
SELECT g.id, p.id, v.starts_on::date, v.ends_on::date
  FROM (VALUES ('N-PROC', '1001', '2026-09-03', NULL),
               ('N-PROC', '1004', '2026-09-20', '2026-10-18'),
               ('N-PROC', '1005', '2026-10-02', NULL),
               ('L-PROC', '2003', '2026-10-01', NULL),
               ('L-PROC', '2004', '2026-10-01', NULL)
       ) AS v(group_code, mrn, starts_on, ends_on)
  JOIN carelog.care_group g ON g.group_code = v.group_code
  JOIN carelog.patient p ON p.mrn = v.mrn;

-- starts_at is given as wall time of the group's site
INSERT INTO carelog.group_session (group_id, starts_at, duration_minutes, facilitator_id, status)
SELECT g.id, v.local_start::timestamp AT TIME ZONE st.timezone, v.minutes, g.facilitator_id, v.status
  FROM (VALUES ('N-AA',   '2026-08-20 07:30', 60, 'held'),
               ('N-AA',   '2026-09-10 07:30', 60, 'held'),
               ('N-AA',   '2026-09-17 07:30', 60, 'held'),
               ('N-AA',   '2026-10-01 07:30', 60, 'held'),
               ('N-AA',   '2026-10-08 07:30', 60, 'held'),
               ('N-AA',   '2026-10-13 07:30', 60, 'held'),
               ('N-AA',   '2026-10-15 07:30', 60, 'cancelled'),
               ('N-AA',   '2026-10-22 07:30', 60, 'held'),
               ('N-PROC', '2026-10-07 18:00', 60, 'held'),
               ('N-PROC', '2026-10-14 18:00', 60, 'held'),
               ('N-PROC', '2026-10-21 18:00', 60, 'held'),
               ('L-AA',   '2026-09-20 12:00', 60, 'held'),
               ('L-AA',   '2026-09-27 12:00', 60, 'held'),
               ('L-AA',   '2026-09-30 22:00', 60, 'held'),
               ('L-AA',   '2026-10-04 12:00', 60, 'held'),
               ('L-AA',   '2026-10-11 12:00', 60, 'held'),
               ('L-AA',   '2026-10-31 23:30', 60, 'held'),
               ('L-AA',   '2026-11-06 12:00', 60, 'held'),
               ('L-PROC', '2026-10-05 10:00', 90, 'held'),
               ('L-PROC', '2026-10-12 10:00', 90, 'held'),
               ('L-PROC', '2026-10-19 10:00', 90, 'held'),
               ('L-PROC', '2026-10-26 10:00', 90, 'held'),
               ('L-PROC', '2026-10-30 10:00', 90, 'held')
       ) AS v(group_code, local_start, minutes, status)
  JOIN carelog.care_group g ON g.group_code = v.group_code
  JOIN carelog.site st ON st.id = g.site_id;

-- recorded 3 hours after the start unless a local recorded time is given
INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, recorded_at, session_month)
SELECT gs.id, p.id, v.status, gs.facilitator_id,
       coalesce(v.recorded_local::timestamp AT TIME ZONE st.timezone, gs.starts_at + interval '3 hours'),
       carelog.local_month(gs.starts_at, st.timezone)
  FROM (VALUES ('N-AA',   '2026-08-20 07:30', '1003', 'present',    NULL),
               ('N-AA',   '2026-09-10 07:30', '1001', 'present',    NULL),
               ('N-AA',   '2026-09-10 07:30', '1003', 'present',    NULL),
               ('N-AA',   '2026-09-17 07:30', '1001', 'late',       NULL),
               ('N-AA',   '2026-09-17 07:30', '1003', 'present',    NULL),
               ('N-AA',   '2026-09-17 07:30', '1004', 'present',    NULL),
               ('N-AA',   '2026-10-01 07:30', '1001', 'left_early', NULL),
               ('N-AA',   '2026-10-01 07:30', '1003', 'excused',    NULL),
               ('N-AA',   '2026-10-01 07:30', '1004', 'present',    NULL),
               ('N-AA',   '2026-10-08 07:30', '1001', 'absent',     NULL),
               ('N-AA',   '2026-10-08 07:30', '1003', 'present',    NULL),
               ('N-AA',   '2026-10-08 07:30', '1004', 'late',       NULL),
               ('N-AA',   '2026-10-08 07:30', '1005', 'present',    NULL),
               ('N-AA',   '2026-10-22 07:30', '1004', 'present',    '2026-10-23 09:30'),
               ('N-AA',   '2026-10-22 07:30', '1005', 'present',    '2026-10-23 08:30'),
               ('N-PROC', '2026-10-07 18:00', '1001', 'excused',    NULL),
               ('N-PROC', '2026-10-07 18:00', '1004', 'present',    NULL),
               ('N-PROC', '2026-10-07 18:00', '1005', 'present',    NULL),
               ('N-PROC', '2026-10-14 18:00', '1001', 'excused',    NULL),
               ('N-PROC', '2026-10-14 18:00', '1004', 'present',    NULL),
               ('N-PROC', '2026-10-21 18:00', '1005', 'present',    NULL),
               ('L-AA',   '2026-09-20 12:00', '2001', 'present',    NULL),
               ('L-AA',   '2026-09-27 12:00', '2001', 'absent',     NULL),
               ('L-AA',   '2026-09-27 12:00', '2002', 'present',    '2026-10-05 12:00'),
               ('L-AA',   '2026-10-04 12:00', '2001', 'late',       NULL),
               ('L-AA',   '2026-10-04 12:00', '2002', 'absent',     NULL),
               ('L-AA',   '2026-10-04 12:00', '2003', 'present',    NULL),
               ('L-AA',   '2026-10-04 12:00', '2004', 'present',    NULL),
               ('L-AA',   '2026-10-11 12:00', '2001', 'absent',     NULL),
               ('L-AA',   '2026-10-11 12:00', '2003', 'present',    NULL),
               ('L-AA',   '2026-10-11 12:00', '2004', 'present',    NULL),
               ('L-AA',   '2026-11-06 12:00', '2001', 'present',    NULL),
               ('L-PROC', '2026-10-05 10:00', '2003', 'present',    NULL),
               ('L-PROC', '2026-10-05 10:00', '2004', 'present',    NULL),
               ('L-PROC', '2026-10-12 10:00', '2003', 'absent',     NULL),
               ('L-PROC', '2026-10-12 10:00', '2004', 'excused',    NULL),
               ('L-PROC', '2026-10-19 10:00', '2003', 'left_early', NULL),
               ('L-PROC', '2026-10-19 10:00', '2004', 'absent',     NULL),
               ('L-PROC', '2026-10-26 10:00', '2003', 'late',       NULL),
               ('L-PROC', '2026-10-26 10:00', '2004', 'present',    '2026-10-27 11:00'),
               ('L-PROC', '2026-10-30 10:00', '2004', 'present',    NULL)
       ) AS v(group_code, local_start, mrn, status, recorded_local)
  JOIN carelog.care_group g ON g.group_code = v.group_code
  JOIN carelog.site st ON st.id = g.site_id
  JOIN carelog.group_session gs ON gs.group_id = g.id
                               AND gs.starts_at = v.local_start::timestamp AT TIME ZONE st.timezone
  JOIN carelog.patient p ON p.mrn = v.mrn;

-- the open groups' rolls with sign-ins are closed by their facilitators at the
-- last record (sql/019), except N-AA 10-22 07:30: its roll was never closed
INSERT INTO carelog.roll_closure (session_id, closed_by_id, closed_at)
SELECT gs.id, gs.facilitator_id, max(a.recorded_at)
  FROM carelog.group_session gs
  JOIN carelog.care_group g ON g.id = gs.group_id AND g.kind = 'open'
  JOIN carelog.site st ON st.id = g.site_id
  JOIN carelog.attendance a ON a.session_id = gs.id
 WHERE gs.starts_at <> '2026-10-22 07:30'::timestamp AT TIME ZONE st.timezone OR g.group_code <> 'N-AA'
 GROUP BY gs.id, gs.facilitator_id;

INSERT INTO carelog.assessment (patient_id, instrument, administered_on, score)
SELECT p.id, v.instrument, v.administered_on::date, v.score
  FROM (VALUES ('1001', 'PHQ-9', '2026-09-02', 18),
               ('1001', 'PHQ-9', '2026-09-20', 12),
               ('1001', 'PHQ-9', '2026-10-15',  8),
               ('1001', 'GAD-7', '2026-09-02', 14),
               ('1001', 'GAD-7', '2026-10-14',  9),
               ('1002', 'PHQ-9', '2026-10-05', 20),
               ('1002', 'PHQ-9', '2026-10-26', 15),
               ('1003', 'PHQ-9', '2026-07-25', 25),
               ('1003', 'PHQ-9', '2026-08-01', 22),
               ('1003', 'PHQ-9', '2026-09-01', 17),
               ('1003', 'PHQ-9', '2026-10-09', 19),
               ('1003', 'GAD-7', '2026-08-01', 10),
               ('1003', 'GAD-7', '2026-10-09', 12),
               ('2001', 'PHQ-9', '2026-09-10', 16),
               ('2001', 'PHQ-9', '2026-10-20', 10),
               ('2001', 'PHQ-9', '2026-11-06',  4),
               ('2001', 'GAD-7', '2026-09-10', 15),
               ('2001', 'GAD-7', '2026-10-01', 11),
               ('2001', 'GAD-7', '2026-10-19',  6),
               ('2002', 'PHQ-9', '2026-09-24', 12),
               ('2002', 'PHQ-9', '2026-10-07', 13),
               ('2002', 'GAD-7', '2026-09-24',  8),
               ('2003', 'PHQ-9', '2026-10-01', 14),
               ('2003', 'PHQ-9', '2026-10-28',  9),
               ('2003', 'GAD-7', '2026-10-01', 12),
               ('2003', 'GAD-7', '2026-10-28',  5),
               ('2003', 'BAM',   '2026-10-01',  6),
               ('2003', 'BAM',   '2026-10-28',  2)
       ) AS v(mrn, instrument, administered_on, score)
  JOIN carelog.patient p ON p.mrn = v.mrn;

INSERT INTO carelog.drug_screen (patient_id, collected_on, result, substances)
SELECT p.id, v.collected_on::date, v.result, v.substances
  FROM (VALUES ('1001', '2026-09-05', 'negative', NULL),
               ('1001', '2026-09-25', 'positive', 'opioids'),
               ('1001', '2026-10-10', 'negative', NULL),
               ('1001', '2026-10-15', 'dilute',   NULL),
               ('1002', '2026-10-05', 'positive', 'alcohol'),
               ('1002', '2026-10-26', 'negative', NULL),
               ('1003', '2026-07-30', 'positive', 'cocaine'),
               ('1003', '2026-08-15', 'negative', NULL),
               ('1003', '2026-09-15', 'negative', NULL),
               ('2001', '2026-09-12', 'positive', 'methamphetamine'),
               ('2001', '2026-10-01', 'positive', 'methamphetamine'),
               ('2001', '2026-10-10', 'refused',  NULL),
               ('2001', '2026-11-07', 'positive', 'methamphetamine'),
               ('2002', '2026-09-30', 'negative', NULL),
               ('2003', '2026-10-02', 'negative', NULL),
               ('2003', '2026-10-16', 'positive', 'cannabis'),
               ('2003', '2026-10-27', 'negative', NULL)
       ) AS v(mrn, collected_on, result, substances)
  JOIN carelog.patient p ON p.mrn = v.mrn;

-- The group reports' hand-checkable October 2026 (ReportFixture, Reports/ReportFixture.swift,
-- whose doc comment tabulates every row and what the reports make of it), for the
-- group-attendance, patient-participation and therapist-caseload tests of
-- GroupReportsTests.swift: sites NYC and LAX, six staff, six patients with their
-- episodes, assignments and plans (requirements, reviews), groups with their sessions (16)
-- and enrollments, 29 attendance records. One executeScript call into a fresh migrated
-- database.

INSERT INTO carelog.site (site_code, name, timezone) VALUES
    ('NYC', 'New York House', 'America/New_York'),
    ('LAX', 'Los Angeles House', 'America/Los_Angeles');

INSERT INTO carelog.staff (staff_id, first_name, last_name, role, credentials, site_id)
SELECT v.staff_id, v.first_name, v.last_name, v.role, v.credentials, st.id
  FROM (VALUES ('T001', 'Ana',  'Reyes',  'therapist', 'LCSW', 'NYC'),
               ('T002', 'Ben',  'Okafor', 'counselor', 'CADC', 'NYC'),
               ('T003', 'Cora', 'Diaz',   'therapist', 'LMFT', 'NYC'),
               ('T004', 'Eli',  'Stone',  'counselor', NULL,   'NYC'),
               ('D001', 'Dora', 'Lind',   'director',  'PhD',  'NYC'),
               ('T101', 'Lee',  'Park',   'therapist', 'LCSW', 'LAX'))
       AS v(staff_id, first_name, last_name, role, credentials, site_code)
  JOIN carelog.site st ON st.site_code = v.site_code;

INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT v.mrn, v.first_name, v.last_name, v.date_of_birth::date, v.gender, st.id
  FROM (VALUES ('01001', 'Fay', 'Moss', '1990-04-01', 'female',    'NYC'),
               ('01002', 'Gus', 'Hale', '1985-11-30', 'male',      'NYC'),
               ('01003', 'Ivy', 'Chen', '1996-07-12', 'female',    'NYC'),
               ('01004', 'Jon', 'Webb', '1979-01-23', 'male',      'NYC'),
               ('02001', 'Kit', 'Vale', '2001-02-14', 'nonbinary', 'LAX'),
               ('02002', 'Max', 'Roe',  '1988-09-09', 'male',      'LAX'))
       AS v(mrn, first_name, last_name, date_of_birth, gender, site_code)
  JOIN carelog.site st ON st.site_code = v.site_code;

INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
SELECT p.id, v.admitted_on::date, v.level_of_care, v.discharged_on::date, v.discharge_reason
  FROM (VALUES ('01001', '2026-09-01', '3.5', NULL,         NULL),
               ('01002', '2026-09-15', '3.7', '2026-10-20', 'completed'),
               ('01003', '2026-10-12', '2.1', NULL,         NULL),
               ('01004', '2026-08-01', '3.1', NULL,         NULL),
               ('02001', '2026-09-20', '2.5', NULL,         NULL),
               ('02002', '2026-09-01', '3.3', '2026-10-01', 'completed'))
       AS v(mrn, admitted_on, level_of_care, discharged_on, discharge_reason)
  JOIN carelog.patient p ON p.mrn = v.mrn;

INSERT INTO carelog.therapist_assignment (patient_id, therapist_id, role, starts_on, ends_on)
SELECT p.id, s.id, v.role, v.starts_on::date, v.ends_on::date
  FROM (VALUES ('01001', 'T001', 'primary',   '2026-09-01', '2026-10-15'),
               ('01001', 'T003', 'primary',   '2026-10-16', NULL),
               ('01001', 'T004', 'secondary', '2026-09-01', NULL),
               ('01002', 'T002', 'primary',   '2026-09-15', '2026-10-19'),
               ('01003', 'T003', 'primary',   '2026-10-12', NULL),
               ('01004', 'T001', 'primary',   '2026-08-01', NULL),
               ('02001', 'T101', 'primary',   '2026-09-20', NULL),
               ('02002', 'T101', 'primary',   '2026-09-01', '2026-09-30'))
       AS v(mrn, staff_id, role, starts_on, ends_on)
  JOIN carelog.patient p ON p.mrn = v.mrn
  JOIN carelog.staff s ON s.staff_id = v.staff_id;

INSERT INTO carelog.treatment_plan (plan_code, patient_id, created_on, author_id, review_interval_days, closed_on)
SELECT v.plan_code, p.id, v.created_on::date, s.id, v.review_interval_days, v.closed_on::date
  FROM (VALUES ('P-1001', '01001', '2026-09-02', 'T001', 30, NULL),
               ('P-1002', '01002', '2026-09-16', 'T002', 30, '2026-10-10'),
               ('P-1003', '01003', '2026-10-12', 'T003', 19, NULL),
               ('P-1004', '01004', '2026-08-01', 'T001', 30, NULL),
               ('P-2001', '02001', '2026-09-20', 'T101', 14, NULL),
               ('P-2002', '02002', '2026-09-01', 'T101', 14, '2026-10-01'))
       AS v(plan_code, mrn, created_on, author, review_interval_days, closed_on)
  JOIN carelog.patient p ON p.mrn = v.mrn
  JOIN carelog.staff s ON s.staff_id = v.author;

INSERT INTO carelog.plan_requirement (plan_id, modality, sessions_per_week)
SELECT tp.id, v.modality, v.sessions_per_week::numeric
  FROM (VALUES ('P-1001', 'twelve_step',        '7'),
               ('P-1001', 'process',            '2'),
               ('P-1002', 'relapse_prevention', '3.5'),
               ('P-1002', 'twelve_step',        '7'),
               ('P-1003', 'process',            '3.5'),
               ('P-1004', 'twelve_step',        '7'),
               ('P-2001', 'smart_recovery',     '1.75'),
               ('P-2002', 'smart_recovery',     '3.5'))
       AS v(plan_code, modality, sessions_per_week)
  JOIN carelog.treatment_plan tp ON tp.plan_code = v.plan_code;

INSERT INTO carelog.plan_review (plan_id, reviewed_on, reviewer_id, note)
SELECT tp.id, v.reviewed_on::date, s.id, 'review'
  FROM (VALUES ('P-1001', '2026-09-10', 'T001'),
               ('P-1001', '2026-10-02', 'T001'),
               ('P-1004', '2026-09-01', 'T001'),
               ('P-1004', '2026-11-02', 'T001'),
               ('P-2001', '2026-09-25', 'T101'),
               ('P-2001', '2026-10-15', 'T101'))
       AS v(plan_code, reviewed_on, reviewer)
  JOIN carelog.treatment_plan tp ON tp.plan_code = v.plan_code
  JOIN carelog.staff s ON s.staff_id = v.reviewer;

INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, capacity, facilitator_id)
SELECT v.group_code, v.name, v.modality, v.gender_focus, v.kind, st.id, 20, s.id
  FROM (VALUES ('AA-NYC',   'Daily 12-step',            'twelve_step',        'all',   'open',   'NYC', 'T002'),
               ('W-PROC',   'Women''s process',         'process',            'women', 'closed', 'NYC', 'T001'),
               ('M-RP',     'Men''s relapse prevention', 'relapse_prevention', 'men',   'closed', 'NYC', 'T003'),
               ('FAM-NYC',  'Family group',             'family',             'all',   'closed', 'NYC', 'T001'),
               ('SMART-LA', 'SMART Recovery LA',        'smart_recovery',     'all',   'open',   'LAX', 'T101'))
       AS v(group_code, name, modality, gender_focus, kind, site_code, facilitator)
  JOIN carelog.site st ON st.site_code = v.site_code
  JOIN carelog.staff s ON s.staff_id = v.facilitator;

-- Local wall times, converted with the time zone of the group's site.
INSERT INTO carelog.group_session (group_id, starts_at, duration_minutes, facilitator_id, status)
SELECT g.id, v.local_start::timestamp AT TIME ZONE st.timezone, 60, s.id, v.status
  FROM (VALUES ('AA-NYC',   '2026-10-01 07:30', 'T002', 'held'),
               ('AA-NYC',   '2026-10-05 07:30', 'T002', 'held'),
               ('AA-NYC',   '2026-10-14 07:30', 'T001', 'held'),
               ('AA-NYC',   '2026-10-22 07:30', 'T002', 'cancelled'),
               ('AA-NYC',   '2026-10-31 23:30', 'T002', 'held'),
               ('W-PROC',   '2026-10-06 18:00', 'T001', 'held'),
               ('W-PROC',   '2026-10-13 18:00', 'T001', 'held'),
               ('W-PROC',   '2026-10-20 18:00', 'T003', 'held'),
               ('W-PROC',   '2026-10-27 18:00', 'T003', 'held'),
               ('M-RP',     '2026-10-08 17:00', 'T003', 'held'),
               ('M-RP',     '2026-10-19 17:00', 'T003', 'held'),
               ('FAM-NYC',  '2026-10-10 10:00', 'T001', 'cancelled'),
               ('SMART-LA', '2026-09-30 23:30', 'T101', 'held'),
               ('SMART-LA', '2026-10-01 00:30', 'T101', 'held'),
               ('SMART-LA', '2026-10-15 19:00', 'T101', 'held'),
               ('SMART-LA', '2026-10-31 23:30', 'T101', 'held'))
       AS v(group_code, local_start, facilitator, status)
  JOIN carelog.care_group g ON g.group_code = v.group_code
  JOIN carelog.site st ON st.id = g.site_id
  JOIN carelog.staff s ON s.staff_id = v.facilitator;

-- Closed groups take attendance only from enrolled patients: each patient who
-- attends W-PROC or M-RP is enrolled from the first session attended, open-ended.
INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on)
SELECT g.id, p.id, v.starts_on::date
  FROM (VALUES ('W-PROC', '01001', '2026-10-06'),
               ('W-PROC', '01003', '2026-10-13'),
               ('M-RP',   '01002', '2026-10-08'),
               ('M-RP',   '01004', '2026-10-08'))
       AS v(group_code, mrn, starts_on)
  JOIN carelog.care_group g ON g.group_code = v.group_code
  JOIN carelog.patient p ON p.mrn = v.mrn;

INSERT INTO carelog.attendance (session_id, patient_id, status, minutes_attended, recorded_by_id, session_month)
SELECT gs.id, p.id, v.status,
       CASE v.status WHEN 'present' THEN 60 WHEN 'late' THEN 45 WHEN 'left_early' THEN 30 END,
       s.id, carelog.local_month(gs.starts_at, st.timezone)
  FROM (VALUES ('AA-NYC',   '2026-10-01 07:30', '01001', 'present',    'T002'),
               ('AA-NYC',   '2026-10-01 07:30', '01002', 'present',    'T002'),
               ('AA-NYC',   '2026-10-01 07:30', '01004', 'late',       'T002'),
               ('AA-NYC',   '2026-10-05 07:30', '01001', 'present',    'T002'),
               ('AA-NYC',   '2026-10-05 07:30', '01002', 'absent',     'T002'),
               ('AA-NYC',   '2026-10-05 07:30', '01004', 'excused',    'T002'),
               ('AA-NYC',   '2026-10-14 07:30', '01001', 'left_early', 'T002'),
               ('AA-NYC',   '2026-10-14 07:30', '01002', 'absent',     'T002'),
               ('AA-NYC',   '2026-10-14 07:30', '01003', 'absent',     'T002'),
               ('AA-NYC',   '2026-10-14 07:30', '01004', 'present',    'T002'),
               ('AA-NYC',   '2026-10-31 23:30', '01001', 'present',    'T002'),
               ('AA-NYC',   '2026-10-31 23:30', '01003', 'absent',     'T002'),
               ('AA-NYC',   '2026-10-31 23:30', '01004', 'absent',     'T002'),
               ('W-PROC',   '2026-10-06 18:00', '01001', 'present',    'T001'),
               ('W-PROC',   '2026-10-13 18:00', '01001', 'late',       'T001'),
               ('W-PROC',   '2026-10-13 18:00', '01003', 'present',    'T001'),
               ('W-PROC',   '2026-10-20 18:00', '01001', 'excused',    'T003'),
               ('W-PROC',   '2026-10-20 18:00', '01003', 'excused',    'T003'),
               ('W-PROC',   '2026-10-27 18:00', '01001', 'present',    'T003'),
               ('W-PROC',   '2026-10-27 18:00', '01003', 'absent',     'T003'),
               ('M-RP',     '2026-10-08 17:00', '01002', 'present',    'T003'),
               ('M-RP',     '2026-10-08 17:00', '01004', 'absent',     'T003'),
               ('M-RP',     '2026-10-19 17:00', '01002', 'late',       'T003'),
               ('M-RP',     '2026-10-19 17:00', '01004', 'present',    'T003'),
               ('SMART-LA', '2026-09-30 23:30', '02001', 'present',    'T101'),
               ('SMART-LA', '2026-09-30 23:30', '02002', 'present',    'T101'),
               ('SMART-LA', '2026-10-01 00:30', '02001', 'present',    'T101'),
               ('SMART-LA', '2026-10-15 19:00', '02001', 'absent',     'T101'),
               ('SMART-LA', '2026-10-31 23:30', '02001', 'present',    'T101'))
       AS v(group_code, local_start, mrn, status, recorded_by)
  JOIN carelog.care_group g ON g.group_code = v.group_code
  JOIN carelog.site st ON st.id = g.site_id
  JOIN carelog.group_session gs
    ON gs.group_id = g.id AND gs.starts_at = v.local_start::timestamp AT TIME ZONE st.timezone
  JOIN carelog.patient p ON p.mrn = v.mrn
  JOIN carelog.staff s ON s.staff_id = v.recorded_by;

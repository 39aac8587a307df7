-- =============================================================================
-- carelog — 001_schema.sql: base schema (PostgreSQL 15+)
-- =============================================================================
--
-- Conventions
--
--   * Run once by the migrator, inside ONE transaction it opens itself (so there
--     is no BEGIN/COMMIT here), as a superuser or the database owner
--     (btree_gist is a trusted extension). Plain SQL, sent in one PQexec call;
--     no psql meta-commands.
--   * Everything lives in schema "carelog" and is schema-qualified. PL/pgSQL
--     functions pin search_path; the small SQL helpers have SQL-standard bodies
--     (RETURN ...), which are parsed when created and so do not depend on the
--     caller's search_path, and they carry no SET clause so the planner can
--     inline them.
--   * Every table has "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY".
--     Rows refer to each other by these surrogate ids (FOREIGN KEY columns
--     named *_id). The natural keys that imports use are UNIQUE constraints.
--     staff.staff_id is the staff member's TEXT natural key (e.g. 'T042');
--     columns referring to staff are named after the role the staff member
--     plays: therapist_id, author_id, reviewer_id, facilitator_id,
--     recorded_by_id.
--   * Codes and enumerations are text with CHECK constraints, not enum types,
--     so that a list of values can be changed with one ALTER TABLE.
--   * Every constraint has an explicit name, <table>_<what> (three names
--     fixed by the specification are shorter: episode_one_open_per_patient,
--     assignment_one_primary_per_day, enrollment_no_overlap). The importer
--     translates the name it gets back in an error into plain words, so these
--     names are part of the interface; do not rename them casually. The rules
--     that need triggers raise SQLSTATE 23514 (check_violation) with a
--     constraint name too: attendance_session_held, attendance_patient_in_care,
--     attendance_gender_focus.
--   * Foreign keys have the default ON DELETE NO ACTION: nothing clinical
--     disappears as a side effect of deleting something else.
--   * Every foreign key column is the leading column of some index.
--
-- Dates and periods
--
--   * Dates are "date"; instants are "timestamptz". Each site has an IANA time
--     zone; a session's "day" is its SITE-LOCAL date:
--         (group_session.starts_at AT TIME ZONE site.timezone)::date
--     where the site is the site of the session's group
--     (see carelog.site_local_date).
--   * ALL END DATES ARE EXCLUSIVE:
--       - a patient is in care on day d when
--             admitted_on <= d AND (discharged_on IS NULL OR d < discharged_on)
--         i.e. d <@ daterange(admitted_on, discharged_on, '[)'); the patient
--         is not in care on the discharge day itself;
--       - a therapist assignment or group enrollment is active on d when
--             starts_on <= d AND (ends_on IS NULL OR d < ends_on);
--       - a treatment plan is active on d when
--             created_on <= d AND (closed_on IS NULL OR d < closed_on).
--
-- =============================================================================

CREATE EXTENSION IF NOT EXISTS btree_gist;   -- "=" on bigint in GiST exclusion constraints
CREATE SCHEMA IF NOT EXISTS carelog;

COMMENT ON SCHEMA carelog IS
    'carelog: therapy-group attendance, treatment plans and therapist assignments of an addiction-treatment program. All end dates are exclusive; "day" means the site-local date.';


-- -----------------------------------------------------------------------------
-- Helper functions (needed by the table definitions below)
-- -----------------------------------------------------------------------------

-- Is tz a time zone name of the server's IANA time zone database, spelled
-- exactly as the database spells it ('America/New_York', not 'america/new_york',
-- not an abbreviation-only or POSIX-style string such as 'XYZ+5')?
--
-- STABLE, not IMMUTABLE: the answer comes from the time zone files installed on
-- the server, which a tzdata package upgrade can change (Debian, for one, has
-- moved old alias names such as 'US/Eastern' into a separate package).
-- PostgreSQL does not require CHECK expressions to be immutable; the check runs
-- whenever a site row is written (including a restore, which would then fail
-- loudly on a zone the server no longer knows, which is what we want).
-- pg_timezone_names lists every zone file, so one call costs tens of
-- milliseconds; sites are few and rarely written.
CREATE FUNCTION carelog.is_valid_timezone(tz text)
RETURNS boolean
LANGUAGE sql
STABLE STRICT PARALLEL SAFE
RETURN EXISTS (
    SELECT 1
    FROM pg_catalog.pg_timezone_names AS z
    WHERE z.name = tz
      -- Distribution artefacts in the zoneinfo directory, not IANA zone names:
      AND z.name NOT IN ('localtime', 'posixrules')
      AND z.name NOT LIKE 'posix/%'
      AND z.name NOT LIKE 'right/%'
);

COMMENT ON FUNCTION carelog.is_valid_timezone(text) IS
    'True when the argument is an IANA time zone name known to this server, exactly as spelled in pg_timezone_names. STABLE: depends on the installed time zone database.';


-- The site-local calendar date of an instant. IMMUTABLE because
-- timezone(text, timestamptz) is (PostgreSQL treats its time zone rules as fixed);
-- this lets reports use it in index expressions. Inlined by the planner.
CREATE FUNCTION carelog.site_local_date(instant timestamptz, tz text)
RETURNS date
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN (instant AT TIME ZONE tz)::date;

COMMENT ON FUNCTION carelog.site_local_date(timestamptz, text) IS
    'Local calendar date of an instant in the given IANA time zone. A session''s "day" is site_local_date(starts_at, timezone of the group''s site).';


-- Does a group's gender_focus admit a patient of this gender?
-- 'women' admits 'female', 'men' admits 'male', 'all' admits everyone.
CREATE FUNCTION carelog.gender_focus_admits(gender_focus text, gender text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN gender_focus = 'all'
    OR (gender_focus = 'women' AND gender = 'female')
    OR (gender_focus = 'men'   AND gender = 'male');

COMMENT ON FUNCTION carelog.gender_focus_admits(text, text) IS
    'Gender-focus rule of attendance: ''women'' admits ''female'', ''men'' admits ''male'', ''all'' admits everyone.';


-- -----------------------------------------------------------------------------
-- Sites and people
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.site (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_code   text NOT NULL,
    name        text NOT NULL,
    timezone    text NOT NULL,
    CONSTRAINT site_site_code_key   UNIQUE (site_code),
    CONSTRAINT site_site_code_check CHECK (site_code <> ''),
    CONSTRAINT site_timezone_check  CHECK (carelog.is_valid_timezone(timezone))
);

COMMENT ON TABLE carelog.site IS
    'A treatment site (program location). Every "day" and "month" in reports is local to the site''s time zone.';
COMMENT ON COLUMN carelog.site.timezone IS
    'IANA time zone name, e.g. America/New_York. A group session''s day is (starts_at AT TIME ZONE timezone)::date of the group''s site.';


CREATE TABLE carelog.staff (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id     text NOT NULL,
    first_name   text NOT NULL,
    last_name    text NOT NULL,
    role         text NOT NULL,
    credentials  text,
    site_id      bigint NOT NULL,
    active       boolean NOT NULL DEFAULT true,
    CONSTRAINT staff_staff_id_key   UNIQUE (staff_id),
    CONSTRAINT staff_staff_id_check CHECK (staff_id <> ''),
    CONSTRAINT staff_role_check     CHECK (role IN ('therapist', 'counselor', 'director', 'auditor', 'other')),
    CONSTRAINT staff_site_id_fkey   FOREIGN KEY (site_id) REFERENCES carelog.site (id)
);
CREATE INDEX staff_site_id_idx ON carelog.staff (site_id);

COMMENT ON TABLE carelog.staff IS
    'Staff members. Other tables refer to staff by the surrogate id (therapist_id, author_id, reviewer_id, facilitator_id, recorded_by_id); imports use the text natural key staff_id.';
COMMENT ON COLUMN carelog.staff.staff_id IS
    'Natural key (text, e.g. T042) used by imports and the command line. Not the same thing as the surrogate "id".';
COMMENT ON COLUMN carelog.staff.credentials IS
    'Free text, e.g. LCSW, LADC. Optional.';


CREATE TABLE carelog.patient (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mrn            text NOT NULL,
    first_name     text NOT NULL,
    last_name      text NOT NULL,
    date_of_birth  date NOT NULL,
    gender         text NOT NULL,
    site_id        bigint NOT NULL,
    CONSTRAINT patient_mrn_key        UNIQUE (mrn),
    CONSTRAINT patient_mrn_check      CHECK (mrn <> ''),
    CONSTRAINT patient_gender_check   CHECK (gender IN ('female', 'male', 'nonbinary', 'unknown')),
    CONSTRAINT patient_site_id_fkey   FOREIGN KEY (site_id) REFERENCES carelog.site (id)
);
CREATE INDEX patient_site_id_idx ON carelog.patient (site_id);

COMMENT ON TABLE carelog.patient IS
    'Patients. 42 CFR Part 2 records: access is restricted by role (see later migrations).';
COMMENT ON COLUMN carelog.patient.mrn IS
    'Medical record number, the natural key. Text: leading zeros are significant.';
COMMENT ON COLUMN carelog.patient.gender IS
    'female, male, nonbinary or unknown. Decides which gender-focused groups the patient may attend.';


-- -----------------------------------------------------------------------------
-- Episodes of care and therapist assignments
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.episode (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id        bigint NOT NULL,
    admitted_on       date NOT NULL,
    level_of_care     text NOT NULL,
    discharged_on     date,
    discharge_reason  text,
    CONSTRAINT episode_patient_id_admitted_on_key UNIQUE (patient_id, admitted_on),
    CONSTRAINT episode_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT episode_level_of_care_check
        CHECK (level_of_care IN ('1.0', '2.1', '2.5', '3.1', '3.3', '3.5', '3.7', '4.0')),
    CONSTRAINT episode_discharge_reason_check
        CHECK (discharge_reason IN ('completed', 'left_against_advice', 'terminated_by_facility',
                                    'transferred', 'incarcerated', 'death', 'other')),
    CONSTRAINT episode_dates_check
        CHECK (discharged_on >= admitted_on),
    -- A discharged episode has a reason; an open one has none.
    CONSTRAINT episode_discharge_reason_presence
        CHECK ((discharged_on IS NULL) = (discharge_reason IS NULL))
);

-- At most one open episode per patient. episode_no_overlap below implies it,
-- but this names the common mistake precisely. PostgreSQL checks a row's
-- unique and exclusion indexes in creation order, so this index is created
-- first: a second open episode is reported as episode_one_open_per_patient.
CREATE UNIQUE INDEX episode_one_open_per_patient
    ON carelog.episode (patient_id) WHERE discharged_on IS NULL;

-- Episodes of one patient do not overlap. The range is the days the stay
-- occupies: [admitted_on, discharged_on), open-ended while not discharged, and
-- at least the admission day itself, so that a same-day stay
-- (admitted_on = discharged_on) still occupies its day. A readmission on the
-- discharge day of the previous stay does not overlap it.
ALTER TABLE carelog.episode
    ADD CONSTRAINT episode_no_overlap EXCLUDE USING gist (
        patient_id WITH =,
        daterange(admitted_on,
                  CASE WHEN discharged_on IS NOT NULL
                       THEN greatest(discharged_on, admitted_on + 1)
                  END,
                  '[)') WITH &&
    );

COMMENT ON TABLE carelog.episode IS
    'Episodes of care (admission to discharge). The patient is in care on day d when admitted_on <= d AND (discharged_on IS NULL OR d < discharged_on): the discharge date is EXCLUSIVE, so a same-day stay covers no day. Episodes of one patient never overlap.';
COMMENT ON COLUMN carelog.episode.level_of_care IS
    'ASAM level of care: 1.0, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7 or 4.0.';
COMMENT ON COLUMN carelog.episode.discharged_on IS
    'EXCLUSIVE end: the patient is no longer in care on this date. NULL while the episode is open.';
COMMENT ON COLUMN carelog.episode.discharge_reason IS
    'SAMHSA TEDS discharge reason; set exactly when discharged_on is set.';


CREATE TABLE carelog.therapist_assignment (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id    bigint NOT NULL,
    therapist_id  bigint NOT NULL,
    role          text NOT NULL,
    starts_on     date NOT NULL,
    ends_on       date,
    CONSTRAINT therapist_assignment_patient_id_therapist_id_role_starts_on_key
        UNIQUE (patient_id, therapist_id, role, starts_on),
    CONSTRAINT therapist_assignment_patient_id_fkey
        FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT therapist_assignment_therapist_id_fkey
        FOREIGN KEY (therapist_id) REFERENCES carelog.staff (id),
    CONSTRAINT therapist_assignment_role_check
        CHECK (role IN ('primary', 'secondary')),
    -- An assignment lasts at least one day (ends_on is exclusive).
    CONSTRAINT therapist_assignment_dates_check
        CHECK (ends_on > starts_on),
    CONSTRAINT assignment_one_primary_per_day EXCLUDE USING gist (
        patient_id WITH =,
        daterange(starts_on, ends_on, '[)') WITH &&
    ) WHERE (role = 'primary')
);
CREATE INDEX therapist_assignment_therapist_id_idx ON carelog.therapist_assignment (therapist_id);

COMMENT ON TABLE carelog.therapist_assignment IS
    'Effective-dated therapist assignments. Active on d when starts_on <= d AND (ends_on IS NULL OR d < ends_on). At most one primary therapist per patient on any day.';
COMMENT ON COLUMN carelog.therapist_assignment.ends_on IS
    'EXCLUSIVE end date; NULL while the assignment is current. Must be after starts_on.';


-- -----------------------------------------------------------------------------
-- Treatment plans
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.treatment_plan (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_code             text NOT NULL,
    patient_id            bigint NOT NULL,
    created_on            date NOT NULL,
    author_id             bigint NOT NULL,
    review_interval_days  integer NOT NULL DEFAULT 30,
    closed_on             date,
    CONSTRAINT treatment_plan_plan_code_key   UNIQUE (plan_code),
    CONSTRAINT treatment_plan_plan_code_check CHECK (plan_code <> ''),
    CONSTRAINT treatment_plan_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT treatment_plan_author_id_fkey  FOREIGN KEY (author_id) REFERENCES carelog.staff (id),
    CONSTRAINT treatment_plan_review_interval_days_check CHECK (review_interval_days > 0),
    CONSTRAINT treatment_plan_dates_check     CHECK (closed_on >= created_on)
);
CREATE INDEX treatment_plan_patient_id_idx ON carelog.treatment_plan (patient_id);
CREATE INDEX treatment_plan_author_id_idx  ON carelog.treatment_plan (author_id);

COMMENT ON TABLE carelog.treatment_plan IS
    'Treatment plans. Active on d when created_on <= d AND (closed_on IS NULL OR d < closed_on).';
COMMENT ON COLUMN carelog.treatment_plan.closed_on IS
    'EXCLUSIVE end date; NULL while the plan is active.';
COMMENT ON COLUMN carelog.treatment_plan.review_interval_days IS
    'A review is due review_interval_days after the latest review (or after created_on).';


CREATE TABLE carelog.plan_requirement (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id            bigint NOT NULL,
    modality           text NOT NULL,
    sessions_per_week  numeric NOT NULL,
    CONSTRAINT plan_requirement_plan_id_modality_key UNIQUE (plan_id, modality),
    CONSTRAINT plan_requirement_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES carelog.treatment_plan (id),
    CONSTRAINT plan_requirement_modality_check
        CHECK (modality IN ('twelve_step', 'process', 'relapse_prevention', 'education',
                            'family', 'smart_recovery', 'activity', 'individual')),
    CONSTRAINT plan_requirement_sessions_per_week_check CHECK (sessions_per_week > 0)
);

COMMENT ON TABLE carelog.plan_requirement IS
    'Sessions per week of a modality that a plan requires (may be fractional, e.g. 0.5 = every other week).';


CREATE TABLE carelog.plan_goal (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id      bigint NOT NULL,
    goal_code    text NOT NULL,
    domain       text NOT NULL,
    description  text,
    target_date  date,
    status       text NOT NULL DEFAULT 'open',
    status_on    date,
    CONSTRAINT plan_goal_plan_id_goal_code_key UNIQUE (plan_id, goal_code),
    CONSTRAINT plan_goal_goal_code_check CHECK (goal_code <> ''),
    CONSTRAINT plan_goal_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES carelog.treatment_plan (id),
    CONSTRAINT plan_goal_status_check
        CHECK (status IN ('open', 'met', 'partially_met', 'not_met', 'discontinued')),
    CONSTRAINT plan_goal_status_on_required
        CHECK (status = 'open' OR status_on IS NOT NULL)
);
CREATE INDEX plan_goal_status_on_idx ON carelog.plan_goal (status_on);

COMMENT ON TABLE carelog.plan_goal IS
    'Goals of a treatment plan.';
COMMENT ON COLUMN carelog.plan_goal.status_on IS
    'Date the current status was reached; required unless status is open.';


CREATE TABLE carelog.plan_review (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id      bigint NOT NULL,
    reviewed_on  date NOT NULL,
    reviewer_id  bigint NOT NULL,
    note         text,
    CONSTRAINT plan_review_plan_id_reviewed_on_key UNIQUE (plan_id, reviewed_on),
    CONSTRAINT plan_review_plan_id_fkey     FOREIGN KEY (plan_id) REFERENCES carelog.treatment_plan (id),
    CONSTRAINT plan_review_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES carelog.staff (id)
);
CREATE INDEX plan_review_reviewer_id_idx ON carelog.plan_review (reviewer_id);

COMMENT ON TABLE carelog.plan_review IS
    'Reviews of a treatment plan, at most one per plan and day.';


-- -----------------------------------------------------------------------------
-- Groups, enrollment, sessions, attendance
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.care_group (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_code      text NOT NULL,
    name            text NOT NULL,
    modality        text NOT NULL,
    gender_focus    text NOT NULL DEFAULT 'all',
    kind            text NOT NULL,
    site_id         bigint NOT NULL,
    capacity        integer,
    facilitator_id  bigint,
    CONSTRAINT care_group_group_code_key   UNIQUE (group_code),
    CONSTRAINT care_group_group_code_check CHECK (group_code <> ''),
    CONSTRAINT care_group_modality_check
        CHECK (modality IN ('twelve_step', 'process', 'relapse_prevention', 'education',
                            'family', 'smart_recovery', 'activity', 'individual')),
    CONSTRAINT care_group_gender_focus_check CHECK (gender_focus IN ('all', 'women', 'men')),
    CONSTRAINT care_group_kind_check         CHECK (kind IN ('open', 'closed')),
    CONSTRAINT care_group_capacity_check     CHECK (capacity > 0),
    CONSTRAINT care_group_site_id_fkey        FOREIGN KEY (site_id) REFERENCES carelog.site (id),
    CONSTRAINT care_group_facilitator_id_fkey FOREIGN KEY (facilitator_id) REFERENCES carelog.staff (id)
);
CREATE INDEX care_group_site_id_idx        ON carelog.care_group (site_id);
CREATE INDEX care_group_facilitator_id_idx ON carelog.care_group (facilitator_id);

COMMENT ON TABLE carelog.care_group IS
    'Therapy and support groups ("group" is a reserved word). Its site''s time zone decides the local date of its sessions.';
COMMENT ON COLUMN carelog.care_group.gender_focus IS
    'all, women or men: ''women'' admits only female patients, ''men'' only male patients (enforced on attendance).';
COMMENT ON COLUMN carelog.care_group.kind IS
    'open: drop-in (e.g. a 12-step meeting); closed: fixed roster kept in group_enrollment.';
COMMENT ON COLUMN carelog.care_group.facilitator_id IS
    'Usual facilitator (optional); each session records its own.';


CREATE TABLE carelog.group_enrollment (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id    bigint NOT NULL,
    patient_id  bigint NOT NULL,
    starts_on   date NOT NULL,
    ends_on     date,
    CONSTRAINT group_enrollment_group_id_patient_id_starts_on_key
        UNIQUE (group_id, patient_id, starts_on),
    CONSTRAINT group_enrollment_group_id_fkey   FOREIGN KEY (group_id) REFERENCES carelog.care_group (id),
    CONSTRAINT group_enrollment_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT group_enrollment_dates_check     CHECK (ends_on > starts_on),
    CONSTRAINT enrollment_no_overlap EXCLUDE USING gist (
        group_id WITH =,
        patient_id WITH =,
        daterange(starts_on, ends_on, '[)') WITH &&
    )
);
CREATE INDEX group_enrollment_patient_id_idx ON carelog.group_enrollment (patient_id);

COMMENT ON TABLE carelog.group_enrollment IS
    'Effective-dated roster of closed groups; history is kept, never overwritten. Active on d when starts_on <= d AND (ends_on IS NULL OR d < ends_on). Enrollments of one patient in one group do not overlap.';
COMMENT ON COLUMN carelog.group_enrollment.ends_on IS
    'EXCLUSIVE end date; NULL while enrolled. Must be after starts_on.';


CREATE TABLE carelog.group_session (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id          bigint NOT NULL,
    starts_at         timestamptz NOT NULL,
    duration_minutes  integer NOT NULL DEFAULT 60,
    facilitator_id    bigint NOT NULL,
    status            text NOT NULL DEFAULT 'held',
    CONSTRAINT group_session_group_id_starts_at_key UNIQUE (group_id, starts_at),
    CONSTRAINT group_session_group_id_fkey       FOREIGN KEY (group_id) REFERENCES carelog.care_group (id),
    CONSTRAINT group_session_facilitator_id_fkey FOREIGN KEY (facilitator_id) REFERENCES carelog.staff (id),
    CONSTRAINT group_session_status_check        CHECK (status IN ('held', 'cancelled')),
    CONSTRAINT group_session_duration_minutes_check CHECK (duration_minutes > 0)
);
CREATE INDEX group_session_starts_at_idx      ON carelog.group_session (starts_at);
CREATE INDEX group_session_facilitator_id_idx ON carelog.group_session (facilitator_id);

COMMENT ON TABLE carelog.group_session IS
    'One meeting of a group. Its day is the site-local date (starts_at AT TIME ZONE timezone of the group''s site)::date. A session with attendance cannot be cancelled, moved to another group or re-timed so that the attendance rules break.';


CREATE TABLE carelog.attendance (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id        bigint NOT NULL,
    patient_id        bigint NOT NULL,
    status            text NOT NULL,
    minutes_attended  integer,
    recorded_by_id    bigint NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT attendance_one_per_patient_session UNIQUE (session_id, patient_id),
    CONSTRAINT attendance_session_id_fkey     FOREIGN KEY (session_id) REFERENCES carelog.group_session (id),
    CONSTRAINT attendance_patient_id_fkey     FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT attendance_recorded_by_id_fkey FOREIGN KEY (recorded_by_id) REFERENCES carelog.staff (id),
    CONSTRAINT attendance_status_check
        CHECK (status IN ('present', 'late', 'left_early', 'absent', 'excused')),
    CONSTRAINT attendance_minutes_attended_check CHECK (minutes_attended >= 0)
);
CREATE INDEX attendance_patient_id_idx     ON carelog.attendance (patient_id);
CREATE INDEX attendance_recorded_by_id_idx ON carelog.attendance (recorded_by_id);

COMMENT ON TABLE carelog.attendance IS
    'One record per patient per session. Enforced by triggers (SQLSTATE 23514): the session is held (attendance_session_held); the patient has an episode covering the session''s SITE-LOCAL date (attendance_patient_in_care); the group''s gender_focus admits the patient''s gender (attendance_gender_focus).';
COMMENT ON COLUMN carelog.attendance.recorded_at IS
    'When the record was entered (for the "recorded late" documentation check).';


-- -----------------------------------------------------------------------------
-- Clinical measurements
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.assessment (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id       bigint NOT NULL,
    instrument       text NOT NULL,
    administered_on  date NOT NULL,
    score            numeric NOT NULL,
    CONSTRAINT assessment_patient_id_instrument_administered_on_key
        UNIQUE (patient_id, instrument, administered_on),
    CONSTRAINT assessment_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT assessment_instrument_check CHECK (instrument IN ('PHQ-9', 'GAD-7', 'BAM')),
    -- An unknown instrument is refused by assessment_instrument_check alone; a
    -- new instrument must get its range here when it is added to that list.
    CONSTRAINT assessment_score_range CHECK (
        CASE instrument
            WHEN 'PHQ-9' THEN score BETWEEN 0 AND 27
            WHEN 'GAD-7' THEN score BETWEEN 0 AND 21
            WHEN 'BAM'   THEN score BETWEEN 0 AND 12
            ELSE true
        END
    )
);

COMMENT ON TABLE carelog.assessment IS
    'Standardized assessments: PHQ-9 (0-27), GAD-7 (0-21), BAM use score (0-12).';


CREATE TABLE carelog.drug_screen (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id    bigint NOT NULL,
    collected_on  date NOT NULL,
    result        text NOT NULL,
    substances    text,
    CONSTRAINT drug_screen_patient_id_collected_on_key UNIQUE (patient_id, collected_on),
    CONSTRAINT drug_screen_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT drug_screen_result_check CHECK (result IN ('negative', 'positive', 'dilute', 'refused'))
);

COMMENT ON TABLE carelog.drug_screen IS
    'Urine drug screens, at most one per patient and day.';
COMMENT ON COLUMN carelog.drug_screen.substances IS
    'Free text list of substances detected (optional).';


-- =============================================================================
-- Attendance rules (triggers)
-- =============================================================================
--
-- An attendance row is valid when
--   attendance_session_held     its session has status 'held';
--   attendance_patient_in_care  the patient has an episode covering the
--                               session's site-local date;
--   attendance_gender_focus     the group's gender_focus admits the patient.
--
-- Writes to attendance are checked by STATEMENT-level triggers: the rows a
-- statement wrote are checked with one set-based query, so that a bulk import
-- of a million rows costs one hash join rather than a million lookups.
-- Changes elsewhere that could break existing attendance (episode dates,
-- session status/time/group, patient gender, group gender_focus/site, site
-- time zone) are checked by row-level triggers on those rarely-changed tables.
-- All of them report through carelog.assert_attendance_rules, so the error is
-- the same whichever side the change came from: SQLSTATE 23514 with the rule's
-- name as the constraint name.
--
-- Concurrency: before checking, an attendance write takes FOR SHARE locks on
-- the rows the rules read (its sessions, their groups and sites, its patients
-- and their episodes). Under READ COMMITTED, the level carelog writes at, a
-- concurrent change to one of those rows then either waits for the attendance
-- writer to commit, after which its own row trigger sees the new attendance,
-- or makes the attendance writer wait, after which the writer's check sees the
-- change. Without these locks two transactions could each pass their check
-- and together break a rule. Under SERIALIZABLE, PostgreSQL's serialization
-- failures catch the same interleavings. Under REPEATABLE READ a guarded
-- change cannot see attendance committed after its snapshot was taken, so
-- episodes, sessions, groups, patients and sites should not be changed at that
-- level while attendance is being written.
--
-- The trigger functions are SECURITY DEFINER: an integrity check must see every
-- row whatever the current user may read (row-level security is added later),
-- and FOR SHARE needs UPDATE privilege. They pin search_path, including pg_temp
-- last. The helper functions they call are not executable by PUBLIC.


-- Check the attendance rows identified by the pairs
-- (p_session_ids[i], p_patient_ids[i]) and raise 23514 on the first rule any
-- of them breaks. p_table is the table whose change is being checked; for
-- anything but 'attendance' the message says that the change would invalidate
-- recorded attendance.
--
-- The rows come in as two arrays, not a table: the caller may be a statement
-- trigger (whose transition table only it can see) or a row trigger on another
-- table. plan_cache_mode = force_custom_plan makes every call plan with the
-- actual array sizes (unnest() reports its array's length to the planner), so
-- a bulk check gets hash joins and a one-row check gets index lookups. The
-- arrays are always expanded with unnest(), never "= ANY (array)": with a
-- million elements, "= ANY" makes the planner estimate selectivity element by
-- element.
CREATE FUNCTION carelog.assert_attendance_rules(
    p_session_ids bigint[],
    p_patient_ids bigint[],
    p_table       text DEFAULT 'attendance')
RETURNS void
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    bad     record;
    message text;
    detail  text;
    hint    text;
BEGIN
    IF p_session_ids IS NULL OR cardinality(p_session_ids) = 0 THEN
        RETURN;
    END IF;

    -- One pass over the rows.
    --  * The site-local date is computed at most once per row (the planner
    --    may even memoize it per session): the OFFSET 0 keeps it from folding
    --    the time zone conversion into the episode join condition, where it
    --    would be evaluated for every candidate episode.
    --  * Episodes of a patient never overlap (episode_no_overlap), so at most
    --    one episode covers a day and the LEFT JOIN does not multiply rows.
    --  * Valid rows are filtered out before the fan-out into one row per
    --    broken rule, so in the normal case nothing reaches the sorts.
    WITH broken AS (
        SELECT g.group_code, g.gender_focus, s.starts_at, st.timezone,
               s.status AS session_status, d.local_date, p.mrn, p.gender,
               s.status <> 'held'                                       AS not_held,
               e.id IS NULL                                             AS not_in_care,
               NOT carelog.gender_focus_admits(g.gender_focus, p.gender) AS wrong_gender
          FROM unnest(p_session_ids, p_patient_ids) AS n(session_id, patient_id)
          JOIN carelog.group_session s  ON s.id  = n.session_id
          JOIN carelog.care_group    g  ON g.id  = s.group_id
          JOIN carelog.site          st ON st.id = g.site_id
          JOIN carelog.patient       p  ON p.id  = n.patient_id
         CROSS JOIN LATERAL (SELECT carelog.site_local_date(s.starts_at, st.timezone) OFFSET 0)
                         AS d(local_date)
          LEFT JOIN carelog.episode  e
                 ON e.patient_id = n.patient_id
                AND e.admitted_on <= d.local_date
                AND (e.discharged_on IS NULL OR d.local_date < e.discharged_on)
         WHERE s.status <> 'held'
            OR e.id IS NULL
            OR NOT carelog.gender_focus_admits(g.gender_focus, p.gender)
    )
    SELECT v.rule, count(*) OVER (PARTITION BY v.rule) AS offending_rows, b.*
      INTO bad
      FROM broken AS b
     CROSS JOIN LATERAL (VALUES (1, 'attendance_session_held',    b.not_held),
                                (2, 'attendance_patient_in_care', b.not_in_care),
                                (3, 'attendance_gender_focus',    b.wrong_gender)
                        ) AS v(priority, rule, is_broken)
     WHERE v.is_broken
     ORDER BY v.priority, b.group_code, b.starts_at, b.mrn
     LIMIT 1;

    IF NOT FOUND THEN
        RETURN;
    END IF;

    CASE bad.rule
    WHEN 'attendance_session_held' THEN
        message := 'attendance can only be recorded for a session that was held';
        detail  := format('Group "%s", session %s (%s) is %s; patient MRN "%s".',
                          bad.group_code,
                          to_char(bad.starts_at AT TIME ZONE bad.timezone, 'YYYY-MM-DD HH24:MI'),
                          bad.timezone, bad.session_status, bad.mrn);
        hint    := 'Mark the session as held, or delete its attendance records before cancelling it.';
    WHEN 'attendance_patient_in_care' THEN
        message := 'attendance can only be recorded for a patient in care on the day of the session';
        detail  := format('Patient MRN "%s" has no episode covering %s, the local date of group "%s" session %s (%s).',
                          bad.mrn, bad.local_date, bad.group_code,
                          to_char(bad.starts_at AT TIME ZONE bad.timezone, 'YYYY-MM-DD HH24:MI'),
                          bad.timezone);
        hint    := 'An episode covers day d when admitted_on <= d and (discharged_on is empty or d < discharged_on); the day is the site''s local date.';
    ELSE -- 'attendance_gender_focus'
        message := 'attendance can only be recorded in a group whose gender focus admits the patient';
        detail  := format('Group "%s" is for %s; patient MRN "%s" is recorded as %s (session %s, %s).',
                          bad.group_code, bad.gender_focus, bad.mrn, bad.gender,
                          to_char(bad.starts_at AT TIME ZONE bad.timezone, 'YYYY-MM-DD HH24:MI'),
                          bad.timezone);
        hint    := 'A women''s group admits female patients, a men''s group male patients; a group for all admits everyone.';
    END CASE;

    detail := detail || format(' %s attendance record(s) break this rule.', bad.offending_rows);

    IF p_table <> 'attendance' THEN
        message := format('this change to %s would invalidate recorded attendance: %s', p_table, message);
        hint    := 'Correct or delete the affected attendance records first. ' || hint;
    END IF;

    RAISE EXCEPTION USING
        ERRCODE    = 'check_violation',
        CONSTRAINT = bad.rule,
        SCHEMA     = 'carelog',
        TABLE      = p_table,
        MESSAGE    = message,
        DETAIL     = detail,
        HINT       = hint;
END;
$$;

COMMENT ON FUNCTION carelog.assert_attendance_rules(bigint[], bigint[], text) IS
    'Raises 23514 (constraint attendance_session_held, attendance_patient_in_care or attendance_gender_focus) if any of the given (session, patient) attendance pairs breaks an attendance rule; DETAIL names the first by group_code, starts_at and mrn, and the count. Internal; used by the attendance triggers.';


-- Lock FOR SHARE every row the attendance rules read for these sessions and
-- patients (each array holding distinct ids), so that no concurrent
-- transaction can change them until we commit (see above). Groups and sites
-- are locked once each, not once per session.
CREATE FUNCTION carelog.lock_attendance_context(
    p_session_ids bigint[],
    p_patient_ids bigint[])
RETURNS void
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    group_ids bigint[];
BEGIN
    SELECT array_agg(DISTINCT locked.group_id)
      INTO group_ids
      FROM (SELECT s.group_id
              FROM carelog.group_session s
             WHERE s.id IN (SELECT unnest(p_session_ids))
               FOR SHARE) AS locked;

    PERFORM 1
       FROM carelog.care_group g
       JOIN carelog.site       st ON st.id = g.site_id
      WHERE g.id IN (SELECT unnest(group_ids))
        FOR SHARE;

    PERFORM 1
       FROM carelog.patient p
      WHERE p.id IN (SELECT unnest(p_patient_ids))
        FOR SHARE;

    PERFORM 1
       FROM carelog.episode e
      WHERE e.patient_id IN (SELECT unnest(p_patient_ids))
        FOR SHARE;
END;
$$;

COMMENT ON FUNCTION carelog.lock_attendance_context(bigint[], bigint[]) IS
    'Takes FOR SHARE locks on the given sessions, their groups and sites, the given patients and their episodes: the rows the attendance rules read. Internal.';

REVOKE ALL ON FUNCTION carelog.assert_attendance_rules(bigint[], bigint[], text) FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.lock_attendance_context(bigint[], bigint[]) FROM PUBLIC;


-- Statement-level trigger function for INSERT and UPDATE on attendance.
-- The transition table is always named new_rows. It is only read by simple
-- aggregations into arrays: statements naming a transition table are planned
-- once per session and the plan is kept whatever the table's size, so the
-- joins, whose best plan depends on the number of rows, run in the functions
-- above, which plan per call.
CREATE FUNCTION carelog.attendance_check_rules()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    session_ids          bigint[];
    patient_ids          bigint[];
    distinct_session_ids bigint[];
    distinct_patient_ids bigint[];
BEGIN
    SELECT array_agg(n.session_id), array_agg(n.patient_id)
      INTO session_ids, patient_ids
      FROM new_rows AS n;

    IF session_ids IS NULL THEN    -- the statement wrote no rows
        RETURN NULL;
    END IF;

    SELECT array_agg(d.session_id) INTO distinct_session_ids
      FROM (SELECT DISTINCT n.session_id FROM new_rows AS n) AS d;
    SELECT array_agg(d.patient_id) INTO distinct_patient_ids
      FROM (SELECT DISTINCT n.patient_id FROM new_rows AS n) AS d;

    PERFORM carelog.lock_attendance_context(distinct_session_ids, distinct_patient_ids);
    PERFORM carelog.assert_attendance_rules(session_ids, patient_ids, 'attendance');
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION carelog.attendance_check_rules() IS
    'Statement trigger on attendance: checks all rows written by the statement against the attendance rules in one query.';

-- PostgreSQL does not allow transition tables on a trigger with more than one
-- event, hence two triggers. UPDATE triggers with transition tables cannot
-- have a column list either, so every updated row is re-checked.
CREATE TRIGGER attendance_check_rules_insert
    AFTER INSERT ON carelog.attendance
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION carelog.attendance_check_rules();

CREATE TRIGGER attendance_check_rules_update
    AFTER UPDATE ON carelog.attendance
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION carelog.attendance_check_rules();


-- Row-level guard for the tables the attendance rules read: after a change
-- that could matter, re-check all attendance that depends on the changed row.
-- The checks look at the current state of the database, not at OLD/NEW, so
-- they stay correct when one statement changes several related rows.
CREATE FUNCTION carelog.attendance_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    session_ids bigint[];
    patient_ids bigint[];
BEGIN
    CASE TG_TABLE_NAME
    WHEN 'episode' THEN
        -- UPDATE or DELETE: the patient's attendance may have lost its cover.
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.attendance a
         WHERE a.patient_id = OLD.patient_id;
    WHEN 'patient' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.attendance a
         WHERE a.patient_id = OLD.id;
    WHEN 'group_session' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.attendance a
         WHERE a.session_id = OLD.id;
    WHEN 'care_group' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.group_session s
          JOIN carelog.attendance a ON a.session_id = s.id
         WHERE s.group_id = OLD.id;
    WHEN 'site' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.care_group g
          JOIN carelog.group_session s ON s.group_id = g.id
          JOIN carelog.attendance a ON a.session_id = s.id
         WHERE g.site_id = OLD.id;
    END CASE;

    PERFORM carelog.assert_attendance_rules(session_ids, patient_ids, TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION carelog.attendance_guard() IS
    'Row trigger on episode, patient, group_session, care_group and site: refuses a change that would make existing attendance break an attendance rule.';

CREATE TRIGGER episode_attendance_guard_update
    AFTER UPDATE OF patient_id, admitted_on, discharged_on ON carelog.episode
    FOR EACH ROW
    WHEN (OLD.patient_id    IS DISTINCT FROM NEW.patient_id
       OR OLD.admitted_on   IS DISTINCT FROM NEW.admitted_on
       OR OLD.discharged_on IS DISTINCT FROM NEW.discharged_on)
    EXECUTE FUNCTION carelog.attendance_guard();

CREATE TRIGGER episode_attendance_guard_delete
    AFTER DELETE ON carelog.episode
    FOR EACH ROW
    EXECUTE FUNCTION carelog.attendance_guard();

CREATE TRIGGER patient_attendance_guard
    AFTER UPDATE OF gender ON carelog.patient
    FOR EACH ROW
    WHEN (OLD.gender IS DISTINCT FROM NEW.gender)
    EXECUTE FUNCTION carelog.attendance_guard();

CREATE TRIGGER group_session_attendance_guard
    AFTER UPDATE OF status, starts_at, group_id ON carelog.group_session
    FOR EACH ROW
    WHEN (OLD.status    IS DISTINCT FROM NEW.status
       OR OLD.starts_at IS DISTINCT FROM NEW.starts_at
       OR OLD.group_id  IS DISTINCT FROM NEW.group_id)
    EXECUTE FUNCTION carelog.attendance_guard();

CREATE TRIGGER care_group_attendance_guard
    AFTER UPDATE OF gender_focus, site_id ON carelog.care_group
    FOR EACH ROW
    WHEN (OLD.gender_focus IS DISTINCT FROM NEW.gender_focus
       OR OLD.site_id      IS DISTINCT FROM NEW.site_id)
    EXECUTE FUNCTION carelog.attendance_guard();

CREATE TRIGGER site_attendance_guard
    AFTER UPDATE OF timezone ON carelog.site
    FOR EACH ROW
    WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
    EXECUTE FUNCTION carelog.attendance_guard();

-- TRUNCATE bypasses row triggers, and no foreign key stops it on episode.
CREATE FUNCTION carelog.episode_truncate_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM carelog.attendance) THEN
        RAISE EXCEPTION USING
            ERRCODE    = 'check_violation',
            CONSTRAINT = 'attendance_patient_in_care',
            SCHEMA     = 'carelog',
            TABLE      = 'episode',
            MESSAGE    = 'episodes cannot be truncated while attendance is recorded: attendance can only be recorded for a patient in care on the day of the session',
            HINT       = 'Truncate attendance first, or delete episodes row by row.';
    END IF;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION carelog.episode_truncate_guard() IS
    'Statement trigger: refuses TRUNCATE of episode while attendance rows exist.';

CREATE TRIGGER episode_attendance_guard_truncate
    BEFORE TRUNCATE ON carelog.episode
    FOR EACH STATEMENT
    EXECUTE FUNCTION carelog.episode_truncate_guard();

-- Trigger functions cannot be called directly, but as SECURITY DEFINER
-- functions they should not be executable by everyone either. (Firing a
-- trigger does not check EXECUTE privilege.)
REVOKE ALL ON FUNCTION carelog.attendance_check_rules() FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.attendance_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.episode_truncate_guard() FROM PUBLIC;

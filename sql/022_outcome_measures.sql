-- =============================================================================
-- carelog — 022_outcome_measures.sql: SAMHSA National Outcome Measures at
-- admission and discharge, coded as the Treatment Episode Data Set codes them
-- (issue 24; docs/teds.md)
-- =============================================================================
--
--   modality          reference list of group modalities; mutual_help marks those
--                     whose meetings count as self-help attendance (twelve_step
--                     always does)
--   teds_code         the TEDS code lists: item, code, label (for docs and display)
--   outcome_measure   one row per episode and time point (admission | discharge):
--                     the NOMs items, each checked against its TEDS code list here,
--                     for every writer, the owner included
--
--   is_mutual_help(modality)        the modality's meetings are mutual help
--   teds_self_help_code(meetings)   0 → 1, 1–3 → 2, 4–7 → 3, 8 or more → 4
--   self_help_meetings(patient, discharged_on)
--                                   mutual-help meetings attended (present, late,
--                                   left early) on the days discharged_on − 30 …
--                                   discharged_on, under the caller's row security
--
-- An item that is NULL has not been recorded; -9 is recorded as unknown (TEDS's
-- "missing/unknown/not collected"). Access as assessments: directors (of the
-- patient's site) write, auditors read, a therapist reads the patients of their
-- caseload.
-- =============================================================================


-- -----------------------------------------------------------------------------
-- Modalities, and which are mutual help
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.modality (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL,
    mutual_help  boolean NOT NULL DEFAULT false,
    CONSTRAINT modality_code_key UNIQUE (code),
    CONSTRAINT modality_code_check CHECK (code IN ('twelve_step', 'process', 'relapse_prevention', 'education',
                                                   'family', 'smart_recovery', 'activity', 'individual')),
    -- A 12-step meeting is the self-help group TEDS asks about.
    CONSTRAINT modality_twelve_step_mutual_help CHECK (code <> 'twelve_step' OR mutual_help)
);

COMMENT ON TABLE carelog.modality IS
    'Group modalities. mutual_help: attendance at groups of this modality counts as self-help (mutual-help) attendance for the TEDS self-help item (twelve_step always; a director marks others, such as smart_recovery, when the program''s meetings of it are peer-led).';

INSERT INTO carelog.modality (code, mutual_help) VALUES
    ('twelve_step', true), ('process', false), ('relapse_prevention', false), ('education', false),
    ('family', false), ('smart_recovery', false), ('activity', false), ('individual', false);

CREATE FUNCTION carelog.is_mutual_help(modality text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN modality = 'twelve_step'
        OR coalesce((SELECT m.mutual_help FROM carelog.modality AS m WHERE m.code = is_mutual_help.modality), false);

COMMENT ON FUNCTION carelog.is_mutual_help(text) IS
    'Whether meetings of a group of this modality are mutual-help (self-help) meetings: twelve_step, or a modality marked mutual_help.';


-- -----------------------------------------------------------------------------
-- TEDS code lists
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.teds_code (
    item   text NOT NULL,
    code   smallint NOT NULL,
    label  text NOT NULL,
    CONSTRAINT teds_code_pkey PRIMARY KEY (item, code)
);

COMMENT ON TABLE carelog.teds_code IS
    'The TEDS code list of each NOMs item (item = the outcome_measure column), with its label. The CHECK constraints of outcome_measure hold the same lists; a test proves they agree.';

INSERT INTO carelog.teds_code (item, code, label)
SELECT 'substance', c, l FROM (VALUES
    (1, 'None'), (2, 'Alcohol'), (3, 'Cocaine/crack'), (4, 'Marijuana/hashish'), (5, 'Heroin'),
    (6, 'Non-prescription methadone'), (7, 'Other opiates and synthetics'), (8, 'PCP'), (9, 'Hallucinogens'),
    (10, 'Methamphetamine/speed'), (11, 'Other amphetamines'), (12, 'Other stimulants'), (13, 'Benzodiazepines'),
    (14, 'Other tranquilizers'), (15, 'Barbiturates'), (16, 'Other sedatives or hypnotics'), (17, 'Inhalants'),
    (18, 'Over-the-counter medications'), (19, 'Other drugs'), (-9, 'Missing/unknown')) AS v(c, l)
UNION ALL
SELECT 'route', c, l FROM (VALUES
    (1, 'Oral'), (2, 'Smoking'), (3, 'Inhalation'), (4, 'Injection'), (5, 'Other'), (-9, 'Missing/unknown')) AS v(c, l)
UNION ALL
SELECT 'use_frequency', c, l FROM (VALUES
    (1, 'No use in the past month'), (2, 'Some use'), (3, 'Daily use'), (-9, 'Missing/unknown')) AS v(c, l)
UNION ALL
SELECT 'employment', c, l FROM (VALUES
    (1, 'Full-time'), (2, 'Part-time'), (3, 'Unemployed'), (4, 'Not in labor force'), (-9, 'Missing/unknown')) AS v(c, l)
UNION ALL
SELECT 'living_arrangement', c, l FROM (VALUES
    (1, 'Homeless'), (2, 'Dependent living'), (3, 'Independent living'), (-9, 'Missing/unknown')) AS v(c, l)
UNION ALL
SELECT 'arrests', c, l FROM (VALUES
    (0, 'None'), (1, 'Once'), (2, 'Two or more times'), (-9, 'Missing/unknown')) AS v(c, l)
UNION ALL
SELECT 'prior_treatment_episodes', c, l FROM (VALUES
    (0, 'No prior treatment episodes'), (1, 'One'), (2, 'Two'), (3, 'Three'), (4, 'Four'),
    (5, 'Five or more'), (-9, 'Missing/unknown')) AS v(c, l)
UNION ALL
SELECT 'referral_source', c, l FROM (VALUES
    (1, 'Individual (includes self-referral)'), (2, 'Alcohol/drug use care provider'), (3, 'Other health care provider'),
    (4, 'School (educational)'), (5, 'Employer/EAP'), (6, 'Other community referral'),
    (7, 'Court/criminal justice referral/DUI/DWI'), (-9, 'Missing/unknown')) AS v(c, l)
UNION ALL
SELECT 'moud', c, l FROM (VALUES
    (1, 'Yes'), (2, 'No'), (-9, 'Missing/unknown')) AS v(c, l)
UNION ALL
SELECT 'self_help_frequency', c, l FROM (VALUES
    (1, 'No attendance'), (2, '1-3 times'), (3, '4-7 times'),
    (4, '8-30 times'), (5, 'Some attendance, frequency unknown'), (-9, 'Missing/unknown')) AS v(c, l);


-- -----------------------------------------------------------------------------
-- Measures
-- -----------------------------------------------------------------------------

-- A measure names its episode and that episode's patient (the patient is what row
-- security, the audit trail and privacy modes key on); the pair must agree.
ALTER TABLE carelog.episode ADD CONSTRAINT episode_id_patient_key UNIQUE (id, patient_id);

CREATE TABLE carelog.outcome_measure (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    episode_id                bigint NOT NULL,
    patient_id                bigint NOT NULL,
    time_point                text NOT NULL,
    primary_substance         smallint,
    secondary_substance       smallint,
    tertiary_substance        smallint,
    route                     smallint,
    use_frequency             smallint,
    age_at_first_use          smallint,
    employment                smallint,
    living_arrangement        smallint,
    arrests                   smallint,
    prior_treatment_episodes  smallint,
    referral_source           smallint,
    moud                      smallint,
    self_help_frequency       smallint,
    CONSTRAINT outcome_measure_key          UNIQUE (episode_id, time_point),
    CONSTRAINT outcome_measure_episode_fkey FOREIGN KEY (episode_id, patient_id)
        REFERENCES carelog.episode (id, patient_id) ON UPDATE CASCADE,
    CONSTRAINT outcome_measure_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT outcome_measure_time_point_check CHECK (time_point IN ('admission', 'discharge')),
    CONSTRAINT outcome_measure_primary_substance_check
        CHECK (primary_substance = -9 OR primary_substance BETWEEN 1 AND 19),
    CONSTRAINT outcome_measure_secondary_substance_check
        CHECK (secondary_substance = -9 OR secondary_substance BETWEEN 1 AND 19),
    CONSTRAINT outcome_measure_tertiary_substance_check
        CHECK (tertiary_substance = -9 OR tertiary_substance BETWEEN 1 AND 19),
    CONSTRAINT outcome_measure_route_check CHECK (route = -9 OR route BETWEEN 1 AND 5),
    CONSTRAINT outcome_measure_use_frequency_check CHECK (use_frequency = -9 OR use_frequency BETWEEN 1 AND 3),
    CONSTRAINT outcome_measure_age_at_first_use_check CHECK (age_at_first_use = -9 OR age_at_first_use BETWEEN 0 AND 96),
    CONSTRAINT outcome_measure_employment_check CHECK (employment = -9 OR employment BETWEEN 1 AND 4),
    CONSTRAINT outcome_measure_living_arrangement_check CHECK (living_arrangement = -9 OR living_arrangement BETWEEN 1 AND 3),
    CONSTRAINT outcome_measure_arrests_check CHECK (arrests = -9 OR arrests BETWEEN 0 AND 2),
    CONSTRAINT outcome_measure_prior_treatment_episodes_check
        CHECK (prior_treatment_episodes = -9 OR prior_treatment_episodes BETWEEN 0 AND 5),
    CONSTRAINT outcome_measure_referral_source_check CHECK (referral_source = -9 OR referral_source BETWEEN 1 AND 7),
    CONSTRAINT outcome_measure_moud_check CHECK (moud = -9 OR moud BETWEEN 1 AND 2),
    CONSTRAINT outcome_measure_self_help_frequency_check
        CHECK (self_help_frequency = -9 OR self_help_frequency BETWEEN 1 AND 5)
);
CREATE INDEX outcome_measure_patient_idx ON carelog.outcome_measure (patient_id);

COMMENT ON TABLE carelog.outcome_measure IS
    'SAMHSA NOMs items of one episode at admission or at discharge, as TEDS codes (docs/teds.md: the code lists and the TEDS variable each fills). NULL: not recorded; -9: recorded as unknown. self_help_frequency is the value entered; at discharge carelog also computes it from attendance (self_help_meetings).';
COMMENT ON COLUMN carelog.outcome_measure.age_at_first_use IS
    'Age in years (0–96) at first use of the primary substance, or -9. The TEDS public files group it (FRSTUSE1); docs/teds.md.';
COMMENT ON COLUMN carelog.outcome_measure.self_help_frequency IS
    'Self-help attendance in the past 30 days as entered (TEDS FREQ_ATND_SELF_HELP: 1 none, 2 1-3, 3 4-7, 4 8-30, 5 some, frequency unknown, -9). At discharge the computed value (teds_self_help_code(self_help_meetings(...))) is shown beside it when they differ.';


-- -----------------------------------------------------------------------------
-- Self-help attendance, computed
-- -----------------------------------------------------------------------------

CREATE FUNCTION carelog.teds_self_help_code(meetings bigint) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN meetings IS NULL THEN NULL
                WHEN meetings <= 0 THEN 1
                WHEN meetings <= 3 THEN 2
                WHEN meetings <= 7 THEN 3
                ELSE 4 END::smallint;

COMMENT ON FUNCTION carelog.teds_self_help_code(bigint) IS
    'TEDS FREQ_ATND_SELF_HELP code of a count of meetings in 30 days: 0 → 1 (none), 1–3 → 2, 4–7 → 3, 8 or more → 4.';

CREATE FUNCTION carelog.self_help_meetings(patient_id bigint, discharged_on date) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
        SELECT count(*)
          FROM carelog.attendance AS a
          JOIN carelog.group_session AS gs ON gs.id = a.session_id
          JOIN carelog.care_group AS g ON g.id = gs.group_id
          JOIN carelog.site AS st ON st.id = g.site_id
         WHERE a.patient_id = self_help_meetings.patient_id
           AND carelog.counts_as_attended(a.status)
           AND carelog.is_mutual_help(g.modality)
           AND a.session_month BETWEEN date_trunc('month', self_help_meetings.discharged_on - 31)::date
                                   AND date_trunc('month', self_help_meetings.discharged_on + 1)::date
           AND carelog.site_local_date(gs.starts_at, st.timezone)
               BETWEEN self_help_meetings.discharged_on - 30 AND self_help_meetings.discharged_on;
    END;

COMMENT ON FUNCTION carelog.self_help_meetings(bigint, date) IS
    'Mutual-help meetings (is_mutual_help) the patient attended (present, late, left early) on the site-local days discharged_on − 30 through discharged_on: the 30 days in care before discharge, and the discharge day. Reads attendance under the caller''s row security.';


-- -----------------------------------------------------------------------------
-- Access, audit, privacy classes
-- -----------------------------------------------------------------------------

ALTER TABLE carelog.modality        ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE carelog.teds_code       ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE carelog.outcome_measure ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

CREATE POLICY read_reference ON carelog.modality
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((SELECT carelog.login_role()) IS NOT NULL);
CREATE POLICY director_write ON carelog.modality
    FOR UPDATE TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL) WITH CHECK ((SELECT carelog.login_site_id()) IS NULL);
CREATE POLICY read_reference ON carelog.teds_code
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((SELECT carelog.login_role()) IS NOT NULL);

CREATE POLICY auditor_read ON carelog.outcome_measure
    FOR SELECT TO carelog_auditor USING ((SELECT carelog.login_role()) = 'auditor');
CREATE POLICY director_all ON carelog.outcome_measure
    TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL OR patient_id IN (SELECT carelog.site_patient_ids()))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL OR patient_id IN (SELECT carelog.site_patient_ids()));
CREATE POLICY therapist_read ON carelog.outcome_measure
    FOR SELECT TO carelog_therapist USING (patient_id IN (SELECT carelog.caseload_patient_ids()));

GRANT SELECT ON carelog.modality, carelog.teds_code, carelog.outcome_measure
    TO carelog_therapist, carelog_director, carelog_auditor;
GRANT UPDATE (mutual_help) ON carelog.modality TO carelog_director;
GRANT INSERT, UPDATE, DELETE ON carelog.outcome_measure TO carelog_director;

REVOKE ALL ON FUNCTION carelog.is_mutual_help(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.teds_self_help_code(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.self_help_meetings(bigint, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.is_mutual_help(text), carelog.teds_self_help_code(bigint),
    carelog.self_help_meetings(bigint, date)
    TO carelog_therapist, carelog_director, carelog_auditor;

SELECT carelog.audit_attach('carelog.modality');
SELECT carelog.audit_attach('carelog.outcome_measure');

INSERT INTO carelog.column_class (table_name, column_name, class, pseudonymized, deidentified) VALUES
    ('modality', 'id', 'identifier', 'kept', 'dropped'),
    ('modality', 'code', 'coded', 'kept', 'kept'),
    ('modality', 'mutual_help', 'coded', 'kept', 'kept'),

    ('teds_code', 'item', 'coded', 'kept', 'kept'),
    ('teds_code', 'code', 'coded', 'kept', 'kept'),
    ('teds_code', 'label', 'coded', 'kept', 'kept'),

    ('outcome_measure', 'id', 'identifier', 'kept', 'dropped'),
    ('outcome_measure', 'episode_id', 'identifier', 'kept', 'dropped'),
    ('outcome_measure', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('outcome_measure', 'time_point', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'primary_substance', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'secondary_substance', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'tertiary_substance', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'route', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'use_frequency', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'age_at_first_use', 'quasi_identifier', 'kept', 'kept'),
    ('outcome_measure', 'employment', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'living_arrangement', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'arrests', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'prior_treatment_episodes', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'referral_source', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'moud', 'coded', 'kept', 'kept'),
    ('outcome_measure', 'self_help_frequency', 'coded', 'kept', 'kept');

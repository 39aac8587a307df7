-- =============================================================================
-- carelog — 017_column_classes.sql: every column classified once; goal domains
-- a checked vocabulary (issue 26)
-- =============================================================================
--
-- carelog.column_class holds one row per column of every table the export writes
-- or the audit trail records: its class and what each privacy mode makes of it.
-- It is the one place both readers of a privacy mode look:
--
--   * carelog.audit_values_pseudonymized (the pseudonymised audit.csv) keeps, turns
--     into a pseudonym or drops each key of a row's values by its row here; a key
--     with no row is dropped (a column added later leaks nothing by default);
--   * the export's statements read carelog.column_kept (blocks/x.sql): a text
--     column copied as stored is written only when its treatment in the export's
--     mode is `kept`.
--
-- A test fails when a column of an exported or audited table has no row here.
--
--   class          identifier        names a person or record directly (MRN, names,
--                                     staff and group codes, logins, surrogate ids)
--                  quasi_identifier  identifies in combination (dates, instants,
--                                     sites, ages, gender)
--                  coded             a value of a fixed vocabulary, a number or a flag
--                  free_text         anything staff type (notes, descriptions, group
--                                     names, credentials, recipients, purposes)
--   pseudonymized  kept | dropped | patient (P- pseudonym, key renamed `pseudonym`)
--                  | plan (PL-) | goal (G-) | staff (ST-) | group (GR-) | login (U-)
--   deidentified   kept | dropped | random (an id random to the run) | year | age
--
-- Surrogate ids (id, patient_id, …) are database-internal numbers: kept in the
-- pseudonymised audit values (they link a row to its patient's pseudonym within
-- the file), never written by the de-identified export.
--
-- Goal domains: plan_goal.domain was any text, and went verbatim into the
-- pseudonymised and de-identified goals.csv and audit values. It is now one of a
-- list (plan_goal_domain_check); a stored value outside it becomes `other` and its
-- text moves to the front of the goal's description (free text, dropped by both
-- modes), so nothing a clinician wrote is lost.
-- =============================================================================

CREATE TABLE carelog.column_class (
    table_name     text NOT NULL,
    column_name    text NOT NULL,
    class          text NOT NULL,
    pseudonymized  text NOT NULL,
    deidentified   text NOT NULL,
    CONSTRAINT column_class_pkey PRIMARY KEY (table_name, column_name),
    CONSTRAINT column_class_class_check
        CHECK (class IN ('identifier', 'quasi_identifier', 'coded', 'free_text')),
    CONSTRAINT column_class_pseudonymized_check
        CHECK (pseudonymized IN ('kept', 'dropped', 'patient', 'plan', 'goal', 'staff', 'group', 'login')),
    CONSTRAINT column_class_deidentified_check
        CHECK (deidentified IN ('kept', 'dropped', 'random', 'year', 'age')),
    -- Free text is never written by a privacy mode.
    CONSTRAINT column_class_free_text_dropped
        CHECK (class <> 'free_text' OR (pseudonymized = 'dropped' AND deidentified = 'dropped'))
);

COMMENT ON TABLE carelog.column_class IS
    'Every exported or audited column: identifier, quasi_identifier, coded or free_text, and its treatment under --pseudonymize and --deidentify (docs/privacy.md).';

INSERT INTO carelog.column_class (table_name, column_name, class, pseudonymized, deidentified) VALUES
    ('site', 'id', 'identifier', 'kept', 'dropped'),
    ('site', 'site_code', 'quasi_identifier', 'kept', 'kept'),
    ('site', 'name', 'quasi_identifier', 'kept', 'kept'),
    ('site', 'timezone', 'quasi_identifier', 'kept', 'kept'),

    ('staff', 'id', 'identifier', 'kept', 'dropped'),
    ('staff', 'staff_id', 'identifier', 'staff', 'random'),
    ('staff', 'first_name', 'identifier', 'dropped', 'dropped'),
    ('staff', 'last_name', 'identifier', 'dropped', 'dropped'),
    ('staff', 'role', 'coded', 'kept', 'kept'),
    ('staff', 'credentials', 'free_text', 'dropped', 'dropped'),
    ('staff', 'site_id', 'identifier', 'kept', 'dropped'),
    ('staff', 'active', 'coded', 'kept', 'kept'),

    ('patient', 'id', 'identifier', 'kept', 'dropped'),
    ('patient', 'mrn', 'identifier', 'patient', 'random'),
    ('patient', 'first_name', 'identifier', 'dropped', 'dropped'),
    ('patient', 'last_name', 'identifier', 'dropped', 'dropped'),
    ('patient', 'date_of_birth', 'identifier', 'dropped', 'age'),
    ('patient', 'gender', 'quasi_identifier', 'kept', 'kept'),
    ('patient', 'site_id', 'identifier', 'kept', 'dropped'),

    ('episode', 'id', 'identifier', 'kept', 'dropped'),
    ('episode', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('episode', 'admitted_on', 'quasi_identifier', 'kept', 'year'),
    ('episode', 'level_of_care', 'coded', 'kept', 'kept'),
    ('episode', 'discharged_on', 'quasi_identifier', 'kept', 'year'),
    ('episode', 'discharge_reason', 'coded', 'kept', 'kept'),

    ('therapist_assignment', 'id', 'identifier', 'kept', 'dropped'),
    ('therapist_assignment', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('therapist_assignment', 'therapist_id', 'identifier', 'kept', 'dropped'),
    ('therapist_assignment', 'role', 'coded', 'kept', 'kept'),
    ('therapist_assignment', 'starts_on', 'quasi_identifier', 'kept', 'year'),
    ('therapist_assignment', 'ends_on', 'quasi_identifier', 'kept', 'year'),

    ('treatment_plan', 'id', 'identifier', 'kept', 'dropped'),
    ('treatment_plan', 'plan_code', 'identifier', 'plan', 'random'),
    ('treatment_plan', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('treatment_plan', 'created_on', 'quasi_identifier', 'kept', 'year'),
    ('treatment_plan', 'author_id', 'identifier', 'kept', 'dropped'),
    ('treatment_plan', 'review_interval_days', 'coded', 'kept', 'kept'),
    ('treatment_plan', 'closed_on', 'quasi_identifier', 'kept', 'year'),

    ('plan_requirement', 'id', 'identifier', 'kept', 'dropped'),
    ('plan_requirement', 'plan_id', 'identifier', 'kept', 'dropped'),
    ('plan_requirement', 'modality', 'coded', 'kept', 'kept'),
    ('plan_requirement', 'sessions_per_week', 'coded', 'kept', 'kept'),

    ('plan_goal', 'id', 'identifier', 'kept', 'dropped'),
    ('plan_goal', 'plan_id', 'identifier', 'kept', 'dropped'),
    ('plan_goal', 'goal_code', 'identifier', 'goal', 'random'),
    ('plan_goal', 'domain', 'coded', 'kept', 'kept'),
    ('plan_goal', 'description', 'free_text', 'dropped', 'dropped'),
    ('plan_goal', 'target_date', 'quasi_identifier', 'kept', 'year'),
    ('plan_goal', 'status', 'coded', 'kept', 'kept'),
    ('plan_goal', 'status_on', 'quasi_identifier', 'kept', 'year'),

    ('plan_review', 'id', 'identifier', 'kept', 'dropped'),
    ('plan_review', 'plan_id', 'identifier', 'kept', 'dropped'),
    ('plan_review', 'reviewed_on', 'quasi_identifier', 'kept', 'year'),
    ('plan_review', 'reviewer_id', 'identifier', 'kept', 'dropped'),
    ('plan_review', 'note', 'free_text', 'dropped', 'dropped'),

    ('care_group', 'id', 'identifier', 'kept', 'dropped'),
    ('care_group', 'group_code', 'identifier', 'group', 'random'),
    ('care_group', 'name', 'free_text', 'dropped', 'dropped'),
    ('care_group', 'modality', 'coded', 'kept', 'kept'),
    ('care_group', 'gender_focus', 'coded', 'kept', 'kept'),
    ('care_group', 'kind', 'coded', 'kept', 'kept'),
    ('care_group', 'site_id', 'identifier', 'kept', 'dropped'),
    ('care_group', 'capacity', 'coded', 'kept', 'kept'),
    ('care_group', 'facilitator_id', 'identifier', 'kept', 'dropped'),

    ('group_enrollment', 'id', 'identifier', 'kept', 'dropped'),
    ('group_enrollment', 'group_id', 'identifier', 'kept', 'dropped'),
    ('group_enrollment', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('group_enrollment', 'starts_on', 'quasi_identifier', 'kept', 'year'),
    ('group_enrollment', 'ends_on', 'quasi_identifier', 'kept', 'year'),

    ('group_session', 'id', 'identifier', 'kept', 'dropped'),
    ('group_session', 'group_id', 'identifier', 'kept', 'dropped'),
    ('group_session', 'starts_at', 'quasi_identifier', 'kept', 'year'),
    ('group_session', 'duration_minutes', 'coded', 'kept', 'dropped'),
    ('group_session', 'facilitator_id', 'identifier', 'kept', 'dropped'),
    ('group_session', 'status', 'coded', 'kept', 'kept'),

    ('attendance', 'id', 'identifier', 'kept', 'dropped'),
    ('attendance', 'session_id', 'identifier', 'kept', 'dropped'),
    ('attendance', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('attendance', 'status', 'coded', 'kept', 'kept'),
    ('attendance', 'minutes_attended', 'coded', 'kept', 'kept'),
    ('attendance', 'recorded_by_id', 'identifier', 'kept', 'dropped'),
    ('attendance', 'recorded_at', 'quasi_identifier', 'kept', 'year'),
    ('attendance', 'session_month', 'quasi_identifier', 'kept', 'dropped'),

    ('assessment', 'id', 'identifier', 'kept', 'dropped'),
    ('assessment', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('assessment', 'instrument', 'coded', 'kept', 'kept'),
    ('assessment', 'administered_on', 'quasi_identifier', 'kept', 'year'),
    ('assessment', 'score', 'coded', 'kept', 'kept'),

    ('drug_screen', 'id', 'identifier', 'kept', 'dropped'),
    ('drug_screen', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('drug_screen', 'collected_on', 'quasi_identifier', 'kept', 'year'),
    ('drug_screen', 'result', 'coded', 'kept', 'kept'),
    ('drug_screen', 'substances', 'free_text', 'dropped', 'dropped'),

    ('consent', 'id', 'identifier', 'kept', 'dropped'),
    ('consent', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('consent', 'recipient', 'free_text', 'dropped', 'dropped'),
    ('consent', 'purpose', 'free_text', 'dropped', 'dropped'),
    ('consent', 'signed_on', 'quasi_identifier', 'kept', 'dropped'),
    ('consent', 'expires_on', 'quasi_identifier', 'kept', 'dropped'),
    ('consent', 'revoked_on', 'quasi_identifier', 'kept', 'dropped'),

    ('app_user', 'id', 'identifier', 'kept', 'dropped'),
    ('app_user', 'login', 'identifier', 'login', 'dropped'),
    ('app_user', 'staff_member_id', 'identifier', 'kept', 'dropped'),
    ('app_user', 'role', 'coded', 'kept', 'dropped'),
    ('app_user', 'site_id', 'identifier', 'kept', 'dropped'),
    ('app_user', 'active', 'coded', 'kept', 'dropped'),
    ('app_user', 'created_at', 'quasi_identifier', 'kept', 'dropped'),
    ('app_user', 'created_by', 'identifier', 'login', 'dropped'),
    ('app_user', 'disabled_at', 'quasi_identifier', 'kept', 'dropped'),
    ('app_user', 'disabled_by', 'identifier', 'login', 'dropped'),

    ('disclosure', 'id', 'identifier', 'kept', 'dropped'),
    ('disclosure', 'disclosed_at', 'quasi_identifier', 'kept', 'dropped'),
    ('disclosure', 'db_user', 'identifier', 'login', 'dropped'),
    ('disclosure', 'acting_staff_id', 'identifier', 'kept', 'dropped'),
    ('disclosure', 'command', 'coded', 'kept', 'dropped'),
    ('disclosure', 'recipient', 'free_text', 'dropped', 'dropped'),
    ('disclosure', 'purpose', 'free_text', 'dropped', 'dropped'),
    ('disclosure', 'basis', 'coded', 'kept', 'dropped'),
    ('disclosure', 'privacy', 'coded', 'kept', 'dropped'),
    ('disclosure', 'period_from', 'quasi_identifier', 'kept', 'dropped'),
    ('disclosure', 'period_to', 'quasi_identifier', 'kept', 'dropped'),
    ('disclosure', 'site_code', 'quasi_identifier', 'kept', 'dropped'),
    ('disclosure', 'patients_excluded', 'coded', 'kept', 'dropped'),
    ('disclosure', 'manifest_sha256', 'coded', 'kept', 'dropped'),
    ('disclosure', 'files', 'coded', 'kept', 'dropped'),

    ('disclosure_patient', 'id', 'identifier', 'kept', 'dropped'),
    ('disclosure_patient', 'disclosure_id', 'identifier', 'kept', 'dropped'),
    ('disclosure_patient', 'patient_id', 'identifier', 'kept', 'dropped'),

    -- sql/016: corrections, voids, closed months, co-facilitators, the audited run log
    ('attendance', 'corrected_by_id', 'identifier', 'kept', 'dropped'),
    ('attendance', 'corrected_at', 'quasi_identifier', 'kept', 'year'),
    ('attendance', 'correction_reason', 'free_text', 'dropped', 'dropped'),
    ('disclosure', 'recorded_in', 'coded', 'kept', 'dropped'),

    ('group_cofacilitator', 'id', 'identifier', 'kept', 'dropped'),
    ('group_cofacilitator', 'group_id', 'identifier', 'kept', 'dropped'),
    ('group_cofacilitator', 'staff_member_id', 'identifier', 'kept', 'dropped'),

    ('closed_period', 'id', 'identifier', 'kept', 'dropped'),
    ('closed_period', 'site_id', 'identifier', 'kept', 'dropped'),
    ('closed_period', 'month', 'quasi_identifier', 'kept', 'year'),
    ('closed_period', 'closed_at', 'quasi_identifier', 'kept', 'year'),
    ('closed_period', 'db_user', 'identifier', 'login', 'dropped'),
    ('closed_period', 'closed_by_id', 'identifier', 'kept', 'dropped'),

    ('attendance_void', 'id', 'identifier', 'kept', 'dropped'),
    ('attendance_void', 'attendance_id', 'identifier', 'kept', 'dropped'),
    ('attendance_void', 'session_id', 'identifier', 'kept', 'dropped'),
    ('attendance_void', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('attendance_void', 'status', 'coded', 'kept', 'kept'),
    ('attendance_void', 'minutes_attended', 'coded', 'kept', 'kept'),
    ('attendance_void', 'recorded_by_id', 'identifier', 'kept', 'dropped'),
    ('attendance_void', 'recorded_at', 'quasi_identifier', 'kept', 'year'),
    ('attendance_void', 'session_month', 'quasi_identifier', 'kept', 'dropped'),
    ('attendance_void', 'voided_at', 'quasi_identifier', 'kept', 'year'),
    ('attendance_void', 'db_user', 'identifier', 'login', 'dropped'),
    ('attendance_void', 'voided_by_id', 'identifier', 'kept', 'dropped'),
    ('attendance_void', 'reason', 'free_text', 'dropped', 'dropped'),

    ('run_log', 'id', 'identifier', 'kept', 'dropped'),
    ('run_log', 'ran_at', 'quasi_identifier', 'kept', 'dropped'),
    ('run_log', 'db_user', 'identifier', 'login', 'dropped'),
    ('run_log', 'os_user', 'identifier', 'dropped', 'dropped'),
    ('run_log', 'command', 'coded', 'kept', 'dropped'),
    ('run_log', 'parameters', 'free_text', 'dropped', 'dropped'),
    ('run_log', 'row_counts', 'coded', 'kept', 'dropped'),
    ('run_log', 'snapshot_time', 'quasi_identifier', 'kept', 'dropped');

-- Nobody writes the classification but a migration; everyone who exports reads it.
-- Like every table, under forced row-level security: every runtime role reads all of it.
REVOKE ALL ON carelog.column_class FROM PUBLIC;
GRANT SELECT ON carelog.column_class TO carelog_therapist, carelog_director, carelog_auditor;
ALTER TABLE carelog.column_class ENABLE ROW LEVEL SECURITY;
ALTER TABLE carelog.column_class FORCE ROW LEVEL SECURITY;
CREATE POLICY column_class_read ON carelog.column_class
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING (true);

-- The columns an export in mode p_mode ('clear', 'pseudonymised', 'deidentified')
-- writes as stored, as 'table.column': the export's x block reads it once per
-- statement. In the clear, every classified column.
CREATE FUNCTION carelog.column_kept(p_mode text)
RETURNS text[]
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(array_agg(c.table_name || '.' || c.column_name ORDER BY 1), '{}')
      FROM carelog.column_class AS c
     WHERE p_mode = 'clear'
        OR (p_mode = 'pseudonymised' AND c.pseudonymized = 'kept')
        OR (p_mode = 'deidentified' AND c.deidentified = 'kept')
$$;

COMMENT ON FUNCTION carelog.column_kept(text) IS
    'The columns (table.column) an export in this mode writes as stored, from carelog.column_class.';

-- Old or new values of an audit event as --pseudonymize writes them, key by key from
-- carelog.column_class: kept, dropped (free text, names, dates of birth, and any key
-- without a class), or replaced by its keyed pseudonym (the pads of the pseudonym
-- key, RFC 2104, as in the export's blocks). A patient's MRN is given as `pseudonym`
-- (as before this migration), the other codes under their own key.
CREATE OR REPLACE FUNCTION carelog.audit_values_pseudonymized(p_table text, p_values jsonb, p_ipad bytea, p_opad bytea)
RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT CASE WHEN p_values IS NULL THEN NULL ELSE
        (SELECT coalesce(jsonb_object_agg(
                    CASE WHEN c.pseudonymized = 'patient' THEN 'pseudonym' ELSE v.key END,
                    CASE WHEN c.pseudonymized = 'kept' OR jsonb_typeof(v.value) = 'null' THEN v.value
                         ELSE to_jsonb(
                            CASE c.pseudonymized WHEN 'patient' THEN 'P-' WHEN 'plan' THEN 'PL-' WHEN 'goal' THEN 'G-'
                                                 WHEN 'staff' THEN 'ST-' WHEN 'group' THEN 'GR-' ELSE 'U-' END
                            || encode(substring(sha256(p_opad || sha256(p_ipad || convert_to(
                                   CASE c.pseudonymized
                                       WHEN 'patient' THEN v.value #>> '{}'
                                       WHEN 'goal' THEN 'goal:' || (p_values ->> 'plan_id') || ':' || (v.value #>> '{}')
                                       ELSE c.pseudonymized || ':' || (v.value #>> '{}')
                                   END, 'UTF8'))) FROM 1 FOR 8), 'hex'))
                    END ORDER BY v.key), '{}'::jsonb)
           FROM jsonb_each(p_values) AS v(key, value)
           JOIN carelog.column_class AS c ON c.table_name = p_table AND c.column_name = v.key
          WHERE c.pseudonymized <> 'dropped')
    END
$$;

COMMENT ON FUNCTION carelog.audit_values_pseudonymized(text, jsonb, bytea, bytea) IS
    'Audit old/new values under --pseudonymize, key by key from carelog.column_class: no identifier, date of birth or free text; codes as keyed pseudonyms; unclassified keys dropped.';

-- Goal domains -----------------------------------------------------------------

UPDATE carelog.plan_goal
   SET description = 'domain: ' || domain || coalesce(' — ' || description, ''),
       domain = 'other'
 WHERE domain NOT IN ('substance_use', 'withdrawal', 'medical', 'mental_health', 'readiness', 'relapse',
                      'recovery', 'recovery_support', 'housing', 'employment', 'education', 'legal',
                      'family', 'social', 'financial', 'other');

ALTER TABLE carelog.plan_goal
    ADD CONSTRAINT plan_goal_domain_check
        CHECK (domain IN ('substance_use', 'withdrawal', 'medical', 'mental_health', 'readiness', 'relapse',
                          'recovery', 'recovery_support', 'housing', 'employment', 'education', 'legal',
                          'family', 'social', 'financial', 'other'));

COMMENT ON COLUMN carelog.plan_goal.domain IS
    'The goal''s life area, one of a fixed list (coded, not free text: written by every privacy mode). Free text goes in description.';

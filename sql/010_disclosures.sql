-- =============================================================================
-- carelog — 010_disclosures.sql: consents, disclosures, audit events by scope
-- =============================================================================
--
-- 42 CFR Part 2 (SPEC §5): a bundle that leaves the program is a disclosure, and a
-- patient may ask for the accounting of the disclosures of their records.
--
--   consent             a patient's written consent to disclose to a recipient
--                       (§2.31); imported (`carelog import consents`), natural key
--                       mrn + recipient + signed_on. Active on day d when
--                       signed_on <= d, and d < expires_on and d < revoked_on where
--                       set: expiry and revocation end it ON that day, like
--                       discharged_on and closed_on.
--   disclosure          one row per disclosing run: when, the login (session_user),
--                       the acting staff member (--by), recipient, purpose, legal
--                       basis, privacy mode, the manifest's SHA-256 and every file
--                       with its SHA-256 and rows. Append-only.
--   disclosure_patient  the patients whose records the disclosure held. Append-only.
--
-- All three hold patient data (patient ids; consent recipients and purposes are
-- free text). They are audited like every other table.
--
-- Two functions place an audit event (table, row values) in a patient and a site,
-- so that an export with --site, or by consent, writes only the events of the
-- records it may disclose.
-- =============================================================================

CREATE TABLE carelog.consent (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id   bigint NOT NULL,
    recipient    text NOT NULL,
    purpose      text NOT NULL,
    signed_on    date NOT NULL,
    expires_on   date,
    revoked_on   date,
    CONSTRAINT consent_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT consent_key UNIQUE (patient_id, recipient, signed_on),
    CONSTRAINT consent_recipient_check CHECK (recipient <> '' AND recipient = btrim(recipient)),
    CONSTRAINT consent_purpose_check CHECK (purpose <> ''),
    CONSTRAINT consent_expires_check CHECK (expires_on IS NULL OR expires_on > signed_on),
    CONSTRAINT consent_revoked_check CHECK (revoked_on IS NULL OR revoked_on >= signed_on)
);

COMMENT ON TABLE carelog.consent IS
    '42 CFR 2.31 consents: a patient allows disclosure to a recipient. Active on d when signed_on <= d and d is before expires_on and revoked_on (each ends it on that day).';

CREATE INDEX consent_recipient_idx ON carelog.consent (recipient, patient_id);

CREATE TABLE carelog.disclosure (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    disclosed_at     timestamptz NOT NULL DEFAULT now(),
    -- the login that made the disclosure; never a setting a client can change
    db_user          text NOT NULL DEFAULT session_user,
    acting_staff_id  bigint,
    command          text NOT NULL,
    recipient        text NOT NULL,
    purpose          text NOT NULL,
    basis            text NOT NULL,
    privacy          text NOT NULL,
    period_from      date,
    period_to        date,
    site_code        text,
    -- patients the period's records refer to that were left out for want of an
    -- active consent (basis consent)
    patients_excluded integer NOT NULL DEFAULT 0,
    manifest_sha256  text NOT NULL,
    -- [{"name": …, "sha256": …, "rows": …}, …]
    files            jsonb NOT NULL,
    CONSTRAINT disclosure_staff_fkey FOREIGN KEY (acting_staff_id) REFERENCES carelog.staff (id),
    CONSTRAINT disclosure_recipient_check CHECK (recipient <> ''),
    CONSTRAINT disclosure_purpose_check CHECK (purpose <> ''),
    CONSTRAINT disclosure_basis_check CHECK (basis IN ('audit', 'consent', 'research', 'court-order', 'emergency')),
    CONSTRAINT disclosure_privacy_check CHECK (privacy IN ('clear', 'pseudonymized', 'deidentified'))
);

COMMENT ON TABLE carelog.disclosure IS
    'One row per bundle that left the program (42 CFR Part 2): when, login, acting staff, recipient, purpose, basis, files and hashes. Append-only.';

CREATE TABLE carelog.disclosure_patient (
    disclosure_id  bigint NOT NULL,
    patient_id     bigint NOT NULL,
    -- audited tables are identified by a bigint id
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    CONSTRAINT disclosure_patient_disclosure_fkey FOREIGN KEY (disclosure_id) REFERENCES carelog.disclosure (id),
    CONSTRAINT disclosure_patient_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT disclosure_patient_key UNIQUE (disclosure_id, patient_id)
);

COMMENT ON TABLE carelog.disclosure_patient IS
    'The patients whose records a disclosure held: the accounting of disclosures (carelog disclosures --mrn). Append-only.';

CREATE INDEX disclosure_patient_patient_idx ON carelog.disclosure_patient (patient_id, disclosure_id);

CREATE FUNCTION carelog.disclosure_refuse_change()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION 'disclosures are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'A disclosure is recorded once and never changed.';
END;
$$;

CREATE TRIGGER disclosure_append_only_row
    BEFORE UPDATE OR DELETE ON carelog.disclosure
    FOR EACH ROW EXECUTE FUNCTION carelog.disclosure_refuse_change();
CREATE TRIGGER disclosure_append_only_statement
    BEFORE TRUNCATE ON carelog.disclosure
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.disclosure_refuse_change();
CREATE TRIGGER disclosure_patient_append_only_row
    BEFORE UPDATE OR DELETE ON carelog.disclosure_patient
    FOR EACH ROW EXECUTE FUNCTION carelog.disclosure_refuse_change();
CREATE TRIGGER disclosure_patient_append_only_statement
    BEFORE TRUNCATE ON carelog.disclosure_patient
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.disclosure_refuse_change();

SELECT carelog.audit_attach('carelog.consent');
SELECT carelog.audit_attach('carelog.disclosure');
SELECT carelog.audit_attach('carelog.disclosure_patient');

-- The patient an audit event is about (by its row values, new before old), or NULL
-- for a row about no patient (a site, a staff member, a group, a session).
CREATE FUNCTION carelog.audit_event_patient(p_table text, p_record bigint, p_values jsonb)
RETURNS bigint
LANGUAGE sql STABLE
AS $$
    SELECT CASE
        WHEN p_table = 'patient' THEN p_record
        WHEN p_table IN ('plan_requirement', 'plan_goal', 'plan_review')
            THEN (SELECT tp.patient_id FROM carelog.treatment_plan AS tp WHERE tp.id = (p_values ->> 'plan_id')::bigint)
        WHEN p_values ? 'patient_id' THEN (p_values ->> 'patient_id')::bigint
    END
$$;

COMMENT ON FUNCTION carelog.audit_event_patient(text, bigint, jsonb) IS
    'The patient id an audit event (table, record id, row values) is about, or NULL.';

-- The site an audit event belongs to, as the export's --site sees its rows: a
-- group's rows (sessions, enrollments, attendance) by the group's site, a patient's
-- rows by the patient's, staff and groups by their own; NULL for rows of no site
-- (the run log, disclosures) or whose parent no longer exists.
CREATE FUNCTION carelog.audit_event_site(p_table text, p_record bigint, p_values jsonb)
RETURNS bigint
LANGUAGE sql STABLE
AS $$
    SELECT CASE
        WHEN p_table = 'site' THEN p_record
        WHEN p_table IN ('staff', 'care_group', 'patient') THEN (p_values ->> 'site_id')::bigint
        WHEN p_table IN ('group_session', 'group_enrollment')
            THEN (SELECT g.site_id FROM carelog.care_group AS g WHERE g.id = (p_values ->> 'group_id')::bigint)
        WHEN p_table = 'attendance'
            THEN (SELECT g.site_id
                    FROM carelog.group_session AS gs
                    JOIN carelog.care_group AS g ON g.id = gs.group_id
                   WHERE gs.id = (p_values ->> 'session_id')::bigint)
        WHEN p_table IN ('disclosure', 'disclosure_patient', 'run_log') THEN NULL
        ELSE (SELECT p.site_id FROM carelog.patient AS p
               WHERE p.id = carelog.audit_event_patient(p_table, p_record, p_values))
    END
$$;

COMMENT ON FUNCTION carelog.audit_event_site(text, bigint, jsonb) IS
    'The site id an audit event belongs to for an export with --site, or NULL.';

-- Old or new values of an audit event as --pseudonymize writes them: a patient row
-- loses its MRN, names and date of birth and gains its pseudonym; a plan code and a
-- goal code become pseudonyms; free text (review notes, goal descriptions, screen
-- substances, consent and disclosure purposes and recipients) is dropped. The pads
-- are those of the pseudonym key (RFC 2104), as in the export's patient block.
CREATE FUNCTION carelog.audit_values_pseudonymized(p_table text, p_values jsonb, p_ipad bytea, p_opad bytea)
RETURNS jsonb
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE WHEN p_values IS NULL THEN NULL ELSE
        (p_values - ARRAY['note', 'description', 'substances', 'purpose', 'recipient']
                  - CASE WHEN p_table = 'patient' THEN ARRAY['mrn', 'first_name', 'last_name', 'date_of_birth']
                         ELSE ARRAY[]::text[] END)
        || CASE WHEN p_table = 'patient' AND p_values ? 'mrn'
                THEN jsonb_build_object('pseudonym', 'P-' || encode(substring(sha256(p_opad || sha256(p_ipad
                         || convert_to(p_values ->> 'mrn', 'UTF8'))) FROM 1 FOR 8), 'hex'))
                ELSE '{}'::jsonb END
        || CASE WHEN p_values ? 'plan_code'
                THEN jsonb_build_object('plan_code', 'PL-' || encode(substring(sha256(p_opad || sha256(p_ipad
                         || convert_to('plan:' || (p_values ->> 'plan_code'), 'UTF8'))) FROM 1 FOR 8), 'hex'))
                ELSE '{}'::jsonb END
        || CASE WHEN p_values ? 'goal_code'
                THEN jsonb_build_object('goal_code', 'G-' || encode(substring(sha256(p_opad || sha256(p_ipad
                         || convert_to('goal:' || (p_values ->> 'plan_id') || ':' || (p_values ->> 'goal_code'), 'UTF8'))) FROM 1 FOR 8), 'hex'))
                ELSE '{}'::jsonb END
    END
$$;

COMMENT ON FUNCTION carelog.audit_values_pseudonymized(text, jsonb, bytea, bytea) IS
    'Audit old/new values under --pseudonymize: no MRN, name, date of birth or free text; plan and goal codes pseudonymised.';

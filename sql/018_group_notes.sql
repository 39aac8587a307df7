-- =============================================================================
-- carelog — 018_group_notes.sql: the clinical note of every group session
-- (issue 23, SPEC §9; docs/notes.md)
-- =============================================================================
--
--   credential        reference list: which credentials sign a note alone
--                     (staff.credentials is read as a comma-separated list of them)
--   service_code      reference list: HCPCS/CPT codes and the minutes one unit needs
--   session_note      one per session: topic, interventions, minutes, service code;
--                     draft until signed; signed by / at, co-signed by / at
--   participant_note  one per patient who attended: participation, response,
--                     progress, and the patient's plan goals it addresses
--   note_addendum     text added after signing (to the note, or to one patient's
--                     section); append-only
--
-- Rules for every writer, psql and the owner included (ENABLE ALWAYS triggers):
--
--   * A signed note and its participant notes are final: UPDATE and DELETE are
--     refused with a message that says to add an addendum. The only change to a
--     signed note is its co-signature.
--   * Who wrote, signed and co-signed, and when, are set by the server from the
--     acting staff member (the audit trail's), never by the client.
--   * A note signed by a staff member none of whose credentials signs alone is
--     awaiting co-signature until a director or a staff member who signs alone
--     (not the signer) co-signs it.
--   * A participant note is for a patient who attended (present, late, left early);
--     its goals are that patient's own, of a plan active on the session's day, and
--     open on that day.
--
-- Access: the session's facilitators (and co-facilitators) write; a director of
-- the session's site writes and reads; auditors read; the patient's primary
-- therapist reads the session note and that patient's section only.
-- =============================================================================


-- -----------------------------------------------------------------------------
-- Reference lists
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.credential (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL,
    title        text NOT NULL,
    signs_alone  boolean NOT NULL,
    CONSTRAINT credential_code_key   UNIQUE (code),
    CONSTRAINT credential_code_check CHECK (code <> '' AND code = upper(btrim(code)))
);

COMMENT ON TABLE carelog.credential IS
    'Professional credentials and whether a note signed under one needs a co-signature (signs_alone false: interns, technicians, counselors in training). A staff member''s staff.credentials is read as a comma-separated list of these codes.';

CREATE TABLE carelog.service_code (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code              text NOT NULL,
    title             text NOT NULL,
    minutes_per_unit  integer NOT NULL,
    CONSTRAINT service_code_code_key   UNIQUE (code),
    CONSTRAINT service_code_code_check CHECK (code <> '' AND code = upper(btrim(code))),
    CONSTRAINT service_code_minutes_per_unit_check CHECK (minutes_per_unit > 0)
);

COMMENT ON TABLE carelog.service_code IS
    'HCPCS/CPT codes a group session is billed under, and the minutes one unit needs: a session of fewer minutes bills nothing.';

-- Starting values, to be checked against the program's payers (directors change them).
INSERT INTO carelog.credential (code, title, signs_alone) VALUES
    ('LCSW', 'Licensed Clinical Social Worker', true),
    ('LPC', 'Licensed Professional Counselor', true),
    ('LPCC', 'Licensed Professional Clinical Counselor', true),
    ('LMHC', 'Licensed Mental Health Counselor', true),
    ('LMFT', 'Licensed Marriage and Family Therapist', true),
    ('LADC', 'Licensed Alcohol and Drug Counselor', true),
    ('LCADC', 'Licensed Clinical Alcohol and Drug Counselor', true),
    ('CADC-II', 'Certified Alcohol and Drug Counselor II', true),
    ('PSYD', 'Doctor of Psychology', true),
    ('PHD', 'Doctor of Philosophy (licensed psychologist)', true),
    ('MD', 'Physician', true),
    ('LMSW', 'Licensed Master Social Worker', false),
    ('LPC-A', 'Licensed Professional Counselor Associate', false),
    ('CADC', 'Certified Alcohol and Drug Counselor', false),
    ('CADC-I', 'Certified Alcohol and Drug Counselor I', false),
    ('NCAC I', 'National Certified Addiction Counselor I', false),
    ('INTERN', 'Clinical intern', false),
    ('TECH', 'Behavioral health technician', false);

INSERT INTO carelog.service_code (code, title, minutes_per_unit) VALUES
    ('H0005', 'Alcohol and/or drug services; group counseling by a clinician', 45),
    ('90853', 'Group psychotherapy (other than of a multiple-family group)', 45),
    ('H2035', 'Alcohol and/or other drug treatment program, per hour', 60);


-- -----------------------------------------------------------------------------
-- Notes
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.session_note (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id         bigint NOT NULL,
    topic              text,
    interventions      text,
    minutes            integer,
    service_code_id    bigint,
    status             text NOT NULL DEFAULT 'draft',
    author_id          bigint NOT NULL,
    written_at         timestamptz NOT NULL DEFAULT now(),
    db_user            text NOT NULL DEFAULT session_user,
    signed_by_id       bigint,
    signed_at          timestamptz,
    signer_credential  text,
    cosign_required    boolean NOT NULL DEFAULT false,
    cosigned_by_id     bigint,
    cosigned_at        timestamptz,
    CONSTRAINT session_note_session_key       UNIQUE (session_id),
    CONSTRAINT session_note_session_fkey      FOREIGN KEY (session_id) REFERENCES carelog.group_session (id),
    CONSTRAINT session_note_service_code_fkey FOREIGN KEY (service_code_id) REFERENCES carelog.service_code (id),
    CONSTRAINT session_note_author_fkey       FOREIGN KEY (author_id) REFERENCES carelog.staff (id),
    CONSTRAINT session_note_signed_by_fkey    FOREIGN KEY (signed_by_id) REFERENCES carelog.staff (id),
    CONSTRAINT session_note_cosigned_by_fkey  FOREIGN KEY (cosigned_by_id) REFERENCES carelog.staff (id),
    CONSTRAINT session_note_status_check      CHECK (status IN ('draft', 'signed')),
    CONSTRAINT session_note_minutes_check     CHECK (minutes > 0),
    CONSTRAINT session_note_signature_check
        CHECK ((status = 'signed') = (signed_by_id IS NOT NULL AND signed_at IS NOT NULL)),
    CONSTRAINT session_note_cosignature_check
        CHECK ((cosigned_by_id IS NULL) = (cosigned_at IS NULL) AND (cosigned_by_id IS NULL OR cosign_required)),
    -- A note is signed complete: topic, interventions, minutes and service code.
    CONSTRAINT session_note_signed_complete
        CHECK (status = 'draft' OR (btrim(topic) <> '' AND btrim(interventions) <> ''
                                    AND minutes IS NOT NULL AND service_code_id IS NOT NULL))
);
CREATE INDEX session_note_service_code_idx ON carelog.session_note (service_code_id);
CREATE INDEX session_note_author_idx       ON carelog.session_note (author_id);
CREATE INDEX session_note_signed_by_idx    ON carelog.session_note (signed_by_id);
CREATE INDEX session_note_cosigned_by_idx  ON carelog.session_note (cosigned_by_id);

COMMENT ON TABLE carelog.session_note IS
    'The progress note of one group session: draft until signed, then final (only a co-signature and addenda follow). Awaiting co-signature: signed, cosign_required and not co-signed.';
COMMENT ON COLUMN carelog.session_note.cosign_required IS
    'Set when signed: none of the signer''s credentials signs alone (carelog.credential).';

CREATE TABLE carelog.participant_note (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_note_id  bigint NOT NULL,
    patient_id       bigint NOT NULL,
    participation    text,
    response         text,
    progress         text,
    goal_ids         bigint[] NOT NULL DEFAULT '{}',
    written_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT participant_note_key          UNIQUE (session_note_id, patient_id),
    CONSTRAINT participant_note_note_fkey    FOREIGN KEY (session_note_id) REFERENCES carelog.session_note (id),
    CONSTRAINT participant_note_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id)
);
CREATE INDEX participant_note_patient_idx ON carelog.participant_note (patient_id);

COMMENT ON TABLE carelog.participant_note IS
    'One patient''s section of a session note: for a patient who attended; goal_ids are plan_goal ids of the patient''s plan active on the session''s day, open that day. Read by the session''s facilitators, the patient''s primary therapist, directors and auditors.';

CREATE TABLE carelog.note_addendum (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_note_id  bigint NOT NULL,
    patient_id       bigint,
    body             text NOT NULL,
    author_id        bigint NOT NULL,
    added_at         timestamptz NOT NULL DEFAULT now(),
    db_user          text NOT NULL DEFAULT session_user,
    CONSTRAINT note_addendum_note_fkey    FOREIGN KEY (session_note_id) REFERENCES carelog.session_note (id),
    CONSTRAINT note_addendum_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT note_addendum_author_fkey  FOREIGN KEY (author_id) REFERENCES carelog.staff (id),
    CONSTRAINT note_addendum_body_check   CHECK (btrim(body) <> '')
);
CREATE INDEX note_addendum_note_idx    ON carelog.note_addendum (session_note_id);
CREATE INDEX note_addendum_patient_idx ON carelog.note_addendum (patient_id);
CREATE INDEX note_addendum_author_idx  ON carelog.note_addendum (author_id);

COMMENT ON TABLE carelog.note_addendum IS
    'Text added to a signed note (patient_id NULL) or to one patient''s section of it, with its author and time. Append-only; never changes the note.';


-- -----------------------------------------------------------------------------
-- Who signs alone; which notes and patients a login's notes cover
-- -----------------------------------------------------------------------------

-- The first of a staff member's credentials that signs alone, or NULL.
CREATE FUNCTION carelog.signing_credential(p_staff_id bigint)
RETURNS text
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT c.code
      FROM carelog.staff AS s
     CROSS JOIN LATERAL regexp_split_to_table(coalesce(s.credentials, ''), '\s*[,;/]\s*') WITH ORDINALITY AS t(token, position)
      JOIN carelog.credential AS c ON c.code = upper(btrim(t.token)) AND c.signs_alone
     WHERE s.id = p_staff_id
     ORDER BY t.position
     LIMIT 1;
END;

COMMENT ON FUNCTION carelog.signing_credential(bigint) IS
    'The first credential of staff.credentials (a comma-separated list) that signs a note alone, or NULL: then the staff member''s notes need a co-signature.';

-- Patients whose primary therapist the login's staff member is (on any day).
CREATE FUNCTION carelog.primary_patient_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 100
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT DISTINCT a.patient_id
      FROM carelog.therapist_assignment AS a
     WHERE a.therapist_id = carelog.login_staff_id() AND a.role = 'primary';
END;

-- Notes of sessions the login facilitates (policies of participant_note and
-- note_addendum: a policy that read session_note would apply its policies too).
CREATE FUNCTION carelog.facilitated_note_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 2000
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT n.id FROM carelog.session_note AS n WHERE n.session_id IN (SELECT carelog.facilitated_session_ids());
END;

-- Notes that hold a section of a patient whose primary therapist the login is.
CREATE FUNCTION carelog.primary_patient_note_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 500
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT DISTINCT pn.session_note_id
      FROM carelog.participant_note AS pn
     WHERE pn.patient_id IN (SELECT carelog.primary_patient_ids());
END;

-- Notes of sessions of the site a director's login is limited to.
CREATE FUNCTION carelog.site_note_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 2000
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT n.id
      FROM carelog.session_note AS n
      JOIN carelog.group_session AS s ON s.id = n.session_id
      JOIN carelog.care_group AS g ON g.id = s.group_id
     WHERE g.site_id = carelog.login_site_id();
END;

REVOKE ALL ON FUNCTION carelog.signing_credential(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.primary_patient_ids() FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.facilitated_note_ids() FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.primary_patient_note_ids() FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.site_note_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.signing_credential(bigint), carelog.primary_patient_ids(), carelog.facilitated_note_ids(),
                          carelog.primary_patient_note_ids(), carelog.site_note_ids()
    TO carelog_therapist, carelog_director, carelog_auditor;

-- "AA-AM at 2026-10-05 07:30": how the rules' messages name a session.
CREATE FUNCTION carelog.session_label(p_session_id bigint)
RETURNS text
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT g.group_code || ' at ' || to_char(s.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI')
      FROM carelog.group_session AS s
      JOIN carelog.care_group AS g ON g.id = s.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE s.id = p_session_id;
END;
REVOKE ALL ON FUNCTION carelog.session_label(bigint) FROM PUBLIC;

-- The open goals a note may name for each patient who attended a session: the
-- goals of the patient's plan active on the session's day that are open that
-- day. For the session's facilitators (who may not read the patients' plans
-- otherwise), directors of its site, auditors, and sessions that are no login.
CREATE FUNCTION carelog.session_open_goals(p_session_id bigint)
RETURNS TABLE (patient_id bigint, goal_id bigint, goal_code text, domain text, description text)
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 40
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT a.patient_id, pg.id, pg.goal_code, pg.domain, pg.description
      FROM carelog.group_session AS s
      JOIN carelog.care_group AS g ON g.id = s.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
      JOIN carelog.attendance AS a ON a.session_id = s.id AND a.status IN ('present', 'late', 'left_early')
      JOIN carelog.treatment_plan AS tp ON tp.patient_id = a.patient_id
      JOIN carelog.plan_goal AS pg ON pg.plan_id = tp.id
     WHERE s.id = p_session_id
       AND tp.created_on <= carelog.site_local_date(s.starts_at, st.timezone)
       AND (tp.closed_on IS NULL OR carelog.site_local_date(s.starts_at, st.timezone) < tp.closed_on)
       AND (pg.status = 'open' OR pg.status_on > carelog.site_local_date(s.starts_at, st.timezone))
       AND (NOT carelog.session_is_login()
            OR carelog.login_role() = 'auditor'
            OR (carelog.login_role() = 'director' AND (carelog.login_site_id() IS NULL OR g.site_id = carelog.login_site_id()))
            OR s.id IN (SELECT carelog.facilitated_session_ids()))
     ORDER BY a.patient_id, pg.goal_code;
END;
REVOKE ALL ON FUNCTION carelog.session_open_goals(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.session_open_goals(bigint) TO carelog_therapist, carelog_director, carelog_auditor;


-- -----------------------------------------------------------------------------
-- A signed note is final; the server stamps who and when
-- -----------------------------------------------------------------------------

CREATE FUNCTION carelog.refuse_change_signed_note(p_session_note_id bigint, p_what text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = 'check_violation',
        CONSTRAINT = 'session_note_signed_is_final',
        SCHEMA = 'carelog', TABLE = 'session_note',
        MESSAGE = format('the note of %s is signed: %s is never changed',
                         (SELECT carelog.session_label(n.session_id) FROM carelog.session_note AS n WHERE n.id = p_session_note_id),
                         p_what),
        HINT = 'Nothing was written. Add an addendum instead: carelog note addendum --group G --at T --text "…".';
END;
$$;
REVOKE ALL ON FUNCTION carelog.refuse_change_signed_note(bigint, text) FROM PUBLIC;

CREATE FUNCTION carelog.session_note_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_staff  bigint;
    v_status text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT s.status INTO v_status FROM carelog.group_session AS s WHERE s.id = NEW.session_id;
        IF v_status IS DISTINCT FROM 'held' THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_session_held',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = format('%s was not held: only a held session has a note', carelog.session_label(NEW.session_id)),
                HINT = 'Nothing was written.';
        END IF;
        IF NEW.status <> 'draft' THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_signed_after_saving',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = 'a note is saved as a draft first, then signed',
                HINT = 'Nothing was written. Save the draft, then: carelog note sign --group G --at T.';
        END IF;
        v_staff := carelog.acting_staff_member_id();
        IF v_staff IS NULL THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_author',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = 'a note needs its author: no acting staff member is set',
                HINT = 'Nothing was written. Give --by (psql: SET LOCAL carelog.acting_staff = ''T042'').';
        END IF;
        NEW.author_id := v_staff;
        NEW.written_at := now();
        NEW.db_user := session_user;
        NEW.signed_by_id := NULL; NEW.signed_at := NULL; NEW.signer_credential := NULL;
        NEW.cosign_required := false; NEW.cosigned_by_id := NULL; NEW.cosigned_at := NULL;
        RETURN NEW;
    END IF;

    IF OLD.status = 'signed' THEN
        IF TG_OP = 'DELETE' THEN
            PERFORM carelog.refuse_change_signed_note(OLD.id, 'it');
        END IF;
        -- The one change a signed note takes: its co-signature.
        IF (NEW.id, NEW.session_id, NEW.topic, NEW.interventions, NEW.minutes, NEW.service_code_id, NEW.status,
            NEW.author_id, NEW.written_at, NEW.db_user, NEW.signed_by_id, NEW.signed_at, NEW.signer_credential,
            NEW.cosign_required)
           IS DISTINCT FROM
           (OLD.id, OLD.session_id, OLD.topic, OLD.interventions, OLD.minutes, OLD.service_code_id, OLD.status,
            OLD.author_id, OLD.written_at, OLD.db_user, OLD.signed_by_id, OLD.signed_at, OLD.signer_credential,
            OLD.cosign_required)
           OR OLD.cosigned_by_id IS NOT NULL
           OR NEW.cosigned_by_id IS NULL THEN
            PERFORM carelog.refuse_change_signed_note(OLD.id, 'it');
        END IF;
        IF NOT OLD.cosign_required THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_cosign_not_required',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = format('the note of %s needs no co-signature: its signer signs alone', carelog.session_label(OLD.session_id)),
                HINT = 'Nothing was written.';
        END IF;
        v_staff := carelog.acting_staff_member_id();
        IF v_staff IS NULL
           OR v_staff = OLD.signed_by_id
           OR NOT (EXISTS (SELECT 1 FROM carelog.staff AS s WHERE s.id = v_staff AND s.role = 'director')
                   OR carelog.signing_credential(v_staff) IS NOT NULL) THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_cosigner',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = format('the note of %s is co-signed by a director or by a staff member who signs alone, other than its signer',
                                 carelog.session_label(OLD.session_id)),
                HINT = 'Nothing was written. Ask a director or a credentialed therapist (carelog.credential) to co-sign.';
        END IF;
        NEW.cosigned_by_id := v_staff;
        NEW.cosigned_at := now();
        RETURN NEW;
    END IF;

    -- A draft: deleted or rewritten freely by its writers; signed by the acting staff member.
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.session_id <> OLD.session_id THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'session_note_session_fixed',
            SCHEMA = 'carelog', TABLE = 'session_note',
            MESSAGE = 'a note stays with its session',
            HINT = 'Nothing was written. Write the other session''s own note.';
    END IF;
    NEW.author_id := OLD.author_id;
    NEW.db_user := OLD.db_user;
    NEW.written_at := now();
    NEW.cosigned_by_id := NULL;
    NEW.cosigned_at := NULL;
    IF NEW.status = 'signed' THEN
        v_staff := carelog.acting_staff_member_id();
        IF v_staff IS NULL THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_signer',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = 'a note is signed by a staff member: no acting staff member is set',
                HINT = 'Nothing was written. Give --by (psql: SET LOCAL carelog.acting_staff = ''T042'').';
        END IF;
        NEW.signed_by_id := v_staff;
        NEW.signed_at := now();
        NEW.signer_credential := carelog.signing_credential(v_staff);
        NEW.cosign_required := NEW.signer_credential IS NULL;
    ELSE
        NEW.signed_by_id := NULL; NEW.signed_at := NULL; NEW.signer_credential := NULL; NEW.cosign_required := false;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER session_note_guard
    BEFORE INSERT OR UPDATE OR DELETE ON carelog.session_note
    FOR EACH ROW EXECUTE FUNCTION carelog.session_note_guard();
ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER session_note_guard;

CREATE FUNCTION carelog.participant_note_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_session  bigint;
    v_day      date;
    v_status   text;
    v_mrn      text;
    v_bad      text;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
       AND (SELECT n.status FROM carelog.session_note AS n WHERE n.id = OLD.session_note_id) = 'signed' THEN
        PERFORM carelog.refuse_change_signed_note(OLD.session_note_id, 'a participant''s section');
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF (SELECT n.status FROM carelog.session_note AS n WHERE n.id = NEW.session_note_id) = 'signed' THEN
        PERFORM carelog.refuse_change_signed_note(NEW.session_note_id, 'its list of participants');
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.session_note_id, NEW.patient_id) IS DISTINCT FROM (OLD.session_note_id, OLD.patient_id) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'participant_note_fixed',
            SCHEMA = 'carelog', TABLE = 'participant_note',
            MESSAGE = 'a participant''s section stays with its note and patient',
            HINT = 'Nothing was written.';
    END IF;
    NEW.written_at := now();
    NEW.goal_ids := coalesce(NEW.goal_ids, '{}');

    SELECT n.session_id, carelog.site_local_date(s.starts_at, st.timezone)
      INTO v_session, v_day
      FROM carelog.session_note AS n
      JOIN carelog.group_session AS s ON s.id = n.session_id
      JOIN carelog.care_group AS g ON g.id = s.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE n.id = NEW.session_note_id;
    SELECT a.status INTO v_status FROM carelog.attendance AS a WHERE a.session_id = v_session AND a.patient_id = NEW.patient_id;
    v_mrn := CASE WHEN carelog.login_reads_patient(NEW.patient_id)
                  THEN (SELECT 'MRN ' || p.mrn FROM carelog.patient AS p WHERE p.id = NEW.patient_id)
                  ELSE 'a patient this login may not read' END;
    IF v_status IS NULL OR v_status NOT IN ('present', 'late', 'left_early') THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'participant_note_attended',
            SCHEMA = 'carelog', TABLE = 'participant_note',
            MESSAGE = format('%s did not attend %s (%s): a section is written for a patient who attended',
                             v_mrn, carelog.session_label(v_session), coalesce(v_status, 'no record')),
            HINT = 'Nothing was written. Record the attendance first (carelog attendance record), or leave the section out.';
    END IF;

    SELECT string_agg(x.goal_id::text, ', ' ORDER BY x.goal_id) INTO v_bad
      FROM unnest(NEW.goal_ids) AS x(goal_id)
     WHERE NOT EXISTS (
               SELECT 1
                 FROM carelog.plan_goal AS pg
                 JOIN carelog.treatment_plan AS tp ON tp.id = pg.plan_id
                WHERE pg.id = x.goal_id
                  AND tp.patient_id = NEW.patient_id
                  AND tp.created_on <= v_day AND (tp.closed_on IS NULL OR v_day < tp.closed_on)
                  AND (pg.status = 'open' OR pg.status_on > v_day));
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'participant_note_goal',
            SCHEMA = 'carelog', TABLE = 'participant_note',
            MESSAGE = format('the section of %s names goal ids %s, which are not goals of that patient''s plan open on %s',
                             v_mrn, v_bad, v_day),
            HINT = 'Nothing was written. Name only the patient''s own goals open on the session''s day (carelog note draft lists them).';
    END IF;
    IF (SELECT count(*) FROM unnest(NEW.goal_ids)) <> (SELECT count(DISTINCT x) FROM unnest(NEW.goal_ids) AS x) THEN
        NEW.goal_ids := ARRAY(SELECT DISTINCT x FROM unnest(NEW.goal_ids) AS x ORDER BY x);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER participant_note_guard
    BEFORE INSERT OR UPDATE OR DELETE ON carelog.participant_note
    FOR EACH ROW EXECUTE FUNCTION carelog.participant_note_guard();
ALTER TABLE carelog.participant_note ENABLE ALWAYS TRIGGER participant_note_guard;

CREATE FUNCTION carelog.note_addendum_stamp()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_note record;
BEGIN
    SELECT n.status, n.session_id INTO v_note FROM carelog.session_note AS n WHERE n.id = NEW.session_note_id;
    IF v_note.status IS DISTINCT FROM 'signed' THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'note_addendum_signed_note',
            SCHEMA = 'carelog', TABLE = 'note_addendum',
            MESSAGE = format('the note of %s is a draft: an addendum follows a signed note', carelog.session_label(v_note.session_id)),
            HINT = 'Nothing was written. Change the draft itself (carelog note save), then sign it.';
    END IF;
    IF NEW.patient_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM carelog.participant_note AS pn
                        WHERE pn.session_note_id = NEW.session_note_id AND pn.patient_id = NEW.patient_id) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'note_addendum_section',
            SCHEMA = 'carelog', TABLE = 'note_addendum',
            MESSAGE = format('the note of %s has no section of this patient', carelog.session_label(v_note.session_id)),
            HINT = 'Nothing was written. Add the addendum to the note as a whole (without --mrn).';
    END IF;
    NEW.author_id := carelog.acting_staff_member_id();
    IF NEW.author_id IS NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'note_addendum_author',
            SCHEMA = 'carelog', TABLE = 'note_addendum',
            MESSAGE = 'an addendum needs its author: no acting staff member is set',
            HINT = 'Nothing was written. Give --by (psql: SET LOCAL carelog.acting_staff = ''T042'').';
    END IF;
    NEW.added_at := now();
    NEW.db_user := session_user;
    RETURN NEW;
END;
$$;

CREATE TRIGGER note_addendum_stamp
    BEFORE INSERT ON carelog.note_addendum
    FOR EACH ROW EXECUTE FUNCTION carelog.note_addendum_stamp();
CREATE TRIGGER note_addendum_append_only_row
    BEFORE UPDATE OR DELETE ON carelog.note_addendum
    FOR EACH ROW EXECUTE FUNCTION carelog.refuse_change_append_only();
CREATE TRIGGER note_addendum_append_only_statement
    BEFORE TRUNCATE ON carelog.note_addendum
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_change_append_only();
ALTER TABLE carelog.note_addendum
    ENABLE ALWAYS TRIGGER note_addendum_stamp,
    ENABLE ALWAYS TRIGGER note_addendum_append_only_row,
    ENABLE ALWAYS TRIGGER note_addendum_append_only_statement;

-- TRUNCATE fires no row trigger: refused outright on the notes.
CREATE FUNCTION carelog.refuse_truncate_notes()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION '% is not truncated: signed notes are final', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Delete drafts one by one; a signed note takes only addenda.';
END;
$$;

CREATE TRIGGER session_note_no_truncate
    BEFORE TRUNCATE ON carelog.session_note
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_truncate_notes();
CREATE TRIGGER participant_note_no_truncate
    BEFORE TRUNCATE ON carelog.participant_note
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_truncate_notes();
ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER session_note_no_truncate;
ALTER TABLE carelog.participant_note ENABLE ALWAYS TRIGGER participant_note_no_truncate;


-- -----------------------------------------------------------------------------
-- Row-level security and grants
-- -----------------------------------------------------------------------------

ALTER TABLE carelog.credential       ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE carelog.service_code     ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE carelog.session_note     ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE carelog.participant_note ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE carelog.note_addendum    ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

-- Reference lists: read by active logins; written by a director of every site.
CREATE POLICY read_reference ON carelog.credential
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor
    USING ((SELECT carelog.login_role()) IS NOT NULL);
CREATE POLICY director_write ON carelog.credential
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL)
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL);
CREATE POLICY read_reference ON carelog.service_code
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor
    USING ((SELECT carelog.login_role()) IS NOT NULL);
CREATE POLICY director_write ON carelog.service_code
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL)
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL);

-- Session notes: facilitators write; the primary therapist of a participant reads.
CREATE POLICY auditor_read ON carelog.session_note
    FOR SELECT TO carelog_auditor USING ((SELECT carelog.login_role()) = 'auditor');
CREATE POLICY director_all ON carelog.session_note
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL OR id IN (SELECT carelog.site_note_ids()))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL
                OR session_id IN (SELECT s.id FROM carelog.group_session AS s));
CREATE POLICY therapist_read ON carelog.session_note
    FOR SELECT TO carelog_therapist
    USING (session_id IN (SELECT carelog.facilitated_session_ids())
           OR id IN (SELECT carelog.primary_patient_note_ids()));
CREATE POLICY therapist_insert ON carelog.session_note
    FOR INSERT TO carelog_therapist
    WITH CHECK (session_id IN (SELECT carelog.facilitated_session_ids()));
CREATE POLICY therapist_update ON carelog.session_note
    FOR UPDATE TO carelog_therapist
    USING (session_id IN (SELECT carelog.facilitated_session_ids()))
    WITH CHECK (session_id IN (SELECT carelog.facilitated_session_ids()));
CREATE POLICY therapist_delete ON carelog.session_note
    FOR DELETE TO carelog_therapist
    USING (session_id IN (SELECT carelog.facilitated_session_ids()));

-- Participant notes, each row on its own: the session's facilitators, and the
-- patient's primary therapist (read only); never another patient's section.
CREATE POLICY auditor_read ON carelog.participant_note
    FOR SELECT TO carelog_auditor USING ((SELECT carelog.login_role()) = 'auditor');
CREATE POLICY director_all ON carelog.participant_note
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL OR session_note_id IN (SELECT carelog.site_note_ids()))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL
                OR (session_note_id IN (SELECT carelog.site_note_ids()) AND patient_id IN (SELECT carelog.site_patient_ids())));
CREATE POLICY therapist_read ON carelog.participant_note
    FOR SELECT TO carelog_therapist
    USING (session_note_id IN (SELECT carelog.facilitated_note_ids())
           OR patient_id IN (SELECT carelog.primary_patient_ids()));
CREATE POLICY therapist_write ON carelog.participant_note
    FOR ALL TO carelog_therapist
    USING (session_note_id IN (SELECT carelog.facilitated_note_ids()))
    WITH CHECK (session_note_id IN (SELECT carelog.facilitated_note_ids())
                AND patient_id IN (SELECT carelog.therapist_patient_ids()));

-- Addenda: read like the note (or the section) they belong to; added by the
-- session's facilitators and directors.
CREATE POLICY auditor_read ON carelog.note_addendum
    FOR SELECT TO carelog_auditor USING ((SELECT carelog.login_role()) = 'auditor');
CREATE POLICY director_read ON carelog.note_addendum
    FOR SELECT TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL OR session_note_id IN (SELECT carelog.site_note_ids()));
CREATE POLICY director_add ON carelog.note_addendum
    FOR INSERT TO carelog_director
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL OR session_note_id IN (SELECT carelog.site_note_ids()));
CREATE POLICY therapist_read ON carelog.note_addendum
    FOR SELECT TO carelog_therapist
    USING (session_note_id IN (SELECT carelog.facilitated_note_ids())
           OR (session_note_id IN (SELECT carelog.primary_patient_note_ids())
               AND (patient_id IS NULL OR patient_id IN (SELECT carelog.primary_patient_ids()))));
CREATE POLICY therapist_add ON carelog.note_addendum
    FOR INSERT TO carelog_therapist
    WITH CHECK (session_note_id IN (SELECT carelog.facilitated_note_ids()));

GRANT SELECT ON carelog.credential, carelog.service_code, carelog.session_note, carelog.participant_note,
                carelog.note_addendum
    TO carelog_therapist, carelog_director, carelog_auditor;
GRANT INSERT, UPDATE, DELETE ON carelog.credential, carelog.service_code TO carelog_director;
GRANT INSERT, UPDATE, DELETE ON carelog.session_note, carelog.participant_note TO carelog_therapist, carelog_director;
GRANT INSERT ON carelog.note_addendum TO carelog_therapist, carelog_director;

-- The audit trail of a patient's section is read like the section: a therapist
-- reads the events of participant notes and addenda of its primary patients only
-- (not of every patient of its caseload, as for the other tables).
DROP POLICY therapist_read ON carelog.audit_event;
CREATE POLICY therapist_read ON carelog.audit_event
    FOR SELECT TO carelog_therapist
    USING ((table_name NOT IN ('participant_note', 'note_addendum')
            AND coalesce(patient_id, carelog.audit_event_patient_id(table_name, record_id, new_values, old_values))
                IN (SELECT carelog.caseload_patient_ids()))
           OR (table_name IN ('participant_note', 'note_addendum')
               AND coalesce(patient_id, carelog.audit_event_patient_id(table_name, record_id, new_values, old_values))
                   IN (SELECT carelog.primary_patient_ids()))
           OR (table_name = 'attendance'
               AND (coalesce(new_values, old_values) ->> 'session_id')::bigint
                   IN (SELECT carelog.facilitated_session_ids())));

SELECT carelog.audit_attach('carelog.credential');
SELECT carelog.audit_attach('carelog.service_code');
SELECT carelog.audit_attach('carelog.session_note');
SELECT carelog.audit_attach('carelog.participant_note');
SELECT carelog.audit_attach('carelog.note_addendum');


-- -----------------------------------------------------------------------------
-- Column classes (sql/017): notes are free text, never written by a privacy mode
-- -----------------------------------------------------------------------------

INSERT INTO carelog.column_class (table_name, column_name, class, pseudonymized, deidentified) VALUES
    ('credential', 'id', 'identifier', 'kept', 'dropped'),
    ('credential', 'code', 'coded', 'kept', 'kept'),
    ('credential', 'title', 'free_text', 'dropped', 'dropped'),
    ('credential', 'signs_alone', 'coded', 'kept', 'kept'),

    ('service_code', 'id', 'identifier', 'kept', 'dropped'),
    ('service_code', 'code', 'coded', 'kept', 'kept'),
    ('service_code', 'title', 'free_text', 'dropped', 'dropped'),
    ('service_code', 'minutes_per_unit', 'coded', 'kept', 'kept'),

    ('session_note', 'id', 'identifier', 'kept', 'dropped'),
    ('session_note', 'session_id', 'identifier', 'kept', 'dropped'),
    ('session_note', 'topic', 'free_text', 'dropped', 'dropped'),
    ('session_note', 'interventions', 'free_text', 'dropped', 'dropped'),
    ('session_note', 'minutes', 'coded', 'kept', 'kept'),
    ('session_note', 'service_code_id', 'identifier', 'kept', 'dropped'),
    ('session_note', 'status', 'coded', 'kept', 'kept'),
    ('session_note', 'author_id', 'identifier', 'kept', 'dropped'),
    ('session_note', 'written_at', 'quasi_identifier', 'kept', 'year'),
    ('session_note', 'db_user', 'identifier', 'login', 'dropped'),
    ('session_note', 'signed_by_id', 'identifier', 'kept', 'dropped'),
    ('session_note', 'signed_at', 'quasi_identifier', 'kept', 'year'),
    ('session_note', 'signer_credential', 'coded', 'kept', 'kept'),
    ('session_note', 'cosign_required', 'coded', 'kept', 'kept'),
    ('session_note', 'cosigned_by_id', 'identifier', 'kept', 'dropped'),
    ('session_note', 'cosigned_at', 'quasi_identifier', 'kept', 'year'),

    ('participant_note', 'id', 'identifier', 'kept', 'dropped'),
    ('participant_note', 'session_note_id', 'identifier', 'kept', 'dropped'),
    ('participant_note', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('participant_note', 'participation', 'free_text', 'dropped', 'dropped'),
    ('participant_note', 'response', 'free_text', 'dropped', 'dropped'),
    ('participant_note', 'progress', 'free_text', 'dropped', 'dropped'),
    ('participant_note', 'goal_ids', 'identifier', 'kept', 'dropped'),
    ('participant_note', 'written_at', 'quasi_identifier', 'kept', 'year'),

    ('note_addendum', 'id', 'identifier', 'kept', 'dropped'),
    ('note_addendum', 'session_note_id', 'identifier', 'kept', 'dropped'),
    ('note_addendum', 'patient_id', 'identifier', 'kept', 'dropped'),
    ('note_addendum', 'body', 'free_text', 'dropped', 'dropped'),
    ('note_addendum', 'author_id', 'identifier', 'kept', 'dropped'),
    ('note_addendum', 'added_at', 'quasi_identifier', 'kept', 'year'),
    ('note_addendum', 'db_user', 'identifier', 'login', 'dropped');

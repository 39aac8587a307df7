-- =============================================================================
-- carelog — 020_notes_restore.sql: notes written as they were (the seed and
-- `import bundle`), and the section check without lookups it does not need
-- (docs/notes.md, "Notes as they were")
-- =============================================================================
--
-- 018 stamps every note from the acting staff member and now(): the author,
-- written_at, the signer and signed_at, the co-signer and cosigned_at, an
-- addendum's author and added_at. That is right for everyone who writes a note
-- today, and makes two writers impossible: `import bundle`, which must bring back
-- a note as it was exported (signed by T0103 on 2026-09-02 at 16:10, co-signed by
-- D01 two days later), and the seed, which writes three years of notes at once.
--
-- Restoring: a session that is no login of this database (the owner, a
-- superuser: `carelog.session_is_login()` false) and has set
--     SET LOCAL carelog.restore_notes = 'on'
-- writes notes as they were:
--   * a note may be inserted signed (and co-signed), with its author, signer,
--     co-signer and their times as given (the server's stamps when left empty);
--   * the sections of a note it inserted signed may be inserted after it (an INSERT
--     of a section into a signed note; UPDATE and DELETE stay refused);
--   * an addendum keeps its author and time.
-- Every other rule holds as for any writer: only a held session has a note; a
-- signed note is complete and final (UPDATE and DELETE refused, restoring or
-- not); a section is for a patient who attended, its goals the patient's own open
-- that day; a co-signer is a director or signs alone and is not the signer. A
-- login (therapist, director, auditor) never restores, whatever it sets: its notes
-- are stamped. The audit trail records every restored row under the session's
-- database user, as it records the rest of a seed or an import.
-- =============================================================================

CREATE FUNCTION carelog.restoring_notes()
RETURNS boolean
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT coalesce(current_setting('carelog.restore_notes', true), '') = 'on' AND NOT carelog.session_is_login();
END;

COMMENT ON FUNCTION carelog.restoring_notes() IS
    'True in a session that is no login (owner, superuser) and has set carelog.restore_notes = on: notes are written as they were (import bundle, seed), with their authors, signers and times.';
REVOKE ALL ON FUNCTION carelog.restoring_notes() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.restoring_notes() TO carelog_therapist, carelog_director, carelog_auditor;

-- A co-signer is a director, or a staff member whose credentials sign alone, never
-- the signer (as in 018; shared by the stamped and the restored path).
CREATE FUNCTION carelog.check_cosigner(p_session_id bigint, p_cosigner bigint, p_signer bigint)
RETURNS void
LANGUAGE plpgsql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    IF p_cosigner IS NULL
       OR p_cosigner = p_signer
       OR NOT (EXISTS (SELECT 1 FROM carelog.staff AS s WHERE s.id = p_cosigner AND s.role = 'director')
               OR carelog.signing_credential(p_cosigner) IS NOT NULL) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'session_note_cosigner',
            SCHEMA = 'carelog', TABLE = 'session_note',
            MESSAGE = format('the note of %s is co-signed by a director or by a staff member who signs alone, other than its signer',
                             carelog.session_label(p_session_id)),
            HINT = 'Nothing was written. Ask a director or a credentialed therapist (carelog.credential) to co-sign.';
    END IF;
END;
$$;
REVOKE ALL ON FUNCTION carelog.check_cosigner(bigint, bigint, bigint) FROM PUBLIC;

CREATE OR REPLACE FUNCTION carelog.session_note_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_staff     bigint;
    v_status    text;
    v_restoring boolean := carelog.restoring_notes();
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
        IF v_restoring THEN
            -- As it was: the given author, signer, co-signer and times (the server's
            -- stamps where none is given); the constraints check a signed note whole.
            NEW.author_id := coalesce(NEW.author_id, carelog.acting_staff_member_id());
            NEW.written_at := coalesce(NEW.written_at, now());
            NEW.db_user := coalesce(NEW.db_user, session_user);
            IF NEW.author_id IS NULL THEN
                RAISE EXCEPTION USING
                    ERRCODE = 'check_violation', CONSTRAINT = 'session_note_author',
                    SCHEMA = 'carelog', TABLE = 'session_note',
                    MESSAGE = format('the note of %s has no author', carelog.session_label(NEW.session_id)),
                    HINT = 'Nothing was written. Give the note''s author.';
            END IF;
            IF NEW.status = 'draft' THEN
                NEW.signed_by_id := NULL; NEW.signed_at := NULL; NEW.signer_credential := NULL;
                NEW.cosign_required := false; NEW.cosigned_by_id := NULL; NEW.cosigned_at := NULL;
            ELSIF NEW.cosigned_by_id IS NOT NULL THEN
                PERFORM carelog.check_cosigner(NEW.session_id, NEW.cosigned_by_id, NEW.signed_by_id);
            END IF;
            RETURN NEW;
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
        IF v_restoring THEN
            PERFORM carelog.check_cosigner(OLD.session_id, NEW.cosigned_by_id, OLD.signed_by_id);
            NEW.cosigned_at := coalesce(NEW.cosigned_at, now());
            RETURN NEW;
        END IF;
        v_staff := carelog.acting_staff_member_id();
        PERFORM carelog.check_cosigner(OLD.session_id, v_staff, OLD.signed_by_id);
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
    IF v_restoring THEN
        NEW.author_id := coalesce(NEW.author_id, OLD.author_id);
        NEW.db_user := coalesce(NEW.db_user, OLD.db_user);
        NEW.written_at := coalesce(NEW.written_at, now());
        IF NEW.status = 'draft' THEN
            NEW.signed_by_id := NULL; NEW.signed_at := NULL; NEW.signer_credential := NULL;
            NEW.cosign_required := false; NEW.cosigned_by_id := NULL; NEW.cosigned_at := NULL;
        ELSIF NEW.cosigned_by_id IS NOT NULL THEN
            PERFORM carelog.check_cosigner(NEW.session_id, NEW.cosigned_by_id, NEW.signed_by_id);
        END IF;
        RETURN NEW;
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

-- The section check of 018, with one lookup of the note and its session instead of
-- three, the patient's MRN read only for a message, and the goals checked only when
-- the section names some: a seed or a bundle writes a million sections.
CREATE OR REPLACE FUNCTION carelog.participant_note_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_note     record;
    v_status   text;
    v_bad      text;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
       AND (SELECT n.status FROM carelog.session_note AS n WHERE n.id = OLD.session_note_id) = 'signed' THEN
        PERFORM carelog.refuse_change_signed_note(OLD.session_note_id, 'a participant''s section');
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    SELECT n.status, n.session_id, carelog.site_local_date(s.starts_at, st.timezone) AS day
      INTO v_note
      FROM carelog.session_note AS n
      JOIN carelog.group_session AS s ON s.id = n.session_id
      JOIN carelog.care_group AS g ON g.id = s.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE n.id = NEW.session_note_id;
    -- Restoring (020): a note inserted signed takes its sections after it.
    IF v_note.status = 'signed' AND NOT (TG_OP = 'INSERT' AND carelog.restoring_notes()) THEN
        PERFORM carelog.refuse_change_signed_note(NEW.session_note_id, 'its list of participants');
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.session_note_id, NEW.patient_id) IS DISTINCT FROM (OLD.session_note_id, OLD.patient_id) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'participant_note_fixed',
            SCHEMA = 'carelog', TABLE = 'participant_note',
            MESSAGE = 'a participant''s section stays with its note and patient',
            HINT = 'Nothing was written.';
    END IF;
    IF NOT (NEW.written_at IS NOT NULL AND carelog.restoring_notes()) THEN
        NEW.written_at := now();
    END IF;
    NEW.goal_ids := coalesce(NEW.goal_ids, '{}');

    -- The session's month names the one partition to read (sql/015).
    SELECT a.status INTO v_status
      FROM carelog.attendance AS a
     WHERE a.session_month = date_trunc('month', v_note.day)::date
       AND a.session_id = v_note.session_id AND a.patient_id = NEW.patient_id;
    IF v_status IS NULL OR v_status NOT IN ('present', 'late', 'left_early') THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'participant_note_attended',
            SCHEMA = 'carelog', TABLE = 'participant_note',
            MESSAGE = format('%s did not attend %s (%s): a section is written for a patient who attended',
                             carelog.participant_label(NEW.patient_id), carelog.session_label(v_note.session_id),
                             coalesce(v_status, 'no record')),
            HINT = 'Nothing was written. Record the attendance first (carelog attendance record), or leave the section out.';
    END IF;

    IF cardinality(NEW.goal_ids) > 0 THEN
        SELECT string_agg(x.goal_id::text, ', ' ORDER BY x.goal_id) INTO v_bad
          FROM unnest(NEW.goal_ids) AS x(goal_id)
         WHERE NOT EXISTS (
                   SELECT 1
                     FROM carelog.plan_goal AS pg
                     JOIN carelog.treatment_plan AS tp ON tp.id = pg.plan_id
                    WHERE pg.id = x.goal_id
                      AND tp.patient_id = NEW.patient_id
                      AND tp.created_on <= v_note.day AND (tp.closed_on IS NULL OR v_note.day < tp.closed_on)
                      AND (pg.status = 'open' OR pg.status_on > v_note.day));
        IF v_bad IS NOT NULL THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'participant_note_goal',
                SCHEMA = 'carelog', TABLE = 'participant_note',
                MESSAGE = format('the section of %s names goal ids %s, which are not goals of that patient''s plan open on %s',
                                 carelog.participant_label(NEW.patient_id), v_bad, v_note.day),
                HINT = 'Nothing was written. Name only the patient''s own goals open on the session''s day (carelog note draft lists them).';
        END IF;
        IF cardinality(NEW.goal_ids) > 1
           AND cardinality(NEW.goal_ids) <> (SELECT count(DISTINCT x) FROM unnest(NEW.goal_ids) AS x) THEN
            NEW.goal_ids := ARRAY(SELECT DISTINCT x FROM unnest(NEW.goal_ids) AS x ORDER BY x);
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

-- How a refusal names a patient: the MRN to a login that may read the patient.
CREATE FUNCTION carelog.participant_label(p_patient_id bigint)
RETURNS text
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT CASE WHEN carelog.login_reads_patient(p_patient_id)
                THEN (SELECT 'MRN ' || p.mrn FROM carelog.patient AS p WHERE p.id = p_patient_id)
                ELSE 'a patient this login may not read' END;
END;
REVOKE ALL ON FUNCTION carelog.participant_label(bigint) FROM PUBLIC;

CREATE OR REPLACE FUNCTION carelog.note_addendum_stamp()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_note      record;
    v_restoring boolean := carelog.restoring_notes();
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
    IF v_restoring THEN
        NEW.author_id := coalesce(NEW.author_id, carelog.acting_staff_member_id());
        NEW.added_at := coalesce(NEW.added_at, now());
        NEW.db_user := coalesce(NEW.db_user, session_user);
    ELSE
        NEW.author_id := carelog.acting_staff_member_id();
        NEW.added_at := now();
        NEW.db_user := session_user;
    END IF;
    IF NEW.author_id IS NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'note_addendum_author',
            SCHEMA = 'carelog', TABLE = 'note_addendum',
            MESSAGE = 'an addendum needs its author: no acting staff member is set',
            HINT = 'Nothing was written. Give --by (psql: SET LOCAL carelog.acting_staff = ''T042'').';
    END IF;
    RETURN NEW;
END;
$$;

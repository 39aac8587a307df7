-- One definition of the rules that reports, the summary, `patient show`, `today` and
-- `board` share, so that changing one cannot split them (docs/reports.md, "Shared
-- definitions"):
--
--   counts_as_attended(status)      present, late and left early are attendance;
--                                   absent and excused are not;
--   required_sessions(session_days) the sessions treatment plans require, from
--                                   Σ sessions_per_week × days the plan is active;
--   adherence_pct(attended, required)
--                                   100 × attended / required, one decimal, empty
--                                   when nothing is required;
--   note_state(session)             the state of a held session's note as the
--                                   therapist's day and the board show it;
--   known_group_code(typed)         a group code as typed at the command line, matched
--                                   without regard to case when that names one group.
--
-- The first three are one-expression SQL functions without STRICT: the planner
-- inlines them, so a query that calls them runs exactly as if it wrote the
-- expression out (same plan, same index use). note_state reads tables under the
-- caller's row-level security; it is for a day's sessions, not for reports.

CREATE FUNCTION carelog.counts_as_attended(status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN status IN ('present', 'late', 'left_early');

COMMENT ON FUNCTION carelog.counts_as_attended(text) IS
    'An attendance status that counts as having attended: present, late or left early (not absent, not excused).';

CREATE FUNCTION carelog.required_sessions(session_days numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN session_days / 7;

COMMENT ON FUNCTION carelog.required_sessions(numeric) IS
    'Sessions required by treatment plans, given the sum over plan requirements of sessions_per_week × the days (of the span asked about) on which the plan is active and the patient in care. Unrounded.';

CREATE FUNCTION carelog.adherence_pct(attended bigint, required numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN round(100.0 * coalesce(attended, 0) / nullif(required, 0), 1);

COMMENT ON FUNCTION carelog.adherence_pct(bigint, numeric) IS
    'Adherence: 100 × attended sessions / required sessions (unrounded), rounded half away from zero to one decimal; NULL when nothing is required.';

CREATE FUNCTION carelog.note_state(session_id bigint) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
        SELECT CASE
                   WHEN s.status = 'cancelled' THEN ''
                   WHEN NOT EXISTS (SELECT 1 FROM carelog.attendance AS a
                                     WHERE a.session_id = s.id
                                       AND carelog.counts_as_attended(a.status)) THEN ''
                   WHEN n.id IS NULL THEN 'missing'
                   WHEN n.status = 'draft' THEN 'draft'
                   WHEN n.cosign_required AND n.cosigned_at IS NULL THEN 'awaiting co-signature'
                   ELSE 'signed'
               END
          FROM carelog.group_session AS s
          LEFT JOIN carelog.session_note AS n ON n.session_id = s.id
         WHERE s.id = note_state.session_id;
    END;

COMMENT ON FUNCTION carelog.note_state(bigint) IS
    'State of a session''s note as this login sees it: empty when no note is due (cancelled, or nobody attended), else missing (none, or none this login may read), draft, awaiting co-signature or signed.';

CREATE FUNCTION carelog.known_group_code(typed text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
        SELECT coalesce(
                   (SELECT g.group_code FROM carelog.care_group AS g WHERE g.group_code = typed),
                   (SELECT min(g.group_code) FROM carelog.care_group AS g
                     WHERE upper(g.group_code) = upper(typed) HAVING count(*) = 1),
                   typed);
    END;

COMMENT ON FUNCTION carelog.known_group_code(text) IS
    'The stored group code a command-line --group means: the exact code when it exists, else the one code (among the groups this login may read) that differs only in case, else the text as typed (which then matches nothing). Imports match codes exactly.';

-- Staging: the fate of each held, recorded session's note (docs/notes.md, "The
-- seed's notes"). Every session that someone attended gets a note written by its
-- facilitator, the 12-step meeting included: the seed's meetings are led by a
-- clinician of the program, who takes the roll (a peer-led meeting with no staff
-- member would be no carelog session), and docs/notes.md asks a note of every held
-- session with attendance.
--
--   * about 1.2% are never written (note_missing, "no draft");
--   * about 2.3% are saved as drafts and never signed;
--   * the rest are signed 0.5–28 h after the session ends, or 73–240 h after
--     (late, note_missing with the hours): about 3% of sessions, 12% of those of
--     the two clinicians who fall behind (idx 4 and 7, as with attendance);
--   * a note whose signer holds no credential that signs alone (the intern, idx 8,
--     020_staff.sql) is co-signed by the site's director 2–72 h later, three in
--     four of them; the others await a co-signature.
-- Notes cover the last 123 days of the period (the demo's whole period; of a
-- `carelog seed` of many months, the months its reports and benchmarks read): the
-- program moved its notes into carelog then, and the sessions before have theirs
-- in the old system (reports of those months list them as note_missing). A section
-- costs its checks (sql/020) row by row, about 0.2 ms: three years of ten sites'
-- notes would add minutes to the seed.
-- Nothing is written after the seed's now: the start of the first day after the
-- period, or 09:00 site-local of the demo's today (seed_today, 001_draws.sql). A
-- note signed later than that is still a draft then (or not yet written), and the
-- sessions of the demo's today have no note at all, so that `carelog note draft`
-- can be tried at once.
--
-- Draws per session (key session_key): 100 fate, 101 signed late, 102 how long
-- after, 103 drafted when, 104 topic, 105 interventions, 106 co-signed, 107 when,
-- 108 minutes short, 109 addendum, 110 its time, 111 its text.
--
-- The notes are written as they were (signed, with their signers and times):
-- carelog.restore_notes (sql/020) is set for the rest of the seed's transaction.
SELECT set_config('carelog.restore_notes', 'on', true);

CREATE TEMP TABLE seed_note ON COMMIT DROP AS
WITH cred AS (
    SELECT c.site_no, c.idx, c.staff_pk, carelog.signing_credential(c.staff_pk) AS credential
      FROM seed_clinician c
), attended AS (
    SELECT a.session_id
      FROM carelog.attendance AS a
     WHERE carelog.counts_as_attended(a.status)
     GROUP BY a.session_id
), timed AS (
    SELECT h.session_id, h.site_no, h.group_no, h.session_key, h.local_day, h.duration, h.facilitator_pk,
           cr.idx AS facilitator_idx, cr.credential, d.id AS director_pk,
           gs.starts_at + make_interval(mins => h.duration) AS ends_at,
           coalesce((pg_temp.seed_today() + TIME '09:00') AT TIME ZONE ss.timezone,
                    pg_temp.seed_end()::timestamp AT TIME ZONE ss.timezone) AS seed_now,
           pg_temp.seed_draw(100, h.session_key) AS u_fate,
           CASE WHEN pg_temp.seed_draw(101, h.session_key) < CASE WHEN cr.idx IN (4, 7) THEN 0.12 ELSE 0.03 END
                THEN make_interval(mins => (73 * 60 + floor(pg_temp.seed_draw(102, h.session_key) * 167 * 60))::int)
                ELSE make_interval(mins => (30 + floor(pg_temp.seed_draw(102, h.session_key) * 27.5 * 60))::int) END AS sign_after
      FROM seed_held h
      JOIN attended AS at ON at.session_id = h.session_id
      JOIN carelog.group_session AS gs ON gs.id = h.session_id
      JOIN seed_site AS ss ON ss.site_no = h.site_no
      JOIN cred AS cr ON cr.staff_pk = h.facilitator_pk
      JOIN carelog.staff AS d ON d.staff_id = 'D' || to_char(h.site_no, 'FM00')
     WHERE h.local_day IS DISTINCT FROM pg_temp.seed_today()
       AND h.local_day >= pg_temp.seed_end() - 123
), drawn AS (
    SELECT t.*,
           t.ends_at + t.sign_after AS planned_signed_at,
           t.ends_at + t.sign_after * (0.2 + 0.6 * pg_temp.seed_draw(103, t.session_key)) AS written_at,
           t.ends_at + t.sign_after + make_interval(mins => (120 + floor(pg_temp.seed_draw(107, t.session_key) * 70 * 60))::int)
               AS planned_cosigned_at
      FROM timed t
     WHERE t.u_fate >= 0.012
)
SELECT d.session_id, d.site_no, d.group_no, d.session_key, d.local_day, d.facilitator_pk, d.written_at,
       CASE WHEN d.u_fate >= 0.035 AND d.planned_signed_at <= d.seed_now THEN 'signed' ELSE 'draft' END AS status,
       CASE WHEN d.u_fate >= 0.035 AND d.planned_signed_at <= d.seed_now THEN d.planned_signed_at END AS signed_at,
       d.credential,
       CASE WHEN d.u_fate >= 0.035 AND d.planned_signed_at <= d.seed_now AND d.credential IS NULL
             AND pg_temp.seed_draw(106, d.session_key) < 0.75 AND d.planned_cosigned_at <= d.seed_now
            THEN d.planned_cosigned_at END AS cosigned_at,
       d.director_pk,
       d.duration - CASE WHEN pg_temp.seed_draw(108, d.session_key) < 0.03 THEN 10 ELSE 0 END AS minutes,
       d.seed_now
  FROM drawn d
 WHERE d.written_at <= d.seed_now;

CREATE INDEX ON seed_note (session_id);
ANALYZE seed_note;

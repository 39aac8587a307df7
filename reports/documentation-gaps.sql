-- name: documentation-gaps
-- title: Documentation gaps
-- description: One row per documentation problem of the period: held sessions without attendance, open groups' rolls never closed, enrolled patients not recorded, patients in care without a primary therapist, plan reviews overdue, patients without a plan after 7 days, attendance recorded more than 24 h after the session ended, sessions without a signed note 72 h after they ended, attendees without a section in a signed note, notes awaiting a co-signature.
-- parameters: period_start date, period_end date, site_code text
-- columns: kind:code, site_code:code, mrn:mrn, subject:detail, since:date, details:detail
-- column kind: held_session_without_attendance, roll_not_closed, enrolled_patient_not_recorded, attendance_recorded_late, note_missing, participant_note_missing, awaiting_cosignature, in_care_without_primary_therapist, plan_review_overdue, no_plan_after_7_days.
-- column site_code: The site of the session's group for session kinds, the patient's site for the others; --site selects on it. The period is the site's calendar month (sessions by their site-local date).
-- column mrn: The patient the problem is about; empty for held_session_without_attendance, roll_not_closed, note_missing and awaiting_cosignature; a keyed pseudonym under --pseudonymize, random per run under --deidentify.
-- column subject: Session kinds: group code and site-local start 'YYYY-MM-DD HH:MM'; plan_review_overdue: plan code; else 'episode admitted YYYY-MM-DD'. GR-…, PL-… codes under --pseudonymize; dropped under --deidentify.
-- column since: ISO date: the session's site-local date (session kinds), the first day without a primary therapist, the review's due date, or admitted_on + 7 (no_plan_after_7_days); cut to the year under --deidentify.
-- column details: Particulars: facilitator, number signed in, enrollment start, days without primary therapist, last review, time recorded or signed, hours late; ST-… facilitator under --pseudonymize; dropped under --deidentify.
--
-- mrn is the patient the problem is about (empty for the kinds about a session).
-- subject holds a plan code for plan_review_overdue, and plan codes often carry the
-- MRN: when the run sets carelog.report_ipad/_opad (the HMAC pads of --pseudonymize's
-- key, or of --deidentify's key random to the run), the plan code becomes
-- 'PL-' || 16 hex digits of HMAC-SHA-256(key, 'plan:' || plan_code), as
-- Pseudonymizer.planCode(for:) and the export compute it; so do a session's group code
-- ('GR-', HMAC of 'group:' || code) in subject and its facilitator's staff id ('ST-',
-- HMAC of 'staff:' || staff_id) in details. subject and details hold
-- dates of a patient's record (kind detail): --deidentify drops both, and cuts since
-- to its year; --pseudonymize keeps them.
-- since is always an ISO date. Order: kind, site_code, since, subject, mrn.
--
-- Kinds (the period is the site-local month; "last day" = $2 - 1):
--   held_session_without_attendance  held session of the period with no attendance
--       record at all, except an open group's whose roll was closed (nobody signed
--       in, and the facilitator said so). Site: the group's. subject: group_code +
--       local start 'YYYY-MM-DD HH24:MI'; since: its local date.
--   roll_not_closed  held session of the period of an open group (a sign-in list,
--       sql/019, docs/open-groups.md) with sign-ins whose roll was never closed: the
--       records may be all who came or a part of them. details: how many signed in.
--       subject and since as above; mrn empty.
--   enrolled_patient_not_recorded  held session of the period of a closed group, and a
--       patient enrolled in the group on the session's local date (enrollment active)
--       and in care that day, with no record (of any status) for that session. Site:
--       the group's. subject and since as above.
--   in_care_without_primary_therapist  patient in care on some day of the period
--       with no primary assignment active that day: one row per patient; since: the
--       first such day; subject: the admission of the episode of that day; details:
--       how many days. Site: the patient's.
--   plan_review_overdue  plan active on the last day whose review is due before it
--       (due = latest review on or before the last day, or created_on, +
--       review_interval_days; as in plan-status); subject: plan_code; since: the due date.
--   no_plan_after_7_days  patient in care on the last day, admitted at least 7 days
--       before it, with no plan created in the episode (created_on from admitted_on
--       to the last day); subject: the admission; since: admitted_on + 7.
--   attendance_recorded_late  attendance record of a held session of the period whose
--       recorded_at is more than 24 h after the session ended (starts_at +
--       duration_minutes); subject and since as for sessions.
--   note_missing  held session of the period that someone attended (present, late,
--       left early) with no note signed within 72 h of its end: none yet, and 72 h
--       have passed (details say whether a draft is saved), or one signed later
--       (details say when). subject and since as for sessions; mrn empty.
--   participant_note_missing  a patient who attended a held session of the period
--       whose note is signed, without a section in it. subject and since as for
--       sessions; mrn the patient.
--   awaiting_cosignature  held session of the period that someone attended whose
--       note is signed by a staff member none of whose credentials signs alone, and
--       not co-signed yet (sql/018; a session nobody attended needs no note). subject
--       and since as for sessions; mrn empty.
WITH session_of_period AS (
    SELECT gs.id, gs.starts_at, gs.duration_minutes, g.id AS group_id, g.group_code, g.kind,
           st.site_code, st.timezone,
           CASE WHEN coalesce(current_setting('carelog.report_ipad', true), '') = '' THEN f.staff_id
                ELSE 'ST-' || encode(substring(sha256(decode(current_setting('carelog.report_opad'), 'hex')
                         || sha256(decode(current_setting('carelog.report_ipad'), 'hex')
                                   || convert_to('staff:' || f.staff_id, 'UTF8'))) FROM 1 FOR 8), 'hex')
           END AS facilitator,
           carelog.site_local_date(gs.starts_at, st.timezone) AS local_date,
           CASE WHEN coalesce(current_setting('carelog.report_ipad', true), '') = '' THEN g.group_code
                ELSE 'GR-' || encode(substring(sha256(decode(current_setting('carelog.report_opad'), 'hex')
                         || sha256(decode(current_setting('carelog.report_ipad'), 'hex')
                                   || convert_to('group:' || g.group_code, 'UTF8'))) FROM 1 FOR 8), 'hex')
           END
               || ' ' || to_char(gs.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI')
               AS subject
      FROM carelog.group_session AS gs
      JOIN carelog.care_group AS g  ON g.id  = gs.group_id
      JOIN carelog.site       AS st ON st.id = g.site_id
      JOIN carelog.staff      AS f  ON f.id  = gs.facilitator_id
     WHERE gs.status = 'held'
       -- generous UTC window (index on starts_at), then the exact site-local date
       AND gs.starts_at >= ($1::date - 2)::timestamp AT TIME ZONE 'UTC'
       AND gs.starts_at <  ($2::date + 2)::timestamp AT TIME ZONE 'UTC'
       AND carelog.site_local_date(gs.starts_at, st.timezone) >= $1::date
       AND carelog.site_local_date(gs.starts_at, st.timezone) <  $2::date
       AND ($3::text IS NULL OR st.site_code = $3::text)
),
period_attendance AS MATERIALIZED (
    -- every record of the period's held sessions, read once
    SELECT a.session_id, a.patient_id, a.recorded_at
      FROM session_of_period AS s
      JOIN carelog.attendance AS a ON a.session_id = s.id
       -- the period's monthly partitions only (session_month, sql/015)
       AND a.session_month >= date_trunc('month', $1::date::timestamp)::date AND a.session_month < $2::date
),
episode_in_period AS MATERIALIZED (
    -- episodes in care on at least one day of the period, of every site
    SELECT e.patient_id, e.admitted_on, e.discharged_on
      FROM carelog.episode AS e
     WHERE e.admitted_on < $2::date
       AND (e.discharged_on IS NULL OR e.discharged_on > $1::date)
),
held_without_attendance AS (
    SELECT 'held_session_without_attendance'::text AS kind, s.site_code, NULL::text AS mrn,
           s.subject, s.local_date AS since,
           format('held session (%s min, facilitator %s) has no attendance record',
                  s.duration_minutes, s.facilitator) AS details
      FROM session_of_period AS s
     WHERE NOT EXISTS (SELECT 1 FROM period_attendance AS a WHERE a.session_id = s.id)
       AND NOT (s.kind = 'open' AND EXISTS (SELECT 1 FROM carelog.roll_closure AS r WHERE r.session_id = s.id))
),
roll_not_closed AS (
    SELECT 'roll_not_closed'::text AS kind, s.site_code, NULL::text AS mrn,
           s.subject, s.local_date AS since,
           format('%s signed in; the roll was never closed (facilitator %s)', count(*), s.facilitator) AS details
      FROM session_of_period AS s
      JOIN period_attendance AS a ON a.session_id = s.id
     WHERE s.kind = 'open'
       AND NOT EXISTS (SELECT 1 FROM carelog.roll_closure AS r WHERE r.session_id = s.id)
     GROUP BY s.id, s.site_code, s.subject, s.local_date, s.facilitator
),
enrolled_not_recorded AS (
    SELECT 'enrolled_patient_not_recorded'::text AS kind, s.site_code, pt.mrn,
           s.subject, s.local_date AS since,
           format('enrolled since %s; no attendance record for this session',
                  to_char(en.starts_on, 'YYYY-MM-DD')) AS details
      FROM session_of_period AS s
      JOIN carelog.group_enrollment AS en
        ON en.group_id = s.group_id
       -- Enrolled on the session's day (ends_on inclusive, NULL open), written as the
       -- range of enrollment_no_overlap's GiST index so that the index finds the
       -- enrollments of that day; with the columns compared one by one it read every
       -- enrollment the group ever had (docs/benchmarks.md: flat in history length).
       AND daterange(en.starts_on, en.ends_on, '[]') @> s.local_date
      JOIN carelog.patient AS pt ON pt.id = en.patient_id
     WHERE s.kind = 'closed'
       AND EXISTS (SELECT 1
                     FROM carelog.episode AS e
                    WHERE e.patient_id = en.patient_id
                      AND e.admitted_on <= s.local_date
                      AND (e.discharged_on IS NULL OR s.local_date < e.discharged_on))
       -- probes the (session_id, patient_id) index: safe whatever the row estimates
       AND NOT EXISTS (SELECT 1
                         FROM carelog.attendance AS a
                        WHERE a.session_id = s.id AND a.patient_id = en.patient_id
                          AND a.session_month >= date_trunc('month', $1::date::timestamp)::date AND a.session_month < $2::date)
),
recorded_late AS (
    SELECT 'attendance_recorded_late'::text AS kind, s.site_code, pt.mrn,
           s.subject, s.local_date AS since,
           format('recorded %s, %s h after the session ended at %s',
                  to_char(a.recorded_at AT TIME ZONE s.timezone, 'YYYY-MM-DD HH24:MI'),
                  round(extract(epoch FROM a.recorded_at - session_end.ended_at) / 3600, 1),
                  to_char(session_end.ended_at AT TIME ZONE s.timezone, 'YYYY-MM-DD HH24:MI'))
               AS details
      FROM session_of_period AS s
     CROSS JOIN LATERAL (SELECT s.starts_at + s.duration_minutes * interval '1 minute') AS session_end(ended_at)
      JOIN period_attendance AS a ON a.session_id = s.id
      JOIN carelog.patient   AS pt ON pt.id = a.patient_id
     WHERE a.recorded_at > session_end.ended_at + interval '24 hours'
),
patient_episode AS (
    -- the same, for the patients of the site(s) reported on
    SELECT e.patient_id, pt.mrn, st.site_code, e.admitted_on, e.discharged_on
      FROM episode_in_period AS e
      JOIN carelog.patient AS pt ON pt.id = e.patient_id
      JOIN carelog.site    AS st ON st.id = pt.site_id
     WHERE ($3::text IS NULL OR st.site_code = $3::text)
),
period_day AS (
    SELECT $1::date + i AS d
      FROM generate_series(0, $2::date - $1::date - 1) AS i
),
care_day AS (
    -- one row per patient and day in care in the period; at most one primary
    -- assignment is active on a day (assignment_one_primary_per_day)
    SELECT pe.patient_id, pe.mrn, pe.site_code, pe.admitted_on, pd.d, ta.id IS NULL AS uncovered
      FROM patient_episode AS pe
      JOIN period_day AS pd
        ON pd.d >= pe.admitted_on
       AND (pe.discharged_on IS NULL OR pd.d < pe.discharged_on)
      LEFT JOIN carelog.therapist_assignment AS ta
        ON ta.patient_id = pe.patient_id
       AND ta.role = 'primary'
       AND ta.starts_on <= pd.d
       AND (ta.ends_on IS NULL OR pd.d <= ta.ends_on)
),
without_primary AS (
    SELECT 'in_care_without_primary_therapist'::text AS kind, c.site_code, c.mrn,
           'episode admitted '
               || to_char((array_agg(c.admitted_on ORDER BY c.d) FILTER (WHERE c.uncovered))[1], 'YYYY-MM-DD')
               AS subject,
           min(c.d) FILTER (WHERE c.uncovered) AS since,
           format('no primary therapist on %s of %s days in care in the period',
                  count(*) FILTER (WHERE c.uncovered), count(*)) AS details
      FROM care_day AS c
     GROUP BY c.patient_id, c.site_code, c.mrn
    HAVING count(*) FILTER (WHERE c.uncovered) > 0
),
review_overdue AS (
    SELECT 'plan_review_overdue'::text AS kind, st.site_code, pt.mrn,
           CASE WHEN coalesce(current_setting('carelog.report_ipad', true), '') = '' THEN tp.plan_code
                ELSE 'PL-' || encode(substring(sha256(decode(current_setting('carelog.report_opad'), 'hex')
                         || sha256(decode(current_setting('carelog.report_ipad'), 'hex')
                                   || convert_to('plan:' || tp.plan_code, 'UTF8'))) FROM 1 FOR 8), 'hex')
           END AS subject,
           coalesce(lr.last_review, tp.created_on) + tp.review_interval_days AS since,
           CASE WHEN lr.last_review IS NULL
                THEN format('never reviewed since created on %s; review every %s days',
                            to_char(tp.created_on, 'YYYY-MM-DD'), tp.review_interval_days)
                ELSE format('last reviewed on %s; review every %s days',
                            to_char(lr.last_review, 'YYYY-MM-DD'), tp.review_interval_days)
           END AS details
      FROM carelog.treatment_plan AS tp
      JOIN carelog.patient AS pt ON pt.id = tp.patient_id
      JOIN carelog.site    AS st ON st.id = pt.site_id
      LEFT JOIN LATERAL (
            SELECT max(r.reviewed_on) AS last_review
              FROM carelog.plan_review AS r
             WHERE r.plan_id = tp.id AND r.reviewed_on <= $2::date - 1
           ) AS lr ON true
     WHERE tp.created_on <= $2::date - 1
       AND (tp.closed_on IS NULL OR $2::date - 1 < tp.closed_on)
       AND coalesce(lr.last_review, tp.created_on) + tp.review_interval_days < $2::date - 1
       AND ($3::text IS NULL OR st.site_code = $3::text)
),
no_plan AS (
    SELECT 'no_plan_after_7_days'::text AS kind, pe.site_code, pe.mrn,
           'episode admitted ' || to_char(pe.admitted_on, 'YYYY-MM-DD') AS subject,
           pe.admitted_on + 7 AS since,
           format('no treatment plan created in the episode, admitted %s days before %s',
                  ($2::date - 1) - pe.admitted_on, to_char($2::date - 1, 'YYYY-MM-DD')) AS details
      FROM patient_episode AS pe
     WHERE pe.admitted_on <= $2::date - 1 - 7
       AND (pe.discharged_on IS NULL OR $2::date - 1 < pe.discharged_on)
       AND NOT EXISTS (SELECT 1
                         FROM carelog.treatment_plan AS tp
                        WHERE tp.patient_id = pe.patient_id
                          AND tp.created_on >= pe.admitted_on
                          AND tp.created_on <= $2::date - 1)
),
session_note_state AS (
    -- the period's held sessions that someone attended, with their note (if any)
    SELECT s.id, s.site_code, s.subject, s.local_date, s.timezone, s.facilitator,
           s.starts_at + s.duration_minutes * interval '1 minute' AS ended_at,
           n.id AS note_id, n.status, n.signed_at, n.cosign_required, n.cosigned_by_id
      FROM session_of_period AS s
      LEFT JOIN carelog.session_note AS n ON n.session_id = s.id
     WHERE EXISTS (SELECT 1 FROM carelog.attendance AS a
                    WHERE a.session_id = s.id AND carelog.counts_as_attended(a.status)
                      AND a.session_month >= date_trunc('month', $1::date::timestamp)::date AND a.session_month < $2::date)
),
note_missing AS (
    SELECT 'note_missing'::text AS kind, n.site_code, NULL::text AS mrn, n.subject, n.local_date AS since,
           CASE WHEN n.signed_at IS NOT NULL
                THEN format('note signed %s, %s h after the session ended at %s (facilitator %s)',
                            to_char(n.signed_at AT TIME ZONE n.timezone, 'YYYY-MM-DD HH24:MI'),
                            round(extract(epoch FROM n.signed_at - n.ended_at) / 3600, 1),
                            to_char(n.ended_at AT TIME ZONE n.timezone, 'YYYY-MM-DD HH24:MI'), n.facilitator)
                ELSE format('no signed note 72 h after the session ended at %s (facilitator %s; %s)',
                            to_char(n.ended_at AT TIME ZONE n.timezone, 'YYYY-MM-DD HH24:MI'), n.facilitator,
                            CASE WHEN n.note_id IS NULL THEN 'no draft' ELSE 'a draft is saved' END)
           END AS details
      FROM session_note_state AS n
     WHERE (n.signed_at IS NULL AND now() > n.ended_at + interval '72 hours')
        OR n.signed_at > n.ended_at + interval '72 hours'
),
participant_note_missing AS (
    SELECT 'participant_note_missing'::text AS kind, n.site_code, pt.mrn, n.subject, n.local_date AS since,
           format('attended (%s); the signed note has no section for the patient', a.status) AS details
      FROM session_note_state AS n
      JOIN carelog.attendance AS a
        ON a.session_id = n.id AND carelog.counts_as_attended(a.status)
       AND a.session_month >= date_trunc('month', $1::date::timestamp)::date AND a.session_month < $2::date
      JOIN carelog.patient AS pt ON pt.id = a.patient_id
     WHERE n.status = 'signed'
       AND NOT EXISTS (SELECT 1 FROM carelog.participant_note AS pn
                        WHERE pn.session_note_id = n.note_id AND pn.patient_id = a.patient_id)
),
awaiting_cosignature AS (
    SELECT 'awaiting_cosignature'::text AS kind, n.site_code, NULL::text AS mrn, n.subject, n.local_date AS since,
           format('signed %s under credentials that do not sign alone (facilitator %s); a director or a credentialed therapist co-signs it',
                  to_char(n.signed_at AT TIME ZONE n.timezone, 'YYYY-MM-DD HH24:MI'), n.facilitator) AS details
      FROM session_note_state AS n
     WHERE n.status = 'signed' AND n.cosign_required AND n.cosigned_by_id IS NULL
),
problem AS (
    SELECT * FROM held_without_attendance
    UNION ALL SELECT * FROM roll_not_closed
    UNION ALL SELECT * FROM enrolled_not_recorded
    UNION ALL SELECT * FROM without_primary
    UNION ALL SELECT * FROM review_overdue
    UNION ALL SELECT * FROM no_plan
    UNION ALL SELECT * FROM recorded_late
    UNION ALL SELECT * FROM note_missing
    UNION ALL SELECT * FROM participant_note_missing
    UNION ALL SELECT * FROM awaiting_cosignature
)
SELECT p.kind, p.site_code, p.mrn, p.subject, to_char(p.since, 'YYYY-MM-DD') AS since, p.details
  FROM problem AS p
 ORDER BY p.kind, p.site_code, p.since, p.subject NULLS FIRST, p.mrn NULLS FIRST

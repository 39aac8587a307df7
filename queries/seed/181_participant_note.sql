-- The participant sections of the notes of the sessions whose site-local day is in
-- [$1, $2) (a month per statement): one per patient who attended (present, late,
-- left early), written with the note; about 1.2% are left out of signed notes
-- (participant_note_missing). Participation, response and progress are drawn from
-- a small bank (participation by attendance status); the goals are those of the
-- patient's plan active that day that are open that day, each named with even
-- odds (possibly none).
-- Draws per (stay, session): 112 section left out, 113 participation, 114
-- response, 115 progress; per (stay, session_key * 10 + goal number): 116 goal named.
--
-- $1  the first day, ISO (inclusive)
-- $2  the last day, ISO (exclusive)
INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress, goal_ids, written_at)
SELECT sn.id, a.patient_id,
       CASE a.status
         WHEN 'late' THEN pg_temp.seed_pick(ARRAY[
             'Arrived late; joined the discussion once settled.',
             'Arrived late without explanation; quiet for the rest of the session.',
             'Arrived late (medication pass); caught up and shared briefly.'], pg_temp.seed_draw(113, e.stay_key, n.session_key))
         WHEN 'left_early' THEN pg_temp.seed_pick(ARRAY[
             'Left before the end for a medical appointment; participated until then.',
             'Left early, stating feeling unwell; encouraged to check in with nursing.',
             'Left early after becoming upset; staff followed up afterwards.'], pg_temp.seed_draw(113, e.stay_key, n.session_key))
         ELSE pg_temp.seed_pick(ARRAY[
             'Participated actively and shared about the past week.',
             'Attentive; spoke when invited.',
             'Shared openly about cravings since the last session.',
             'Quiet during the check-in; engaged in the exercise.',
             'Gave supportive feedback to peers.',
             'Shared a recent high-risk situation and how it was handled.'], pg_temp.seed_draw(113, e.stay_key, n.session_key)) END,
       pg_temp.seed_pick(ARRAY[
           'Receptive to feedback; identified one new coping skill.',
           'Became tearful when discussing family; accepted support from peers.',
           'Guarded; minimised use history when challenged.',
           'Engaged with the exercise and completed the worksheet.',
           'Expressed ambivalence about abstinence; explored pros and cons.',
           'Able to name two personal triggers.'], pg_temp.seed_draw(114, e.stay_key, n.session_key)),
       pg_temp.seed_pick(ARRAY[
           'Progressing toward plan goals; attends consistently.',
           'Some progress; still struggles to name triggers.',
           'Limited progress this session; will follow up individually.',
           'Good progress: practised a coping skill daily this week.',
           'Stable; plan continued.'], pg_temp.seed_draw(115, e.stay_key, n.session_key)),
       coalesce(g.goal_ids, '{}'),
       n.written_at
  FROM seed_note AS n
  JOIN carelog.session_note AS sn ON sn.session_id = n.session_id
  JOIN carelog.attendance AS a
    ON a.session_id = n.session_id
   AND carelog.counts_as_attended(a.status)
   AND a.session_month >= date_trunc('month', $1::date::timestamp)::date
   AND a.session_month < $2::date
  JOIN seed_episode AS e
    ON e.patient_id = a.patient_id AND n.local_day >= e.admitted_on AND n.local_day < e.eff_end
  LEFT JOIN carelog.treatment_plan AS tp ON tp.plan_code = e.plan_code
 CROSS JOIN LATERAL (
    SELECT array_agg(pg.id ORDER BY pg.id) AS goal_ids
      FROM carelog.plan_goal AS pg
     WHERE pg.plan_id = tp.id
       AND tp.created_on <= n.local_day AND (tp.closed_on IS NULL OR n.local_day < tp.closed_on)
       AND (pg.status = 'open' OR pg.status_on > n.local_day)
       AND pg_temp.seed_draw(116, e.stay_key, n.session_key * 10 + right(pg.goal_code, 1)::int) < 0.5
 ) AS g
 WHERE n.local_day >= $1::date
   AND n.local_day < $2::date
   AND NOT (n.status = 'signed' AND pg_temp.seed_draw(112, e.stay_key, n.session_key) < 0.012)
 ORDER BY sn.id, a.patient_id;

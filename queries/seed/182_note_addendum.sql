-- Addenda to about 1% of signed notes, by their signer 1–96 h after signing (never
-- after the seed's now): to the note as a whole, or to one patient's section
-- (about 0.2% of the sections of signed notes).
-- Draws per session (key session_key): 109 addendum, 110 its time, 111 its text;
-- per (stay, session): 117 a section's addendum, 110 and 111 as above.
INSERT INTO carelog.note_addendum (session_note_id, patient_id, body, author_id, added_at)
SELECT x.note_id, x.patient_id, x.body, x.author_id, x.added_at
  FROM (
    SELECT sn.id AS note_id, NULL::bigint AS patient_id,
           pg_temp.seed_pick(ARRAY[
               'Correction: the session ended ten minutes early because of a fire drill.',
               'Late entry: a peer''s disclosure was reported to the clinical director the same day.',
               'Clarification: the worksheet used was the revised relapse-prevention plan.'],
               pg_temp.seed_draw(111, n.session_key)) AS body,
           sn.signed_by_id AS author_id,
           n.signed_at + make_interval(mins => (60 + floor(pg_temp.seed_draw(110, n.session_key) * 95 * 60))::int) AS added_at,
           n.seed_now
      FROM seed_note AS n
      JOIN carelog.session_note AS sn ON sn.session_id = n.session_id
     WHERE n.status = 'signed' AND pg_temp.seed_draw(109, n.session_key) < 0.01
    UNION ALL
    SELECT sn.id, pn.patient_id,
           pg_temp.seed_pick(ARRAY[
               'Late entry: patient asked after the session to speak with the primary therapist; referral made.',
               'Correction: patient attended the whole session; the early departure was another participant''s.',
               'Addendum: patient reported a lapse the following morning; the primary therapist was informed.'],
               pg_temp.seed_draw(111, e.stay_key, n.session_key)),
           sn.signed_by_id,
           n.signed_at + make_interval(mins => (60 + floor(pg_temp.seed_draw(110, e.stay_key, n.session_key) * 95 * 60))::int),
           n.seed_now
      FROM seed_note AS n
      JOIN carelog.session_note AS sn ON sn.session_id = n.session_id
      JOIN carelog.participant_note AS pn ON pn.session_note_id = sn.id
      JOIN seed_episode AS e
        ON e.patient_id = pn.patient_id AND n.local_day >= e.admitted_on AND n.local_day < e.eff_end
     WHERE n.status = 'signed' AND pg_temp.seed_draw(117, e.stay_key, n.session_key) < 0.002
  ) AS x
 WHERE x.added_at <= x.seed_now
 ORDER BY x.note_id, x.patient_id NULLS FIRST;

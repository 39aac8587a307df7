-- The session notes (175_seed_note.sql decides which, and when they were written,
-- signed and co-signed): topic and interventions drawn from a small bank per kind
-- of group (group numbers as in 110_care_group.sql), the minutes held, the
-- service code of the kind of group (the 12-step meeting and relapse prevention
-- H0005, the process groups 90853, the intensive outpatient group H2035 by the
-- hour). Written by the session's facilitator, who signs it.
INSERT INTO carelog.session_note (session_id, topic, interventions, minutes, service_code_id, status, author_id,
                                  written_at, signed_by_id, signed_at, signer_credential, cosign_required,
                                  cosigned_by_id, cosigned_at)
SELECT n.session_id,
       CASE WHEN n.group_no = 1 THEN pg_temp.seed_pick(ARRAY[
                'Step One: powerlessness and unmanageability',
                'Step Two: coming to believe',
                'Step Three: turning it over',
                'Sponsorship and the home group',
                'Step Ten: daily inventory and gratitude',
                'Just for today: one day at a time'], pg_temp.seed_draw(104, n.session_key))
            WHEN n.group_no IN (7, 8, 9, 10, 12) THEN pg_temp.seed_pick(ARRAY[
                'High-risk situations and personal triggers',
                'Urge surfing and delaying tactics',
                'Building a written relapse-prevention plan',
                'Lapse versus relapse: the abstinence violation effect',
                'Refusal skills with friends and family',
                'HALT: hungry, angry, lonely, tired',
                'Sleep, routine and structure in recovery'], pg_temp.seed_draw(104, n.session_key))
            ELSE pg_temp.seed_pick(ARRAY[
                'Shame and self-forgiveness in early recovery',
                'Rebuilding trust with family',
                'Coping with cravings on the unit',
                'Grief and loss',
                'Anger: noticing it before acting on it',
                'Boundaries in relationships',
                'Who am I without using?'], pg_temp.seed_draw(104, n.session_key)) END,
       CASE WHEN n.group_no = 1 THEN pg_temp.seed_pick(ARRAY[
                'Twelve-step facilitation; reading from the Big Book; go-around sharing.',
                'Twelve-step facilitation; speaker share followed by discussion; sponsor list reviewed.',
                'Twelve-step facilitation; step reading and reflection questions; newcomers welcomed.'],
                pg_temp.seed_draw(105, n.session_key))
            WHEN n.group_no IN (7, 8, 9, 10, 12) THEN pg_temp.seed_pick(ARRAY[
                'CBT relapse prevention: mapping triggers to thoughts and actions; rehearsal of refusal skills.',
                'Mindfulness-based relapse prevention: guided urge-surfing exercise and debrief.',
                'Psychoeducation with worksheet; role play of high-risk situations; homework assigned.',
                'Motivational interviewing: decisional balance exercise; change talk elicited and reflected.'],
                pg_temp.seed_draw(105, n.session_key))
            ELSE pg_temp.seed_pick(ARRAY[
                'Process-oriented group therapy; reflective listening; peer feedback.',
                'CBT: thought records on recent situations; group feedback on alternative thoughts.',
                'DBT distress-tolerance skills (TIPP, self-soothing); practice in pairs.',
                'Psychoeducation; Socratic questioning; check-in and check-out rounds.'],
                pg_temp.seed_draw(105, n.session_key)) END,
       n.minutes,
       sc.id,
       n.status,
       n.facilitator_pk,
       n.written_at,
       CASE WHEN n.status = 'signed' THEN n.facilitator_pk END,
       n.signed_at,
       CASE WHEN n.status = 'signed' THEN n.credential END,
       n.status = 'signed' AND n.credential IS NULL,
       CASE WHEN n.cosigned_at IS NOT NULL THEN n.director_pk END,
       n.cosigned_at
  FROM seed_note n
  JOIN carelog.service_code AS sc
    ON sc.code = CASE WHEN n.group_no IN (2, 3, 4, 5, 6) THEN '90853' WHEN n.group_no = 11 THEN 'H2035' ELSE 'H0005' END
 ORDER BY n.session_id;

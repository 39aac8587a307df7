-- The open 12-step meeting's rolls (sql/019): each held, recorded session of an
-- open group that has sign-ins is closed by its facilitator at the time of its last
-- record (so never after 09:00 of the demo's today, 130_seed_session.sql). A
-- recorded session nobody signed in to is left open, like the sessions never
-- recorded, so both stay documentation gaps; so is every session of the demo's
-- today from 09:00 on (141_seed_held.sql): its roll is still to be taken.
INSERT INTO carelog.roll_closure (session_id, closed_by_id, closed_at)
SELECT h.session_id, h.facilitator_pk, max(a.recorded_at)
  FROM seed_held AS h
  JOIN carelog.group_session AS gs ON gs.id = h.session_id
  JOIN carelog.care_group AS g ON g.id = gs.group_id AND g.kind = 'open'
  JOIN carelog.attendance AS a ON a.session_id = h.session_id
 GROUP BY h.session_id, h.facilitator_pk
 ORDER BY h.session_id;

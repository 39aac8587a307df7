-- `note save`: stores or replaces a session's draft (a signed note refuses it, in
-- the database: sql/018). The server stamps author and time. Returns the note's id.
-- $1: the session id; $2: topic; $3: interventions; $4: minutes; $5: the service code.
INSERT INTO carelog.session_note (session_id, topic, interventions, minutes, service_code_id)
VALUES ($1, $2, $3, $4, (SELECT sc.id FROM carelog.service_code AS sc WHERE sc.code = $5))
ON CONFLICT ON CONSTRAINT session_note_session_key DO UPDATE
   SET topic = excluded.topic, interventions = excluded.interventions, minutes = excluded.minutes,
       service_code_id = excluded.service_code_id
RETURNING id

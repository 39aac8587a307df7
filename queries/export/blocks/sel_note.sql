-- Shared block of the export: the notes of the exported sessions (sql/018).
-- uses: sel_session
sel_note AS (
    SELECT n.*
      FROM carelog.session_note AS n
     WHERE n.session_id IN (SELECT id FROM sel_session)
)

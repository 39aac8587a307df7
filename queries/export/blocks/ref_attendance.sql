-- Shared block of the export: the patients and recorders of the period's attendance.
-- uses: sel_session
ref_attendance AS (
    SELECT DISTINCT a.patient_id, a.recorded_by_id
      FROM sel_session AS gs
      JOIN carelog.attendance AS a ON a.session_id = gs.id
)

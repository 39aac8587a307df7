-- Shared block of the export: the patients the exported rows refer to.
-- uses: sel_episode sel_assignment sel_plan sel_enrollment ref_attendance sel_assessment sel_screen
ref_patient AS (
    SELECT patient_id FROM sel_episode
    UNION SELECT patient_id FROM sel_assignment
    UNION SELECT patient_id FROM sel_plan
    UNION SELECT patient_id FROM sel_enrollment
    UNION SELECT patient_id FROM ref_attendance
    UNION SELECT patient_id FROM sel_assessment
    UNION SELECT patient_id FROM sel_screen
)

-- Shared block of the export: the patients the exported rows refer to (under --basis
-- consent, only those with an active consent: group-side rows name other patients too).
-- uses: x disclosable sel_episode sel_assignment sel_plan sel_enrollment ref_attendance sel_assessment sel_screen sel_consent
ref_patient AS (
    SELECT r.patient_id
      FROM (SELECT patient_id FROM sel_episode
            UNION SELECT patient_id FROM sel_assignment
            UNION SELECT patient_id FROM sel_plan
            UNION SELECT patient_id FROM sel_enrollment
            UNION SELECT patient_id FROM ref_attendance
            UNION SELECT patient_id FROM sel_assessment
            UNION SELECT patient_id FROM sel_screen
            UNION SELECT patient_id FROM sel_consent) AS r
     WHERE (SELECT consent_recipient FROM x) IS NULL OR r.patient_id IN (SELECT patient_id FROM disclosable)
)

-- Shared block of the export: the staff members the exported rows refer to.
-- uses: sel_assignment sel_plan sel_review ref_group sel_session ref_attendance
ref_staff AS (
    SELECT therapist_id AS staff_id FROM sel_assignment
    UNION SELECT author_id FROM sel_plan
    UNION SELECT reviewer_id FROM sel_review
    UNION SELECT g.facilitator_id FROM carelog.care_group AS g
           WHERE g.id IN (SELECT group_id FROM ref_group) AND g.facilitator_id IS NOT NULL
    UNION SELECT facilitator_id FROM sel_session
    UNION SELECT recorded_by_id FROM ref_attendance
)

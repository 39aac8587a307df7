-- Shared block of the export: the staff members the exported rows refer to.
-- uses: sel_assignment sel_plan sel_review ref_group sel_session ref_attendance sel_note
ref_staff AS (
    SELECT therapist_id AS staff_id FROM sel_assignment
    UNION SELECT author_id FROM sel_plan
    UNION SELECT reviewer_id FROM sel_review
    UNION SELECT g.facilitator_id FROM carelog.care_group AS g
           WHERE g.id IN (SELECT group_id FROM ref_group) AND g.facilitator_id IS NOT NULL
    UNION SELECT facilitator_id FROM sel_session
    UNION SELECT recorded_by_id FROM ref_attendance
    UNION SELECT author_id FROM sel_note
    UNION SELECT signed_by_id FROM sel_note WHERE signed_by_id IS NOT NULL
    UNION SELECT cosigned_by_id FROM sel_note WHERE cosigned_by_id IS NOT NULL
    UNION SELECT na.author_id FROM carelog.note_addendum AS na WHERE na.session_note_id IN (SELECT id FROM sel_note)
)

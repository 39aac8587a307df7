-- Shared block of the export: the groups the exported rows refer to.
-- uses: sel_session sel_enrollment
ref_group AS (
    SELECT group_id FROM sel_session
    UNION SELECT group_id FROM sel_enrollment
)

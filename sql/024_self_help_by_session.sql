-- =============================================================================
-- carelog — 024_self_help_by_session.sql: self-help meetings counted from the
-- patient's attendance, each session looked up by its key
-- =============================================================================
--
-- carelog.self_help_meetings (sql/022) is called once per discharged episode by the
-- noms and teds-discharges reports and by patient show. Its join of attendance to
-- group_session left the planner, which plans the body once for any patient and date,
-- free to hash every group session of the whole history on each call (3 ms with 36
-- months, 1 ms with 12): `report monthly` became 1.55x slower with 36 months of
-- history than with 12 (scripts/bench-history), against the target of no slower.
-- The same count, with the same rule and under the caller's row security, now starts
-- from the patient's attendance records of the months concerned and looks up each
-- one's session by its primary key (a scalar subquery, which PostgreSQL does not turn
-- into a join): 0.6 ms a call whatever the history. A session the caller may not see
-- counts as before: not at all.
-- =============================================================================

CREATE OR REPLACE FUNCTION carelog.self_help_meetings(patient_id bigint, discharged_on date) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
        SELECT count(*)
          FROM carelog.attendance AS a
         WHERE a.patient_id = self_help_meetings.patient_id
           AND carelog.counts_as_attended(a.status)
           AND a.session_month BETWEEN date_trunc('month', self_help_meetings.discharged_on - 31)::date
                                   AND date_trunc('month', self_help_meetings.discharged_on + 1)::date
           AND (SELECT carelog.is_mutual_help(g.modality)
                       AND carelog.site_local_date(gs.starts_at, st.timezone)
                           BETWEEN self_help_meetings.discharged_on - 30 AND self_help_meetings.discharged_on
                  FROM carelog.group_session AS gs
                  JOIN carelog.care_group AS g ON g.id = gs.group_id
                  JOIN carelog.site AS st ON st.id = g.site_id
                 WHERE gs.id = a.session_id);
    END;

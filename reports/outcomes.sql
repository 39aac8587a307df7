-- name: outcomes
-- title: Discharge outcomes
-- description: Discharges of the period by site and discharge reason, then one 'total' row per site and (without --site) one grand total row 'all'/'total': share, median length of stay, completion and positive-outcome rates, readmissions within 30 days, PHQ-9/GAD-7 change, positive screens, completion rate by adherence band.
-- parameters: period_start date, period_end date, site_code text
-- columns: site_code:code, discharge_reason:code, discharges:count, share_pct:percent, median_length_of_stay_days:number(discharges), completion_rate_pct:percent, positive_outcome_rate_pct:percent, readmitted_within_30d:count, avg_phq9_change:number(discharges), avg_gad7_change:number(discharges), positive_screen_rate_pct:percent, completion_rate_lt50_pct:percent, completion_rate_50_79_pct:percent, completion_rate_ge80_pct:percent
-- column site_code: The patient's site; --site selects on it; 'all' on the grand total row, which is printed only without --site.
-- column discharge_reason: completed, left_against_advice, terminated_by_facility, transferred, incarcerated, death or other (a row per reason with a discharge); 'total' on each site's total row and on the grand total row.
-- column discharges: Episodes discharged in the period (discharged_on in the calendar month) with the row's reason (any, on total rows). --min-cell applies. Where a total would give a hidden cell back, another is hidden too (*).
-- column share_pct: discharges / all discharges of the same site × 100, one decimal, half away from zero; 100.0 on total rows; --min-cell empties it when a count of its row, or on a total row of a part, is hidden.
-- column median_length_of_stay_days: percentile_cont(0.5) of discharged_on − admitted_on in days (1 for a same-day stay), one decimal, half away from zero; --min-cell empties it with discharges or, on a total row, any hidden part.
-- column completion_rate_pct: Discharges with reason completed / discharges × 100, one decimal, half away from zero; --min-cell as share_pct.
-- column positive_outcome_rate_pct: Discharges with reason completed or transferred / discharges × 100, one decimal, half away from zero; --min-cell as share_pct.
-- column readmitted_within_30d: Discharges of the row whose patient has another episode admitted 0 to 30 days after the discharge date (it may lie after the period). --min-cell applies.
-- column avg_phq9_change: Mean of last − first PHQ-9 score (admission to discharge day) over the row's episodes with two or more (negative = better); one decimal, half away from zero; empty if none; --min-cell as the median.
-- column avg_gad7_change: Mean of last − first GAD-7 score (admission to discharge day) over the row's episodes with two or more (negative = better); one decimal, half away from zero; empty if none; --min-cell as the median.
-- column positive_screen_rate_pct: Positive / all drug screens (dilute and refused too) of the row's episodes, admission to discharge day, × 100, one decimal, half away from zero; empty if none; --min-cell as share_pct.
-- column completion_rate_lt50_pct: Completed % of the row's episodes with attended / required sessions of the episode under 50 % (none required: no band); one decimal, half away from zero; empty if none; --min-cell as share_pct.
-- column completion_rate_50_79_pct: Completed % of the row's episodes with attended / required sessions 50 % to under 80 % (as in completion_rate_lt50_pct); one decimal, half away from zero, empty if none; --min-cell as share_pct.
-- column completion_rate_ge80_pct: Completed % of the row's episodes with attended / required sessions 80 % or more (as in completion_rate_lt50_pct); one decimal, half away from zero, empty if none; --min-cell as share_pct.
--
-- Rows: one per (site, discharge reason) with at least one discharge in the period,
-- ordered by reason; then that site's row with discharge_reason 'total'; after all
-- sites, one row site_code 'all', discharge_reason 'total' -- only when no --site is
-- given (with --site it would repeat the site's total row). No discharge, no row.
--
-- Definitions (docs/reports.md). The rows are discharges: episodes with discharged_on in
-- [$1, $2), of patients of the site. An episode's "window" is [admitted_on,
-- discharged_on], both days included, for scores and screens.
--   * share_pct: the row's discharges / all discharges of the same site; 100.0 on
--     the site's total row and on the grand total row.
--   * median_length_of_stay_days: percentile_cont(0.5) of discharged_on - admitted_on,
--     counted as 1 for a same-day stay (TEDS).
--   * completion_rate_pct: reason 'completed' / discharges of the row;
--     positive_outcome_rate_pct: 'completed' or 'transferred' / discharges.
--   * readmitted_within_30d: discharges of the row whose patient has another
--     episode with 0 <= admitted_on - discharged_on <= 30 (it may lie after the period).
--   * avg_phq9_change / avg_gad7_change: mean over the row's episodes of (score of
--     the last administration in the window - score of the first); episodes with
--     fewer than two scores of that instrument are left out; empty when none is left.
--   * positive_screen_rate_pct: positive screens / all screens (any result,
--     dilute and refused included) collected in the windows of the row's episodes.
--   * completion_rate_*_pct: adherence over the episode = attended sessions
--     (carelog.counts_as_attended; any group; session on a site-local date in
--     [admitted_on, discharged_on)) / required sessions, where required =
--     carelog.required_sessions of the sum over the requirements of the patient's
--     plans of sessions_per_week x (days of the episode, [admitted_on,
--     discharged_on), on which the plan is active), as patient-participation.
--     Bands: < 50 %, 50 % to < 80 %, >= 80 %, on the exact ratio. An episode with no
--     required session (no plan, or a same-day stay) is in no band. The rate is
--     'completed' / discharges of the band in the row; empty when the band is empty.
--   Percentages and averages are rounded to one decimal, half away from zero.
WITH discharged AS (
    SELECT e.id AS episode_id, e.patient_id, st.site_code AS site,
           e.discharge_reason AS reason, e.admitted_on, e.discharged_on,
           greatest(e.discharged_on - e.admitted_on, 1) AS length_of_stay
      FROM carelog.episode AS e
      JOIN carelog.patient AS pt ON pt.id = e.patient_id
      JOIN carelog.site    AS st ON st.id = pt.site_id
     WHERE e.discharged_on >= $1::date AND e.discharged_on < $2::date
       AND ($3::text IS NULL OR st.site_code = $3::text)
),
readmitted AS (
    SELECT d.episode_id
      FROM discharged AS d
     WHERE EXISTS (SELECT 1
                     FROM carelog.episode AS n
                    WHERE n.patient_id = d.patient_id
                      AND n.id <> d.episode_id
                      AND n.admitted_on >= d.discharged_on
                      AND n.admitted_on <= d.discharged_on + 30)
),
score_change AS (
    SELECT d.episode_id,
           max(c.change) FILTER (WHERE c.instrument = 'PHQ-9') AS phq9_change,
           max(c.change) FILTER (WHERE c.instrument = 'GAD-7') AS gad7_change
      FROM discharged AS d
      JOIN LATERAL (
            SELECT a.instrument,
                   (array_agg(a.score ORDER BY a.administered_on DESC))[1]
                 - (array_agg(a.score ORDER BY a.administered_on))[1] AS change
              FROM carelog.assessment AS a
             WHERE a.patient_id = d.patient_id
               AND a.instrument IN ('PHQ-9', 'GAD-7')
               AND a.administered_on >= d.admitted_on
               AND a.administered_on <= d.discharged_on
             GROUP BY a.instrument
            HAVING count(*) >= 2
           ) AS c ON true
     GROUP BY d.episode_id
),
screens AS (
    SELECT d.episode_id,
           count(*)                                    AS screens,
           count(*) FILTER (WHERE s.result = 'positive') AS positive_screens
      FROM discharged AS d
      JOIN carelog.drug_screen AS s
        ON s.patient_id = d.patient_id
       AND s.collected_on >= d.admitted_on
       AND s.collected_on <= d.discharged_on
     GROUP BY d.episode_id
),
group_zone AS MATERIALIZED (
    SELECT g.id AS group_id, gst.timezone
      FROM carelog.care_group AS g
      JOIN carelog.site       AS gst ON gst.id = g.site_id
),
patient_attended AS MATERIALIZED (
    -- All attended records of the discharged patients, fetched in one bitmap scan
    -- (patient_id = ANY) rather than one index scan per patient.
    SELECT a.patient_id, gs.group_id, gs.starts_at
      FROM carelog.attendance    AS a
      JOIN carelog.group_session AS gs ON gs.id = a.session_id
     WHERE a.patient_id = ANY (ARRAY(SELECT d.patient_id FROM discharged AS d))
       AND carelog.counts_as_attended(a.status)
),
attended AS (
    SELECT d.episode_id, count(*) AS attended
      FROM discharged AS d
      JOIN patient_attended AS pa ON pa.patient_id = d.patient_id
      JOIN group_zone       AS gz ON gz.group_id = pa.group_id
     WHERE carelog.site_local_date(pa.starts_at, gz.timezone) >= d.admitted_on
       AND carelog.site_local_date(pa.starts_at, gz.timezone) <  d.discharged_on
     GROUP BY d.episode_id
),
required AS (
    SELECT d.episode_id,
           carelog.required_sessions(
               sum(r.sessions_per_week
                   * greatest(0, least(d.discharged_on, coalesce(tp.closed_on, d.discharged_on))
                                 - greatest(d.admitted_on, tp.created_on)))) AS required
      FROM discharged AS d
      JOIN carelog.treatment_plan   AS tp ON tp.patient_id = d.patient_id
      JOIN carelog.plan_requirement AS r  ON r.plan_id = tp.id
     GROUP BY d.episode_id
),
episode_row AS (
    SELECT d.site, d.reason, d.length_of_stay,
           count(*) OVER (PARTITION BY d.site)          AS site_discharges,
           d.reason = 'completed'                       AS completed,
           d.reason IN ('completed', 'transferred')     AS positive_outcome,
           rd.episode_id IS NOT NULL                    AS readmitted,
           sc.phq9_change, sc.gad7_change,
           coalesce(s.screens, 0)                       AS screens,
           coalesce(s.positive_screens, 0)              AS positive_screens,
           CASE
               WHEN coalesce(rq.required, 0) = 0 THEN NULL
               WHEN coalesce(at.attended, 0) < 0.5 * rq.required THEN 'lt50'
               WHEN coalesce(at.attended, 0) < 0.8 * rq.required THEN '50_79'
               ELSE 'ge80'
           END AS band
      FROM discharged AS d
      LEFT JOIN readmitted   AS rd ON rd.episode_id = d.episode_id
      LEFT JOIN score_change AS sc ON sc.episode_id = d.episode_id
      LEFT JOIN screens      AS s  ON s.episode_id  = d.episode_id
      LEFT JOIN attended     AS at ON at.episode_id = d.episode_id
      LEFT JOIN required     AS rq ON rq.episode_id = d.episode_id
)
SELECT CASE WHEN GROUPING(er.site) = 1 THEN 'all' ELSE er.site END           AS site_code,
       CASE WHEN GROUPING(er.reason) = 1 THEN 'total' ELSE er.reason END     AS discharge_reason,
       count(*)                                                              AS discharges,
       round(100.0 * count(*)
             / CASE WHEN GROUPING(er.site) = 1 THEN count(*) ELSE max(er.site_discharges) END,
             1)                                                              AS share_pct,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY er.length_of_stay))::numeric, 1)
                                                                             AS median_length_of_stay_days,
       round(100.0 * count(*) FILTER (WHERE er.completed) / count(*), 1)     AS completion_rate_pct,
       round(100.0 * count(*) FILTER (WHERE er.positive_outcome) / count(*), 1)
                                                                             AS positive_outcome_rate_pct,
       count(*) FILTER (WHERE er.readmitted)                                 AS readmitted_within_30d,
       round(avg(er.phq9_change), 1)                                         AS avg_phq9_change,
       round(avg(er.gad7_change), 1)                                         AS avg_gad7_change,
       round(100.0 * sum(er.positive_screens) / nullif(sum(er.screens), 0), 1)
                                                                             AS positive_screen_rate_pct,
       round(100.0 * count(*) FILTER (WHERE er.band = 'lt50' AND er.completed)
             / nullif(count(*) FILTER (WHERE er.band = 'lt50'), 0), 1)       AS completion_rate_lt50_pct,
       round(100.0 * count(*) FILTER (WHERE er.band = '50_79' AND er.completed)
             / nullif(count(*) FILTER (WHERE er.band = '50_79'), 0), 1)      AS completion_rate_50_79_pct,
       round(100.0 * count(*) FILTER (WHERE er.band = 'ge80' AND er.completed)
             / nullif(count(*) FILTER (WHERE er.band = 'ge80'), 0), 1)       AS completion_rate_ge80_pct
  FROM episode_row AS er
 GROUP BY GROUPING SETS ((er.site, er.reason), (er.site), ())
HAVING count(*) > 0
   AND ($3::text IS NULL OR GROUPING(er.site) = 0)
 ORDER BY GROUPING(er.site), er.site, GROUPING(er.reason), er.reason

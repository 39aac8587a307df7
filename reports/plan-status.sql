-- name: plan-status
-- title: Treatment plan status
-- description: One row per site (every site, also one without plans; no totals row, the renderer adds it): plans active on the period's last day, reviews done in the period, active plans overdue for review at period end, goals met / partially met / not met in the period, open goals of active plans, goal attainment.
-- parameters: period_start date, period_end date, site_code text
-- columns: site_code:code, active_plans_end:count, reviews_done:count, reviews_overdue_end:count, goals_met:count, goals_partially_met:count, goals_not_met:count, goals_open_end:count, goal_attainment_pct:percent(goals_met/goals_met+goals_partially_met+goals_not_met)
-- column site_code: The site: one row for every site (also one without plans), or only the --site one. A plan belongs to its patient's site. The period is a calendar month; 'last day' is its last day.
-- column active_plans_end: Treatment plans active on the period's last day: created on or before it, and not closed or closed after it (the closing day is outside). --min-cell applies.
-- column reviews_done: Plan reviews dated in the period, each review counted, whatever the state of its plan. --min-cell applies.
-- column reviews_overdue_end: Plans active on the last day whose review was due before it; due = (latest review on or before the last day, else the plan's created_on) + review_interval_days. --min-cell applies.
-- column goals_met: Goals of any plan of the site's patients whose current status is met, with its status date (status_on) in the period; numerator of goal_attainment_pct. --min-cell applies.
-- column goals_partially_met: Goals of any plan of the site's patients whose current status is partially_met, with its status date (status_on) in the period. --min-cell applies.
-- column goals_not_met: Goals of any plan of the site's patients whose current status is not_met, with its status date (status_on) in the period. --min-cell applies.
-- column goals_open_end: Goals with status open (as stored when the report runs) of the plans active on the last day. --min-cell applies.
-- column goal_attainment_pct: goals_met / (goals_met + goals_partially_met + goals_not_met) × 100, one decimal, half away from zero; discontinued goals in neither; empty when 0 / 0; --min-cell empties it when one is hidden.
--
-- Definitions (docs/reports.md; $1 = first day, $2 = first day of the next month, last day = $2 - 1):
--   * A plan belongs to the site of its patient.
--   * active_plans_end: plans active on the last day (created_on <= last day and
--     (closed_on null or last day < closed_on)).
--   * reviews_done: plan reviews with reviewed_on in [$1, $2), whatever the plan's state.
--   * reviews_overdue_end: plans active on the last day whose review is due before
--     it; due = (latest review on or before the last day, or created_on when there is
--     none) + review_interval_days. A review dated after the period does not count.
--   * goals_met / goals_partially_met / goals_not_met: goals whose current status is
--     that one and whose status_on is in the period. Discontinued goals are in no column.
--   * goals_open_end: goals with status open of the plans active on the last day.
--   * goal_attainment_pct: met / (met + partially met + not met), one decimal,
--     half away from zero; empty when there is none.
WITH site_scope AS (
    SELECT st.id, st.site_code
      FROM carelog.site AS st
     WHERE ($3::text IS NULL OR st.site_code = $3::text)
),
plan AS (
    SELECT tp.id, pt.site_id, tp.created_on, tp.review_interval_days,
           (tp.created_on <= $2::date - 1
            AND (tp.closed_on IS NULL OR $2::date - 1 < tp.closed_on)) AS active_end
      FROM carelog.treatment_plan AS tp
      JOIN carelog.patient AS pt ON pt.id = tp.patient_id
      JOIN site_scope AS s ON s.id = pt.site_id
),
plan_reviews AS (
    SELECT pl.site_id,
           count(*) AS reviews_done
      FROM plan AS pl
      JOIN carelog.plan_review AS r ON r.plan_id = pl.id
     WHERE r.reviewed_on >= $1::date AND r.reviewed_on < $2::date
     GROUP BY pl.site_id
),
overdue AS (
    SELECT pl.site_id,
           count(*) FILTER (
               WHERE coalesce(lr.last_review, pl.created_on) + pl.review_interval_days < $2::date - 1
           ) AS reviews_overdue_end,
           count(*) AS active_plans_end
      FROM plan AS pl
      LEFT JOIN LATERAL (
            SELECT max(r.reviewed_on) AS last_review
              FROM carelog.plan_review AS r
             WHERE r.plan_id = pl.id AND r.reviewed_on <= $2::date - 1
           ) AS lr ON true
     WHERE pl.active_end
     GROUP BY pl.site_id
),
goals AS (
    SELECT pl.site_id,
           count(*) FILTER (WHERE g.status = 'met'
                              AND g.status_on >= $1::date AND g.status_on < $2::date) AS goals_met,
           count(*) FILTER (WHERE g.status = 'partially_met'
                              AND g.status_on >= $1::date AND g.status_on < $2::date) AS goals_partially_met,
           count(*) FILTER (WHERE g.status = 'not_met'
                              AND g.status_on >= $1::date AND g.status_on < $2::date) AS goals_not_met,
           count(*) FILTER (WHERE g.status = 'open' AND pl.active_end)              AS goals_open_end
      FROM plan AS pl
      JOIN carelog.plan_goal AS g ON g.plan_id = pl.id
     GROUP BY pl.site_id
)
SELECT s.site_code,
       coalesce(o.active_plans_end, 0)     AS active_plans_end,
       coalesce(r.reviews_done, 0)         AS reviews_done,
       coalesce(o.reviews_overdue_end, 0)  AS reviews_overdue_end,
       coalesce(g.goals_met, 0)            AS goals_met,
       coalesce(g.goals_partially_met, 0)  AS goals_partially_met,
       coalesce(g.goals_not_met, 0)        AS goals_not_met,
       coalesce(g.goals_open_end, 0)       AS goals_open_end,
       round(100.0 * g.goals_met
             / nullif(g.goals_met + g.goals_partially_met + g.goals_not_met, 0), 1) AS goal_attainment_pct
  FROM site_scope AS s
  LEFT JOIN plan_reviews AS r ON r.site_id = s.id
  LEFT JOIN overdue      AS o ON o.site_id = s.id
  LEFT JOIN goals        AS g ON g.site_id = s.id
 ORDER BY s.site_code

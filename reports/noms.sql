-- name: noms
-- title: National Outcome Measures, admission to discharge
-- description: Discharges of the period by site and NOMs domain (abstinence from the primary substance, employment, stable housing, no arrests, self-help attendance, retention), then (without --site) one row 'all' per domain: how many had the outcome at admission and at discharge, as counts, percentages and the percentage-point change.
-- parameters: period_start date, period_end date, site_code text
-- totals: none
-- columns: site_code:code, domain:code, episodes:count, at_admission:count, at_discharge:count, admission_pct:percent(at_admission/episodes), discharge_pct:percent(at_discharge/episodes), change_pp:number(at_admission/at_discharge/episodes)
-- column site_code: The patient's site; --site selects on it; 'all' on the six rows over all sites, printed only without --site.
-- column domain: abstinence, employment, stable_housing, no_arrests, self_help or retention (docs/teds.md, "The noms report's domains").
-- column episodes: Discharges of the period (discharged_on in the month) whose item is known (recorded, not -9) at admission and at discharge; every discharge for retention. --min-cell applies; a hidden cell a total would give back hides another (*).
-- column at_admission: Of episodes, those with the outcome at admission (self-help: as entered); empty for retention. --min-cell applies.
-- column at_discharge: Of episodes, those with the outcome at discharge (self-help: computed from mutual-help attendance in the 30 days before discharge; retention: completed). --min-cell applies.
-- column admission_pct: at_admission / episodes × 100, one decimal, half away from zero; empty without episodes; --min-cell empties it with a hidden source.
-- column discharge_pct: at_discharge / episodes × 100, one decimal, half away from zero; empty without episodes; --min-cell as admission_pct.
-- column change_pp: (at_discharge − at_admission) / episodes × 100 in percentage points, one decimal, half away from zero; empty for retention; --min-cell empties it when any of its three counts is hidden.
--
-- Rows: six per site with at least one discharge in the period, in the order of
-- the domains below; after all sites, six rows site_code 'all' -- only when no --site
-- is given. No discharge, no row.
--
-- Definitions (docs/reports.md, docs/teds.md). The discharges are episodes with
-- discharged_on in [$1, $2), of patients of the site; their measures are the
-- outcome_measure rows of time points admission and discharge (TEDS codes; -9 and
-- an item not recorded are unknown). For each domain, episodes counts the discharges
-- whose item is known at both time points; at_admission / at_discharge those of them
-- with the outcome at that time point:
--   * abstinence: use_frequency 1 (no use of the primary substance in the past month);
--   * employment: employment 1 or 2 (full-time or part-time);
--   * stable_housing: living_arrangement 2 or 3 (not homeless);
--   * no_arrests: arrests 0 (none in the past 30 days);
--   * self_help: self-help attendance 2 to 5 (any) -- at admission as entered; at
--     discharge as computed from attendance at mutual-help groups in the 30 days
--     before discharge (carelog.self_help_meetings, carelog.teds_self_help_code),
--     which is always known;
--   * retention: every discharge; at_discharge those completed (discharge reason
--     'completed'); nothing at admission (empty, as are its percentage and change).
-- admission_pct, discharge_pct: 100 x at_admission / episodes, at_discharge /
-- episodes; change_pp: discharge_pct - admission_pct on the unrounded ratios. Rounded
-- to one decimal, half away from zero.
--
-- discharged is MATERIALIZED so that self_help_meetings runs once per discharge in a
-- scan of its own. Folded into outcome, the call would sit in the lateral VALUES list,
-- whose expressions PostgreSQL builds afresh for every outer row: a new call site each
-- time, so the function's body was planned again on every call (2.4 ms a call with 36
-- monthly attendance partitions, against 0.6 ms; docs/benchmarks.md).
WITH discharged AS MATERIALIZED (
    SELECT e.id AS episode_id, e.patient_id, st.site_code AS site, e.discharged_on, e.discharge_reason,
           a.use_frequency AS a_use, d.use_frequency AS d_use,
           a.employment AS a_employment, d.employment AS d_employment,
           a.living_arrangement AS a_living, d.living_arrangement AS d_living,
           a.arrests AS a_arrests, d.arrests AS d_arrests,
           a.self_help_frequency AS a_self_help,
           carelog.teds_self_help_code(carelog.self_help_meetings(e.patient_id, e.discharged_on)) AS d_self_help
      FROM carelog.episode AS e
      JOIN carelog.patient AS pt ON pt.id = e.patient_id
      JOIN carelog.site    AS st ON st.id = pt.site_id
      LEFT JOIN carelog.outcome_measure AS a ON a.episode_id = e.id AND a.time_point = 'admission'
      LEFT JOIN carelog.outcome_measure AS d ON d.episode_id = e.id AND d.time_point = 'discharge'
     WHERE e.discharged_on >= $1::date AND e.discharged_on < $2::date
       AND ($3::text IS NULL OR st.site_code = $3::text)
),
-- One row per discharge and domain: the outcome at admission and at discharge
-- (NULL: unknown).
outcome AS (
    SELECT d.site, o.position, o.domain, o.at_admission, o.at_discharge
      FROM discharged AS d
     CROSS JOIN LATERAL (VALUES
            (1, 'abstinence',
             CASE WHEN d.a_use > 0 THEN d.a_use = 1 END, CASE WHEN d.d_use > 0 THEN d.d_use = 1 END),
            (2, 'employment',
             CASE WHEN d.a_employment > 0 THEN d.a_employment IN (1, 2) END,
             CASE WHEN d.d_employment > 0 THEN d.d_employment IN (1, 2) END),
            (3, 'stable_housing',
             CASE WHEN d.a_living > 0 THEN d.a_living IN (2, 3) END, CASE WHEN d.d_living > 0 THEN d.d_living IN (2, 3) END),
            (4, 'no_arrests',
             CASE WHEN d.a_arrests >= 0 THEN d.a_arrests = 0 END, CASE WHEN d.d_arrests >= 0 THEN d.d_arrests = 0 END),
            (5, 'self_help',
             CASE WHEN d.a_self_help > 0 THEN d.a_self_help >= 2 END, d.d_self_help >= 2),
            (6, 'retention', true, d.discharge_reason = 'completed')
          ) AS o(position, domain, at_admission, at_discharge)
),
counted AS (
    SELECT o.site, o.position, o.domain,
           count(*) FILTER (WHERE o.at_admission IS NOT NULL AND o.at_discharge IS NOT NULL) AS episodes,
           CASE WHEN o.domain <> 'retention'
                THEN count(*) FILTER (WHERE o.at_admission AND o.at_discharge IS NOT NULL) END AS at_admission,
           count(*) FILTER (WHERE o.at_admission IS NOT NULL AND o.at_discharge) AS at_discharge,
           GROUPING(o.site) AS is_total
      FROM outcome AS o
     GROUP BY GROUPING SETS ((o.site, o.position, o.domain), (o.position, o.domain))
    HAVING GROUPING(o.site) = 0 OR $3::text IS NULL
)
SELECT CASE WHEN c.is_total = 1 THEN 'all' ELSE c.site END AS site_code,
       c.domain,
       c.episodes,
       c.at_admission,
       c.at_discharge,
       round(100.0 * c.at_admission / nullif(c.episodes, 0), 1) AS admission_pct,
       round(100.0 * c.at_discharge / nullif(c.episodes, 0), 1) AS discharge_pct,
       round(100.0 * (c.at_discharge - c.at_admission) / nullif(c.episodes, 0), 1) AS change_pp
  FROM counted AS c
 ORDER BY c.is_total, c.site, c.position

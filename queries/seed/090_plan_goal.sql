-- Three goals per plan, due 30, 60 and 90 days after it was written. Their status
-- depends on how the stay ended: most goals of completers are met; open episodes
-- have met some goals after three weeks.
-- Draws per (stay, goal number): 51 status, 52 the day it was reached.
INSERT INTO carelog.plan_goal (plan_id, goal_code, domain, description, target_date, status, status_on)
SELECT tp.id, 'G' || g.n, g.domain, g.description, e.plan_on + 30 * g.n,
       s.status, CASE WHEN s.status <> 'open' THEN s.status_on END
  FROM seed_episode e
  JOIN carelog.treatment_plan tp ON tp.plan_code = e.plan_code
 CROSS JOIN (VALUES (1, 'substance_use',    'Abstain from all non-prescribed substances; identify and manage triggers'),
                    (2, 'mental_health',    'Reduce depressive and anxiety symptoms; practise two coping skills daily'),
                    (3, 'recovery_support', 'Build a sober support network: sponsor, home group, family session'))
         AS g(n, domain, description)
 CROSS JOIN LATERAL (
    SELECT CASE
             WHEN e.discharged_on IS NULL THEN
               CASE WHEN pg_temp.seed_end() - e.plan_on >= 21 AND pg_temp.seed_draw(51, e.stay_key, g.n) < 0.30 THEN 'met'
                    WHEN pg_temp.seed_end() - e.plan_on >= 21 AND pg_temp.seed_draw(51, e.stay_key, g.n) < 0.40 THEN 'partially_met'
                    ELSE 'open' END
             WHEN e.discharge_reason = 'completed' THEN
               CASE WHEN pg_temp.seed_draw(51, e.stay_key, g.n) < 0.60 THEN 'met'
                    WHEN pg_temp.seed_draw(51, e.stay_key, g.n) < 0.85 THEN 'partially_met'
                    WHEN pg_temp.seed_draw(51, e.stay_key, g.n) < 0.95 THEN 'not_met'
                    ELSE 'discontinued' END
             ELSE
               CASE WHEN pg_temp.seed_draw(51, e.stay_key, g.n) < 0.15 THEN 'met'
                    WHEN pg_temp.seed_draw(51, e.stay_key, g.n) < 0.35 THEN 'partially_met'
                    WHEN pg_temp.seed_draw(51, e.stay_key, g.n) < 0.65 THEN 'not_met'
                    ELSE 'discontinued' END
           END AS status,
           e.plan_on + floor((e.eff_end - 1 - e.plan_on) * (0.4 + 0.6 * pg_temp.seed_draw(52, e.stay_key, g.n)))::int AS status_on
 ) AS s
 ORDER BY tp.plan_code, g.n;

-- Weekly drug screens (the first within three days of admission); the positive
-- rate falls over the stay and is higher for those who leave against advice.
-- Draws per (stay, week j): 90 day of the week, 91 result, 92 substances.
INSERT INTO carelog.drug_screen (patient_id, collected_on, result, substances)
SELECT e.patient_id, s.collected_on, s.result,
       CASE WHEN s.result = 'positive'
            THEN pg_temp.seed_pick(ARRAY['opioids', 'fentanyl', 'cocaine', 'cannabis', 'amphetamines',
                                         'benzodiazepines', 'alcohol (EtG)', 'opioids, benzodiazepines',
                                         'cannabis, cocaine'], pg_temp.seed_draw(92, e.stay_key, j)) END
  FROM seed_episode e
 CROSS JOIN LATERAL generate_series(0, (e.eff_end - 1 - e.admitted_on) / 7) AS j
 CROSS JOIN LATERAL (
    SELECT e.admitted_on + 7 * j + floor(pg_temp.seed_draw(90, e.stay_key, j) * 3)::int AS collected_on,
           CASE WHEN pg_temp.seed_draw(91, e.stay_key, j) < 0.02 THEN 'refused'
                WHEN pg_temp.seed_draw(91, e.stay_key, j) < 0.05 THEN 'dilute'
                WHEN pg_temp.seed_draw(91, e.stay_key, j) < 0.05 + (CASE WHEN e.planned_reason = 'left_against_advice' THEN 0.40 ELSE 0.28 END)
                                                           * exp(-j / 3.0) + 0.04 THEN 'positive'
                ELSE 'negative' END AS result
 ) AS s
 WHERE s.collected_on < e.eff_end
 ORDER BY e.patient_id, s.collected_on;

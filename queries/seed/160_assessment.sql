-- PHQ-9 and GAD-7 at admission and every two weeks (a day later at most); scores
-- fall over the stay, most for those who go on to complete treatment.
-- Draws per (stay, instrument): 81 baseline score, 82 improvement; per (stay,
-- j * 10 + instrument): 80 noise, 83 a day later.
INSERT INTO carelog.assessment (patient_id, instrument, administered_on, score)
SELECT e.patient_id, i.instrument, a.administered_on,
       greatest(0, least(i.max_score, round(
           b.baseline * (1 - b.improvement * least(1.0, (a.administered_on - e.admitted_on) / 60.0))
           + (pg_temp.seed_draw(80, e.stay_key, j * 10 + i.n) - 0.5) * 4)))
  FROM seed_episode e
 CROSS JOIN (VALUES (1, 'PHQ-9', 27, 8, 13), (2, 'GAD-7', 21, 6, 11)) AS i(n, instrument, max_score, low, spread)
 CROSS JOIN LATERAL (
    SELECT i.low + pg_temp.seed_draw(81, e.stay_key, i.n) * i.spread AS baseline,
           CASE e.planned_reason WHEN 'completed'   THEN 0.45 + 0.2 * pg_temp.seed_draw(82, e.stay_key, i.n)
                                 WHEN 'transferred' THEN 0.25 + 0.2 * pg_temp.seed_draw(82, e.stay_key, i.n)
                                 ELSE 0.05 + 0.15 * pg_temp.seed_draw(82, e.stay_key, i.n) END AS improvement
 ) AS b
 CROSS JOIN LATERAL generate_series(0, (e.eff_end - 1 - e.admitted_on) / 14) AS j
 CROSS JOIN LATERAL (
    SELECT e.admitted_on + 14 * j + CASE WHEN j > 0 THEN floor(pg_temp.seed_draw(83, e.stay_key, j * 10 + i.n) * 2)::int ELSE 0 END
           AS administered_on
 ) AS a
 WHERE a.administered_on < e.eff_end
 ORDER BY e.patient_id, i.n, a.administered_on;

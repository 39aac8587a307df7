-- NOMs at admission for every episode, and at discharge for most discharged ones
-- (docs/teds.md, "Seeded measures"): TEDS codes drawn in proportions of the order of
-- SAMHSA's published TEDS discharge tables for residential treatment — approximations,
-- not transcribed figures. About a quarter of those who leave against advice or are
-- terminated have no discharge measures (lost before the interview), and a few
-- admissions miss an item, so the TEDS extracts have problems to show. The discharge
-- row leaves self-help attendance empty: carelog computes it from attendance.
--
-- Draws per stay (key stay_key): 120 primary substance, 121 route, 122 secondary,
-- 123 tertiary, 124 frequency at admission, 125 age at first use, 126 employment,
-- 127 living arrangement, 128 arrests, 129 prior episodes, 130 referral, 131 MOUD,
-- 132 self-help at admission, 133 an item missing, 134 frequency at discharge,
-- 135 employment and housing change, 136 arrests at discharge, 137 no discharge row.
WITH drawn AS (
    SELECT ep.id AS episode_id, e.patient_id, e.stay_key, e.discharged_on, e.discharge_reason,
           pg_temp.seed_draw(120, e.stay_key) AS u_sub, pg_temp.seed_draw(121, e.stay_key) AS u_route,
           pg_temp.seed_draw(122, e.stay_key) AS u_sub2, pg_temp.seed_draw(123, e.stay_key) AS u_sub3,
           pg_temp.seed_draw(124, e.stay_key) AS u_freq, pg_temp.seed_draw(125, e.stay_key) AS u_age,
           pg_temp.seed_draw(126, e.stay_key) AS u_employ, pg_temp.seed_draw(127, e.stay_key) AS u_living,
           pg_temp.seed_draw(128, e.stay_key) AS u_arrests, pg_temp.seed_draw(129, e.stay_key) AS u_prior,
           pg_temp.seed_draw(130, e.stay_key) AS u_source, pg_temp.seed_draw(131, e.stay_key) AS u_moud,
           pg_temp.seed_draw(132, e.stay_key) AS u_help, pg_temp.seed_draw(133, e.stay_key) AS u_missing,
           pg_temp.seed_draw(134, e.stay_key) AS u_freq_d, pg_temp.seed_draw(135, e.stay_key) AS u_change,
           pg_temp.seed_draw(136, e.stay_key) AS u_arrests_d, pg_temp.seed_draw(137, e.stay_key) AS u_lost
      FROM seed_episode AS e
      JOIN carelog.episode AS ep ON ep.patient_id = e.patient_id AND ep.admitted_on = e.admitted_on
),
admission AS (
    SELECT d.*,
           CASE WHEN d.u_sub < 0.35 THEN 2 WHEN d.u_sub < 0.52 THEN 5 WHEN d.u_sub < 0.59 THEN 7
                WHEN d.u_sub < 0.77 THEN 10 WHEN d.u_sub < 0.86 THEN 4 WHEN d.u_sub < 0.95 THEN 3
                WHEN d.u_sub < 0.97 THEN 13 ELSE 19 END AS sub1,
           CASE WHEN d.u_freq < 0.55 THEN 3 WHEN d.u_freq < 0.85 THEN 2 ELSE 1 END AS freq1,
           CASE WHEN d.u_employ < 0.12 THEN 1 WHEN d.u_employ < 0.22 THEN 2 WHEN d.u_employ < 0.61 THEN 3
                WHEN d.u_employ < 0.98 THEN 4 ELSE -9 END AS employ,
           CASE WHEN d.u_living < 0.22 THEN 1 WHEN d.u_living < 0.55 THEN 2 WHEN d.u_living < 0.98 THEN 3 ELSE -9 END AS livarag,
           CASE WHEN d.u_arrests < 0.85 THEN 0 WHEN d.u_arrests < 0.97 THEN 1 ELSE 2 END AS arrests,
           CASE WHEN d.u_sub2 < 0.40 THEN 1
                ELSE (ARRAY[2, 4, 3, 10, 7, 13])[1 + floor((d.u_sub2 - 0.40) / 0.60 * 6)::int] END AS secondary_substance,
           CASE WHEN d.u_sub3 < 0.70 THEN 1
                ELSE (ARRAY[4, 2, 3, 13, 7, 19])[1 + floor((d.u_sub3 - 0.70) / 0.30 * 6)::int] END AS tertiary_substance
      FROM drawn AS d
),
rows AS (
    SELECT a.episode_id, a.patient_id, 'admission' AS time_point,
           a.sub1 AS primary_substance,
           a.secondary_substance, a.tertiary_substance,
           CASE WHEN a.u_missing < 0.03 THEN NULL
                WHEN a.sub1 IN (2, 13, 19) THEN 1
                WHEN a.sub1 = 4 THEN 2
                WHEN a.sub1 = 5 THEN CASE WHEN a.u_route < 0.60 THEN 4 ELSE 3 END
                WHEN a.sub1 = 7 THEN CASE WHEN a.u_route < 0.80 THEN 1 ELSE 3 END
                WHEN a.sub1 = 10 THEN CASE WHEN a.u_route < 0.60 THEN 2 WHEN a.u_route < 0.85 THEN 4 ELSE 3 END
                ELSE CASE WHEN a.u_route < 0.50 THEN 2 WHEN a.u_route < 0.90 THEN 3 ELSE 4 END END AS route,
           a.freq1 AS use_frequency,
           (CASE WHEN a.sub1 IN (2, 4) THEN 12 ELSE 15 END + floor(a.u_age * 12))::int AS age_at_first_use,
           a.employ AS employment, a.livarag AS living_arrangement, a.arrests,
           CASE WHEN a.u_prior < 0.30 THEN 0 WHEN a.u_prior < 0.50 THEN 1 WHEN a.u_prior < 0.65 THEN 2
                WHEN a.u_prior < 0.75 THEN 3 WHEN a.u_prior < 0.82 THEN 4 ELSE 5 END AS prior_treatment_episodes,
           CASE WHEN a.u_missing BETWEEN 0.03 AND 0.06 THEN NULL
                WHEN a.u_source < 0.30 THEN 1 WHEN a.u_source < 0.52 THEN 2 WHEN a.u_source < 0.62 THEN 3
                WHEN a.u_source < 0.63 THEN 4 WHEN a.u_source < 0.64 THEN 5 WHEN a.u_source < 0.77 THEN 6 ELSE 7 END AS referral_source,
           CASE WHEN a.sub1 IN (5, 6, 7) THEN CASE WHEN a.u_moud < 0.40 THEN 1 ELSE 2 END ELSE 2 END AS moud,
           CASE WHEN a.u_help < 0.60 THEN 1 WHEN a.u_help < 0.78 THEN 2 WHEN a.u_help < 0.86 THEN 3
                WHEN a.u_help < 0.98 THEN 4 ELSE -9 END AS self_help_frequency
      FROM admission AS a
    UNION ALL
    SELECT a.episode_id, a.patient_id, 'discharge',
           a.sub1, a.secondary_substance, a.tertiary_substance, NULL,
           CASE a.discharge_reason
                WHEN 'completed'   THEN CASE WHEN a.u_freq_d < 0.80 THEN 1 WHEN a.u_freq_d < 0.97 THEN 2 ELSE 3 END
                WHEN 'transferred' THEN CASE WHEN a.u_freq_d < 0.70 THEN 1 WHEN a.u_freq_d < 0.95 THEN 2 ELSE 3 END
                ELSE CASE WHEN a.u_freq_d < 0.40 THEN 1 WHEN a.u_freq_d < 0.80 THEN 2 ELSE 3 END END,
           NULL,
           -- Some who complete find work (more than who leave early); the rest as before.
           CASE WHEN a.employ IN (3, 4) AND a.u_change < CASE a.discharge_reason WHEN 'completed' THEN 0.22 ELSE 0.06 END
                THEN CASE WHEN a.u_change < 0.03 THEN 1 ELSE 2 END
                ELSE a.employ END,
           CASE WHEN a.livarag = 1 AND a.u_change < CASE a.discharge_reason WHEN 'completed' THEN 0.45 ELSE 0.15 END THEN 2
                ELSE a.livarag END,
           CASE WHEN a.discharge_reason = 'incarcerated' THEN 1
                WHEN a.u_arrests_d < CASE a.discharge_reason WHEN 'completed' THEN 0.97 ELSE 0.90 END THEN 0 ELSE 1 END,
           NULL, NULL, NULL, NULL
      FROM admission AS a
     WHERE a.discharged_on IS NOT NULL
       AND NOT (a.discharge_reason IN ('left_against_advice', 'terminated_by_facility') AND a.u_lost < 0.25)
       AND a.discharge_reason <> 'death'
)
INSERT INTO carelog.outcome_measure (episode_id, patient_id, time_point, primary_substance, secondary_substance,
                                     tertiary_substance, route, use_frequency, age_at_first_use, employment,
                                     living_arrangement, arrests, prior_treatment_episodes, referral_source, moud,
                                     self_help_frequency)
SELECT episode_id, patient_id, time_point, primary_substance, secondary_substance, tertiary_substance, route,
       use_frequency, age_at_first_use, employment, living_arrangement, arrests, prior_treatment_episodes,
       referral_source, moud, self_help_frequency
  FROM rows
 ORDER BY patient_id, episode_id, time_point;

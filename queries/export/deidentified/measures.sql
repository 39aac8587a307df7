-- Export file measures.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- Every item is a TEDS code; the age at first use is an age, so 90 stands for 90 or older.
-- uses: x sel_measure patient
SELECT
       p.mrn AS patient,
       extract(year FROM om.admitted_on)::int AS admitted_year,
       CASE WHEN om.time_point ~ '^[-=+@\t\r\n'']' THEN '''' || om.time_point ELSE om.time_point END AS time_point,
       om.primary_substance AS primary_substance,
       om.secondary_substance AS secondary_substance,
       om.tertiary_substance AS tertiary_substance,
       om.route AS route,
       om.use_frequency AS use_frequency,
       CASE WHEN om.age_at_first_use > 90 THEN 90 ELSE om.age_at_first_use END AS age_at_first_use,
       om.employment AS employment,
       om.living_arrangement AS living_arrangement,
       om.arrests AS arrests,
       om.prior_treatment_episodes AS prior_treatment_episodes,
       om.referral_source AS referral_source,
       om.moud AS moud,
       om.self_help_frequency AS self_help_frequency
  FROM x CROSS JOIN sel_measure AS om
  JOIN patient AS p ON p.id = om.patient_id
 ORDER BY p.sort_key, om.admitted_on, om.time_point

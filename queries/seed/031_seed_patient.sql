-- Staging: one patient per bed chain (patient_key): gender, name, date of birth,
-- and an MRN numbered per site in order of first admission.
-- Draws per patient (key patient_key): 20 gender, 21 first name, 22 last name,
-- 23 age at first admission (18–67).
CREATE TEMP TABLE seed_patient ON COMMIT DROP AS
SELECT f.*,
       to_char(f.site_no, 'FM00')
         || to_char(row_number() OVER (PARTITION BY f.site_no ORDER BY f.first_admitted, f.patient_key), 'FM000000') AS mrn,
       CASE WHEN f.gender = 'female' THEN pg_temp.seed_female_name(pg_temp.seed_draw(21, f.patient_key))
            WHEN f.gender = 'male'   THEN pg_temp.seed_male_name(pg_temp.seed_draw(21, f.patient_key))
            ELSE pg_temp.seed_neutral_name(pg_temp.seed_draw(21, f.patient_key)) END AS first_name,
       pg_temp.seed_last_name(pg_temp.seed_draw(22, f.patient_key)) AS last_name,
       f.first_admitted - (18 * 365 + floor(pg_temp.seed_draw(23, f.patient_key) * 50 * 365))::int AS date_of_birth
  FROM (SELECT st.site_no, st.patient_key, min(st.admitted_on) AS first_admitted,
               CASE WHEN pg_temp.seed_draw(20, st.patient_key) < 0.55 THEN 'male'
                    WHEN pg_temp.seed_draw(20, st.patient_key) < 0.95 THEN 'female'
                    WHEN pg_temp.seed_draw(20, st.patient_key) < 0.99 THEN 'nonbinary'
                    ELSE 'unknown' END AS gender
          FROM seed_stay st
         GROUP BY st.site_no, st.patient_key) AS f;

ANALYZE seed_patient;

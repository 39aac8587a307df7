-- Staging: the stays, as chains of stays on each bed, with levels of care,
-- lengths of stay and discharge reasons.
--
-- Census: each site has 120 places; each holds a chain of stays back
-- to back, with a gap of 0–2 days between them (1–29 days before a readmission).
-- One stay per bed at a time keeps the census at or under 120 by construction,
-- and near it because the gaps are short. The chains start up to 60 days before
-- the first month (look-back), so the program is full on the first day.
--
-- Readmissions: about 10% of stays readmit the patient of the bed's previous stay
-- (never after a death), 1–29 days after that discharge; a patient's episodes
-- therefore follow one another on one bed and never overlap.
--
-- Stays still running at the end of the last month are open episodes (the
-- current census): no discharge date, no reason, nothing dated after the period.
--
-- Each bed gets far more stays than it ever needs ((days + 60) / 6 + 10: the mean
-- stay with its gap is about 40 days, the shortest 1); the surplus is filtered out.
--
-- Levels of care by place (the program's tracks): places 1–96 are residential
-- beds (3.7 withdrawal management, 3.5 residential, 3.1 halfway house), 97–110
-- the day program (2.5 partial hospitalisation, 2.1 intensive outpatient), 111–120
-- outpatient slots (1.0). A place's track decides its groups (041_seed_episode).
-- Lengths of stay: residential 20–35 days, day program 30–60, outpatient 60–120,
-- shortened for those who leave early.
--
-- Draws per stay (key stay_key = site_no * 10^7 + bed * 10^4 + k): 10 level of
-- care, 11 discharge reason, 12 length, 13 length factor, 14 gap, 15 readmission;
-- per bed (key bed_key): 16 when its chain starts.
CREATE TEMP TABLE seed_stay ON COMMIT DROP AS
WITH draw AS (
    SELECT s.site_no, b.bed, k.k,
           s.site_no::int8 * 10000000 + b.bed * 10000 + k.k AS stay_key,
           s.site_no::int8 * 1000 + b.bed AS bed_key
      FROM generate_series(1, pg_temp.seed_scale()) AS s(site_no)
     CROSS JOIN generate_series(1, 120) AS b(bed)
     CROSS JOIN generate_series(1, (pg_temp.seed_end() - pg_temp.seed_start() + 60) / 6 + 10) AS k(k)
), shaped AS (
    SELECT d.*,
           CASE WHEN d.bed > 110 THEN '1.0'
                WHEN d.bed > 96 THEN CASE WHEN pg_temp.seed_draw(10, stay_key) < 0.4 THEN '2.5' ELSE '2.1' END
                WHEN pg_temp.seed_draw(10, stay_key) < 0.20 THEN '3.7'
                WHEN pg_temp.seed_draw(10, stay_key) < 0.85 THEN '3.5'
                ELSE '3.1' END AS level_of_care,
           CASE WHEN pg_temp.seed_draw(11, stay_key) < 0.450 THEN 'completed'
                WHEN pg_temp.seed_draw(11, stay_key) < 0.700 THEN 'left_against_advice'
                WHEN pg_temp.seed_draw(11, stay_key) < 0.820 THEN 'transferred'
                WHEN pg_temp.seed_draw(11, stay_key) < 0.900 THEN 'terminated_by_facility'
                WHEN pg_temp.seed_draw(11, stay_key) < 0.985 THEN 'other'
                WHEN pg_temp.seed_draw(11, stay_key) < 0.997 THEN 'incarcerated'
                ELSE 'death' END AS reason,
           pg_temp.seed_draw(12, stay_key) AS u_len,
           pg_temp.seed_draw(13, stay_key) AS u_factor,
           pg_temp.seed_draw(14, stay_key) AS u_gap,
           pg_temp.seed_draw(15, stay_key) AS u_readmit
      FROM draw d
), sized AS (
    SELECT sh.*,
           greatest(1, round(
               CASE WHEN sh.level_of_care LIKE '3.%' THEN 20 + floor(sh.u_len * 16)
                    WHEN sh.level_of_care IN ('2.5', '2.1') THEN 30 + floor(sh.u_len * 31)
                    ELSE 60 + floor(sh.u_len * 61) END
             * CASE sh.reason
                    WHEN 'completed'              THEN 0.9 + 0.2 * sh.u_factor
                    WHEN 'left_against_advice'    THEN 0.1 + 0.6 * sh.u_factor
                    WHEN 'transferred'            THEN 0.3 + 0.6 * sh.u_factor
                    WHEN 'terminated_by_facility' THEN 0.2 + 0.6 * sh.u_factor
                    ELSE 0.1 + 0.8 * sh.u_factor END))::int AS los
      FROM shaped sh
), linked AS (
    SELECT z.*,
           (z.k > 1 AND lag(z.reason) OVER w <> 'death' AND z.u_readmit < 0.10) AS readmit
      FROM sized z
    WINDOW w AS (PARTITION BY z.site_no, z.bed ORDER BY z.k)
), gapped AS (
    SELECT l.*,
           CASE WHEN l.readmit THEN 1 + floor(l.u_gap * l.u_gap * 29)
                ELSE floor(l.u_gap * l.u_gap * l.u_gap * 3) END::int AS gap
      FROM linked l
), timed AS (
    SELECT g.*,
           pg_temp.seed_start() - 60 + floor(pg_temp.seed_draw(16, g.bed_key) * 30)::int
               + (sum(g.los + g.gap) OVER w - g.los)::int AS admitted_on,
           sum(CASE WHEN g.readmit THEN 0 ELSE 1 END) OVER w AS chain
      FROM gapped g
    WINDOW w AS (PARTITION BY g.site_no, g.bed ORDER BY g.k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT t.site_no, t.bed, t.k, t.stay_key,
       t.site_no::int8 * 10000000 + t.bed * 10000 + t.chain AS patient_key,
       t.level_of_care, t.reason AS planned_reason, t.los, t.readmit,
       t.admitted_on,
       CASE WHEN t.admitted_on + t.los < pg_temp.seed_end() THEN t.admitted_on + t.los END AS discharged_on,
       CASE WHEN t.admitted_on + t.los < pg_temp.seed_end() THEN t.reason END AS discharge_reason,
       least(t.admitted_on + t.los, pg_temp.seed_end()) AS eff_end
  FROM timed t
 WHERE t.admitted_on + t.los > pg_temp.seed_start()
   AND t.admitted_on < pg_temp.seed_end();

ANALYZE seed_stay;

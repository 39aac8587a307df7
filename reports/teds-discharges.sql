-- name: teds-discharges
-- title: TEDS discharges extract
-- description: One row per discharge of the period (discharged_on in the month, patients of the site): the discharge reason, length of stay and NOMs items at discharge under their TEDS variable names, as TEDS codes, and problems listing the required items not recorded. A disclosure when sent outside the program (--recipient --purpose --basis).
-- parameters: period_start date, period_end date, site_code text
-- columns: site_code:code, mrn:mrn, admitted_on:date, discharged_on:date, REASON:code, LOS:number, SUB1_D:code, SUB2_D:code, SUB3_D:code, FREQ1_D:code, EMPLOY_D:code, LIVARAG_D:code, ARRESTS_D:code, FREQ_ATND_SELF_HELP_D:code, problems:text
--
-- The crosswalk is docs/teds.md. REASON from the discharge reason: completed 1,
-- left_against_advice 2, terminated_by_facility 3, transferred 4, incarcerated 5,
-- death 6, other 7. LOS: discharged_on - admitted_on in days, 1 for a same-day stay.
-- The items are the codes stored in outcome_measure (time point discharge), empty when
-- not recorded; FREQ_ATND_SELF_HELP_D is computed from attendance at mutual-help groups
-- (carelog.self_help_meetings, carelog.teds_self_help_code), never missing.
-- problems: 'no discharge measures' when the episode has none; else 'missing: ' and the
-- TEDS names of the items not recorded, in column order; empty when complete.
-- Ordered by site, discharge date, MRN.
SELECT st.site_code, p.mrn, e.admitted_on, e.discharged_on,
       (array_position(ARRAY['completed', 'left_against_advice', 'terminated_by_facility', 'transferred',
                             'incarcerated', 'death', 'other'], e.discharge_reason))::text AS "REASON",
       greatest(e.discharged_on - e.admitted_on, 1) AS "LOS",
       m.primary_substance::text AS "SUB1_D", m.secondary_substance::text AS "SUB2_D", m.tertiary_substance::text AS "SUB3_D",
       m.use_frequency::text AS "FREQ1_D", m.employment::text AS "EMPLOY_D", m.living_arrangement::text AS "LIVARAG_D",
       m.arrests::text AS "ARRESTS_D",
       carelog.teds_self_help_code(carelog.self_help_meetings(e.patient_id, e.discharged_on))::text AS "FREQ_ATND_SELF_HELP_D",
       CASE WHEN m.id IS NULL THEN 'no discharge measures'
            ELSE nullif('missing: ' || concat_ws(', ',
                     CASE WHEN m.primary_substance IS NULL THEN 'SUB1_D' END,
                     CASE WHEN m.secondary_substance IS NULL THEN 'SUB2_D' END,
                     CASE WHEN m.tertiary_substance IS NULL THEN 'SUB3_D' END,
                     CASE WHEN m.use_frequency IS NULL THEN 'FREQ1_D' END,
                     CASE WHEN m.employment IS NULL THEN 'EMPLOY_D' END,
                     CASE WHEN m.living_arrangement IS NULL THEN 'LIVARAG_D' END,
                     CASE WHEN m.arrests IS NULL THEN 'ARRESTS_D' END), 'missing: ')
       END AS problems
  FROM carelog.episode AS e
  JOIN carelog.patient AS p  ON p.id = e.patient_id
  JOIN carelog.site    AS st ON st.id = p.site_id
  LEFT JOIN carelog.outcome_measure AS m ON m.episode_id = e.id AND m.time_point = 'discharge'
 WHERE e.discharged_on >= $1::date AND e.discharged_on < $2::date
   AND ($3::text IS NULL OR st.site_code = $3::text)
 ORDER BY st.site_code, e.discharged_on, p.mrn

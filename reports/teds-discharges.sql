-- name: teds-discharges
-- title: TEDS discharges extract
-- description: One row per discharge of the period (discharged_on in the month, patients of the site): the discharge reason, length of stay and NOMs items at discharge under their TEDS variable names, as TEDS codes, and problems listing the required items not recorded. A disclosure when sent outside the program (--recipient --purpose --basis).
-- parameters: period_start date, period_end date, site_code text
-- columns: site_code:code, mrn:mrn, admitted_on:date, discharged_on:date, REASON:code, LOS:number, SUB1_D:code, SUB2_D:code, SUB3_D:code, FREQ1_D:code, EMPLOY_D:code, LIVARAG_D:code, ARRESTS_D:code, FREQ_ATND_SELF_HELP_D:code, problems:text
-- column site_code: The patient's site; --site selects on it.
-- column mrn: The patient's MRN; a keyed pseudonym under --pseudonymize, random per run under --deidentify. A row per discharge (discharged_on in the month).
-- column admitted_on: The admission date; its year only under --deidentify.
-- column discharged_on: The discharge date; its year only under --deidentify.
-- column REASON: TEDS reason for discharge: 1 completed, 2 left against advice, 3 terminated by facility, 4 transferred, 5 incarcerated, 6 death, 7 other.
-- column LOS: Length of stay in days, discharged_on − admitted_on (1 for a same-day stay).
-- column SUB1_D: TEDS code of the primary substance at discharge (docs/teds.md); empty when not recorded, -9 unknown.
-- column SUB2_D: TEDS code of the secondary substance at discharge (docs/teds.md); empty when not recorded, -9 unknown.
-- column SUB3_D: TEDS code of the tertiary substance at discharge (docs/teds.md); empty when not recorded, -9 unknown.
-- column FREQ1_D: TEDS code of the frequency of use of the primary substance in the past 30 days at discharge (docs/teds.md); empty when not recorded, -9 unknown.
-- column EMPLOY_D: TEDS code of the employment status at discharge (docs/teds.md); empty when not recorded, -9 unknown.
-- column LIVARAG_D: TEDS code of the living arrangement at discharge (docs/teds.md); empty when not recorded, -9 unknown.
-- column ARRESTS_D: TEDS code of the arrests in the past 30 days at discharge (docs/teds.md); empty when not recorded, -9 unknown.
-- column FREQ_ATND_SELF_HELP_D: Self-help attendance in the 30 days before discharge, computed from attendance at mutual-help groups: 1 none, 2 1–3, 3 4–7, 4 8 or more.
-- column problems: 'no discharge measures', or 'missing: ' and the TEDS names of the items not recorded; empty when complete.
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

-- name: teds-admissions
-- title: TEDS admissions extract
-- description: One row per admission of the period (admitted_on in the month, patients of the site): the NOMs items at admission under their TEDS variable names, as TEDS codes, and problems listing the required items not recorded. A disclosure when sent outside the program (--recipient --purpose --basis).
-- parameters: period_start date, period_end date, site_code text
-- columns: site_code:code, mrn:mrn, admitted_on:date, SUB1:code, SUB2:code, SUB3:code, ROUTE1:code, FREQ1:code, FRSTUSE1:code, EMPLOY:code, LIVARAG:code, ARRESTS:code, NOPRIOR:code, PSOURCE:code, METHUSE:code, FREQ_ATND_SELF_HELP:code, problems:text
-- column site_code: The patient's site; --site selects on it.
-- column mrn: The patient's MRN; a keyed pseudonym under --pseudonymize, random per run under --deidentify. A row per admission (admitted_on in the month).
-- column admitted_on: The admission date; its year only under --deidentify.
-- column SUB1: TEDS code of the primary substance at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column SUB2: TEDS code of the secondary substance at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column SUB3: TEDS code of the tertiary substance at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column ROUTE1: TEDS code of the route of the primary substance at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column FREQ1: TEDS code of the frequency of use of the primary substance in the past 30 days at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column FRSTUSE1: TEDS code of the age in years at first use of the primary substance at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column EMPLOY: TEDS code of the employment status at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column LIVARAG: TEDS code of the living arrangement at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column ARRESTS: TEDS code of the arrests in the past 30 days at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column NOPRIOR: TEDS code of the prior treatment episodes at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column PSOURCE: TEDS code of the referral source at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column METHUSE: TEDS code of the medication for opioid use disorder at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column FREQ_ATND_SELF_HELP: TEDS code of the self-help attendance in the past 30 days, as entered at admission (docs/teds.md); empty when not recorded, -9 unknown.
-- column problems: 'no admission measures', or 'missing: ' and the TEDS names of the items not recorded; empty when complete.
--
-- The crosswalk (carelog column -> TEDS variable, codes) is docs/teds.md. A value is the
-- code stored in outcome_measure (time point admission); empty when not recorded. -9 is
-- recorded as unknown and is not a problem. FRSTUSE1 is the age in years.
-- problems: 'no admission measures' when the episode has none; else the TEDS names of
-- the items not recorded, in column order, separated by ', ' ('missing: SUB1, EMPLOY');
-- empty when complete. Ordered by site, admission date, MRN.
SELECT st.site_code, p.mrn, e.admitted_on,
       m.primary_substance::text AS "SUB1", m.secondary_substance::text AS "SUB2", m.tertiary_substance::text AS "SUB3",
       m.route::text AS "ROUTE1", m.use_frequency::text AS "FREQ1", m.age_at_first_use::text AS "FRSTUSE1",
       m.employment::text AS "EMPLOY", m.living_arrangement::text AS "LIVARAG", m.arrests::text AS "ARRESTS",
       m.prior_treatment_episodes::text AS "NOPRIOR", m.referral_source::text AS "PSOURCE", m.moud::text AS "METHUSE",
       m.self_help_frequency::text AS "FREQ_ATND_SELF_HELP",
       CASE WHEN m.id IS NULL THEN 'no admission measures'
            ELSE nullif('missing: ' || concat_ws(', ',
                     CASE WHEN m.primary_substance IS NULL THEN 'SUB1' END,
                     CASE WHEN m.secondary_substance IS NULL THEN 'SUB2' END,
                     CASE WHEN m.tertiary_substance IS NULL THEN 'SUB3' END,
                     CASE WHEN m.route IS NULL THEN 'ROUTE1' END,
                     CASE WHEN m.use_frequency IS NULL THEN 'FREQ1' END,
                     CASE WHEN m.age_at_first_use IS NULL THEN 'FRSTUSE1' END,
                     CASE WHEN m.employment IS NULL THEN 'EMPLOY' END,
                     CASE WHEN m.living_arrangement IS NULL THEN 'LIVARAG' END,
                     CASE WHEN m.arrests IS NULL THEN 'ARRESTS' END,
                     CASE WHEN m.prior_treatment_episodes IS NULL THEN 'NOPRIOR' END,
                     CASE WHEN m.referral_source IS NULL THEN 'PSOURCE' END,
                     CASE WHEN m.moud IS NULL THEN 'METHUSE' END,
                     CASE WHEN m.self_help_frequency IS NULL THEN 'FREQ_ATND_SELF_HELP' END), 'missing: ')
       END AS problems
  FROM carelog.episode AS e
  JOIN carelog.patient AS p  ON p.id = e.patient_id
  JOIN carelog.site    AS st ON st.id = p.site_id
  LEFT JOIN carelog.outcome_measure AS m ON m.episode_id = e.id AND m.time_point = 'admission'
 WHERE e.admitted_on >= $1::date AND e.admitted_on < $2::date
   AND ($3::text IS NULL OR st.site_code = $3::text)
 ORDER BY st.site_code, e.admitted_on, p.mrn

-- `patient show`: the NOMs items of each of the patient's episodes that has any
-- (or a discharge, whose self-help attendance carelog computes), admission and
-- discharge side by side, one row per item in the order of docs/teds.md. Codes are
-- TEDS codes; labels from carelog.teds_code. computed_self_help and meetings: the
-- discharge self-help code from attendance at mutual-help groups
-- (carelog.self_help_meetings, carelog.teds_self_help_code), on the self-help row of
-- a discharged episode only.
-- recorded: the episode has measures. An episode without any has only its computed
-- self-help row (at a discharge), or no row.
-- $1: the MRN.
SELECT e.admitted_on::text AS admitted_on, e.discharged_on::text AS discharged_on,
       i.item, i.admission::text AS admission, la.label AS admission_label,
       i.discharge::text AS discharge, ld.label AS discharge_label,
       c.code::text AS computed_self_help, lc.label AS computed_label, c.meetings::text AS meetings,
       (a.id IS NOT NULL OR d.id IS NOT NULL) AS recorded
  FROM carelog.episode AS e
  JOIN carelog.patient AS p ON p.id = e.patient_id
  LEFT JOIN carelog.outcome_measure AS a ON a.episode_id = e.id AND a.time_point = 'admission'
  LEFT JOIN carelog.outcome_measure AS d ON d.episode_id = e.id AND d.time_point = 'discharge'
 CROSS JOIN LATERAL (VALUES
        (1, 'primary_substance', 'substance', a.primary_substance, d.primary_substance),
        (2, 'secondary_substance', 'substance', a.secondary_substance, d.secondary_substance),
        (3, 'tertiary_substance', 'substance', a.tertiary_substance, d.tertiary_substance),
        (4, 'route', 'route', a.route, d.route),
        (5, 'use_frequency', 'use_frequency', a.use_frequency, d.use_frequency),
        (6, 'age_at_first_use', 'age', a.age_at_first_use, d.age_at_first_use),
        (7, 'employment', 'employment', a.employment, d.employment),
        (8, 'living_arrangement', 'living_arrangement', a.living_arrangement, d.living_arrangement),
        (9, 'arrests', 'arrests', a.arrests, d.arrests),
        (10, 'prior_treatment_episodes', 'prior_treatment_episodes', a.prior_treatment_episodes, d.prior_treatment_episodes),
        (11, 'referral_source', 'referral_source', a.referral_source, d.referral_source),
        (12, 'moud', 'moud', a.moud, d.moud),
        (13, 'self_help_frequency', 'self_help_frequency', a.self_help_frequency, d.self_help_frequency)
      ) AS i(position, item, list, admission, discharge)
  LEFT JOIN LATERAL (SELECT m.meetings, carelog.teds_self_help_code(m.meetings) AS code
                       FROM (SELECT carelog.self_help_meetings(e.patient_id, e.discharged_on) AS meetings) AS m
                      WHERE i.item = 'self_help_frequency' AND e.discharged_on IS NOT NULL) AS c ON true
  LEFT JOIN carelog.teds_code AS la ON la.item = i.list AND la.code = i.admission
  LEFT JOIN carelog.teds_code AS ld ON ld.item = i.list AND ld.code = i.discharge
  LEFT JOIN carelog.teds_code AS lc ON lc.item = 'self_help_frequency' AND lc.code = c.code
 WHERE p.mrn = $1
   AND (a.id IS NOT NULL OR d.id IS NOT NULL OR c.code IS NOT NULL)
 ORDER BY e.admitted_on, i.position

-- FHIR export Observation.ndjson: the PHQ-9 and GAD-7 totals administered in the
-- period (sel_assessment), LOINC 44261-6 and 70274-6, category survey, the score as a
-- {score} quantity, the day administered (the year under --deidentify), and the
-- episode covering that day through the core extension workflow-episodeOfCare when
-- the episode is in the export. Other instruments (BAM) have no LOINC total here and
-- are left out (docs/fhir.md).
-- uses: x fx sel_assessment fpat
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'Observation',
           'id', r.fid,
           'meta', fx.meta,
           'extension', CASE WHEN ep.ref IS NOT NULL THEN json_build_array(json_build_object(
               'url', 'http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare',
               'valueReference', json_build_object('reference', ep.ref))) END,
           'status', 'final',
           'category', json_build_array(json_build_object('coding', json_build_array(json_build_object(
               'system', 'http://terminology.hl7.org/CodeSystem/observation-category', 'code', 'survey', 'display', 'Survey')))),
           'code', json_build_object('coding', json_build_array(json_build_object(
               'system', 'http://loinc.org',
               'code', CASE asm.instrument WHEN 'PHQ-9' THEN '44261-6' ELSE '70274-6' END,
               'display', CASE asm.instrument WHEN 'PHQ-9' THEN 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]'
                               ELSE 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]' END)),
               'text', asm.instrument || ' total score'),
           'subject', json_build_object('reference', fp.ref),
           'effectiveDateTime', CASE WHEN fx.deidentified THEN to_char(asm.administered_on, 'YYYY') ELSE asm.administered_on::text END,
           'valueQuantity', json_build_object('value', asm.score, 'unit', '{score}', 'system', 'http://unitsofmeasure.org', 'code', '{score}')
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN sel_assessment AS asm
  JOIN fpat AS fp ON fp.id = asm.patient_id
  LEFT JOIN carelog.episode AS e
    ON e.patient_id = asm.patient_id AND carelog.episode_days(e.admitted_on, e.discharged_on) @> asm.administered_on
  JOIN carelog.patient AS pp ON pp.id = asm.patient_id
  LEFT JOIN LATERAL (
      -- The covering episode overlaps the period (it holds a day of it), so it is exported
      -- exactly when its patient's rows are (sel_episode: all sites, or --site's patients;
      -- the consent filter is the patient block's): its id as blocks/fepisode.sql makes it.
      SELECT 'EpisodeOfCare/eoc-' || CASE WHEN fx.keyed
                 THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('EpisodeOfCare:' || e.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                 ELSE e.id::text END AS ref
       WHERE e.id IS NOT NULL AND (x.all_sites OR pp.site_id = x.site_id)
  ) AS ep ON true
  CROSS JOIN LATERAL (
      SELECT 'obs-' || CASE WHEN fx.keyed
                 THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('Observation:' || asm.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                 ELSE asm.id::text END AS fid
  ) AS r
 WHERE asm.instrument IN ('PHQ-9', 'GAD-7')
 ORDER BY CASE WHEN fx.keyed THEN r.fid END, fp.sort_key, asm.administered_on, asm.instrument COLLATE "C"

-- FHIR export EpisodeOfCare.ndjson: the episodes overlapping the period (sel_episode).
-- Status active while open, finished once discharged; the ASAM level of care as type;
-- the period from admission to discharge (the year only under --deidentify); the TEDS
-- discharge reason, which R4 has no element for, in the extension
-- urn:carelog:fhir:discharge-reason (docs/fhir.md).
-- uses: x fx fepisode fpat
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'EpisodeOfCare',
           'id', substring(e.ref FROM '/(.*)$'),
           'meta', fx.meta,
           'extension', CASE WHEN e0.discharge_reason IS NOT NULL AND 'episode.discharge_reason' = ANY (x.kept)
               THEN json_build_array(json_build_object('url', 'urn:carelog:fhir:discharge-reason',
                   'valueCoding', json_build_object('system', 'urn:carelog:teds-discharge-reason', 'code', e0.discharge_reason))) END,
           'status', CASE WHEN e.discharged_on IS NULL THEN 'active' ELSE 'finished' END,
           'type', CASE WHEN 'episode.level_of_care' = ANY (x.kept) THEN json_build_array(json_build_object('coding', json_build_array(
               json_build_object('system', 'urn:carelog:asam-level-of-care', 'code', e.level_of_care,
                                 'display', 'ASAM level ' || e.level_of_care)))) END,
           'patient', json_build_object('reference', fp.ref),
           'managingOrganization', json_build_object('reference', 'Organization/org-' || p0.site_id),
           'period', json_build_object(
               'start', CASE WHEN fx.deidentified THEN to_char(e.admitted_on, 'YYYY') ELSE e.admitted_on::text END,
               'end', CASE WHEN fx.deidentified THEN to_char(e.discharged_on, 'YYYY') ELSE e.discharged_on::text END)
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN fepisode AS e
  JOIN carelog.episode AS e0 ON e0.id = e.id
  JOIN fpat AS fp ON fp.id = e.patient_id
  JOIN carelog.patient AS p0 ON p0.id = e.patient_id
 ORDER BY CASE WHEN fx.keyed THEN e.ref END, fp.sort_key, e.admitted_on

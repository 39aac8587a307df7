-- FHIR export Consent.ndjson: the 42 CFR 2.31 consents of the exported patients
-- (carelog.export_patients) in force on some day of the period: signed on or before
-- its last day, not expired or revoked before its first. A privacy consent (scope
-- patient-privacy, LOINC 59284-0) under the Part 2 policy; a permit provision for the
-- recipient (information recipient, by name) and purpose, over the days it is in
-- force (expires_on and revoked_on end it on that day). Status inactive once expired
-- or revoked on the export's day, active otherwise. Under --pseudonymize recipient
-- and purpose (free text) are left out; under --deidentify the dates too (sql/017).
-- uses: x fx fpat
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'Consent',
           'id', r.fid,
           'meta', fx.meta,
           'status', CASE WHEN least(c.expires_on, c.revoked_on) <= x.disclosed_on THEN 'inactive' ELSE 'active' END,
           'scope', json_build_object('coding', json_build_array(json_build_object(
               'system', 'http://terminology.hl7.org/CodeSystem/consentscope', 'code', 'patient-privacy', 'display', 'Privacy Consent'))),
           'category', json_build_array(json_build_object('coding', json_build_array(json_build_object(
               'system', 'http://loinc.org', 'code', '59284-0', 'display', 'Patient Consent')))),
           'patient', json_build_object('reference', fp.ref),
           'dateTime', CASE WHEN 'consent.signed_on' = ANY (x.kept) THEN c.signed_on::text END,
           'organization', json_build_array(json_build_object('reference', 'Organization/org-' || p0.site_id)),
           'policy', json_build_array(json_build_object(
               'authority', 'https://www.ecfr.gov',
               'uri', 'https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2')),
           'provision', json_build_object(
               'type', 'permit',
               'period', CASE WHEN 'consent.signed_on' = ANY (x.kept) THEN json_build_object(
                   'start', c.signed_on::text,
                   'end', CASE WHEN 'consent.expires_on' = ANY (x.kept) THEN least(c.expires_on, c.revoked_on)::text END) END,
               'actor', CASE WHEN 'consent.recipient' = ANY (x.kept) THEN json_build_array(json_build_object(
                   'role', json_build_object('coding', json_build_array(json_build_object(
                       'system', 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', 'code', 'IRCP', 'display', 'information recipient'))),
                   'reference', json_build_object('display', c.recipient))) END,
               'purpose', CASE WHEN 'consent.purpose' = ANY (x.kept) THEN json_build_array(json_build_object('display', c.purpose)) END)
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN carelog.consent AS c
  JOIN fpat AS fp ON fp.id = c.patient_id
  JOIN carelog.patient AS p0 ON p0.id = c.patient_id
  CROSS JOIN LATERAL (
      SELECT 'consent-' || CASE WHEN fx.keyed
                 THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('Consent:' || c.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                 ELSE c.id::text END AS fid
  ) AS r
 WHERE c.patient_id IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[]))
   AND c.signed_on <= x.to_on
   AND (least(c.expires_on, c.revoked_on) IS NULL OR least(c.expires_on, c.revoked_on) > x.from_on)
 ORDER BY CASE WHEN fx.keyed THEN r.fid END, fp.sort_key, c.signed_on, c.id

-- FHIR export Patient.ndjson: the patients the exported rows refer to
-- (carelog.export_patients). In the clear: the MRN as identifier (type MR, system the
-- program's, --mrn-system), name, gender, birth date, the site as managing
-- organization. Under --pseudonymize: the pseudonym as id, no identifier, name or
-- birth date. Under --deidentify: the run's random id, the birth year only, and no
-- birth date at all from age 90 on (on the period's last day: Safe Harbor groups ages
-- over 89). Gender nonbinary is FHIR `other`.
-- uses: x fx patient fpat
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'Patient',
           'id', fp.fid,
           'meta', fx.meta,
           'identifier', CASE WHEN NOT fx.keyed THEN json_build_array(json_build_object(
               'use', 'usual',
               'type', json_build_object('coding', json_build_array(json_build_object(
                   'system', 'http://terminology.hl7.org/CodeSystem/v2-0203', 'code', 'MR', 'display', 'Medical record number'))),
               'system', fx.mrn_system, 'value', p0.mrn)) END,
           'name', CASE WHEN 'patient.last_name' = ANY (x.kept) THEN json_build_array(json_build_object(
               'use', 'official', 'family', p0.last_name, 'given', json_build_array(p0.first_name))) END,
           'gender', CASE WHEN 'patient.gender' = ANY (x.kept) THEN
               CASE p0.gender WHEN 'female' THEN 'female' WHEN 'male' THEN 'male' WHEN 'nonbinary' THEN 'other' ELSE 'unknown' END END,
           'birthDate', CASE WHEN 'patient.date_of_birth' = ANY (x.kept) THEN p0.date_of_birth::text
                             WHEN fx.deidentified AND extract(year FROM age(x.to_on, p0.date_of_birth)) < 90
                             THEN to_char(p0.date_of_birth, 'YYYY') END,
           'managingOrganization', json_build_object('reference', 'Organization/org-' || p0.site_id)
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN fpat AS fp
  JOIN carelog.patient AS p0 ON p0.id = fp.id
 WHERE fp.id IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[]))
 ORDER BY fp.sort_key

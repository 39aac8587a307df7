-- FHIR export Practitioner.ndjson: the staff members the exported rows refer to
-- (carelog.export_staff). In the clear: staff id as identifier, name, credentials as a
-- qualification's text. Under --pseudonymize and --deidentify the id is the staff
-- code and names and credentials are left out (sql/017 classes them identifier and
-- free text).
-- uses: x fx fstaff
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'Practitioner',
           'id', fs.fid,
           'meta', fx.meta,
           'identifier', CASE WHEN NOT fx.keyed THEN json_build_array(json_build_object('system', 'urn:carelog:staff-id', 'value', sf.staff_id)) END,
           'active', sf.active,
           'name', CASE WHEN 'staff.last_name' = ANY (x.kept) THEN json_build_array(json_build_object(
               'family', sf.last_name, 'given', json_build_array(sf.first_name))) END,
           'qualification', CASE WHEN 'staff.credentials' = ANY (x.kept) AND nullif(btrim(sf.credentials), '') IS NOT NULL
               THEN json_build_array(json_build_object('code', json_build_object('text', sf.credentials))) END
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN carelog.staff AS sf
  JOIN fstaff AS fs ON fs.id = sf.id
 WHERE sf.id IN (SELECT unnest(current_setting('carelog.export_staff')::bigint[]))
 ORDER BY fs.fid COLLATE "C"

-- FHIR export PractitionerRole.ndjson: one PractitionerRole per exported staff member:
-- the role (therapist, counselor, director, auditor, other) at the site's Organization.
-- uses: x fx fstaff
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'PractitionerRole',
           'id', 'role-' || fs.fid,
           'meta', fx.meta,
           'active', sf.active,
           'practitioner', json_build_object('reference', fs.ref),
           'organization', json_build_object('reference', 'Organization/org-' || sf.site_id),
           'code', CASE WHEN 'staff.role' = ANY (x.kept) THEN json_build_array(json_build_object('coding', json_build_array(
               json_build_object('system', 'urn:carelog:staff-role', 'code', sf.role)))) END,
           'location', json_build_array(json_build_object('reference', 'Location/loc-' || sf.site_id))
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN carelog.staff AS sf
  JOIN fstaff AS fs ON fs.id = sf.id
 WHERE sf.id IN (SELECT unnest(current_setting('carelog.export_staff')::bigint[]))
 ORDER BY fs.fid COLLATE "C"

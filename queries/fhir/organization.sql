-- FHIR export Organization.ndjson: one Organization per site the exported rows refer
-- to (carelog.export_sites, from queries/export/references.sql). Site codes and names
-- are kept in every privacy mode (sql/017). One JSON resource per row.
-- uses: x fx
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'Organization',
           'id', 'org-' || st.id,
           'meta', fx.meta,
           'identifier', json_build_array(json_build_object('system', 'urn:carelog:site-code', 'value', st.site_code)),
           'active', true,
           'type', json_build_array(json_build_object('coding', json_build_array(json_build_object(
               'system', 'http://terminology.hl7.org/CodeSystem/organization-type', 'code', 'prov',
               'display', 'Healthcare Provider')))),
           'name', st.name
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN carelog.site AS st
 WHERE st.id IN (SELECT unnest(current_setting('carelog.export_sites')::bigint[]))
 ORDER BY st.site_code COLLATE "C"

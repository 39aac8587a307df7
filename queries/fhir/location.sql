-- FHIR export Location.ndjson: one Location per exported site (the house where the
-- groups meet), managed by the site's Organization.
-- uses: x fx
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'Location',
           'id', 'loc-' || st.id,
           'meta', fx.meta,
           'identifier', json_build_array(json_build_object('system', 'urn:carelog:site-code', 'value', st.site_code)),
           'status', 'active',
           'name', st.name,
           'mode', 'instance',
           'managingOrganization', json_build_object('reference', 'Organization/org-' || st.id)
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN carelog.site AS st
 WHERE st.id IN (SELECT unnest(current_setting('carelog.export_sites')::bigint[]))
 ORDER BY st.site_code COLLATE "C"

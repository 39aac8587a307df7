-- FHIR export Group.ndjson: the groups the exported rows refer to
-- (carelog.export_groups). A group of real people (type person, actual); the modality
-- as code; its gender focus (all, women, men) and kind (open drop-in, closed roster)
-- as characteristics; the enrollments overlapping the period (sel_enrollment) as
-- members with their periods (ends_on is the last day). Name and group code in the
-- clear only: under --pseudonymize and --deidentify the id is the group code of
-- blocks/group_code.sql and dates are years under --deidentify.
-- uses: x fx fgroup sel_enrollment fpat
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'Group',
           'id', fg.fid,
           'meta', fx.meta,
           'identifier', CASE WHEN NOT fx.keyed THEN json_build_array(json_build_object('system', 'urn:carelog:group-code', 'value', g.group_code)) END,
           'active', true,
           'type', 'person',
           'actual', true,
           'code', CASE WHEN 'care_group.modality' = ANY (x.kept) THEN json_build_object('coding', json_build_array(json_build_object(
               'system', 'urn:carelog:modality', 'code', g.modality))) END,
           'name', CASE WHEN 'care_group.name' = ANY (x.kept) THEN g.name END,
           'quantity', (SELECT count(DISTINCT en.patient_id) FROM sel_enrollment AS en JOIN fpat AS mp ON mp.id = en.patient_id WHERE en.group_id = g.id),
           'managingEntity', json_build_object('reference', 'Organization/org-' || g.site_id),
           'characteristic', json_build_array(
               json_build_object(
                   'code', json_build_object('coding', json_build_array(json_build_object('system', 'urn:carelog:group-characteristic', 'code', 'gender-focus'))),
                   'valueCodeableConcept', json_build_object('coding', json_build_array(json_build_object('system', 'urn:carelog:gender-focus', 'code', g.gender_focus))),
                   'exclude', false),
               json_build_object(
                   'code', json_build_object('coding', json_build_array(json_build_object('system', 'urn:carelog:group-characteristic', 'code', 'kind'))),
                   'valueCodeableConcept', json_build_object('coding', json_build_array(json_build_object('system', 'urn:carelog:group-kind', 'code', g.kind))),
                   'exclude', false)),
           'member', (SELECT json_agg(json_build_object(
                                 'entity', json_build_object('reference', mp.ref),
                                 'period', json_build_object(
                                     'start', CASE WHEN fx.deidentified THEN to_char(en.starts_on, 'YYYY') ELSE en.starts_on::text END,
                                     'end', CASE WHEN fx.deidentified THEN to_char(en.ends_on, 'YYYY') ELSE en.ends_on::text END),
                                 'inactive', en.ends_on IS NOT NULL AND en.ends_on < x.disclosed_on)
                                 ORDER BY mp.sort_key, en.starts_on)
                        FROM sel_enrollment AS en JOIN fpat AS mp ON mp.id = en.patient_id
                       WHERE en.group_id = g.id)
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN carelog.care_group AS g
  JOIN fgroup AS fg ON fg.id = g.id
 WHERE g.id IN (SELECT unnest(current_setting('carelog.export_groups')::bigint[]))
 ORDER BY CASE WHEN fx.keyed THEN fg.fid ELSE g.group_code END COLLATE "C"

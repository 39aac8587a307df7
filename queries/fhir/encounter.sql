-- FHIR export Encounter.ndjson: one Encounter per participant per held session of the
-- period (the attendance of sel_session). Status from attendance: present, late and
-- left early → finished, with the minutes attended as length; absent and excused →
-- cancelled. The attendance status itself (so the reason of a cancelled one: absent,
-- or excused) is the extension urn:carelog:fhir:attendance-status, and the group the
-- extension urn:carelog:fhir:care-group (R4's Encounter has neither). Class from the
-- level of care of the episode covering the session's local day: ASAM 3.x
-- (residential) NONAC, 4.0 IMP, else AMB. The episode is referred to when it is in the
-- export. Under --deidentify: the year only, no facilitator, no session length
-- (sql/017 drops them: they would name the session).
-- uses: x fx sel_session fpat fstaff fgroup ep_days
-- The most numerous resource, so it is put together as text, not by json_build_object
-- (several times faster): the members in the order and compact form json_strip_nulls
-- gives the others, constant parts as literals; an absent member is left out. No value
-- here needs JSON escaping, so none goes through to_json(): the ids and references are
-- carelog's own ('enc-' and a number, or 16 hex digits; 'Patient/pt-7', 'Group/GR-…'),
-- the status and modality are CHECK-constrained vocabularies of lower-case letters and
-- underscores, the numbers and instants are PostgreSQL's own output. FHIRExportTests
-- parses every line as JSON in all three modes.
SELECT '{"resourceType":"Encounter","id":"' || o.fid || '",' || (SELECT meta_member FROM fx)
       || ',"extension":[{"url":"urn:carelog:fhir:attendance-status","valueCoding":{"system":"urn:carelog:attendance-status","code":"'
       || o.status || '"}},{"url":"urn:carelog:fhir:care-group","valueReference":{"reference":"' || o.group_ref || '"}}]'
       || ',"status":' || CASE WHEN carelog.counts_as_attended(o.status) THEN '"finished"' ELSE '"cancelled"' END
       || ',"class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode",'
       || CASE WHEN o.level_of_care LIKE '3%' THEN '"code":"NONAC","display":"inpatient non-acute"}'
               WHEN o.level_of_care LIKE '4%' THEN '"code":"IMP","display":"inpatient encounter"}'
               ELSE '"code":"AMB","display":"ambulatory"}' END
       || coalesce(',"type":[{"coding":[{"system":"urn:carelog:modality","code":"' || o.modality || '"}]}]', '')
       || ',"subject":{"reference":"' || o.patient_ref || '"}'
       || coalesce(',"episodeOfCare":[{"reference":"' || o.episode_ref || '"}]', '')
       || coalesce(',"participant":[{"type":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"PPRF","display":"primary performer"}]}],"individual":{"reference":"'
                   || o.staff_ref || '"}}]', '')
       || ',"period":' || CASE WHEN o.deidentified THEN '{"start":"' || to_char(o.starts_at AT TIME ZONE 'UTC', 'YYYY') || '"}'
               ELSE '{"start":"' || replace(replace(o.starts_at::text, ' ', 'T'), '+00', 'Z') || '","end":"'
                    || replace(replace((o.starts_at + o.duration_minutes * interval '1 minute')::text, ' ', 'T'), '+00', 'Z') || '"}' END
       || coalesce(CASE WHEN carelog.counts_as_attended(o.status)
               THEN ',"length":{"value":' || o.minutes_attended || ',"unit":"min","system":"http://unitsofmeasure.org","code":"min"}' END, '')
       || ',"location":[{"location":{"reference":"Location/loc-' || o.site_id || '"}}],"serviceProvider":{"reference":"Organization/org-'
       || o.site_id || '"}}' AS resource
  -- The rows are sorted first, narrow, and each resource put together after the sort: a
  -- subquery with ORDER BY is not folded into its reader, and a reader of one subquery
  -- keeps its order. Sorting the resources themselves would spill hundreds of MB to disk;
  -- the meta member, the same for every row, is read once by the outer select rather
  -- than carried through the sort (its 300 bytes a row tripled the sort's spill).
  FROM (
SELECT r.fid, fx.deidentified, a.status, fg.ref AS group_ref, e.level_of_care,
       CASE WHEN 'care_group.modality' = ANY (x.kept) THEN g.modality END AS modality,
       fp.ref AS patient_ref, ep.ref AS episode_ref,
       CASE WHEN 'group_session.facilitator_id' = ANY (x.kept) THEN fs.ref END AS staff_ref,
       gs.starts_at, gs.duration_minutes, a.minutes_attended, g.site_id
  FROM x CROSS JOIN fx CROSS JOIN sel_session AS gs
  JOIN carelog.attendance AS a ON a.session_id = gs.id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN fpat AS fp ON fp.id = a.patient_id
  JOIN fgroup AS fg ON fg.id = g.id
  JOIN fstaff AS fs ON fs.id = gs.facilitator_id
  LEFT JOIN ep_days AS e
    ON e.patient_id = a.patient_id AND e.days @> carelog.site_local_date(gs.starts_at, st.timezone)
  LEFT JOIN LATERAL (
      -- The covering episode overlaps the period (it holds a day of it), so it is exported
      -- exactly when its patient's rows are (sel_episode: all sites, or --site's patients;
      -- the consent filter is the patient block's): its id as blocks/fepisode.sql makes it.
      SELECT 'EpisodeOfCare/eoc-' || CASE WHEN fx.keyed
                 THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('EpisodeOfCare:' || e.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                 ELSE e.id::text END AS ref
       WHERE e.id IS NOT NULL AND (x.all_sites OR fp.site_id = x.site_id)
  ) AS ep ON true
  CROSS JOIN LATERAL (
      SELECT 'enc-' || CASE WHEN fx.keyed
                 THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('Encounter:' || a.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                 ELSE a.id::text END AS fid
  ) AS r
 WHERE gs.status = 'held'
 ORDER BY CASE WHEN fx.keyed THEN r.fid END, gs.starts_at, g.group_code COLLATE "C", fp.sort_key
  ) AS o

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
-- uses: x fx sel_session fepisode fpat fstaff fgroup
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'Encounter',
           'id', r.fid,
           'meta', fx.meta,
           'extension', json_build_array(
               json_build_object('url', 'urn:carelog:fhir:attendance-status',
                   'valueCoding', json_build_object('system', 'urn:carelog:attendance-status', 'code', a.status)),
               json_build_object('url', 'urn:carelog:fhir:care-group', 'valueReference', json_build_object('reference', fg.ref))),
           'status', CASE WHEN carelog.counts_as_attended(a.status) THEN 'finished' ELSE 'cancelled' END,
           'class', json_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
               'code', CASE WHEN e.level_of_care LIKE '3%' THEN 'NONAC' WHEN e.level_of_care LIKE '4%' THEN 'IMP' ELSE 'AMB' END,
               'display', CASE WHEN e.level_of_care LIKE '3%' THEN 'inpatient non-acute' WHEN e.level_of_care LIKE '4%' THEN 'inpatient encounter' ELSE 'ambulatory' END),
           'type', CASE WHEN 'care_group.modality' = ANY (x.kept) THEN json_build_array(json_build_object('coding', json_build_array(
               json_build_object('system', 'urn:carelog:modality', 'code', g.modality)))) END,
           'subject', json_build_object('reference', fp.ref),
           'episodeOfCare', CASE WHEN fe.ref IS NOT NULL THEN json_build_array(json_build_object('reference', fe.ref)) END,
           'participant', CASE WHEN 'group_session.facilitator_id' = ANY (x.kept) THEN json_build_array(json_build_object(
               'type', json_build_array(json_build_object('coding', json_build_array(json_build_object(
                   'system', 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', 'code', 'PPRF', 'display', 'primary performer')))),
               'individual', json_build_object('reference', fs.ref))) END,
           'period', CASE WHEN fx.deidentified THEN json_build_object('start', to_char(gs.starts_at AT TIME ZONE 'UTC', 'YYYY'))
                          ELSE json_build_object('start', replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z'),
                                                 'end', replace(replace((gs.starts_at + gs.duration_minutes * interval '1 minute')::text, ' ', 'T'), '+00', 'Z')) END,
           'length', CASE WHEN carelog.counts_as_attended(a.status) AND a.minutes_attended IS NOT NULL
               THEN json_build_object('value', a.minutes_attended, 'unit', 'min', 'system', 'http://unitsofmeasure.org', 'code', 'min') END,
           'location', json_build_array(json_build_object('location', json_build_object('reference', 'Location/loc-' || g.site_id))),
           'serviceProvider', json_build_object('reference', 'Organization/org-' || g.site_id)
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN sel_session AS gs
  JOIN carelog.attendance AS a ON a.session_id = gs.id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN fpat AS fp ON fp.id = a.patient_id
  JOIN fgroup AS fg ON fg.id = g.id
  JOIN fstaff AS fs ON fs.id = gs.facilitator_id
  LEFT JOIN carelog.episode AS e
    ON e.patient_id = a.patient_id
   AND carelog.episode_days(e.admitted_on, e.discharged_on) @> carelog.site_local_date(gs.starts_at, st.timezone)
  LEFT JOIN fepisode AS fe ON fe.id = e.id
  CROSS JOIN LATERAL (
      SELECT 'enc-' || CASE WHEN fx.keyed
                 THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('Encounter:' || a.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                 ELSE a.id::text END AS fid
  ) AS r
 WHERE gs.status = 'held'
 ORDER BY CASE WHEN fx.keyed THEN r.fid END, gs.starts_at, g.group_code COLLATE "C", fp.sort_key

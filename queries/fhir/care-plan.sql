-- FHIR export CarePlan.ndjson: the treatment plans overlapping the period or reviewed
-- in it (sel_plan). Status active while open, completed once closed; the author; the
-- plan's goals; each requirement an activity: the modality, and sessions per week as
-- a timing (1.5 a week is 3 every 2 weeks: FHIR's frequency is a whole number). The
-- plan code is the identifier in the clear only. Dates are years under --deidentify.
-- uses: x fx sel_plan fpat fstaff
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'CarePlan',
           'id', c.fid,
           'meta', fx.meta,
           'identifier', CASE WHEN NOT fx.keyed THEN json_build_array(json_build_object('system', 'urn:carelog:plan-code', 'value', tp.plan_code)) END,
           'status', CASE WHEN tp.closed_on IS NULL THEN 'active' ELSE 'completed' END,
           'intent', 'plan',
           'category', json_build_array(json_build_object('coding', json_build_array(json_build_object(
               'system', 'http://snomed.info/sct', 'code', '736353004', 'display', 'Behavioral health care plan')))),
           'subject', json_build_object('reference', fp.ref),
           'period', json_build_object(
               'start', CASE WHEN fx.deidentified THEN to_char(tp.created_on, 'YYYY') ELSE tp.created_on::text END,
               'end', CASE WHEN fx.deidentified THEN to_char(tp.closed_on, 'YYYY') ELSE tp.closed_on::text END),
           'created', CASE WHEN fx.deidentified THEN to_char(tp.created_on, 'YYYY') ELSE tp.created_on::text END,
           'author', json_build_object('reference', fs.ref),
           'goal', (SELECT json_agg(json_build_object('reference', 'Goal/goal-' || CASE WHEN fx.keyed
                               THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('Goal:' || gl.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                               ELSE gl.id::text END) ORDER BY gl.goal_code COLLATE "C")
                      FROM carelog.plan_goal AS gl WHERE gl.plan_id = tp.id),
           'activity', (SELECT json_agg(json_build_object('detail', json_build_object(
                               'code', json_build_object('coding', json_build_array(json_build_object(
                                   'system', 'urn:carelog:modality', 'code', r.modality))),
                               'status', CASE WHEN tp.closed_on IS NULL THEN 'in-progress' ELSE 'completed' END,
                               'scheduledTiming', json_build_object('repeat', json_build_object(
                                   'frequency', round(r.sessions_per_week * 100)::bigint / gcd(round(r.sessions_per_week * 100)::bigint, 100),
                                   'period', 100 / gcd(round(r.sessions_per_week * 100)::bigint, 100),
                                   'periodUnit', 'wk'))))
                               ORDER BY r.modality COLLATE "C")
                          FROM carelog.plan_requirement AS r WHERE r.plan_id = tp.id)
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN sel_plan AS tp
  JOIN fpat AS fp ON fp.id = tp.patient_id
  JOIN fstaff AS fs ON fs.id = tp.author_id
  CROSS JOIN LATERAL (
      SELECT 'plan-' || CASE WHEN fx.keyed
                 THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('CarePlan:' || tp.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                 ELSE tp.id::text END AS fid
  ) AS c
 ORDER BY CASE WHEN fx.keyed THEN c.fid ELSE tp.plan_code END COLLATE "C"

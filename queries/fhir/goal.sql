-- FHIR export Goal.ndjson: the goals of the exported plans. Status open → lifecycle
-- active; met, partially met, not met → completed with achievement achieved,
-- improving, not-achieved; discontinued → cancelled. The domain as category; the
-- description as the goal's text in the clear (the domain in its place under
-- --pseudonymize and --deidentify: free text is never written there); the target
-- date; the status date. Dates are years under --deidentify.
-- uses: x fx sel_plan fpat
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'Goal',
           'id', gf.fid,
           'meta', fx.meta,
           'lifecycleStatus', CASE gl.status WHEN 'open' THEN 'active' WHEN 'discontinued' THEN 'cancelled' ELSE 'completed' END,
           'achievementStatus', CASE WHEN gl.status IN ('met', 'partially_met', 'not_met') THEN json_build_object('coding', json_build_array(json_build_object(
               'system', 'http://terminology.hl7.org/CodeSystem/goal-achievement',
               'code', CASE gl.status WHEN 'met' THEN 'achieved' WHEN 'partially_met' THEN 'improving' ELSE 'not-achieved' END))) END,
           'category', json_build_array(json_build_object('coding', json_build_array(json_build_object(
               'system', 'urn:carelog:goal-domain', 'code', gl.domain)))),
           'description', json_build_object('text', CASE WHEN 'plan_goal.description' = ANY (x.kept) AND nullif(btrim(gl.description), '') IS NOT NULL
                                                         THEN gl.description ELSE gl.domain END),
           'subject', json_build_object('reference', fp.ref),
           'target', CASE WHEN gl.target_date IS NOT NULL THEN json_build_array(json_build_object(
               'dueDate', CASE WHEN fx.deidentified THEN to_char(gl.target_date, 'YYYY') ELSE gl.target_date::text END)) END,
           'statusDate', CASE WHEN fx.deidentified THEN to_char(gl.status_on, 'YYYY') ELSE gl.status_on::text END
       ))::text AS resource
  FROM x CROSS JOIN fx CROSS JOIN carelog.plan_goal AS gl
  JOIN sel_plan AS tp ON tp.id = gl.plan_id
  JOIN fpat AS fp ON fp.id = tp.patient_id
  CROSS JOIN LATERAL (
      SELECT 'goal-' || CASE WHEN fx.keyed
                 THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('Goal:' || gl.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                 ELSE gl.id::text END AS fid
  ) AS gf
 ORDER BY CASE WHEN fx.keyed THEN gf.fid ELSE tp.plan_code || ' ' || gl.goal_code END COLLATE "C"

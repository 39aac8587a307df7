-- FHIR export CareTeam.ndjson: one CareTeam per patient with therapist assignments
-- overlapping the period (sel_assignment): each assignment a participant with its role
-- (primary, secondary) and period (ends_on is the last day, as FHIR's Period.end).
-- The team is active while an assignment has no end or ends on or after the export's
-- day. Dates are years under --deidentify.
-- uses: x fx sel_assignment fpat fstaff
SELECT json_strip_nulls(json_build_object(
           'resourceType', 'CareTeam',
           'id', t.fid,
           'meta', fx.meta,
           'status', t.status,
           'subject', json_build_object('reference', t.ref),
           'participant', t.participants
       ))::text AS resource
  FROM x CROSS JOIN fx
  CROSS JOIN LATERAL (
      SELECT fp.ref, fp.sort_key,
             'team-' || CASE WHEN fx.keyed
                 THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('CareTeam:' || a.patient_id, 'UTF8'))) FROM 1 FOR 8), 'hex')
                 ELSE a.patient_id::text END AS fid,
             CASE WHEN bool_or(a.ends_on IS NULL OR a.ends_on >= x.disclosed_on) THEN 'active' ELSE 'inactive' END AS status,
             json_agg(json_build_object(
                 'role', CASE WHEN 'therapist_assignment.role' = ANY (x.kept) THEN json_build_array(json_build_object('coding', json_build_array(
                     json_build_object('system', 'urn:carelog:assignment-role', 'code', a.role)))) END,
                 'member', json_build_object('reference', fs.ref),
                 'period', json_build_object(
                     'start', CASE WHEN fx.deidentified THEN to_char(a.starts_on, 'YYYY') ELSE a.starts_on::text END,
                     'end', CASE WHEN fx.deidentified THEN to_char(a.ends_on, 'YYYY') ELSE a.ends_on::text END))
                 ORDER BY a.starts_on, a.role, fs.fid) AS participants
        FROM sel_assignment AS a
        JOIN fpat AS fp ON fp.id = a.patient_id
        JOIN fstaff AS fs ON fs.id = a.therapist_id
       GROUP BY a.patient_id, fp.ref, fp.sort_key
  ) AS t
 ORDER BY CASE WHEN fx.keyed THEN t.fid END, t.sort_key

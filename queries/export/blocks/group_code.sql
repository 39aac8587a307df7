-- Shared block of the export under --pseudonymize and --deidentify: each group's code
-- as those modes write it, 'GR-' and 16 hex digits of HMAC-SHA-256(key, 'group:' ||
-- group_code), as Pseudonymizer.groupCode(for:) and the audit values (sql/017,
-- treatment 'group') compute it. A group code or name may carry a patient's name or
-- MRN (an individual-therapy group of one patient): neither is written in these modes;
-- modality and gender focus are.
-- uses: x
group_code AS (
    SELECT g.id, g.group_code,
           'GR-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('group:' || g.group_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS code
      FROM x CROSS JOIN carelog.care_group AS g
    OFFSET 0
)

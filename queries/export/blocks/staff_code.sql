-- Shared block of the export under --pseudonymize and --deidentify: each staff
-- member's code as those modes write it, 'ST-' and 16 hex digits of
-- HMAC-SHA-256(key, 'staff:' || staff_id) (the keyed pseudonym, or random to the run
-- under --deidentify), as Pseudonymizer.staffCode(for:) and the audit values
-- (sql/017, treatment 'staff') compute it. Staff ids, names and credentials can
-- name a person (credentials are free text); none of them is written in these modes.
-- uses: x
-- OFFSET 0: computed once per staff member, not once per row that names one.
staff_code AS (
    SELECT sf.id, sf.staff_id,
           'ST-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('staff:' || sf.staff_id, 'UTF8'))) FROM 1 FOR 8), 'hex') AS code
      FROM x CROSS JOIN carelog.staff AS sf
    OFFSET 0
)

-- Shared block of the FHIR export: each staff member's Practitioner id, `pr-<surrogate
-- id>` in the clear, the staff code of blocks/staff_code.sql (keyed, or random to the
-- run) under --pseudonymize and --deidentify.
-- uses: fx staff_code
fstaff AS (
    SELECT sc.id, CASE WHEN fx.keyed THEN sc.code ELSE 'pr-' || sc.id END AS fid,
           'Practitioner/' || CASE WHEN fx.keyed THEN sc.code ELSE 'pr-' || sc.id END AS ref
      FROM fx CROSS JOIN staff_code AS sc
)

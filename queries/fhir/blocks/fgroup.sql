-- Shared block of the FHIR export: each group's Group id, `grp-<surrogate id>` in the
-- clear, the group code of blocks/group_code.sql (keyed, or random to the run) under
-- --pseudonymize and --deidentify.
-- uses: fx group_code
fgroup AS (
    SELECT gc.id, CASE WHEN fx.keyed THEN gc.code ELSE 'grp-' || gc.id END AS fid,
           'Group/' || CASE WHEN fx.keyed THEN gc.code ELSE 'grp-' || gc.id END AS ref
      FROM fx CROSS JOIN group_code AS gc
)

-- Shared block of the FHIR export: each patient's reference, `Patient/pt-<surrogate id>`
-- in the clear (stable in this database), `Patient/` and the keyed pseudonym or the
-- run's random identifier of blocks/patient.sql under --pseudonymize and --deidentify.
-- Only the patients of the export's patient block (all, or the consenting ones under
-- --basis consent): a row joined to it names no one else.
-- uses: fx patient
fpat AS (
    SELECT p.id, p.site_id, p.sort_key,
           CASE WHEN fx.keyed THEN p.mrn ELSE 'pt-' || p.id END AS fid,
           'Patient/' || CASE WHEN fx.keyed THEN p.mrn ELSE 'pt-' || p.id END AS ref
      FROM fx CROSS JOIN patient AS p
)

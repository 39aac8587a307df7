-- Shared block of the FHIR export: the exported episodes (sel_episode) with their
-- EpisodeOfCare id, `eoc-<surrogate id>` in the clear, `eoc-` and 16 hex digits of
-- HMAC-SHA-256(key, 'EpisodeOfCare:' || id) under --pseudonymize and --deidentify.
-- A resource refers to an episode only through this block, so that every reference
-- resolves inside the export.
-- uses: x fx sel_episode
fepisode AS (
    SELECT e.id, e.patient_id, e.admitted_on, e.discharged_on, e.level_of_care,
           'EpisodeOfCare/eoc-' || CASE WHEN fx.keyed
               THEN encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('EpisodeOfCare:' || e.id, 'UTF8'))) FROM 1 FOR 8), 'hex')
               ELSE e.id::text END AS ref
      FROM x CROSS JOIN fx CROSS JOIN sel_episode AS e
)

-- Shared block of the export under --deidentify: a patient as the files show them,
-- pseudonymised. Replaces blocks/patient.sql (see there) with the same columns less
-- the names and the date of birth.
-- uses: x
-- mrn is `P-` and the first 8 bytes, in hex, of HMAC-SHA-256(key, MRN), computed from
-- the key's inner and outer pads (RFC 2104, carelog.export_ipad/_opad) with the
-- server's sha256(): equal to Pseudonymizer.pseudonym(for:) with the same key.
-- Only the patients the export refers to (carelog.export_patients) are in it, and
-- OFFSET 0 keeps PostgreSQL from folding it into the statement, which would compute
-- the pseudonym once per attendance row instead of once per patient. Rows are
-- ordered by surrogate id (sort_key), so that their order reveals nothing about the
-- order of MRNs.
patient AS (
    SELECT p0.id, p0.site_id, p0.gender,
           'P-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to(p0.mrn, 'UTF8'))) FROM 1 FOR 8), 'hex') AS mrn,
           p0.id AS sort_key
      FROM x CROSS JOIN carelog.patient AS p0
     WHERE p0.id IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[]))
    OFFSET 0
)

-- Shared block of the export under --deidentify: a patient as the files show them.
-- Replaces blocks/patient.sql.
-- uses: x
-- mrn is 'R-' and the first 8 bytes, in hex, of HMAC-SHA-256(run key, MRN), where the
-- run key is 32 random bytes drawn for this export and never stored: consistent
-- across the bundle's files, unlinkable to the MRN and to any other export. age is
-- the age in years on the period's last day, '90+' from 90 on (Safe Harbor groups
-- ages over 89). Rows are ordered by the random identifier (sort_key), which reveals
-- nothing about the MRNs' order.
patient AS (
    SELECT p0.id, p0.site_id, p0.gender,
           'R-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to(p0.mrn, 'UTF8'))) FROM 1 FOR 8), 'hex') AS mrn,
           CASE WHEN extract(year FROM age(x.to_on, p0.date_of_birth)) >= 90 THEN '90+'
                ELSE extract(year FROM age(x.to_on, p0.date_of_birth))::int::text END AS age,
           'R-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to(p0.mrn, 'UTF8'))) FROM 1 FOR 8), 'hex') COLLATE "C" AS sort_key
      FROM x CROSS JOIN carelog.patient AS p0
     WHERE p0.id IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[]))
    OFFSET 0
)

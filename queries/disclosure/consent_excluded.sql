-- Under --basis consent, before the consent filter is set: how many of the patients the
-- period's rows refer to (carelog.export_patients, from references.sql) have no consent
-- for the recipient active on the export's date (UTC) -- the patients NOTICE.txt and
-- the disclosure record say were left out.
-- $1 text  the recipient
SELECT count(*) AS excluded
  FROM unnest(current_setting('carelog.export_patients')::bigint[]) AS p(id)
 WHERE NOT EXISTS (SELECT 1
                     FROM carelog.consent AS c
                    WHERE c.patient_id = p.id AND c.recipient = $1
                      AND c.signed_on <= current_date
                      AND (c.expires_on IS NULL OR current_date < c.expires_on)
                      AND (c.revoked_on IS NULL OR current_date < c.revoked_on))

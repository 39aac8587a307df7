-- Shared block of the export: the patients with a consent for the export's recipient
-- (x.consent_recipient, --basis consent) active on the export's date: signed on or
-- before it, not expired and not revoked on or before it (expires_on and revoked_on
-- end a consent on that day). Empty when the basis is not consent.
-- uses: x
disclosable AS (
    SELECT DISTINCT c.patient_id
      FROM x JOIN carelog.consent AS c ON c.recipient = x.consent_recipient
     WHERE c.signed_on <= x.disclosed_on
       AND (c.expires_on IS NULL OR x.disclosed_on < c.expires_on)
       AND (c.revoked_on IS NULL OR x.disclosed_on < c.revoked_on)
)

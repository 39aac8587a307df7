-- Shared block of the export: the 42 CFR Part 2 consents in force on some day of the
-- period (signed by its last day, not expired or revoked before its first: each of
-- those dates ends a consent on that day), of the site's patients. Under --basis
-- consent only the consents to the bundle's own recipient: to whom else a patient
-- consented is not the recipient's to know.
-- uses: x site_patient
sel_consent AS (
    SELECT c.*
      FROM x JOIN carelog.consent AS c ON c.signed_on <= x.to_on
     WHERE (c.expires_on IS NULL OR c.expires_on > x.from_on)
       AND (c.revoked_on IS NULL OR c.revoked_on > x.from_on)
       AND c.patient_id IN (SELECT id FROM site_patient)
       AND (x.consent_recipient IS NULL OR c.recipient = x.consent_recipient)
)

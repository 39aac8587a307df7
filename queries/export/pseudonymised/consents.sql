-- Export file consents.csv under --pseudonymize: the recipient and the purpose, free
-- text, left out (sql/017); the patient by pseudonym, the dates kept.
-- uses: x sel_consent patient
SELECT
       p.mrn AS mrn,
       c.signed_on AS signed_on,
       c.expires_on AS expires_on,
       c.revoked_on AS revoked_on
  FROM x CROSS JOIN sel_consent AS c
  JOIN patient AS p ON p.id = c.patient_id
 ORDER BY p.sort_key, c.signed_on, c.id

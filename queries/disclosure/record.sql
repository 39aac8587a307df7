-- Records one disclosure (42 CFR Part 2): the bundle, to whom, why, on which basis, by
-- whom; the login is session_user (the column's default), never a client setting.
-- Run in the transaction that records the run and publishes the bundle.
-- $1  text   the acting staff member's staff_id (--by), or NULL
-- $2  text   the command (`export`, `report monthly`)
-- $3  text   the recipient
-- $4  text   the purpose
-- $5  text   the basis (audit, consent, research, court-order, emergency)
-- $6  text   the privacy mode (clear, pseudonymized, deidentified)
-- $7  date   first day of the period, or NULL
-- $8  date   last day of the period, or NULL
-- $9  text   the site code (--site), or NULL
-- $10 int    patients left out for want of an active consent
-- $11 text   the SHA-256 of manifest.json
-- $12 jsonb  the files: [{"name", "sha256", "rows"}, …]
INSERT INTO carelog.disclosure
       (acting_staff_id, command, recipient, purpose, basis, privacy, period_from, period_to, site_code,
        patients_excluded, manifest_sha256, files)
VALUES ((SELECT id FROM carelog.staff WHERE staff_id = $1), $2, $3, $4, $5, $6, $7::date, $8::date, $9,
        $10::int, $11, $12::jsonb)
RETURNING id

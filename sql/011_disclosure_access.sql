-- =============================================================================
-- carelog — 011_disclosure_access.sql: access rules for consents and disclosures
-- =============================================================================
--
-- Migration 010 added three tables that hold patient data (patient ids, and the
-- recipients and purposes of what left the program). They get the access rules
-- of 008 (SPEC §6):
--
--   consent             read: auditors, directors (a site-limited director: its
--                       site's patients), therapists (their caseload); written by
--                       directors (the consents import kind).
--   disclosure          read: auditors and directors, and each login its own;
--   disclosure_patient  written by whoever makes a disclosure, as itself only
--                       (db_user = session_user), so an auditor writes nothing but
--                       its own run and disclosure records. Both stay append-only
--                       (010's triggers) and no role may update or delete them.
-- =============================================================================

ALTER TABLE carelog.consent            ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE carelog.disclosure         ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE carelog.disclosure_patient ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

-- Consents ------------------------------------------------------------------------

CREATE POLICY auditor_read ON carelog.consent
    FOR SELECT TO carelog_auditor USING (true);
CREATE POLICY director_all ON carelog.consent
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL OR patient_id IN (SELECT carelog.site_patient_ids()))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL OR patient_id IN (SELECT carelog.site_patient_ids()));
CREATE POLICY therapist_read ON carelog.consent
    FOR SELECT TO carelog_therapist
    USING (patient_id IN (SELECT carelog.caseload_patient_ids()));

-- Disclosures ---------------------------------------------------------------------

CREATE POLICY read_all ON carelog.disclosure
    FOR SELECT TO carelog_auditor, carelog_director USING (true);
CREATE POLICY read_own ON carelog.disclosure
    FOR SELECT TO carelog_therapist USING (db_user = session_user);
CREATE POLICY log_own ON carelog.disclosure
    FOR INSERT TO carelog_therapist, carelog_director, carelog_auditor
    WITH CHECK (db_user = session_user);

CREATE POLICY read_all ON carelog.disclosure_patient
    FOR SELECT TO carelog_auditor, carelog_director USING (true);
CREATE POLICY read_own ON carelog.disclosure_patient
    FOR SELECT TO carelog_therapist
    USING (disclosure_id IN (SELECT d.id FROM carelog.disclosure AS d));
CREATE POLICY log_own ON carelog.disclosure_patient
    FOR INSERT TO carelog_therapist, carelog_director, carelog_auditor
    WITH CHECK (disclosure_id IN (SELECT d.id FROM carelog.disclosure AS d WHERE d.db_user = session_user));

-- Grants ----------------------------------------------------------------------------

GRANT SELECT ON carelog.consent, carelog.disclosure, carelog.disclosure_patient
    TO carelog_therapist, carelog_director, carelog_auditor;
GRANT INSERT, UPDATE, DELETE ON carelog.consent TO carelog_director;
GRANT INSERT ON carelog.disclosure, carelog.disclosure_patient
    TO carelog_therapist, carelog_director, carelog_auditor;
